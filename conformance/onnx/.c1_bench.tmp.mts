import { convForward } from '../../src/ir/ops/nn/conv.js';
import { windowGeometry } from '../../src/ir/ops/common/conv-shapes.js';
const x = new Float32Array(64 * 56 * 56).map(() => Math.random());
const w = new Float32Array(64 * 64 * 9).map(() => Math.random());
const geo = windowGeometry([56, 56], [3, 3], { pads: [1, 1, 1, 1] });
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  convForward(x, [1, 64, 56, 56], w, [64, 64, 3, 3], undefined, geo, 1);
  console.log('conv 3x3 64->64 56x56', Math.round(performance.now() - t), 'ms');
}
{
const x = new Float32Array(512 * 7 * 7).map(() => Math.random());
const w = new Float32Array(512 * 512 * 9).map(() => Math.random());
const geo = windowGeometry([7, 7], [3, 3], { pads: [1, 1, 1, 1] });
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  convForward(x, [1, 512, 7, 7], w, [512, 512, 3, 3], undefined, geo, 1);
  console.log('conv 3x3 512->512 7x7', Math.round(performance.now() - t), 'ms');
}
}
