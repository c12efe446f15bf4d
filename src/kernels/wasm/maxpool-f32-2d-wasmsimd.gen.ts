// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: src/ir/ops/nn/pool.ts
// template: codegen/wasm/templates/pool.ts
// variant: maxpool-f32-2d-wasmsimd ((none)), from codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for maxpool-f32-2d-wasmsimd (758 bytes). */
export const maxpool_f32_2d__wasmsimd: WasmModuleSource = {
  variant: 'maxpool-f32-2d-wasmsimd',
  template: 'maxpool2d',
  params: {},
  memoryFlagsOffset: 44,
  base64:
    'AGFzbQEAAAABEwFgD39/f39/f39/f39/f39/fwACEgEDZW52Bm1lbW9yeQIBAYCABAMCAQAHDQEJbWF4cG9vbDJkAAAKrwUBrAUE' +
    'D38CfQF/AXtBACEPAkADQCAPIAJODQFBACEQAkADQCAQIA1ODQEgECAHbCALayEUIAEgDyANbCAQaiAObEECdGohGCAMIAhqQQFr' +
    'IAhtIRogBEEBayAGQQFrIApsayAMaiEbIBtBAEgEf0EABSAbIAhtQQFqCyEbIBsgDkoEQCAOIRsLIBohHCAUQQBOIBQgBUEBayAJ' +
    'bGogA0hxIApBAUZxIAhBA0hxBEAgGiERAkADQCARQQRqIBtKDQEgACAPIANsIBRqIARsIBEgCGxqIAxrQQJ0aiEdIAhBAUYEeyAd' +
    '/QAEAAUgHf0ABAAgHf0ABBD9DQABAgMICQoLEBESExgZGhsLISFBACESAkADQCASIAVODQFBACETAkADQCATIAZODQEgACAPIANs' +
    'IBRqIBIgCWxqIARsIBEgCGxqIAxrIBNqQQJ0aiEdICEgCEEBRgR7IB39AAQABSAd/QAEACAd/QAEEP0NAAECAwgJCgsQERITGBka' +
    'Gwv96wEhISATQQFqIRMMAAsLIBJBAWohEgwACwsgGCARQQJ0aiAh/QsEACARQQRqIREMAAsLIBEhHAtBACERAkADQCARIA5ODQEg' +
    'ESAaSCARIBxOcgRAIBEgCGwgDGshFUMAAID/IR5BACEgQQAhEgJAA0AgEiAFTg0BIBQgEiAJbGohFiAWQQBOIBYgA0hxBEAgACAP' +
    'IANsIBZqIARsQQJ0aiEZQQAhEwJAA0AgEyAGTg0BIBUgEyAKbGohFyAXQQBOIBcgBEhxBEAgGSAXQQJ0aioCACEfIB8gHiAfIB5e' +
    'ICBFchshHkEBISALIBNBAWohEwwACwsLIBJBAWohEgwACwsgGCARQQJ0aiAeOAIACyARQQFqIREMAAsLIBBBAWohEAwACwsgD0EB' +
    'aiEPDAALCws=',
};
