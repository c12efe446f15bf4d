// Tracing (every intermediate as .npy + index.json, NaN/Inf flagged) and profiling (Chrome trace).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { InferenceSession, Tensor } from '../src/index.js';
import { readNpy } from '../src/io/npy.js';
import { buildModelBytes } from '../src/tools/model-builder.js';
import { REPO_ROOT } from '../conformance/paths.js';

const digits = join(REPO_ROOT, 'examples/digits/model.onnx');
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'conformance/schemas/chrome-trace.schema.json'), 'utf8'));
const image = () => new Tensor('float32', new Float32Array(2 * 64).map((_, i) => (i % 17) / 17), [2, 1, 8, 8]);

describe('trace', () => {
  it('writes every intermediate as .npy with an index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-ts-trace-'));
    // Unoptimized, so the trace shows the model's own nodes (fusion would merge Conv and Relu).
    const session = await InferenceSession.create(digits, { graphOptimizationLevel: 'disabled' });
    const { logits } = await session.run({ image: image() }, { trace: dir });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.entries.map((e: { op: string }) => e.op)).toEqual(['Conv', 'Relu', 'MaxPool', 'Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm']);
    const last = index.entries.at(-1).outputs[0];
    expect(last).toMatchObject({ name: 'logits', dtype: 'float32', dims: [2, 10], nonFinite: false });
    const saved = readNpy(readFileSync(join(dir, last.file)));
    expect(Array.from(saved.data as Float32Array)).toEqual(Array.from((logits as Tensor).data as Float32Array));
    expect(index.nonFinite).toEqual([]);
  });

  it('flags the first node that produces NaN or Inf', async () => {
    const bytes = buildModelBytes({ opset: 14, inputs: [['x', 'float32', [2]]], outputs: [['z', 'float32', [2]]],
      nodes: [
        { name: 'ok', op: 'Add', inputs: ['x', 'x'], outputs: ['y'] },
        { name: 'divides_by_zero', op: 'Div', inputs: ['y', 'x'], outputs: ['z'] },
      ] });
    const dir = mkdtempSync(join(tmpdir(), 'onnx-ts-trace-'));
    const session = await InferenceSession.create(bytes);
    await session.run({ x: new Tensor('float32', [0, 1], [2]) }, { trace: dir });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.nonFinite).toEqual(['divides_by_zero']);
    expect(index.entries[1].outputs[0].stats.nan).toBe(1);
  });
});

describe('profile', () => {
  it('is a valid Chrome trace with one event per node, naming op, provider, variant and shapes', async () => {
    const session = await InferenceSession.create(digits, { executionProviders: ['reference'], graphOptimizationLevel: 'disabled', enableProfiling: true, profileFilePrefix: join(mkdtempSync(join(tmpdir(), 'onnx-ts-prof-')), 'p') });
    await session.run({ image: image() });
    const file = await session.endProfiling();
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
    expect(validate(trace), JSON.stringify(validate.errors)).toBe(true);
    expect(trace.traceEvents).toHaveLength(8);
    expect(trace.traceEvents[0]).toMatchObject({ ph: 'X', cat: 'Node', args: { op_name: 'Conv', provider: 'reference', kernel_variant: 'reference', input_shapes: ['float32[2,1,8,8]', 'float32[8,1,3,3]', 'float32[8]'], output_shapes: ['float32[2,8,8,8]'] } });
  });

  it('rejects a schema-breaking event (the check can fail)', () => {
    const validate = new Ajv({ allowUnionTypes: true }).compile(schema);
    expect(validate({ traceEvents: [{ name: 'n', ph: 'X', ts: 0, pid: 1, tid: 1 }] })).toBe(false);
  });
});
