// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: src/ir/ops/nn/resize.ts
// template: codegen/wasm/templates/resize.ts
// variant: resize-f32-linear2d-wasmsimd ((none)), from codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for resize-f32-linear2d-wasmsimd (612 bytes). */
export const resize_f32_linear2d__wasmsimd: WasmModuleSource = {
  variant: 'resize-f32-linear2d-wasmsimd',
  template: 'resize',
  params: {},
  memoryFlagsOffset: 41,
  base64:
    'AGFzbQEAAAABEAFgDH9/f39/f39/f39/fwACEgEDZW52Bm1lbW9yeQIBAYCABAMCAQAHDAEIbGluZWFyMmQAAAqhBAGeBAMKfwJ9' +
    'AnsgBEECdCEVIARBfHEhECALIBVqQwAAAAA4AgAgASETQQAhDAJAA0AgDCACTg0BIAAgDCADbCAVbGohFEEAIQ0CQANAIA0gBU4N' +
    'ASAUIAcgDUEDdGooAgAgFWxqIREgFCAHIA1BA3RqKAIEIBVsaiESIAggDUEDdGoqAgAhFiAIIA1BA3RqKgIEIRcgFv0TIRggF/0T' +
    'IRkgF0MAAAAAWwRAQQAhDwJAA0AgDyAQTg0BIAsgD0ECdGogESAPQQJ0av0ABAAgGP3mAf0LBAAgD0EEaiEPDAALCyAQIQ8CQANA' +
    'IA8gBE4NASALIA9BAnRqIBEgD0ECdGoqAgAgFpQ4AgAgD0EBaiEPDAALCwVBACEPAkADQCAPIBBODQEgCyAPQQJ0aiARIA9BAnRq' +
    '/QAEACAY/eYBIBIgD0ECdGr9AAQAIBn95gH95AH9CwQAIA9BBGohDwwACwsgECEPAkADQCAPIARODQEgCyAPQQJ0aiARIA9BAnRq' +
    'KgIAIBaUIBIgD0ECdGoqAgAgF5SSOAIAIA9BAWohDwwACwsLQQAhDgJAA0AgDiAGTg0BIBMgCyAJIA5BA3RqKAIAQQJ0aioCACAK' +
    'IA5BA3RqKgIAlCALIAkgDkEDdGooAgRBAnRqKgIAIAogDkEDdGoqAgSUkjgCACATQQRqIRMgDkEBaiEODAALCyANQQFqIQ0MAAsL' +
    'IAxBAWohDAwACwsL',
};
