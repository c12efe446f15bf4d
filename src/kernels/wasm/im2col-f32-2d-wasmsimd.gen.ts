// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: src/ir/ops/nn/conv.ts
// template: codegen/wasm/templates/conv.ts
// variant: im2col-f32-2d-wasmsimd ((none)), from codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for im2col-f32-2d-wasmsimd (506 bytes). */
export const im2col_f32_2d__wasmsimd: WasmModuleSource = {
  variant: 'im2col-f32-2d-wasmsimd',
  template: 'im2col',
  params: {},
  memoryFlagsOffset: 44,
  base64:
    'AGFzbQEAAAABEwFgD39/f39/f39/f39/f39/fwACEgEDZW52Bm1lbW9yeQIBAYCABAMCAQAHCgEGaW0yY29sAAAKtgMBswMBDn8g' +
    'DCANbEECdCEbIA1BAnQhHCAOIRNBACEPAkADQCAPIAFODQFBACEQAkADQCAQIARODQFBACERAkADQCARIAVODQEgESAJbCALayEU' +
    'QQAhFSAUQQBIBEBBACAUayAHakEBayAHbSEVCyAVIA1KBEAgDSEVCyADQQFrIBRrIRYgFkEASAR/IBUFIBYgB21BAWoLIRYgFiAN' +
    'SgRAIA0hFgsgFiAVSARAIBUhFgtBACESAkADQCASIAxODQEgEiAGbCAKayAQIAhsaiEXIBMgEiAcbGohGCAXQQBIIBcgAk5yBEAg' +
    'GEEAIBz8CwAFIBhBACAVQQJ0/AsAIBggFkECdGpBACANIBZrQQJ0/AsAIAAgDyACbCAXaiADbCAVIAdsaiAUakECdGohGSAHQQFG' +
    'BEAgGCAVQQJ0aiAZIBYgFWtBAnT8CgAABSAVIRoCQANAIBogFk4NASAYIBpBAnRqIBkqAgA4AgAgGSAHQQJ0aiEZIBpBAWohGgwA' +
    'CwsLCyASQQFqIRIMAAsLIBMgG2ohEyARQQFqIREMAAsLIBBBAWohEAwACwsgD0EBaiEPDAALCws=',
};
