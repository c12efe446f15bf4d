/**
 * TreeEnsembleRegressor (ai.onnx.ml, deprecated by TreeEnsemble in version 5): per-target sums
 * (or averages, mins, maxes) of the leaf votes that each input row reaches.
 * https://onnx.ai/onnx/operators/onnx_aionnxml_TreeEnsembleRegressor.html
 */
import { AttributeError, ShapeError } from '../../errors.js';
import { Tensor, readValues } from '../../tensor.js';
import { formatDims } from '../common/indexing.js';
import { defineOp } from '../spec.js';
import { POST_TRANSFORMS, postTransform } from './post-transform.js';

const MODES = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ', 'LEAF'];

/** Whether the comparison named `mode` holds (NaN fails every comparison but NEQ). */
function holds(mode: string, x: number, threshold: number): boolean {
  switch (mode) {
    case 'BRANCH_LEQ': return x <= threshold;
    case 'BRANCH_LT': return x < threshold;
    case 'BRANCH_GTE': return x >= threshold;
    case 'BRANCH_GT': return x > threshold;
    case 'BRANCH_EQ': return x === threshold;
    default: return x !== threshold; // BRANCH_NEQ
  }
}

/** Float-list attributes may come as `*_as_tensor` (double precision) instead. */
const listOrTensor = (list: number[] | undefined, tensor: Tensor | undefined): ArrayLike<number> | undefined => (tensor ? readValues(tensor) : list);

/**
 * TreeEnsembleRegressor: nodes are `(nodes_treeids, nodes_nodeids)` pairs, each tree rooted at
 * node id 0; a row walks each tree to a LEAF node, whose votes `(target_ids, target_weights)` add
 * to that tree's per-target score. Trees combine by `aggregate_function`, then `base_values` are
 * added and `post_transform` applied. A NaN feature takes the true branch where
 * `nodes_missing_value_tracks_true` says so.
 */
export const TreeEnsembleRegressor = defineOp({
  name: 'TreeEnsembleRegressor',
  domain: 'ai.onnx.ml',
  versions: [1, 3],
  removedIn: 5,
  doc: 'Decision-tree ensemble regressor (legacy node encoding): aggregated leaf votes per target.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'tensor(float)' }],
  types: { T: ['float32', 'float64', 'int64', 'int32'] },
  attributes: {
    aggregate_function: { type: 'string', default: 'SUM' },
    base_values: { type: 'floats' },
    base_values_as_tensor: { type: 'tensor', since: 3 },
    n_targets: { type: 'int' },
    nodes_falsenodeids: { type: 'ints' },
    nodes_featureids: { type: 'ints' },
    nodes_hitrates: { type: 'floats' },
    nodes_hitrates_as_tensor: { type: 'tensor', since: 3 },
    nodes_missing_value_tracks_true: { type: 'ints' },
    nodes_modes: { type: 'strings' },
    nodes_nodeids: { type: 'ints' },
    nodes_treeids: { type: 'ints' },
    nodes_truenodeids: { type: 'ints' },
    nodes_values: { type: 'floats' },
    nodes_values_as_tensor: { type: 'tensor', since: 3 },
    post_transform: { type: 'string', default: 'NONE' },
    target_ids: { type: 'ints' },
    target_nodeids: { type: 'ints' },
    target_treeids: { type: 'ints' },
    target_weights: { type: 'floats' },
    target_weights_as_tensor: { type: 'tensor', since: 3 },
  },
  inferShape: ({ inputs: [x], attrs }) => {
    if (x?.dims && x.dims.length !== 2) throw new ShapeError(`TreeEnsembleRegressor needs X of shape [N, F], got ${formatDims(x.dims)}`);
    return [{ kind: 'tensor', dtype: 'float32', dims: [x?.dims?.[0], attrs.n_targets] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const [rows, features] = x.dims;
    const xs: ArrayLike<number> = x.type === 'int64' ? Array.from(x.data as BigInt64Array, Number) : readValues(x);
    const treeIds = attrs.nodes_treeids ?? [], nodeIds = attrs.nodes_nodeids ?? [];
    const modes = attrs.nodes_modes ?? [];
    const thresholds = listOrTensor(attrs.nodes_values, attrs.nodes_values_as_tensor) ?? [];
    const weights = listOrTensor(attrs.target_weights, attrs.target_weights_as_tensor) ?? [];
    const base = listOrTensor(attrs.base_values, attrs.base_values_as_tensor);
    const tracksTrue = attrs.nodes_missing_value_tracks_true ?? [];
    const aggregate = attrs.aggregate_function;
    if (!['SUM', 'AVERAGE', 'MIN', 'MAX'].includes(aggregate)) throw new AttributeError(`TreeEnsembleRegressor: unknown aggregate_function '${aggregate}'`);
    const transform = POST_TRANSFORMS.indexOf(attrs.post_transform);
    if (transform < 0) throw new AttributeError(`TreeEnsembleRegressor: unknown post_transform '${attrs.post_transform}'`);
    for (const m of modes) if (!MODES.includes(m)) throw new AttributeError(`TreeEnsembleRegressor: unknown node mode '${m}'`);
    const targets = attrs.n_targets ?? Math.max(-1, ...(attrs.target_ids ?? [])) + 1;

    // Node index by (tree, node id), the trees in order of first appearance, and each leaf's votes.
    const key = (tree: number, node: number) => `${tree}:${node}`;
    const index = new Map<string, number>();
    const trees: number[] = [];
    treeIds.forEach((t, i) => { index.set(key(t, nodeIds[i]), i); if (!trees.includes(t)) trees.push(t); });
    const votes = new Map<number, [target: number, weight: number][]>();
    (attrs.target_ids ?? []).forEach((target, j) => {
      const node = index.get(key(attrs.target_treeids![j], attrs.target_nodeids![j]));
      if (node === undefined) throw new AttributeError(`TreeEnsembleRegressor: vote ${j} names a missing node`);
      if (!votes.has(node)) votes.set(node, []);
      votes.get(node)!.push([target, weights[j]]);
    });
    const child = (tree: number, id: number) => {
      const i = index.get(key(tree, id));
      if (i === undefined) throw new AttributeError(`TreeEnsembleRegressor: tree ${tree} has no node ${id}`);
      return i;
    };

    const out = new Float64Array(rows * targets);
    const treeScore = new Float64Array(targets);
    const voted = new Uint8Array(targets), reached = new Uint8Array(targets);
    for (let r = 0; r < rows; r++) {
      const row = r * targets;
      reached.fill(0);
      for (const tree of trees) {
        let node = child(tree, 0);
        while (modes[node] !== 'LEAF') {
          const feature = attrs.nodes_featureids![node];
          if (feature >= features) throw new ShapeError(`TreeEnsembleRegressor node ${node} reads feature ${feature}, but X has ${features}`);
          const v = xs[r * features + feature];
          const yes = (Number.isNaN(v) && tracksTrue[node] === 1) || holds(modes[node], v, thresholds[node]);
          node = child(tree, yes ? attrs.nodes_truenodeids![node] : attrs.nodes_falsenodeids![node]);
        }
        // A leaf may vote several times for a target: those votes add up within the tree.
        treeScore.fill(0);
        voted.fill(0);
        for (const [t, w] of votes.get(node) ?? []) { treeScore[t] += w; voted[t] = 1; }
        for (let t = 0; t < targets; t++) {
          if (!voted[t]) continue;
          const i = row + t;
          if (aggregate === 'MIN') out[i] = reached[t] ? Math.min(out[i], treeScore[t]) : treeScore[t];
          else if (aggregate === 'MAX') out[i] = reached[t] ? Math.max(out[i], treeScore[t]) : treeScore[t];
          else out[i] += treeScore[t];
          reached[t] = 1;
        }
      }
      for (let t = 0; t < targets; t++) {
        if (aggregate === 'AVERAGE') out[row + t] /= trees.length;
        out[row + t] += base ? base[t] : 0;
      }
      postTransform(transform, out, row, targets);
    }
    return [Tensor.fromValues('float32', [rows, targets], out)];
  },
});
