/**
 * Writes a single-node ONNX test folder (`model.onnx` + `test_data_set_0/{input,output}_K.pb`):
 * the node as it ran, the real inputs it saw, and the reference outputs. Any ONNX runtime (or the
 * ONNX backend-test runner) can replay it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model, Node, ValueInfo, ValueType } from '../ir/model.js';
import type { Value } from '../ir/ops/spec.js';
import { saveModel } from '../ir/save.js';
import { Tensor } from '../ir/tensor.js';
import { encodeValue } from '../ir/value-proto.js';
import { subgraphsOf } from '../ir/graph.js';

function typeOf(v: Value | undefined): ValueType | undefined {
  if (v instanceof Tensor) return { kind: 'tensor', dtype: v.type, dims: [...v.dims] };
  if (Array.isArray(v)) return { kind: 'sequence', elem: typeOf(v[0]) };
  return undefined;
}

/** Writes the repro; throws when the node reads outer-scope values through subgraphs. */
export function writeSingleNodeTest(dir: string, model: Model, node: Node, values: ReadonlyMap<string, Value>): void {
  if (subgraphsOf(node).length) throw new Error(`node '${node.name}' (${node.op}) has subgraphs; a single-node repro cannot carry their outer-scope values`);
  const inputNames = [...new Set(node.inputs.filter(Boolean))];
  const inputs: ValueInfo[] = inputNames.map((name) => ({ name, type: typeOf(values.get(name)) }));
  const outputs: ValueInfo[] = node.outputs.filter(Boolean).map((name) => ({ name, type: typeOf(values.get(name)) ?? model.graph.valueInfo.get(name)?.type }));
  const single: Model = {
    ...model,
    producerName: 'onnx-ts repro',
    graph: { name: `repro_${node.op}`, nodes: [node], inputs, outputs, initializers: new Map(), valueInfo: new Map() },
    functions: [],
  };
  mkdirSync(join(dir, 'test_data_set_0'), { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), saveModel(single));
  inputNames.forEach((name, i) => writeFileSync(join(dir, 'test_data_set_0', `input_${i}.pb`), encodeValue(values.get(name) ?? null, name)));
  outputs.forEach((o, i) => writeFileSync(join(dir, 'test_data_set_0', `output_${i}.pb`), encodeValue(values.get(o.name) ?? null, o.name)));
}
