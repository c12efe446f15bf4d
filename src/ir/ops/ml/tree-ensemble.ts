/**
 * TreeEnsemble (ai.onnx.ml, version 5): sums (or averages, mins, maxes) the leaf weights reached
 * by each input row in a set of decision trees, per target.
 * https://onnx.ai/onnx/operators/onnx_aionnxml_TreeEnsemble.html
 */
import { AttributeError, ShapeError } from '../../errors.js';
import { Tensor, readValues } from '../../tensor.js';
import { formatDims } from '../common/indexing.js';
import { defineOp } from '../spec.js';
import { postTransform } from './post-transform.js';

/** nodes_modes values. */
const enum Mode { LEQ = 0, LT = 1, GTE = 2, GT = 3, EQ = 4, NEQ = 5, MEMBER = 6 }

/** Whether a node's condition holds for feature value `x` (NaN fails every comparison but NEQ). */
function branchTrue(mode: number, x: number, split: number, members: Set<number> | undefined): boolean {
  switch (mode) {
    case Mode.LEQ: return x <= split;
    case Mode.LT: return x < split;
    case Mode.GTE: return x >= split;
    case Mode.GT: return x > split;
    case Mode.EQ: return x === split;
    case Mode.NEQ: return x !== split;
    case Mode.MEMBER: return members!.has(x);
    default: throw new AttributeError(`TreeEnsemble: unknown node mode ${mode}`);
  }
}

/** membership_values lists one NaN-terminated set per BRANCH_MEMBER node, in node order. */
function memberSets(modes: ArrayLike<number>, values: ArrayLike<number> | undefined): (Set<number> | undefined)[] {
  const sets: (Set<number> | undefined)[] = [];
  let pos = 0;
  for (let i = 0; i < modes.length; i++) {
    if (modes[i] !== Mode.MEMBER) { sets.push(undefined); continue; }
    if (!values) throw new AttributeError('TreeEnsemble has BRANCH_MEMBER nodes but no membership_values');
    const set = new Set<number>();
    while (pos < values.length && !Number.isNaN(values[pos])) set.add(values[pos++]);
    pos++; // the NaN delimiter
    sets.push(set);
  }
  return sets;
}

/** aggregate_function values: how the leaves a row reaches combine within a target. */
const AGGREGATES = ['AVERAGE', 'SUM', 'MIN', 'MAX'] as const;

/**
 * TreeEnsemble: each row walks every tree from its root (`tree_roots`) through interior nodes
 * (`nodes_*`) to a leaf (`leaf_*`), whose weight goes to target `leaf_targetids`. Targets combine
 * their leaves by `aggregate_function`; targets reached by no leaf are 0; then `post_transform`.
 * A NaN feature takes the true branch where `nodes_missing_value_tracks_true` says so.
 */
export const TreeEnsemble = defineOp({
  name: 'TreeEnsemble',
  domain: 'ai.onnx.ml',
  versions: [5],
  doc: 'Decision-tree ensemble: aggregated leaf weights per target for each input row.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: ['float32', 'float64', 'float16'] },
  attributes: {
    aggregate_function: { type: 'int', default: 1 },
    leaf_targetids: { type: 'ints', required: true },
    leaf_weights: { type: 'tensor', required: true },
    membership_values: { type: 'tensor' },
    n_targets: { type: 'int' },
    nodes_falseleafs: { type: 'ints', required: true },
    nodes_falsenodeids: { type: 'ints', required: true },
    nodes_featureids: { type: 'ints', required: true },
    nodes_hitrates: { type: 'tensor' },
    nodes_missing_value_tracks_true: { type: 'ints' },
    nodes_modes: { type: 'tensor', required: true },
    nodes_splits: { type: 'tensor', required: true },
    nodes_trueleafs: { type: 'ints', required: true },
    nodes_truenodeids: { type: 'ints', required: true },
    post_transform: { type: 'int', default: 0 },
    tree_roots: { type: 'ints', required: true },
  },
  inferShape: ({ inputs: [x], attrs }) => {
    if (x?.dims && x.dims.length !== 2) throw new ShapeError(`TreeEnsemble needs X of shape [N, F], got ${formatDims(x.dims)}`);
    const targets = attrs.n_targets ?? Math.max(-1, ...attrs.leaf_targetids) + 1;
    return [{ kind: 'tensor', dtype: x?.dtype, dims: [x?.dims?.[0], targets] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const [rows, features] = x.dims;
    const xs = readValues(x);
    const targets = attrs.n_targets ?? Math.max(-1, ...attrs.leaf_targetids) + 1;
    const aggregate = AGGREGATES[attrs.aggregate_function];
    if (!aggregate) throw new AttributeError(`TreeEnsemble: unknown aggregate_function ${attrs.aggregate_function}`);
    const modes = readValues(attrs.nodes_modes), splits = readValues(attrs.nodes_splits);
    const weights = readValues(attrs.leaf_weights);
    const sets = memberSets(modes, attrs.membership_values && readValues(attrs.membership_values));
    const tracksTrue = attrs.nodes_missing_value_tracks_true ?? [];
    const out = new Float64Array(rows * targets);
    const reached = new Uint8Array(targets);
    for (let r = 0; r < rows; r++) {
      const row = r * targets;
      reached.fill(0);
      for (const root of attrs.tree_roots) {
        let node = root;
        // Walk interior nodes until a branch points at a leaf.
        for (;;) {
          const feature = attrs.nodes_featureids[node];
          if (feature >= features) throw new ShapeError(`TreeEnsemble node ${node} reads feature ${feature}, but X has ${features}`);
          const v = xs[r * features + feature];
          const yes = (Number.isNaN(v) && tracksTrue[node] === 1) || branchTrue(modes[node], v, splits[node], sets[node]);
          const next = yes ? attrs.nodes_truenodeids[node] : attrs.nodes_falsenodeids[node];
          if (yes ? attrs.nodes_trueleafs[node] : attrs.nodes_falseleafs[node]) { node = next; break; }
          node = next;
        }
        const t = attrs.leaf_targetids[node], w = weights[node];
        const i = row + t;
        if (aggregate === 'MIN') out[i] = reached[t] ? Math.min(out[i], w) : w;
        else if (aggregate === 'MAX') out[i] = reached[t] ? Math.max(out[i], w) : w;
        else out[i] += w;
        reached[t] = 1;
      }
      if (aggregate === 'AVERAGE') for (let t = 0; t < targets; t++) out[row + t] /= attrs.tree_roots.length;
      postTransform(attrs.post_transform, out, row, targets);
    }
    return [Tensor.fromValues(x.type, [rows, targets], out)];
  },
});
