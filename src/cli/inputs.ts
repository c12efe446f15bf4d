/**
 * Inputs for `run`: from `--input name=file` (.npy or .pb), else the test data next to the model,
 * else deterministic random data. Always says which.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Model, ValueInfo } from '../ir/model.js';
import type { Value } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';
import { decodeValue } from '../ir/value-proto.js';
import { readDataSets } from '../io/test-folder.js';
import { readNpy } from '../io/npy.js';
import { createRandom } from '../runtime/random.js';

export interface ChosenInputs {
  feeds: Record<string, Value>;
  expected?: Record<string, Value>;
  source: string;
}

export interface ChooseOptions {
  /** Skip test data, use random data. */
  randomOnly?: boolean;
  /** Read inputs from this test_data_set folder. */
  dataSet?: string;
}

export function chooseInputs(model: Model, modelPath: string, specs: string[], seed: number, opts: ChooseOptions = {}): ChosenInputs {
  const runnable = model.graph.inputs.filter((v) => !model.graph.initializers.has(v.name));
  if (opts.dataSet) {
    const feeds: Record<string, Value> = {};
    runnable.forEach((info, i) => { feeds[info.name] = decodeValue(readFileSync(join(opts.dataSet!, `input_${i}.pb`)), info.type); });
    return { feeds, source: `from ${opts.dataSet}` };
  }
  if (specs.length) {
    const feeds: Record<string, Value> = {};
    for (const spec of specs) {
      const eq = spec.indexOf('=');
      const [name, file] = eq > 0 ? [spec.slice(0, eq), spec.slice(eq + 1)] : [runnable[Object.keys(feeds).length]?.name, spec];
      const info = runnable.find((v) => v.name === name);
      if (!info) throw new Error(`--input ${spec}: the model has no input '${name}'; inputs are ${runnable.map((v) => v.name).join(', ')}`);
      const bytes = readFileSync(file);
      feeds[name] = file.endsWith('.npy') ? readNpy(bytes) : decodeValue(bytes, info.type);
    }
    return { feeds, source: `from ${specs.join(', ')}` };
  }
  const folder = dirname(modelPath);
  const [first] = opts.randomOnly ? [] : readDataSets(folder, model);
  if (first && runnable.every((v) => v.name in first.inputs)) {
    return { feeds: first.inputs, expected: first.outputs, source: `test data next to the model (${join(folder, first.name)})` };
  }
  const random = createRandom(seed);
  const feeds: Record<string, Value> = {};
  for (const info of runnable) feeds[info.name] = randomTensor(info, random.next);
  return { feeds, source: `deterministic random data (seed ${seed}; symbolic dims set to 1)` };
}

function randomTensor(info: ValueInfo, next: () => number): Tensor {
  const t = info.type;
  if (t?.kind !== 'tensor' || !t.dtype) throw new Error(`cannot make random data for input '${info.name}' (type unknown or not a tensor); pass --input`);
  const dims = (t.dims ?? []).map((d) => (typeof d === 'number' ? d : 1));
  const n = dims.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, () => {
    const u = next();
    if (t.dtype === 'bool') return u < 0.5 ? 0 : 1;
    if (t.dtype!.startsWith('int') || t.dtype!.startsWith('uint')) return Math.floor(u * 10);
    return u * 2 - 1;
  });
  return Tensor.fromValues(t.dtype, dims, values);
}
