// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: src/ir/ops/fused/skip-layer-norm.ts
// template: codegen/wasm/templates/transformer.ts
// variant: layernorm-f32-x4-wasmsimd ((none)), from codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for layernorm-f32-x4-wasmsimd (816 bytes). */
export const layernorm_f32_x4__wasmsimd: WasmModuleSource = {
  variant: 'layernorm-f32-x4-wasmsimd',
  template: 'layernorm',
  params: {},
  memoryFlagsOffset: 38,
  base64:
    'AGFzbQEAAAABDQFgCX9/f39/f39/fQACEgEDZW52Bm1lbW9yeQIBAYCABAMCAQAHDQEJbGF5ZXJub3JtAAAK7wUB7AUEBX8EewF/' +
    'A3sgB0ECdCELIAtBQHEhEkEAIQkCQANAIAkgBk4NASAJIAtsIQ0gACANaiEMIAEEQCAFBH8gBQUgBAsgDWohDEEAIQoCQANAIAog' +
    'C04NASAMIApqIAAgDWogCmr9AAQAIAEgDWogCmr9AAQA/eQB/QsEACAKQRBqIQoMAAsLC0MAAAAA/RMhDkMAAAAA/RMhE0MAAAAA' +
    '/RMhFEMAAAAA/RMhFUEAIQoCQANAIAogEk4NASAOIAwgCmr9AAQA/eQBIQ4gEyAMIApq/QAEEP3kASETIBQgDCAKav0ABCD95AEh' +
    'FCAVIAwgCmr9AAQw/eQBIRUgCkHAAGohCgwACwsgEiEKAkADQCAKIAtODQEgDiAMIApq/QAEAP3kASEOIApBEGohCgwACwsgDiAT' +
    '/eQBIBQgFf3kAf3kASEOIA79HwAgDv0fAZIgDv0fApIgDv0fA5IgB7KV/RMhEEMAAAAA/RMhDkMAAAAA/RMhE0MAAAAA/RMhFEMA' +
    'AAAA/RMhFUEAIQoCQANAIAogEk4NASAOIAwgCmr9AAQAIBD95QEiDyAP/eYB/eQBIQ4gEyAMIApq/QAEECAQ/eUBIg8gD/3mAf3k' +
    'ASETIBQgDCAKav0ABCAgEP3lASIPIA/95gH95AEhFCAVIAwgCmr9AAQwIBD95QEiDyAP/eYB/eQBIRUgCkHAAGohCgwACwsgEiEK' +
    'AkADQCAKIAtODQEgDiAMIApq/QAEACAQ/eUBIg8gD/3mAf3kASEOIApBEGohCgwACwsgDiAT/eQBIBQgFf3kAf3kASEOQwAAgD8g' +
    'Dv0fACAO/R8BkiAO/R8CkiAO/R8DkiAHspUgCJKRlf0TIRFBACEKAkADQCAKIAtODQEgBCANaiAKaiAMIApq/QAEACAQ/eUBIBH9' +
    '5gEgAiAKav0ABAD95gEgAwR7IAMgCmr9AAQABUMAAAAA/RML/eQB/QsEACAKQRBqIQoMAAsLIAlBAWohCQwACwsL',
};
