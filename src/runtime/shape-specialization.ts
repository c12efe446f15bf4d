/**
 * Shape-specialized plans for models with dynamic input dims.
 *
 * A model exported with dynamic axes (batch, sequence) keeps, after optimization, the subgraphs
 * that compute shapes at run time (Shape → Gather → Unsqueeze → Concat → Reshape), and every
 * rewrite that needs static dims to prove itself safe is skipped: tinybert_dyn keeps 121 nodes
 * where the same network exported with static dims keeps 32, its attention heads are split by
 * Slice/Reshape/Transpose nodes instead of inside FusedAttention, and it ran on the wasm provider
 * at 0.94× ORT-web's speed where the static export ran at 1.9×.
 *
 * So when the same input dims come back (SPECIALIZE_AFTER runs), the session optimizes a copy of
 * its model with those dims fixed, exactly as it optimizes a static model, and runs that plan for
 * them from then on, as long as the session has met only a few distinct dims (a fixed batch and
 * length, an image size or two). Other dims keep using the generic plan. Nothing is assumed about
 * values: a plan is picked by the dims of the inputs alone, which fix every static dim in it (dims
 * that depend on values stay unknown to shape inference and are checked at run time, as in the
 * generic plan). The copy shares the initializers, so constant weights are packed once for all plans.
 *
 * Not for models with random ops: each executor draws from a stream of its own, so a second plan
 * would repeat the first plan's draws; those models keep the generic plan.
 */
import { cloneModel } from '../ir/clone.js';
import type { Graph, Model, ValueInfo } from '../ir/model.js';
import type { Value } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';
import { forEachGraph, RANDOM_OPS } from '../passes/graph-utils.js';
import { optimizeModel, type GraphOptimizationLevel } from '../passes/pipelines.js';
import type { GraphExecutor } from './executor.js';

/**
 * A plan is built on the second run with the same dims: one-off dims (a sequence length seen once)
 * cost no optimization. Optimizing tinybert_dyn's copy took 26-42 ms (6 builds in one warm
 * process), and the plan saves about 1 ms per run against the generic one (wasm, 1 thread), so
 * it pays for itself after a few dozen runs with those dims.
 */
export const SPECIALIZE_AFTER = 2;
/**
 * Distinct input dims a session may meet and still build plans, one per dims at most. Past it the
 * dims vary (text of many lengths, say): builds would rarely be reused, so none is started, and
 * the plans built before stay in use. With 24 sequence lengths in turn, tinybert_dyn averaged
 * 2.7 ms per run under an earlier rule (evict the oldest plan and build again, 8 builds in all)
 * against 2.2 ms on the generic plan alone.
 */
export const MAX_SPECIALIZED_PLANS = 4;

export class ShapeSpecializations {
  private readonly plans = new Map<string, Promise<GraphExecutor | undefined>>();
  /** Runs so far per distinct input dims, while there are at most MAX_SPECIALIZED_PLANS of them. */
  private readonly seen = new Map<string, number>();
  /** Set once more distinct dims than that came: no plan is built from then on. */
  private varying = false;
  /** Plans built so far (for tests and stats). */
  built = 0;

  private constructor(
    private readonly model: Model,
    private readonly level: GraphOptimizationLevel,
    private readonly dynamicInputs: number[],
    private readonly makeExecutor: (m: Model) => Promise<GraphExecutor>,
  ) {}

  /**
   * For an optimized model whose runnable inputs have dims that are not all static; undefined when
   * there is nothing to specialize (static inputs, optimization disabled, random ops).
   */
  static for(model: Model, level: GraphOptimizationLevel, makeExecutor: (m: Model) => Promise<GraphExecutor>): ShapeSpecializations | undefined {
    if (level === 'disabled' || hasRandomOps(model.graph)) return undefined;
    const g = model.graph;
    const dynamic: number[] = [];
    for (let i = 0; i < g.inputs.length; i++) {
      const t = g.inputs[i].type;
      if (g.initializers.has(g.inputs[i].name)) continue;
      if (t?.kind !== 'tensor') return undefined;
      if (!t.dims || t.dims.some((d) => typeof d !== 'number')) dynamic.push(i);
    }
    return dynamic.length ? new ShapeSpecializations(model, level, dynamic, makeExecutor) : undefined;
  }

  /** The plan for these inputs (by graph-input position), or undefined for the generic one. */
  async executorFor(inputs: readonly Value[]): Promise<GraphExecutor | undefined> {
    const key = this.keyOf(inputs);
    if (key === undefined) return undefined;
    const plan = this.plans.get(key);
    if (plan) return plan;
    if (this.varying) return undefined;
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    if (this.seen.size > MAX_SPECIALIZED_PLANS) {
      this.varying = true;
      this.seen.clear();
      return undefined;
    }
    if (count !== SPECIALIZE_AFTER) return undefined;
    const building = this.build(inputs);
    this.plans.set(key, building);
    return building;
  }

  private keyOf(inputs: readonly Value[]): string | undefined {
    let key = '';
    for (const i of this.dynamicInputs) {
      const v = inputs[i];
      if (!(v instanceof Tensor)) return undefined;
      key += `${v.dims.join(',')};`;
    }
    return key;
  }

  /**
   * Optimizes a copy with the inputs' dims fixed. Dims that the model cannot take make shape
   * inference throw here: the generic plan then runs them and reports the error as usual, and
   * these dims keep the generic plan.
   */
  private async build(inputs: readonly Value[]): Promise<GraphExecutor | undefined> {
    const copy = cloneModel(this.model);
    const g = copy.graph;
    for (const i of this.dynamicInputs) g.inputs[i] = withDims(g.inputs[i], (inputs[i] as Tensor).dims);
    // Intermediate types are inferred again from the fixed dims.
    g.valueInfo.clear();
    try {
      optimizeModel(copy, this.level);
      const executor = await this.makeExecutor(copy);
      this.built++;
      return executor;
    } catch {
      // Kept as the answer for these dims: the generic plan runs them from now on.
      return undefined;
    }
  }
}

function withDims(info: ValueInfo, dims: readonly number[]): ValueInfo {
  const t = info.type as Extract<ValueInfo['type'], { kind: 'tensor' }>;
  return { ...info, type: { ...t, dims: [...dims] } };
}

/** Whether a graph or its subgraphs draw from a random stream (see the module comment). */
function hasRandomOps(graph: Graph): boolean {
  let random = false;
  forEachGraph(graph, (g) => { random ||= g.nodes.some((n) => n.domain === '' && RANDOM_OPS.has(n.op)); });
  return random;
}
