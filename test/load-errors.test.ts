// Bad input must give a typed error (a rejected promise), never a crash or a hang.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InferenceSession, InvalidArgumentError, ModelLoadError, OpsetError, Tensor, UnsupportedOpError } from '../src/index.js';
import { onnx } from '../src/ir/proto/onnx-pb.js';
import { buildModel, buildModelBytes } from '../src/tools/model-builder.js';
import { saveModel } from '../src/ir/save.js';

const relu = () => buildModelBytes({
  opset: 14, inputs: [['x', 'float32', [2, 2]]], outputs: [['y', 'float32', [2, 2]]],
  nodes: [{ op: 'Add', inputs: ['x', 'x'], outputs: ['y'] }],
});

/** A model whose initializer `w` lives in an external file at `location`. */
function externalModel(location: string): Uint8Array {
  const m = buildModel({ opset: 14, inputs: [['x', 'float32', [2]]], outputs: [['y', 'float32', [2]]],
    nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }] });
  const proto = onnx.ModelProto.decode(saveModel(m));
  proto.graph!.initializer = [new onnx.TensorProto({
    name: 'w', dataType: 1, dims: [2 as never], dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [new onnx.StringStringEntryProto({ key: 'location', value: location })],
  })];
  return onnx.ModelProto.encode(proto).finish();
}

describe('malformed models', () => {
  it('rejects empty bytes', async () => {
    await expect(InferenceSession.create(new Uint8Array())).rejects.toBeInstanceOf(ModelLoadError);
  });

  it('rejects garbage bytes', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    await expect(InferenceSession.create(garbage)).rejects.toBeInstanceOf(ModelLoadError);
  });

  it('rejects every truncation of a valid model with a typed error', async () => {
    const bytes = relu();
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const p = InferenceSession.create(bytes.subarray(0, cut));
      await p.then(() => undefined, (e) => expect(e).toBeInstanceOf(ModelLoadError));
    }
  });

  it('rejects a cycle and names its nodes', async () => {
    const bytes = buildModelBytes({ opset: 14, inputs: [['x', 'float32', [1]]], outputs: [['b', 'float32', [1]]],
      nodes: [
        { name: 'first', op: 'Add', inputs: ['x', 'b'], outputs: ['a'] },
        { name: 'second', op: 'Add', inputs: ['a', 'x'], outputs: ['b'] },
      ] });
    await expect(InferenceSession.create(bytes)).rejects.toThrow(/cycle through nodes 'first' \(Add\), 'second' \(Add\)/);
  });

  it('rejects a read of a value nothing produces', async () => {
    const bytes = buildModelBytes({ opset: 14, inputs: [['x', 'float32', [1]]], outputs: [['y', 'float32', [1]]],
      nodes: [{ op: 'Add', inputs: ['x', 'ghost'], outputs: ['y'] }] });
    await expect(InferenceSession.create(bytes)).rejects.toThrow(/reads 'ghost'/);
  });

  it('rejects huge initializer shapes without allocating', async () => {
    const m = onnx.ModelProto.decode(relu());
    m.graph!.initializer = [new onnx.TensorProto({ name: 'big', dataType: 1, dims: [1e6 as never, 1e6 as never] })];
    await expect(InferenceSession.create(onnx.ModelProto.encode(m).finish())).rejects.toThrow(/over the limit/);
  });

  it('rejects raw_data shorter than the dims need', async () => {
    const m = onnx.ModelProto.decode(relu());
    m.graph!.initializer = [new onnx.TensorProto({ name: 'w', dataType: 1, dims: [4 as never], rawData: new Uint8Array(8) })];
    await expect(InferenceSession.create(onnx.ModelProto.encode(m).finish())).rejects.toThrow(/needs 16 bytes of raw_data but has 8/);
  });

  it('rejects an unknown op, naming it', async () => {
    const bytes = buildModelBytes({ opset: 14, inputs: [['x', 'float32', [1]]], outputs: [['y', 'float32', [1]]],
      nodes: [{ op: 'FrobnicateV2', inputs: ['x'], outputs: ['y'] }] });
    await expect(InferenceSession.create(bytes)).rejects.toBeInstanceOf(UnsupportedOpError);
    await expect(InferenceSession.create(bytes)).rejects.toThrow(/FrobnicateV2/);
  });

  it('rejects an opset older than the op', async () => {
    const bytes = buildModelBytes({ opset: { '': 14, 'com.example': 1 }, inputs: [['x', 'float32', [1]]], outputs: [['y', 'float32', [1]]],
      nodes: [{ op: 'Add', domain: 'com.example', inputs: ['x', 'x'], outputs: ['y'] }] });
    await expect(InferenceSession.create(bytes)).rejects.toBeInstanceOf(UnsupportedOpError);
    const old = buildModelBytes({ opset: 0, inputs: [['x', 'float32', [1]]], outputs: [['y', 'float32', [1]]],
      nodes: [{ op: 'Add', inputs: ['x', 'x'], outputs: ['y'] }] });
    await expect(InferenceSession.create(old)).rejects.toBeInstanceOf(OpsetError);
  });

  it('rejects an IR version newer than supported', async () => {
    const m = onnx.ModelProto.decode(relu());
    m.irVersion = 99 as never;
    await expect(InferenceSession.create(onnx.ModelProto.encode(m).finish())).rejects.toThrow(/IR version 99/);
  });
});

describe('external data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onnx-ts-ext-'));
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(new Float32Array([10, 20]).buffer));

  it('loads data next to the model', async () => {
    writeFileSync(join(dir, 'ok.onnx'), externalModel('weights.bin'));
    const s = await InferenceSession.create(join(dir, 'ok.onnx'));
    const { y } = await s.run({ x: new Tensor('float32', [1, 2], [2]) });
    expect(Array.from((y as Tensor).data as Float32Array)).toEqual([11, 22]);
  });

  for (const location of ['../weights.bin', '/etc/passwd', 'sub/../../weights.bin', 'C:\\weights.bin']) {
    it(`rejects location '${location}' that escapes the model's folder`, async () => {
      writeFileSync(join(dir, 'bad.onnx'), externalModel(location));
      await expect(InferenceSession.create(join(dir, 'bad.onnx'))).rejects.toThrow(/escapes the model's folder/);
    });
  }

  it('rejects a symlink that leads out of the folder', async () => {
    symlinkSync('/etc/hostname', join(dir, 'link.bin'));
    writeFileSync(join(dir, 'link.onnx'), externalModel('link.bin'));
    await expect(InferenceSession.create(join(dir, 'link.onnx'))).rejects.toThrow(/escapes the model's folder/);
  });

  it('asks for the file when the model came as bytes', async () => {
    await expect(InferenceSession.create(externalModel('weights.bin'))).rejects.toThrow(/options.externalData/);
    const s = await InferenceSession.create(externalModel('weights.bin'), {
      externalData: [{ path: 'weights.bin', data: new Uint8Array(new Float32Array([1, 1]).buffer) }],
    });
    const { y } = await s.run({ x: new Tensor('float32', [1, 2], [2]) });
    expect(Array.from((y as Tensor).data as Float32Array)).toEqual([2, 3]);
  });
});

describe('bad feeds', () => {
  it('names the input, the expected and the given type', async () => {
    const s = await InferenceSession.create(relu());
    await expect(s.run({})).rejects.toThrow(/input 'x' \(float32\[2,2\]\) is missing/);
    await expect(s.run({ x: new Tensor('int32', [1, 2, 3, 4], [2, 2]) })).rejects.toThrow(/must be float32, got int32/);
    await expect(s.run({ x: new Tensor('float32', [1, 2, 3], [3]) })).rejects.toThrow(/must have shape \[2,2\], got \[3\]/);
    await expect(s.run({ x: new Tensor('float32', [1, 2, 3, 4], [2, 2]), z: null })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('operands that disagree at run time', () => {
  // Inputs without declared shapes: load-time inference cannot see the mismatch, so each kernel
  // must refuse it. The wasm MatMul with a 2-D B, and every provider's Gemm (the reference one
  // too), once multiplied A by B's leading rows as if K matched, and read C out of bounds; every
  // provider's Conv took a B of the wrong length, cpu and wasm Conv mismatched channels, and every
  // BatchNormalization statistics of the wrong length. (Where the spec's shape inference sees the
  // problem, the executor's run-time check now reports it before the kernel does.)
  const cases: { op: string; dims: number[][]; error: RegExp; attrs?: Record<string, number> }[] = [
    { op: 'MatMul', dims: [[2, 3], [4, 5]], error: /inner dims differ/ },
    { op: 'Gemm', dims: [[2, 3], [4, 5]], error: /disagree on K/ },
    { op: 'Gemm', dims: [[2, 3], [5, 4]], error: /disagree on K/, attrs: { transB: 1 } },
    { op: 'Gemm', dims: [[2, 3], [3, 5], [3]], error: /C \[3\] does not broadcast to \[2,5\]/ },
    { op: 'Conv', dims: [[1, 3, 8, 8], [4, 2, 3, 3]], error: /do not fit group 1/ },
    { op: 'Conv', dims: [[1, 3, 8, 8], [4, 3, 3, 3], [5]], error: /B \[5\] must be \[4\]/ },
    { op: 'BatchNormalization', dims: [[1, 3, 4, 4], [2], [3], [3], [3]], error: /scale(\/mean)? \[2\] must/ },
  ];
  for (const provider of ['reference', 'cpu', 'wasm']) {
    for (const { op, dims, error, attrs } of cases) {
      for (const constant of [false, true]) {
        it(`${provider}: ${op} ${dims.map((d) => `[${d}]`).join(' ')}${attrs ? ' transB' : ''}${constant ? ', B an initializer' : ''}`, async () => {
          const names = dims.map((_, i) => 'abcde'[i]);
          const tensors = dims.map((d, i) => new Tensor('float32', new Float32Array(d.reduce((x, y) => x * y, 1)).fill(i + 1), d));
          const feeds: Record<string, Tensor> = {};
          names.forEach((n, i) => { if (!(constant && i === 1)) feeds[n] = tensors[i]; });
          const bytes = buildModelBytes({
            opset: 13, nodes: [{ op, inputs: names, outputs: ['y'], name: 'mm', attrs }],
            inputs: Object.keys(feeds).map((n) => [n, 'float32'] as const), outputs: [['y', 'float32']],
            initializers: constant ? { b: tensors[1] } : {},
          });
          const s = await InferenceSession.create(bytes, { executionProviders: [provider] });
          await expect(s.run(feeds)).rejects.toThrow(new RegExp(`node 'mm'.*${error.source}`));
        });
      }
    }
  }
});

describe('run-time shape inference on nodes whose dims were unknown at load', () => {
  // The executor re-runs a node's shape inference when its input dims change (src/runtime/executor.ts,
  // checkShapes). FusedMatMul's kernels add the bias in place, so before the spec's inference
  // checked the bias, the wasm kernel returned [1,1] for a [2,1] bias that the reference broadcast.
  for (const provider of ['reference', 'cpu', 'wasm']) {
    it(`${provider}: refuses a bias that grows the product, and takes good dims before and after`, async () => {
      const bytes = buildModelBytes({
        opset: { '': 13, 'com.onnx-ts': 1 },
        nodes: [{ op: 'FusedMatMul', domain: 'com.onnx-ts', inputs: ['a', 'b', 'c'], outputs: ['y'], name: 'fm' }],
        inputs: [['a', 'float32'], ['b', 'float32'], ['c', 'float32']], outputs: [['y', 'float32']],
      });
      const s = await InferenceSession.create(bytes, { executionProviders: [provider] });
      const t = (d: number[]) => new Tensor('float32', new Float32Array(d.reduce((x, y) => x * y, 1)).fill(1), d);
      const good = { a: t([1, 2]), b: t([2, 1]), c: t([1, 1]) };
      expect(((await s.run(good)).y as Tensor).dims).toEqual([1, 1]);
      await expect(s.run({ ...good, c: t([2, 1]) })).rejects.toThrow(/node 'fm'.*bias \[2,1\] does not broadcast into the product \[1,1\]/);
      expect(((await s.run(good)).y as Tensor).data).toEqual(new Float32Array([3]));
    });
  }
});
