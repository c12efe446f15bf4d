/**
 * The optimization pipelines, one ordered list of passes per graphOptimizationLevel (as in ORT):
 * 'basic' cleans up and folds, 'extended' adds the fusions into com.onnx-ts ops, 'all' adds layout
 * choices. Each level includes the levels below it. `optimizeModel` runs a level's passes in order,
 * re-inferring shapes and re-sorting the graph after every pass that changed something, and repeats
 * the list until nothing changes (at most MAX_ROUNDS times).
 */
import { InvalidArgumentError } from '../ir/errors.js';
import { prepareGraph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import { inferModel } from '../ir/shape-inference.js';
import { eliminateCommonSubexpressions } from './common-subexpression.js';
import { foldConstants } from './constant-folding.js';
import { eliminateDeadCode } from './dead-code.js';
import { foldConvAddMul } from './fold-conv-add-mul.js';
import { foldConvBatchNorm } from './fold-conv-bn.js';
import { fuseActivations } from './fuse-activation.js';
import { fuseAttention } from './fuse-attention.js';
import { fuseGelu } from './fuse-gelu.js';
import { fuseLayerNorm } from './fuse-layer-norm.js';
import { fuseMatMulAdd } from './fuse-matmul-add.js';
import { fuseSkipLayerNorm } from './fuse-skip-layer-norm.js';
import { forEachGraph, type Pass } from './graph-utils.js';
import { mergeTransposesAndReshapes } from './merge-transpose-reshape.js';
import { packGemmWeights } from './pack-weights.js';
import { removeNoOps } from './remove-noops.js';
import { shapeOfTranspose } from './shape-of-transpose.js';

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';
export const OPTIMIZATION_LEVELS: readonly GraphOptimizationLevel[] = ['disabled', 'basic', 'extended', 'all'];

interface NamedPass { name: string; run: Pass }
const pass = (name: string, run: Pass): NamedPass => ({ name, run });

const BASIC: NamedPass[] = [
  pass('constant-folding', foldConstants),
  pass('remove-noops', removeNoOps),
  pass('merge-transpose-reshape', mergeTransposesAndReshapes),
  pass('shape-of-transpose', shapeOfTranspose),
  pass('common-subexpression', eliminateCommonSubexpressions),
  pass('dead-code', eliminateDeadCode),
];

// Order matters: the Conv folds emit constant expressions that constant folding then evaluates;
// LayerNorm must exist before SkipLayerNorm; GELU before activation fusion absorbs it; the bias
// MatMul+Add fold before activation fusion so FusedMatMul carries bias and activation together.
const EXTENDED: NamedPass[] = [
  ...BASIC,
  pass('fold-conv-bn', foldConvBatchNorm),
  pass('fold-conv-add-mul', foldConvAddMul),
  pass('constant-folding', foldConstants),
  pass('fuse-layer-norm', fuseLayerNorm),
  pass('fuse-gelu', fuseGelu),
  pass('fuse-skip-layer-norm', fuseSkipLayerNorm),
  pass('fuse-attention', fuseAttention),
  pass('fuse-matmul-add', fuseMatMulAdd),
  pass('fuse-activation', fuseActivations),
  pass('dead-code', eliminateDeadCode),
];

const ALL: NamedPass[] = [
  ...EXTENDED,
  pass('pack-gemm-weights', packGemmWeights),
  pass('constant-folding', foldConstants),
  pass('dead-code', eliminateDeadCode),
];

/** The passes of each level, in order. */
export const PIPELINES: Readonly<Record<GraphOptimizationLevel, readonly NamedPass[]>> = {
  disabled: [], basic: BASIC, extended: EXTENDED, all: ALL,
};

/** Rounds of the whole list: fusions can expose new folds (and the reverse); 4 settles every model we have. */
const MAX_ROUNDS = 4;

export interface OptimizeReport {
  level: GraphOptimizationLevel;
  nodesBefore: number;
  nodesAfter: number;
  /** Rewrites made by each pass, summed over rounds. */
  rewrites: Record<string, number>;
}

/**
 * Applies `level`'s pipeline to `model` in place and leaves it shape-inferred (`valueInfo` holds the
 * final types), at every level. The model must have been loaded (functions inlined).
 */
export function optimizeModel(model: Model, level: GraphOptimizationLevel = 'all'): OptimizeReport {
  const report: OptimizeReport = { level, nodesBefore: countNodes(model), nodesAfter: 0, rewrites: {} };
  const passes = PIPELINES[level];
  if (!passes) throw new InvalidArgumentError(`unknown graphOptimizationLevel '${level}'; use one of ${OPTIMIZATION_LEVELS.join(', ')}`);
  if (!passes.length) inferModel(model);
  else {
    reprepare(model);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let changed = 0;
      for (const p of passes) {
        const n = p.run(model);
        if (!n) continue;
        changed += n;
        report.rewrites[p.name] = (report.rewrites[p.name] ?? 0) + n;
        reprepare(model);
      }
      if (!changed) break;
    }
  }
  report.nodesAfter = countNodes(model);
  return report;
}

/**
 * Re-sorts every graph topologically, recomputes which outer values subgraphs read (dropping the
 * stale lists first: prepareGraph only sets non-empty ones) and re-infers shapes.
 */
function reprepare(model: Model): void {
  forEachGraph(model.graph, (g) => { for (const n of g.nodes) delete n.implicitInputs; });
  prepareGraph(model.graph, new Set());
  inferModel(model);
}

/** Nodes of the main graph (subgraph nodes not counted). */
export function countNodes(model: Model): number {
  return model.graph.nodes.length;
}

/** Node count per op ('domain.op' for non-default domains). */
export function opHistogram(model: Model): Record<string, number> {
  const h: Record<string, number> = {};
  for (const n of model.graph.nodes) {
    const key = n.domain ? `${n.domain}.${n.op}` : n.op;
    h[key] = (h[key] ?? 0) + 1;
  }
  return h;
}
