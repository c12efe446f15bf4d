// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).
// spec: (all WASM variants)
// template: codegen/wasm/generate.ts
// variant: every line of codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';
import { gemm_f32_4x8__wasmsimd } from './gemm-f32-4x8-wasmsimd.gen.js';
import { gemm_f32_4x8__wasmrelaxed } from './gemm-f32-4x8-wasmrelaxed.gen.js';
import { gemm_f32_6x8__wasmsimd } from './gemm-f32-6x8-wasmsimd.gen.js';
import { gemm_f32_6x8__wasmrelaxed } from './gemm-f32-6x8-wasmrelaxed.gen.js';
import { im2col_f32_2d__wasmsimd } from './im2col-f32-2d-wasmsimd.gen.js';
import { dwconv_f32_3x3s1__wasmsimd } from './dwconv-f32-3x3s1-wasmsimd.gen.js';
import { dwconv_f32_3x3s2__wasmsimd } from './dwconv-f32-3x3s2-wasmsimd.gen.js';
import { dwconv_f32_3x3s1__wasmrelaxed } from './dwconv-f32-3x3s1-wasmrelaxed.gen.js';
import { dwconv_f32_3x3s2__wasmrelaxed } from './dwconv-f32-3x3s2-wasmrelaxed.gen.js';
import { winograd_f32_2x2__wasmsimd } from './winograd-f32-2x2-wasmsimd.gen.js';
import { elementwise_f32_x4__wasmsimd } from './elementwise-f32-x4-wasmsimd.gen.js';
import { maxpool_f32_2d__wasmsimd } from './maxpool-f32-2d-wasmsimd.gen.js';
import { resize_f32_linear2d__wasmsimd } from './resize-f32-linear2d-wasmsimd.gen.js';
import { attention_f32_x4__wasmsimd } from './attention-f32-x4-wasmsimd.gen.js';
import { layernorm_f32_x4__wasmsimd } from './layernorm-f32-x4-wasmsimd.gen.js';
import { gelu_f32_x4__wasmsimd } from './gelu-f32-x4-wasmsimd.gen.js';
import { lstm_f32_1x24__wasmsimd } from './lstm-f32-1x24-wasmsimd.gen.js';
import { lstm_f32_1x24__wasmrelaxed } from './lstm-f32-1x24-wasmrelaxed.gen.js';
import { gru_f32_1x24__wasmsimd } from './gru-f32-1x24-wasmsimd.gen.js';
import { gru_f32_1x24__wasmrelaxed } from './gru-f32-1x24-wasmrelaxed.gen.js';

/** Every generated WASM module, by variant name. */
export const WASM_MODULES: Readonly<Record<string, WasmModuleSource>> = {
  'gemm-f32-4x8-wasmsimd': gemm_f32_4x8__wasmsimd,
  'gemm-f32-4x8-wasmrelaxed': gemm_f32_4x8__wasmrelaxed,
  'gemm-f32-6x8-wasmsimd': gemm_f32_6x8__wasmsimd,
  'gemm-f32-6x8-wasmrelaxed': gemm_f32_6x8__wasmrelaxed,
  'im2col-f32-2d-wasmsimd': im2col_f32_2d__wasmsimd,
  'dwconv-f32-3x3s1-wasmsimd': dwconv_f32_3x3s1__wasmsimd,
  'dwconv-f32-3x3s2-wasmsimd': dwconv_f32_3x3s2__wasmsimd,
  'dwconv-f32-3x3s1-wasmrelaxed': dwconv_f32_3x3s1__wasmrelaxed,
  'dwconv-f32-3x3s2-wasmrelaxed': dwconv_f32_3x3s2__wasmrelaxed,
  'winograd-f32-2x2-wasmsimd': winograd_f32_2x2__wasmsimd,
  'elementwise-f32-x4-wasmsimd': elementwise_f32_x4__wasmsimd,
  'maxpool-f32-2d-wasmsimd': maxpool_f32_2d__wasmsimd,
  'resize-f32-linear2d-wasmsimd': resize_f32_linear2d__wasmsimd,
  'attention-f32-x4-wasmsimd': attention_f32_x4__wasmsimd,
  'layernorm-f32-x4-wasmsimd': layernorm_f32_x4__wasmsimd,
  'gelu-f32-x4-wasmsimd': gelu_f32_x4__wasmsimd,
  'lstm-f32-1x24-wasmsimd': lstm_f32_1x24__wasmsimd,
  'lstm-f32-1x24-wasmrelaxed': lstm_f32_1x24__wasmrelaxed,
  'gru-f32-1x24-wasmsimd': gru_f32_1x24__wasmsimd,
  'gru-f32-1x24-wasmrelaxed': gru_f32_1x24__wasmrelaxed,
};
