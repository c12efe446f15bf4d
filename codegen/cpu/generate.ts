/**
 * The cpu generator: every line of CPU_VARIANTS becomes one `src/kernels/cpu/*.gen.ts` file, built
 * as a ts-morph SourceFile in memory by its template, plus the index `kernels.gen.ts` that imports
 * them all, lists them by op, dtype and variant, and exports the KernelConfigs built from them. Returns path → text; codegen/main.ts writes the
 * files or compares them with what is committed.
 */
import { resolve } from 'node:path';
import { IndentationText, Project, QuoteKind } from 'ts-morph';
import { SpecSources } from './spec-source.js';
import { FileBuilder, fill } from './templates.js';
import { CPU_VARIANTS, type Variant, fileName, symbolName, tileOf, variantName } from './variants.js';

/** Output folder, relative to the repository root. */
export const CPU_OUT_DIR = 'src/kernels/cpu';

function header(lines: string[]): string {
  return `/*\n * generated, do not edit: run \`npm run codegen\`\n${lines.map((l) => ` * ${l}`).join('\n')}\n */\n`;
}

/** Generates every cpu kernel file; keys are paths relative to `root`. */
export function generateCpu(root: string, variants: readonly Variant[] = CPU_VARIANTS): Map<string, string> {
  const specs = new SpecSources(root);
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const v of variants) {
    const name = fileName(v);
    if (seen.has(name)) throw new Error(`variant listed twice: ${name}`);
    seen.add(name);
    const fb = new FileBuilder();
    const info = fill(fb, v, specs);
    const sf = project.createSourceFile(`/${name}`, { statements: fb.all() });
    const text = header([
      `spec:     ${info.spec}`,
      `template: ${info.template ?? 'codegen/cpu/templates.ts'} (${v.template})`,
      `variant:  ${variantName(v)}  { op: '${v.op}', template: '${v.template}', dtype: '${v.dtype}', ${'broadcast' in v ? 'broadcast' : 'tile'}: '${tileOf(v)}' }`,
    ]) + sf.getFullText();
    out.set(`${CPU_OUT_DIR}/${name}`, text);
  }
  out.set(`${CPU_OUT_DIR}/kernels.gen.ts`, index(variants));
  return out;
}

/**
 * The index: one import per file and GENERATED_CPU_KERNELS, the table provider.ts builds its
 * KernelConfigs from (op → dtype → specialization → function).
 */
function index(variants: readonly Variant[]): string {
  const imports = variants.map((v) => {
    const sym = symbolName(v);
    const extra = v.template === 'gemm' ? `, ${sym.replace(/__ts$/, '_typed__ts')}, ${sym.replace(/__ts$/, '_packa__ts')}, ${sym.replace(/__ts$/, '_packb__ts')}`
      : v.template === 'conv' && tileOf(v).startsWith('winograd') ? `, ${sym.replace(/__ts$/, '_weights__ts')}, ${sym.replace(/__ts$/, '_output__ts')}` : '';
    return `import { ${sym}${extra} } from './${fileName(v).replace(/\.ts$/, '.js')}';`;
  });
  const rows = variants.map((v) => {
    const sym = symbolName(v);
    const fn = v.template === 'gemm' ? `{ run: ${sym}, runTyped: ${sym.replace(/__ts$/, '_typed__ts')}, packA: ${sym.replace(/__ts$/, '_packa__ts')}, packB: ${sym.replace(/__ts$/, '_packb__ts')} }`
      : v.template === 'conv' && tileOf(v).startsWith('winograd') ? `{ input: ${sym}, weights: ${sym.replace(/__ts$/, '_weights__ts')}, output: ${sym.replace(/__ts$/, '_output__ts')} }` : sym;
    return `  { op: '${v.op}', template: '${v.template}', dtype: '${v.dtype}', tile: '${tileOf(v)}', variant: '${variantName(v)}', fn: ${fn} },`;
  });
  return header([
    'spec:     every spec named by codegen/cpu/variants.ts',
    'template: codegen/cpu/generate.ts (index)',
    `variant:  all ${variants.length} cpu variants`,
  ]) + [
    "import type { KernelConfig } from '../kernel.js';",
    "import { buildCpuKernels } from './families.js';",
    ...imports,
    '',
    '/** One generated kernel: which op, dtype and specialization it serves, and the function. */',
    'export interface GeneratedKernel {',
    '  op: string;',
    '  template: string;',
    "  dtype: 'float32' | 'float64' | 'int64';",
    '  /** The broadcast case or tile (`same`, `2x4`, `lastaxis`, …). */',
    '  tile: string;',
    '  /** `relu-f32-flat-ts`: the file name without `.gen.ts`. */',
    '  variant: string;',
    '  // eslint-disable-next-line @typescript-eslint/no-explicit-any',
    '  fn: any;',
    '}',
    '',
    '/** Every generated cpu kernel, in the order of codegen/cpu/variants.ts. */',
    'export const GENERATED_CPU_KERNELS: readonly GeneratedKernel[] = [',
    ...rows,
    '];',
    '',
    '/** The cpu KernelConfigs: the generated kernels wrapped per op by the families in families.ts. */',
    'export const CPU_KERNELS: readonly KernelConfig[] = buildCpuKernels(GENERATED_CPU_KERNELS);',
    '',
  ].join('\n');
}

/** The repository root, from this file's location. */
export const REPO_ROOT = resolve(new URL('../..', import.meta.url).pathname);
