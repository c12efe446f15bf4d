/**
 * Reads ONNX backend-test folders: `model.onnx` plus `test_data_set_K/input_I.pb` and `output_J.pb`.
 * `input_I` is the I-th graph input that is not an initializer. Node-only (reads files).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../ir/model.js';
import type { Value } from '../ir/ops/spec.js';
import { decodeValue } from '../ir/value-proto.js';

export interface TestDataSet {
  name: string;
  inputs: Record<string, Value>;
  outputs: Record<string, Value>;
}

/** The data sets next to a loaded model, in order (`test_data_set_0`, `_1`, …). */
export function readDataSets(folder: string, model: Model): TestDataSet[] {
  if (!existsSync(folder)) return [];
  const sets = readdirSync(folder).filter((d) => d.startsWith('test_data_set_')).sort((a, b) => setIndex(a) - setIndex(b));
  const inputs = model.graph.inputs.filter((v) => !model.graph.initializers.has(v.name));
  return sets.map((name) => {
    const dir = join(folder, name);
    const read = (prefix: string, infos: typeof inputs) => {
      const out: Record<string, Value> = {};
      infos.forEach((info, i) => {
        const file = join(dir, `${prefix}_${i}.pb`);
        if (existsSync(file)) out[info.name] = decodeValue(readFileSync(file), info.type);
      });
      return out;
    };
    return { name, inputs: read('input', inputs), outputs: read('output', model.graph.outputs) };
  });
}

function setIndex(name: string): number {
  return Number(name.slice('test_data_set_'.length));
}
