// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: src/ir/ops/nn/conv.ts
// template: codegen/wasm/templates/conv.ts
// variant: dwconv-f32-3x3s1-wasmsimd (stride=1), from codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for dwconv-f32-3x3s1-wasmsimd (855 bytes). */
export const dwconv_f32_3x3s1__wasmsimd: WasmModuleSource = {
  variant: 'dwconv-f32-3x3s1-wasmsimd',
  template: 'dwconv3x3',
  params: {"stride":1},
  memoryFlagsOffset: 47,
  base64:
    'AGFzbQEAAAABFgFgEn9/f39/f39/f39/f39/f399fQACEgEDZW52Bm1lbW9yeQIBAYCABAMCAQAHDQEJZHdjb252M3gzAAAKjQYB' +
    'igYDBn8OewF/QwAAAAD9EyEjIBD9EyEkIBH9EyElIA1BAnQhJiADIRZBACESAkADQCASIARODQFBACETAkADQCATIAVODQEgDiAT' +
    'IApqIA1sIAtqQQJ0aiAAIBIgBWwgE2ogBmxBAnRqIAZBAnT8CgAAIBNBAWohEwwACwsgASASQSRsav0JAgAhGCABIBJBJGxq/QkC' +
    'BCEZIAEgEkEkbGr9CQIIIRogASASQSRsav0JAgwhGyABIBJBJGxq/QkCECEcIAEgEkEkbGr9CQIUIR0gASASQSRsav0JAhghHiAB' +
    'IBJBJGxq/QkCHCEfIAEgEkEkbGr9CQIgISAgAgR7IAIgEkECdGr9CQIABSAjCyEiQQAhFAJAA0AgFCAHTg0BIA4gFEEBbCAmbGoh' +
    'F0EAIRUCQANAIBUgCE4NASAiISEgISAYIBcgJkEAbGogFUECdGr9AAQA/eYB/eQBISEgISAZIBcgJkEAbGogFUECdGr9AAQE/eYB' +
    '/eQBISEgISAaIBcgJkEAbGogFUECdGr9AAQI/eYB/eQBISEgISAbIBcgJkEBbGogFUECdGr9AAQA/eYB/eQBISEgISAcIBcgJkEB' +
    'bGogFUECdGr9AAQE/eYB/eQBISEgISAdIBcgJkEBbGogFUECdGr9AAQI/eYB/eQBISEgISAeIBcgJkECbGogFUECdGr9AAQA/eYB' +
    '/eQBISEgISAfIBcgJkECbGogFUECdGr9AAQE/eYB/eQBISEgISAgIBcgJkECbGogFUECdGr9AAQI/eYB/eQBISEgD0EBRgRAICEg' +
    'I/3rASEhCyAPQQJGBEAgISAk/esBICX96gEhIQsgFUEEaiAITARAIBYgFUECdGogIf0LBAAFIBVBAGogCEgEQCAWIBVBAnRqICH9' +
    'HwA4AgALIBVBAWogCEgEQCAWIBVBAnRqICH9HwE4AgQLIBVBAmogCEgEQCAWIBVBAnRqICH9HwI4AggLCyAVQQRqIRUMAAsLIBYg' +
    'CEECdGohFiAUQQFqIRQMAAsLIBJBAWohEgwACwsL',
};
