// `onnx-ts explain`: the spec, versions with what changed, and the reference kernel's file.
import { describe, expect, it, vi } from 'vitest';
import { explainCommand, diffSchemas } from '../src/cli/explain.js';
import { SCHEMA_HISTORY } from '../src/cli/schema-history.gen.js';

function capture(fn: () => number) {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  try { return { code: fn(), text: lines.join('\n') }; } finally { spy.mockRestore(); err.mockRestore(); }
}

describe('explain', () => {
  it('shows attributes with defaults at the asked opset, the history and the kernel file', () => {
    const { code, text } = capture(() => explainCommand('Squeeze', 12));
    expect(code).toBe(0);
    expect(text).toMatch(/at opset 12: version 11 applies/);
    expect(text).toMatch(/axes: ints, optional, no default/);
    expect(text).toMatch(/13: attribute 'axes' removed; input 'axes' added/);
    expect(text).toMatch(/reference kernel: src\/ir\/ops\/.*\.ts/);
  });

  it('suggests names for an unknown op', () => {
    const { code, text } = capture(() => explainCommand('Reduce'));
    expect(code).toBe(2);
    expect(text).toMatch(/did you mean .*ReduceSum/);
  });

  it('diffs schema versions from the changelog', () => {
    const h = SCHEMA_HISTORY.Reshape;
    expect(diffSchemas(h['1'], h['5'])).toEqual(expect.arrayContaining(["attribute 'shape' removed", "input 'shape' added"]));
  });
});
