/**
 * The WASM generator: reads codegen/wasm/variants.txt (one line per emitted module), runs each
 * line's template, and renders src/kernels/wasm/<variant>.gen.ts (the module bytes as base64 with
 * a provenance header) plus src/kernels/wasm/modules.gen.ts (the table of all of them).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleBuilder } from './emitter.js';
import { emitDwconv3x3, emitIm2col } from './templates/conv.js';
import { emitElementwise } from './templates/elementwise.js';
import { emitGemm } from './templates/gemm.js';
import { emitMaxPool2d } from './templates/pool.js';
import { emitGruModule, emitLstmModule } from './templates/recurrent.js';
import { emitResize } from './templates/resize.js';
import { emitAttention, emitGelu, emitLayerNorm } from './templates/transformer.js';
import { emitWinograd2 } from './templates/winograd.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A file the generators produce, relative to the repository root. */
export interface GeneratedFile { path: string; content: string }

/** One parsed line of variants.txt. */
export interface WasmVariant {
  name: string;
  template: string;
  spec: string;
  params: Record<string, number>;
}

const TEMPLATES: Record<string, { file: string; emit(p: Record<string, number>): ModuleBuilder }> = {
  gemm: {
    file: 'codegen/wasm/templates/gemm.ts',
    emit: (p) => emitGemm({ mr: p.mr, nr: p.nr, kc: p.kc, mc: p.mc, relaxed: !!p.relaxed }),
  },
  im2col: { file: 'codegen/wasm/templates/conv.ts', emit: () => emitIm2col() },
  dwconv3x3: { file: 'codegen/wasm/templates/conv.ts', emit: (p) => emitDwconv3x3(p.stride as 1 | 2, !!p.relaxed) },
  winograd2: { file: 'codegen/wasm/templates/winograd.ts', emit: () => emitWinograd2() },
  elementwise: { file: 'codegen/wasm/templates/elementwise.ts', emit: () => emitElementwise() },
  maxpool2d: { file: 'codegen/wasm/templates/pool.ts', emit: () => emitMaxPool2d() },
  resize: { file: 'codegen/wasm/templates/resize.ts', emit: () => emitResize() },
  lstm: { file: 'codegen/wasm/templates/recurrent.ts', emit: (p) => emitLstmModule({ nv: p.nv, relaxed: !!p.relaxed }) },
  gru: { file: 'codegen/wasm/templates/recurrent.ts', emit: (p) => emitGruModule({ nv: p.nv, relaxed: !!p.relaxed }) },
  attention: { file: 'codegen/wasm/templates/transformer.ts', emit: () => emitAttention() },
  layernorm: { file: 'codegen/wasm/templates/transformer.ts', emit: () => emitLayerNorm() },
  gelu: { file: 'codegen/wasm/templates/transformer.ts', emit: () => emitGelu() },
};

/** Parses variants.txt. */
export function readVariants(text = readFileSync(join(ROOT, 'codegen/wasm/variants.txt'), 'utf8')): WasmVariant[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((line) => {
    const [name, template, spec, ...rest] = line.split(/\s+/);
    if (!TEMPLATES[template]) throw new Error(`variants.txt: unknown template '${template}' in '${line}'`);
    const params: Record<string, number> = {};
    for (const kv of rest) {
      const [k, v] = kv.split('=');
      params[k] = Number(v);
    }
    return { name, template, spec, params };
  });
}

/** `gemm-f32-4x8-wasmsimd` → `gemm_f32_4x8__wasmsimd`. */
export function symbolOf(name: string): string {
  const parts = name.split('-');
  const isa = parts.pop()!;
  return `${parts.join('_')}__${isa}`;
}

/** Emits one variant's module bytes. */
export function emitVariant(v: WasmVariant): { bytes: Uint8Array; memoryFlagsOffset: number } {
  return TEMPLATES[v.template].emit(v.params).encode();
}

function header(v: WasmVariant): string {
  const params = Object.entries(v.params).map(([k, x]) => `${k}=${x}`).join(' ') || '(none)';
  return [
    '// generated, do not edit: regenerate with `npm run codegen` (codegen/main.ts).',
    `// spec: ${v.spec}`,
    `// template: ${TEMPLATES[v.template].file}`,
    `// variant: ${v.name} (${params}), from codegen/wasm/variants.txt`,
  ].join('\n');
}

/** Output folder (relative to the root): every `*.gen.ts` in it comes from this generator. */
export const OUT_DIR = 'src/kernels/wasm';

/** Renders every WASM output file: path (relative to the root) → text, as codegen/main.ts expects. */
export function generate(_root?: string): Map<string, string> {
  return new Map(generateFiles().map((f) => [f.path, f.content]));
}

/** The same files as a list. */
export function generateFiles(): GeneratedFile[] {
  const variants = readVariants();
  const files: GeneratedFile[] = [];
  for (const v of variants) {
    const { bytes, memoryFlagsOffset } = emitVariant(v);
    const b64 = Buffer.from(bytes).toString('base64');
    const lines = b64.match(/.{1,100}/g) ?? [];
    files.push({
      path: `src/kernels/wasm/${v.name}.gen.ts`,
      content: `${header(v)}
import type { WasmModuleSource } from './module-source.js';

/** WebAssembly module for ${v.name} (${bytes.length} bytes). */
export const ${symbolOf(v.name)}: WasmModuleSource = {
  variant: '${v.name}',
  template: '${v.template}',
  params: ${JSON.stringify(v.params)},
  memoryFlagsOffset: ${memoryFlagsOffset},
  base64:
${lines.map((l) => `    '${l}'`).join(' +\n')},
};
`,
    });
  }
  files.push({
    path: 'src/kernels/wasm/modules.gen.ts',
    content: `// generated, do not edit: regenerate with \`npm run codegen\` (codegen/main.ts).
// spec: (all WASM variants)
// template: codegen/wasm/generate.ts
// variant: every line of codegen/wasm/variants.txt
import type { WasmModuleSource } from './module-source.js';
${variants.map((v) => `import { ${symbolOf(v.name)} } from './${v.name}.gen.js';`).join('\n')}

/** Every generated WASM module, by variant name. */
export const WASM_MODULES: Readonly<Record<string, WasmModuleSource>> = {
${variants.map((v) => `  '${v.name}': ${symbolOf(v.name)},`).join('\n')}
};
`,
  });
  return files;
}
