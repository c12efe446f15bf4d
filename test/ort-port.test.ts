// A port of an onnxruntime example needs only the import changed: the same function, written
// against onnxruntime's API, runs on onnxruntime-node and on onnx-ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as onnxts from '../src/index.js';
import { REPO_ROOT } from '../conformance/paths.js';
import { HAS_ORT_NODE } from './peers.js';

const model = join(REPO_ROOT, 'examples/digits/model.onnx');

/** Written as the onnxruntime-node README does it; `ort` is whichever module was imported. */
async function classify(ort: typeof onnxts) {
  const session = await ort.InferenceSession.create(model);
  const pixels = Float32Array.from({ length: 2 * 64 }, (_, i) => (i % 9) / 9);
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', pixels, [2, 1, 8, 8]) };
  const results = await session.run(feeds);
  const logits = results[session.outputNames[0]] as onnxts.Tensor;
  await session.release();
  return { dims: [...logits.dims], data: Array.from(logits.data as Float32Array) };
}


describe('porting onnxruntime code', () => {
  it('runs on onnx-ts', async () => {
    const r = await classify(onnxts);
    expect(r.dims).toEqual([2, 10]);
  });

  it.skipIf(!HAS_ORT_NODE)('gives what onnxruntime-node gives (optional peer; skipped when not installed)', async () => {
    const ort = (await import('onnxruntime-node')) as unknown as typeof onnxts;
    const [ours, theirs] = await Promise.all([classify(onnxts), classify(ort)]);
    expect(ours.dims).toEqual(theirs.dims);
    ours.data.forEach((x, i) => expect(x).toBeCloseTo(theirs.data[i], 4));
  });
});
