/** The shape of a generated WASM module file (src/kernels/wasm/*.gen.ts). */
export interface WasmModuleSource {
  /** e.g. 'gemm-f32-4x8-wasmsimd'. */
  variant: string;
  /** The codegen template that emitted it. */
  template: string;
  /** The variant's parameters from codegen/wasm/variants.txt. */
  params: Readonly<Record<string, number>>;
  /** Byte offset of the `env.memory` import's limits flags (0x01; 0x03 makes it shared). */
  memoryFlagsOffset: number;
  /** The module bytes. */
  base64: string;
}
