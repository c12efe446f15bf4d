/**
 * The generated WASM modules: each validates and disassembles with wabt (an independent decoder),
 * and the committed files match what the templates emit now (the same check as codegen:check).
 */
import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { emitVariant, readVariants } from '../../codegen/wasm/generate.js';
import { WASM_MODULES } from '../../src/kernels/wasm/modules.gen.js';

const wabt = await wabtInit();
const FEATURES = { simd: true, relaxed_simd: true, threads: true, bulk_memory: true };

describe('generated WASM modules', () => {
  for (const v of readVariants()) {
    it(`${v.name} validates and disassembles with wabt`, () => {
      const src = WASM_MODULES[v.name];
      expect(src, `${v.name} is listed in modules.gen.ts`).toBeDefined();
      const bytes = new Uint8Array(Buffer.from(src.base64, 'base64'));
      const mod = wabt.readWasm(bytes, { readDebugNames: false, ...FEATURES });
      mod.validate();
      const wat = mod.toText({});
      expect(wat).toContain('(import "env" "memory" (memory');
      if (v.params.relaxed) expect(wat).toContain('f32x4.relaxed_madd');
      mod.destroy();
    });

    it(`${v.name} is what the template emits (no drift)`, () => {
      const bytes = Buffer.from(WASM_MODULES[v.name].base64, 'base64');
      expect(Buffer.from(emitVariant(v).bytes).equals(bytes)).toBe(true);
    });
  }
});
