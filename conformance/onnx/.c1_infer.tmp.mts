import { Resize } from '../../src/ir/ops/nn/resize.js';
import { Conv } from '../../src/ir/ops/nn/conv.js';
import { MatMul } from '../../src/ir/ops/linalg/matmul.js';
import { Tensor } from '../../src/ir/tensor.js';
const t = (dims: any[], value?: Tensor, dtype: any = 'float32') => ({ type: { kind: 'tensor' }, dtype, dims, value });
const base = { version: 19, opset: 19, node: {} as any, outputCount: 1, inferSubgraph: () => [] };
const rattrs = { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', cubic_coeff_a: -0.75, exclude_outside: 0, extrapolation_value: 0, nearest_mode: 'floor', antialias: 0, keep_aspect_ratio_policy: 'stretch' };
console.log(JSON.stringify(Resize.inferShape!({ ...base, attrs: rattrs, inputs: [t(['N', 3, 10, 10]), undefined, t([4], new Tensor('float32', [1, 1, 2, 2], [4]))] } as any)));
console.log(JSON.stringify(Resize.inferShape!({ ...base, attrs: rattrs, inputs: [t(['N', 3, 'h', 10]), undefined, undefined, t([4], new Tensor('int64', [1n, 3n, 20n, 20n], [4]), 'int64')] } as any)));
console.log(JSON.stringify(Conv.inferShape!({ ...base, attrs: { auto_pad: 'NOTSET', group: 1, pads: [1, 1, 1, 1] }, inputs: [t(['N', 3, 224, 224]), t([64, 3, 3, 3])] } as any)));
console.log(JSON.stringify(Conv.inferShape!({ ...base, attrs: { auto_pad: 'NOTSET', group: 1 }, inputs: [t(['N', 3, 'H', 224]), t([64, 3, 3, 3])] } as any)));
console.log(JSON.stringify(MatMul.inferShape!({ ...base, attrs: {}, inputs: [t(['B', 'S', 64]), t([64, 128])] } as any)));
try { Conv.inferShape!({ ...base, attrs: { auto_pad: 'NOTSET', group: 1 }, inputs: [t([1, 4, 5, 5]), t([64, 3, 3, 3])] } as any); } catch (e) { console.log((e as Error).name, (e as Error).message); }
