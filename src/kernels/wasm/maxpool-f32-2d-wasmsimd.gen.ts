// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: src/ir/ops/nn/pool.ts
// template: codegen/wasm/templates/pool.ts
// variant: maxpool-f32-2d-wasmsimd ((none)), from codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for maxpool-f32-2d-wasmsimd (361 bytes). */
export const maxpool_f32_2d__wasmsimd: WasmModuleSource = {
  variant: 'maxpool-f32-2d-wasmsimd',
  template: 'maxpool2d',
  params: {},
  memoryFlagsOffset: 44,
  base64:
    'AGFzbQEAAAABEwFgD39/f39/f39/f39/f39/fwACEgEDZW52Bm1lbW9yeQIBAYCABAMCAQAHDQEJbWF4cG9vbDJkAAAKogIBnwID' +
    'C38CfQF/IAEhGEEAIQ8CQANAIA8gAk4NAUEAIRACQANAIBAgDU4NASAQIAdsIAtrIRRBACERAkADQCARIA5ODQEgESAIbCAMayEV' +
    'QwAAgP8hGkEAIRxBACESAkADQCASIAVODQEgFCASIAlsaiEWIBZBAE4gFiADSHEEQCAAIA8gA2wgFmogBGxBAnRqIRlBACETAkAD' +
    'QCATIAZODQEgFSATIApsaiEXIBdBAE4gFyAESHEEQCAZIBdBAnRqKgIAIRsgGyAaIBsgGl4gHEVyGyEaQQEhHAsgE0EBaiETDAAL' +
    'CwsgEkEBaiESDAALCyAYIBo4AgAgGEEEaiEYIBFBAWohEQwACwsgEEEBaiEQDAALCyAPQQFqIQ8MAAsLCw==',
};
