/**
 * Common-subexpression elimination: two nodes with the same op, domain, inputs and attributes
 * compute the same values, so the later one is dropped and its readers read the earlier one's
 * outputs. Identical constants (same dtype, dims and bytes) are merged first, so that nodes over
 * equal copies of a constant also match.
 *
 * Not merged: random ops (each draw differs), nodes with subgraphs (compared by identity only, not
 * worth a deep comparison), and nodes whose outputs are graph outputs (their names must survive).
 */
import { subgraphsOf } from '../ir/graph.js';
import type { Attribute, Graph, Model, Node } from '../ir/model.js';
import { Tensor } from '../ir/tensor.js';
import { RANDOM_OPS, eachGraph, isGraphOutput, removeNode, renameUses } from './graph-utils.js';

export const eliminateCommonSubexpressions = (model: Model): number => eachGraph(model, (g) => mergeConstants(g) + cseGraph(g));

function cseGraph(graph: Graph): number {
  const seen = new Map<string, Node>();
  let merged = 0;
  for (const node of [...graph.nodes]) {
    if (RANDOM_OPS.has(node.op) || subgraphsOf(node).length) continue;
    const key = nodeKey(node);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (!first) { seen.set(key, node); continue; }
    if (node.outputs.some((o) => o && isGraphOutput(graph, o)) || first.outputs.length !== node.outputs.length) continue;
    if (node.outputs.some((o, i) => o && !first.outputs[i])) continue;
    removeNode(graph, node);
    node.outputs.forEach((o, i) => { if (o) renameUses(graph, o, first.outputs[i]); });
    merged++;
  }
  return merged;
}

function nodeKey(node: Node): string | undefined {
  const attrs: string[] = [];
  for (const a of [...node.attributes.values()].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const v = attrKey(a);
    if (v === undefined) return undefined;
    attrs.push(`${a.name}=${v}`);
  }
  return `${node.domain}|${node.op}|${node.inputs.join(',')}|${node.outputs.length}|${attrs.join(';')}`;
}

function attrKey(a: Attribute): string | undefined {
  if (a.value instanceof Tensor) return a.value.size <= 1024 ? `${a.value.type}[${a.value.dims}]${Array.from(a.value.data as ArrayLike<unknown>).join(',')}` : undefined;
  if (a.type === 'tensors' || a.type === 'graph' || a.type === 'graphs' || a.type === 'sparse_tensor' || a.type === 'sparse_tensors') return undefined;
  return JSON.stringify(a.value);
}

/** Merges initializers with equal dtype, dims and contents (graph inputs and outputs excepted). */
function mergeConstants(graph: Graph): number {
  const protectedNames = new Set([...graph.inputs.map((v) => v.name), ...graph.outputs.map((v) => v.name)]);
  const buckets = new Map<string, [string, Tensor][]>();
  let merged = 0;
  for (const [name, t] of [...graph.initializers]) {
    if (protectedNames.has(name) || t.type === 'string' || t.location !== 'cpu') continue;
    const key = `${t.type}[${t.dims}]`;
    const bucket = buckets.get(key) ?? [];
    const same = bucket.find(([, u]) => sameBytes(u, t));
    if (same) {
      graph.initializers.delete(name);
      renameUses(graph, name, same[0]);
      merged++;
    } else {
      bucket.push([name, t]);
      buckets.set(key, bucket);
    }
  }
  return merged;
}

function sameBytes(a: Tensor, b: Tensor): boolean {
  const x = a.data as ArrayLike<number> & ArrayBufferView, y = b.data as ArrayLike<number> & ArrayBufferView;
  if (x.byteLength !== y.byteLength) return false;
  const u = new Uint8Array(x.buffer, x.byteOffset, x.byteLength), v = new Uint8Array(y.buffer, y.byteOffset, y.byteLength);
  for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  return true;
}
