// `npm run codegen:check` must be able to fail: regenerate the cpu kernels in memory, see that they
// match what is committed, then edit one generated string in memory and see the check report it.
import { describe, expect, it } from 'vitest';
import { checkDrift, ROOT, type GeneratedSet } from '../../codegen/main.js';
import { CPU_OUT_DIR, generateCpu } from '../../codegen/cpu/generate.js';

describe('codegen:check (cpu)', () => {
  it('matches the committed files, and reports an edited or missing file as drift', () => {
    const files = generateCpu(ROOT);
    const set: GeneratedSet = { name: 'cpu', owns: [CPU_OUT_DIR], files };
    expect(checkDrift([set])).toEqual([]);

    const path = `${CPU_OUT_DIR}/relu-f32-flat-ts.gen.ts`;
    const edited = new Map(files);
    edited.set(path, files.get(path)!.replace('x < 0 ? 0 : x', 'x < 0 ? 0 : 2 * x'));
    expect(checkDrift([{ ...set, files: edited }])).toEqual([`cpu: ${path} differs from what codegen/cpu generates`]);

    // A variant removed from the list leaves its committed file stale.
    const fewer = new Map(files);
    fewer.delete(path);
    expect(checkDrift([{ ...set, files: fewer }])).toEqual([`cpu: ${path} is stale (no variant generates it)`]);
  }, 120_000);

  it('every generated file starts with the do-not-edit header naming spec, template and variant', () => {
    for (const [path, text] of generateCpu(ROOT)) {
      expect(text.startsWith('/*\n * generated, do not edit'), path).toBe(true);
      expect(text).toMatch(/ \* spec: .*\n \* template: .*\n \* variant: /);
    }
  }, 120_000);
});
