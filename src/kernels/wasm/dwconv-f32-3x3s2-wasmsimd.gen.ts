// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: src/ir/ops/nn/conv.ts
// template: codegen/wasm/templates/conv.ts
// variant: dwconv-f32-3x3s2-wasmsimd (stride=2), from codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for dwconv-f32-3x3s2-wasmsimd (1014 bytes). */
export const dwconv_f32_3x3s2__wasmsimd: WasmModuleSource = {
  variant: 'dwconv-f32-3x3s2-wasmsimd',
  template: 'dwconv3x3',
  params: {"stride":2},
  memoryFlagsOffset: 47,
  base64:
    'AGFzbQEAAAABFgFgEn9/f39/f39/f39/f39/f399fQACEgEDZW52Bm1lbW9yeQIBAYCABAMCAQAHDQEJZHdjb252M3gzAAAKrAcB' +
    'qQcDBn8Oewp/QwAAAAD9EyEjIBD9EyEkIBH9EyElIA1BAnQhJiADIRZBACESAkADQCASIARODQFBACETAkADQCATIAVODQEgDiAT' +
    'IApqIA1sIAtqQQJ0aiAAIBIgBWwgE2ogBmxBAnRqIAZBAnT8CgAAIBNBAWohEwwACwsgASASQSRsav0JAgAhGCABIBJBJGxq/QkC' +
    'BCEZIAEgEkEkbGr9CQIIIRogASASQSRsav0JAgwhGyABIBJBJGxq/QkCECEcIAEgEkEkbGr9CQIUIR0gASASQSRsav0JAhghHiAB' +
    'IBJBJGxq/QkCHCEfIAEgEkEkbGr9CQIgISAgAgR7IAIgEkECdGr9CQIABSAjCyEiQQAhFAJAA0AgFCAHTg0BIA4gFEECbCAmbGoh' +
    'F0EAIRUCQANAIBUgCE4NASAiISEgISAYIBcgJkEAbGogFUEDdGohJyAn/QAEACAn/QAEEP0NAAECAwgJCgsQERITGBkaG/3mAf3k' +
    'ASEhICEgGSAXICZBAGxqIBVBA3RqISggKP0ABAQgKP0ABBT9DQABAgMICQoLEBESExgZGhv95gH95AEhISAhIBogFyAmQQBsaiAV' +
    'QQN0aiEpICn9AAQIICn9AAQY/Q0AAQIDCAkKCxAREhMYGRob/eYB/eQBISEgISAbIBcgJkEBbGogFUEDdGohKiAq/QAEACAq/QAE' +
    'EP0NAAECAwgJCgsQERITGBkaG/3mAf3kASEhICEgHCAXICZBAWxqIBVBA3RqISsgK/0ABAQgK/0ABBT9DQABAgMICQoLEBESExgZ' +
    'Ghv95gH95AEhISAhIB0gFyAmQQFsaiAVQQN0aiEsICz9AAQIICz9AAQY/Q0AAQIDCAkKCxAREhMYGRob/eYB/eQBISEgISAeIBcg' +
    'JkECbGogFUEDdGohLSAt/QAEACAt/QAEEP0NAAECAwgJCgsQERITGBkaG/3mAf3kASEhICEgHyAXICZBAmxqIBVBA3RqIS4gLv0A' +
    'BAQgLv0ABBT9DQABAgMICQoLEBESExgZGhv95gH95AEhISAhICAgFyAmQQJsaiAVQQN0aiEvIC/9AAQIIC/9AAQY/Q0AAQIDCAkK' +
    'CxAREhMYGRob/eYB/eQBISEgD0EBRgRAICEgI/3rASEhCyAPQQJGBEAgISAk/esBICX96gEhIQsgFiAVQQJ0aiAh/QsEACAVQQRq' +
    'IRUMAAsLIBYgCEECdGohFiAUQQFqIRQMAAsLIBJBAWohEgwACwsL',
};
