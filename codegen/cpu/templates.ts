/**
 * The cpu templates: each takes a variant line (variants.ts) and fills a ts-morph SourceFile with
 * one specialized TypedArray kernel. Specialization means the element array class, the loop shape
 * of the broadcast case or layout, and the register block are fixed in the emitted text, so every
 * element access in a hot loop is monomorphic for V8 (see the float32-only loop note in
 * src/ir/ops/common/elementwise.ts: 530 ms polymorphic vs 48 ms monomorphic).
 *
 * Elementwise math is never written here: it comes from the spec's `scalar` through SpecSources.
 */
import { relative } from 'node:path';
import {
  type FunctionDeclarationStructure, type ImportDeclarationStructure, type OptionalKind, type ParameterDeclarationStructure,
  type StatementStructures, StructureKind, type TypeAliasDeclarationStructure,
} from 'ts-morph';
import { getOpSpec } from '../../src/ir/ops/index.js';
import type { AttrSpec } from '../../src/ir/ops/spec.js';
import { PANEL_COLS, PANEL_ROWS } from '../../src/kernels/cpu/panels.js';
import { jsApproximation } from '../approximations.js';
import type { ScalarSource, SpecSources } from './spec-source.js';
import { recurrent } from './templates-recurrent.js';
import { type Broadcast, type Variant, symbolName } from './variants.js';

type Params = OptionalKind<ParameterDeclarationStructure>[];

/**
 * Collects one file's statements as ts-morph structures; the emitter prints them with a single
 * `createSourceFile` (adding them one by one re-parses the file after every addition, which made
 * generation three times slower).
 */
export class FileBuilder {
  readonly imports: ImportDeclarationStructure[] = [];
  readonly statements: (string | StatementStructures)[] = [];
  addImportDeclaration(s: OptionalKind<ImportDeclarationStructure>): void {
    this.imports.push({ ...s, kind: StructureKind.ImportDeclaration });
  }
  addTypeAlias(s: OptionalKind<TypeAliasDeclarationStructure>): void {
    this.statements.push({ ...s, kind: StructureKind.TypeAlias });
  }
  /**
   * Adds a function. A parameter typed `'int'` is emitted as `number` and coerced with `| 0` on
   * entry. Sizes and offsets computed by division or read from arrays often arrive as heap
   * doubles; V8 then deoptimizes a kernel it had compiled for small integers and recompiles it
   * with double loop indices, and every later call pays. After resnet18 had run on the cpu
   * provider, MatMul 1024³ in the same process took 1,055 ms against 626 ms alone; with int32
   * arguments it kept its speed.
   */
  addFunction(s: OptionalKind<FunctionDeclarationStructure>): void {
    const ints = (s.parameters ?? []).filter((p) => p.type === 'int').map((p) => p.name);
    const parameters = s.parameters?.map((p) => (p.type === 'int' ? { ...p, type: 'number' } : p));
    const lines = Array.isArray(s.statements) && s.statements.every((l) => typeof l === 'string') ? s.statements as string[] : undefined;
    if (ints.length && !lines) throw new Error(`${s.name}: int parameters need a body of lines`);
    const coerce = ints.length ? [`${ints.map((n) => `${n} = ${n} | 0;`).join(' ')} // int32 arguments (see codegen/cpu/templates.ts)`] : [];
    // One body string: given line by line, ts-morph puts a blank line after every block it sees.
    const body = lines ? [[...coerce, ...lines].join('\n')] : s.statements;
    this.statements.push({ ...s, parameters, statements: body, kind: StructureKind.Function });
  }
  addStatements(lines: string[]): void {
    this.statements.push(...lines);
  }
  /** Imports first, then the rest in the order added. */
  all(): (string | StatementStructures)[] {
    return [...this.imports, ...this.statements];
  }
}

/** What a template tells the emitter besides the statements it added. */
export interface TemplateInfo {
  /** Spec file(s) the kernel implements, for the header. */
  spec: string;
  /** The template's file when it is not this one, for the header. */
  template?: string;
}

const ARRAY: Record<string, string> = { float32: 'Float32Array', float64: 'Float64Array', int64: 'BigInt64Array', int32: 'Int32Array' };

/** The storage array class of a dtype in emitted code. */
export function arrayOf(dtype: string): string {
  const a = ARRAY[dtype];
  if (!a) throw new Error(`no cpu array class for ${dtype}`);
  return a;
}

/** Adds the imports a captured scalar needs, re-pathed from the repository root to src/kernels/cpu. */
function addScalarImports(sf: FileBuilder, s: ScalarSource): void {
  for (const [mod, names] of s.imports) {
    sf.addImportDeclaration({ moduleSpecifier: `${relative('src/kernels/cpu', mod)}.js`, namedImports: [...names].sort() });
  }
}

/** TypeScript type of the attributes a unary op's scalar may read, from the spec's schema. */
function attrsType(op: string): string {
  const spec = getOpSpec('', op);
  const fields = Object.entries((spec?.attributes ?? {}) as Record<string, AttrSpec>).map(([name, a]) => {
    const t = a.type === 'float' || a.type === 'int' ? 'number' : a.type === 'string' ? 'string' : a.type === 'ints' || a.type === 'floats' ? 'number[]' : 'unknown';
    return `${name}${a.default === undefined ? '?' : ''}: ${t}`;
  });
  return fields.length ? `Readonly<{ ${fields.join('; ')} }>` : 'Readonly<Record<string, unknown>>';
}

/** Emits `variant` into `sf`. */
export function fill(sf: FileBuilder, v: Variant, specs: SpecSources): TemplateInfo {
  switch (v.template) {
    case 'unary': return unary(sf, v, specs);
    case 'binary': case 'variadic': return binary(sf, v, specs);
    case 'gemm': return gemm(sf, v);
    case 'conv': return conv(sf, v);
    case 'softmax': return softmax(sf, v);
    case 'layernorm': return layerNorm(sf, v);
    case 'batchnorm': return batchNorm(sf, v);
    case 'reduce': return reduce(sf, v);
    case 'pool': return pool(sf, v);
    case 'transpose': return transpose(sf, v);
    case 'gather': return gather(sf, v);
    case 'slice': return slice(sf, v);
    case 'resize': return resize(sf, v);
    case 'recurrent': return recurrent(sf, v);
    case 'convtranspose': return col2im(sf, v);
  }
}

// ---------------------------------------------------------------------------------------------
// Elementwise

function unary(sf: FileBuilder, v: Variant & { template: 'unary' }, specs: SpecSources): TemplateInfo {
  const s = specs.scalarOf('defineUnaryOp', v.op);
  const T = arrayOf(v.dtype);
  // float32 kernels call a float32-accurate erf in place of the spec's exact one (Gelu, Erf): the
  // exact erf makes two Math.exp calls into C per value (codegen/approximations.ts has the numbers).
  const fastErf = v.dtype === 'float32' && !!s.imports.get(EXACT_ERF.module)?.has(EXACT_ERF.name);
  addScalarImports(sf, fastErf ? withoutImport(s, EXACT_ERF.module, EXACT_ERF.name) : s);
  sf.addTypeAlias({ name: 'Attrs', type: attrsType(v.op) });
  sf.addStatements([
    `/** The op's math, copied from ${s.specFile} (the \`scalar\` of defineUnaryOp). */`,
    `const scalar: (x: number, attrs: Attrs) => number = ${s.expression};`,
    ...s.helpers,
    ...(fastErf ? [jsApproximation('erf', EXACT_ERF.name)] : []),
  ]);
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: [`Y[i] = ${v.op}(X[i]) over ${v.dtype}; \`y\` may be \`x\` (in place, as fused activations do).`],
    parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'attrs', type: 'Attrs' }],
    returnType: 'void',
    statements: ['const n = x.length;', 'for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);'],
  });
  return { spec: s.specFile, ...(fastErf ? { template: 'codegen/cpu/templates.ts, codegen/approximations.ts' } : {}) };
}

/** The spec's exact erf, which float32 unary kernels replace (module path as SpecSources keys it). */
const EXACT_ERF = { module: 'src/ir/ops/math/unary', name: 'erf' } as const;

/** `s` without the import of `name` from `module` (the emitted file defines its own). */
function withoutImport(s: ScalarSource, module: string, name: string): ScalarSource {
  const imports = new Map([...s.imports].map(([m, names]) => [m, new Set([...names].filter((n) => m !== module || n !== name))]));
  return { ...s, imports: new Map([...imports].filter(([, names]) => names.size > 0)) };
}

/** The loop nest of each broadcast case; `f(a, b)` is the op's math. */
const BROADCAST_LOOPS: Record<Broadcast, { doc: string; params: (T: string) => Params; body: string[] }> = {
  same: {
    doc: 'A and B have the output\'s shape.',
    params: (T) => [{ name: 'a', type: T }, { name: 'b', type: T }, { name: 'out', type: T }],
    body: ['const n = out.length;', 'for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);'],
  },
  scalar: {
    doc: 'One operand has a single element (`aIsScalar` says which); the other has the output\'s shape.',
    params: (T) => [{ name: 'a', type: T }, { name: 'b', type: T }, { name: 'out', type: T }, { name: 'aIsScalar', type: 'boolean' }],
    body: [
      'const n = out.length;',
      'if (aIsScalar) {',
      '  const s = a[0];',
      '  for (let i = 0; i < n; i++) out[i] = f(s, b[i]);',
      '} else {',
      '  const s = b[0];',
      '  for (let i = 0; i < n; i++) out[i] = f(a[i], s);',
      '}',
    ],
  },
  trailing: {
    doc: 'The output viewed as [outer, mid, inner]: one operand has its full shape, the other (`aIsSmall` says which) varies only along `mid` (a bias [C] on [N,C], a per-channel [C,1,1] on [N,C,H,W]).',
    params: (T) => [{ name: 'a', type: T }, { name: 'b', type: T }, { name: 'out', type: T },
      { name: 'outer', type: 'int' }, { name: 'mid', type: 'int' }, { name: 'inner', type: 'int' }, { name: 'aIsSmall', type: 'boolean' }],
    body: [
      'let i = 0;',
      'for (let o = 0; o < outer; o++) {',
      '  for (let m = 0; m < mid; m++) {',
      '    const end = i + inner;',
      '    if (aIsSmall) { const s = a[m]; for (; i < end; i++) out[i] = f(s, b[i]); }',
      '    else { const s = b[m]; for (; i < end; i++) out[i] = f(a[i], s); }',
      '  }',
      '}',
    ],
  },
  strided: {
    doc: 'General broadcasting: `dims` are the (collapsed) output dims, `sa`/`sb` the operands\' element strides per dim (0 where broadcast). The last dim is the inner loop.',
    params: (T) => [{ name: 'a', type: T }, { name: 'b', type: T }, { name: 'out', type: T },
      { name: 'dims', type: 'readonly number[]' }, { name: 'sa', type: 'readonly number[]' }, { name: 'sb', type: 'readonly number[]' }],
    body: [
      'const r = dims.length;',
      'const n = out.length;',
      'if (n === 0) return;',
      'const len = dims[r - 1], ia = sa[r - 1], ib = sb[r - 1];',
      'const counter = new Array<number>(r).fill(0);',
      'let offA = 0, offB = 0;',
      'for (let i = 0; i < n; i += len) {',
      '  for (let j = 0, pa = offA, pb = offB; j < len; j++, pa += ia, pb += ib) out[i + j] = f(a[pa], b[pb]);',
      '  // Advance the counter over the outer dims, odometer style.',
      '  for (let d = r - 2; d >= 0; d--) {',
      '    offA += sa[d]; offB += sb[d];',
      '    if (++counter[d] < dims[d]) break;',
      '    offA -= sa[d] * counter[d]; offB -= sb[d] * counter[d];',
      '    counter[d] = 0;',
      '  }',
      '}',
    ],
  },
};

function binary(sf: FileBuilder, v: Variant & { template: 'binary' | 'variadic' }, specs: SpecSources): TemplateInfo {
  const s = v.template === 'binary' ? specs.scalarOf('defineBinaryOp', v.op) : specs.foldOf(v.op);
  const T = arrayOf(v.dtype);
  const loop = BROADCAST_LOOPS[v.broadcast];
  addScalarImports(sf, s);
  if (v.template === 'binary') sf.addImportDeclaration({ moduleSpecifier: '../../ir/dtype.js', namedImports: ['DType'], isTypeOnly: true });
  const source = v.template === 'binary' ? 'the `scalar` of defineBinaryOp' : 'the function its reference folds with foldVariadic';
  sf.addStatements([
    `/** The op's math, copied from ${s.specFile} (${source}). */`,
    v.template === 'binary'
      ? `const scalar: (a: number, b: number, dtype: DType) => number = ${s.expression};`
      : `const scalar: (a: number, b: number) => number = ${s.expression};`,
    ...s.helpers,
    `/** The math at this kernel's dtype. */`,
    `const f = (x: number, y: number): number => scalar(x, y${v.template === 'binary' ? `, '${v.dtype}'` : ''});`,
  ]);
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: [`out = ${v.op}(A, B) over ${v.dtype}. ${loop.doc}`],
    parameters: loop.params(T), returnType: 'void', statements: loop.body,
  });
  return { spec: s.specFile };
}

// ---------------------------------------------------------------------------------------------
// GEMM and Conv

/** The parameter type of packed panels in the packing and transform functions (src/kernels/cpu/panels.ts). */
const PANELS = 'Panels';
/** The GEMM's register block, PR rows of A by PC columns of B (the panels' heights). */
const PR = PANEL_ROWS, PC = PANEL_COLS;
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);
/** `base + k` as an int32 index expression (`base` alone for 0). */
const plus = (base: string, k: number) => (k === 0 ? base : `(${base} + ${k}) | 0`);
/** `i / h` and `i % h` for int32 `i` ≥ 0, as shifts and masks when `h` is a power of two. */
const divBy = (i: string, h: number) => (h & (h - 1) ? `((${i} / ${h}) | 0)` : `(${i} >> ${Math.log2(h)})`);
const modBy = (i: string, h: number) => (h & (h - 1) ? `(${i} % ${h})` : `(${i} & ${h - 1})`);
/** Where element (i, k) of an operand lands in panels of `h` rows (A) or columns (B), K long. */
const panelIndex = (i: string, k: string, K: string, h: number) => `${divBy(i, h)} * ${K} * ${h} + ${k} * ${h} + ${modBy(i, h)}`;
/**
 * The loop that packs `count` whole panels `h` wide from `src` (packa's rows, packb's columns):
 * panel p starts `across`·h elements into the operand, each k steps `along`, and its h values per
 * k go side by side, so the panel is written in order with no per-element test.
 */
const wholePanels = (src: string, count: string, h: number, across: string, along: string) => [
  `for (let p = 0; p < ${count}; p++) {`,
  `  let dst = outOff + p * K * ${h}, at = off + p * ${h} * ${across};`,
  `  for (let k = 0; k < K; k++, dst += ${h}, at += ${along}) {`,
  `    ${upTo(h).map((j) => `out[dst${j ? ` + ${j}` : ''}] = ${src}[at${j ? ` + ${j} * ${across}` : ''}];`).join(' ')}`,
  '  }',
  '}',
];

/**
 * The GEMM core: C[M,N] (+)= A[M,K] · B[K,N], both operands packed so the inner loop reads two
 * sequential streams (src/kernels/cpu/panels.ts: the layout, and why the panels are JS arrays of
 * doubles and the register block is 2×4). The block keeps its 8 sums in locals; K is walked in
 * blocks of `kc` so a block of A stays in cache while every B panel passes over it, and N in blocks
 * of `nc` columns so the B panels of a block stay in cache while every A panel passes over them and
 * C is written row by row (kc and nc from selection.ts). Packing A as well as B measured 2.08 /
 * 2.97 / 2.97 GFLOP/s against 1.95 / 2.15 / 3.07 with A read row by row, on resnet18's
 * [64,576]·[576,3136], [512,4608]·[4608,49] and [64,147]·[147,12544] (CPU time).
 *
 * Panels hold float64 for every dtype: a float32 load costs a conversion (float64 Float64Array
 * panels ran 9–20% faster than float32 ones on seven model shapes, 2026-11-27). Cached weight
 * panels take twice the memory of the float32 weights. Accumulating in float32 through Math.fround
 * measured 1.7 against 4.7 GFLOP/s.
 *
 * The core is emitted twice from the same text: for arrays (the fast one) and, as `*_typed`, for
 * Float64Array panels, which newPanels hands out past its limits; each stays monomorphic.
 */
function gemm(sf: FileBuilder, v: Variant & { template: 'gemm' }): TemplateInfo {
  if (v.tile !== `${PR}x${PC}`) throw new Error(`gemm template: the variant's tile ${v.tile} is not the panels' ${PR}x${PC} (src/kernels/cpu/panels.ts)`);
  const T = arrayOf(v.dtype);
  const sym = symbolName(v);
  const acc = (r: number) => upTo(PC).map((c) => `c${r}${c}`);
  const all = upTo(PR).flatMap(acc);
  sf.addImportDeclaration({ moduleSpecifier: './panels.js', namedImports: ['Panels'], isTypeOnly: true });
  sf.addFunction({
    name: sym.replace(/__ts$/, '_packb__ts'), isExported: true,
    docs: [`Packs B (element [k][n] at \`off + k·rs + n·cs\`, so transposed B is \`rs = 1, cs = K\`) into ${PC}-column panels from \`out[outOff]\`; they take ceil(N/${PC})·K·${PC} elements.`],
    parameters: [{ name: 'b', type: T }, { name: 'off', type: 'int' }, { name: 'K', type: 'int' }, { name: 'N', type: 'int' },
      { name: 'rs', type: 'int' }, { name: 'cs', type: 'int' }, { name: 'out', type: PANELS }, { name: 'outOff', type: 'int' }],
    returnType: 'void',
    statements: [
      `const full = (N / ${PC}) | 0;`,
      '// The partial last panel first: code after a long loop has run only in V8\'s on-stack-replaced',
      '// code when the first call was long, so it had no type feedback; that cached OSR code then',
      '// deoptimized on it in every later call (tinybert: 85 deopts in 35 runs, each finishing the',
      '// call in the interpreter). Code before the loop always runs first in the interpreter.',
      `if (full * ${PC} < N) {`,
      `  const j0 = full * ${PC}, w = N - j0;`,
      `  let dst = outOff + full * K * ${PC};`,
      `  for (let k = 0; k < K; k++, dst += ${PC}) {`,
      '    const src = off + k * rs + j0 * cs;',
      `    for (let jj = 0; jj < ${PC}; jj++) out[dst + jj] = jj < w ? b[src + jj * cs] : 0;`,
      '  }',
      '}',
      '// Whole panels with no per-element test (this pass over the activations of every 1×1',
      '// convolution was 3% of MobileNet-v2\'s cpu profile with the tested loop).',
      ...wholePanels('b', 'full', PC, 'cs', 'rs'),
    ],
  });
  sf.addFunction({
    name: sym.replace(/__ts$/, '_packa__ts'), isExported: true,
    docs: [`Packs A (element [i][k] at \`off + i·rs + k·cs\`, so transposed A is \`rs = 1, cs = M\`) into panels of \`height\` rows from \`out[outOff]\` (the GEMM's are ${PR} rows; the recurrent template's matrix-vector product reads 4); they take ceil(M/height)·K·height elements.`],
    parameters: [{ name: 'a', type: T }, { name: 'off', type: 'int' }, { name: 'M', type: 'int' }, { name: 'K', type: 'int' },
      { name: 'rs', type: 'int' }, { name: 'cs', type: 'int' }, { name: 'out', type: PANELS }, { name: 'outOff', type: 'int' }, { name: 'height', type: 'int' }],
    returnType: 'void',
    statements: [
      'const panels = Math.ceil(M / height);',
      `// At the GEMM's height, whole panels take their ${PR} rows side by side per k (the second loop),`,
      '// writing each panel in order; other heights and a partial last panel go row by row, writing',
      '// with a stride of `height`. The row-by-row loop comes first, for the reason packb gives.',
      `const whole = height === ${PR} ? (M / ${PR}) | 0 : 0;`,
      'for (let q = whole; q < panels; q++) {',
      '  const i0 = q * height, h = Math.min(height, M - i0);',
      '  const dst = outOff + q * K * height;',
      '  for (let r = 0; r < height; r++) {',
      '    let src = off + (i0 + r) * rs;',
      '    if (r < h) for (let k = 0; k < K; k++, src += cs) out[dst + k * height + r] = a[src];',
      '    else for (let k = 0; k < K; k++) out[dst + k * height + r] = 0;',
      '  }',
      '}',
      ...wholePanels('a', 'whole', PR, 'rs', 'cs'),
    ],
  });
  // (What C holds, or the row's bias) + the block's sum, clamped to [lo, hi] after the last K block.
  // Math.min/max rather than two ifs: on [96,16]·[16,12544] with a Relu6 clamp, 15.7 vs 19.4 ms
  // (the branches follow the data's signs and mispredict); the same elsewhere. NaN passes through both.
  // A float32 Relu (lo = 0) takes the branch-free max of depthwisePairs (its comment says why it is
  // exact): Math.max's own compare and jump mispredicts there too. [96,16]·[16,3136] with Relu,
  // interleaved runs: 5.0 → 3.7–4.0 ms (3.4 ms with no clamp).
  const sum = (c: string, j: number) => `(add ? c[row + ${j}] : bias) + ${c}`;
  const store = (c: string, j: number) => `c[row + ${j}] = Math.min(Math.max(${sum(c, j)}, lo), hi);`;
  const storeRelu = (c: string, j: number) => {
    const [bound, value] = branchFreeRelu('t', sum(c, j));
    return `{ ${bound} c[row + ${j}] = ${value}; }`;
  };
  const storeRow = (r: number, st: (c: string, j: number) => string) => [
    `if (${r} < h) {`,
    `  const row = cOff + (i0 + ${r}) * ldc + j0, bias = add ? 0 : rowBias[i0 + ${r}];`,
    `  if (w === ${PC}) { ${acc(r).map((c, j) => st(c, j)).join(' ')} }`,
    `  else { ${acc(r).map((c, j) => `if (${j} < w) ${st(c, j)}`).join(' ')} }`,
    `}`,
  ];
  const stores = v.dtype === 'float32'
    ? ['if (relu) {', ...upTo(PR).flatMap((r) => storeRow(r, storeRelu).map((l) => `  ${l}`)), '} else {',
      ...upTo(PR).flatMap((r) => storeRow(r, store).map((l) => `  ${l}`)), '}']
    : upTo(PR).flatMap((r) => storeRow(r, store));
  const statements = [
    `const nPanels = Math.ceil(N / ${PC}), mPanels = Math.ceil(M / ${PR});`,
    `const KA = K * ${PR}, KB = K * ${PC}, ncPanels = Math.max(1, (nc / ${PC}) | 0);`,
    'for (let k0 = 0; k0 < K || k0 === 0; k0 += kc) {',
    '  const k1 = Math.min(K, k0 + kc);',
    '  // Later K blocks add to what the earlier ones stored; only the last one clamps.',
    '  const add = accumulate || k0 > 0;',
    '  const lo = k1 === K ? clipLo : -Infinity, hi = k1 === K ? clipHi : Infinity;',
    ...(v.dtype === 'float32' ? ['  const relu = lo === 0;'] : []),
    '  for (let p0 = 0; p0 < nPanels; p0 += ncPanels) {',
    '    const p1 = Math.min(nPanels, p0 + ncPanels);',
    '    for (let q = 0; q < mPanels; q++) {',
    `      const i0 = q * ${PR}, h = Math.min(${PR}, M - i0);`,
    `      const pa = ao + q * KA + k0 * ${PR};`,
    '      for (let p = p0; p < p1; p++) {',
    `        const j0 = p * ${PC}, w = Math.min(${PC}, N - j0);`,
    `        let ${all.map((c) => `${c} = 0`).join(', ')};`,
    // `| 0` wraps the index sums to int32, so V8 drops their overflow checks (4.20 → 4.35 GFLOP/s
    // on [16,128]·[128,512] in a scratch tile comparison, 2026-11-27; 5% in the LSTM's product).
    // A's index ends the loop, with no k counter: 6.3–6.6 → 6.9–7.1 GFLOP/s in a scratch copy of
    // the loop on Node 20 (7.3–7.6 → 7.6–7.8 on Node 22 and 24).
    `        for (let ai = pa, aEnd = pa + (k1 - k0) * ${PR}, bi = bo + p * KB + k0 * ${PC}; ai < aEnd; ai = (ai + ${PR}) | 0, bi = (bi + ${PC}) | 0) {`,
    `          const ${upTo(PC).map((j) => `b${j} = bp[${plus('bi', j)}]`).join(', ')};`,
    ...upTo(PR).map((r) => `          { const a = ap[${plus('ai', r)}]; ${acc(r).map((c, j) => `${c} += a * b${j};`).join(' ')} }`),
    '        }',
    ...stores.map((l) => `        ${l}`),
    '      }',
    '    }',
    '  }',
    '  if (K === 0) break;',
    '}',
  ];
  const core = (name: string, panels: string, what: string) => sf.addFunction({
    name, isExported: true,
    docs: [
      `C[M,N] = A·B (or C += A·B with \`accumulate\`) over ${v.dtype}, ${what}: A's panels (the packa function's, ${PR} rows) from \`ap[ao]\`, B's (packb's) from \`bp[bo]\`; C row-major with row stride \`ldc\` from \`cOff\`; \`kc\` and \`nc\` are the K and N block sizes (nc a multiple of ${PC}).`,
      'Without `accumulate`, row i starts from `rowBias[i]` (a convolution\'s bias; zeros for none). The results are clamped to [`lo`, `hi`] (±Infinity for none; Relu is lo = 0), so a fused Relu/Clip and the bias cost no extra pass over C; NaN passes, as in Relu and Clip.',
    ],
    parameters: [{ name: 'M', type: 'int' }, { name: 'N', type: 'int' }, { name: 'K', type: 'int' },
      { name: 'ap', type: panels }, { name: 'ao', type: 'int' }, { name: 'bp', type: panels }, { name: 'bo', type: 'int' },
      { name: 'c', type: T }, { name: 'cOff', type: 'int' }, { name: 'ldc', type: 'int' },
      { name: 'accumulate', type: 'boolean' }, { name: 'kc', type: 'int' }, { name: 'nc', type: 'int' },
      { name: 'rowBias', type: 'Float64Array' }, { name: 'clipLo', type: 'number' }, { name: 'clipHi', type: 'number' }],
    returnType: 'void',
    statements,
  });
  core(sym, 'number[]', 'panels in JS arrays');
  core(sym.replace(/__ts$/, '_typed__ts'), 'Panels', 'panels in Float64Arrays (or one of each)');
  return { spec: 'src/ir/ops/linalg/matmul.ts, src/ir/ops/linalg/gemm.ts, src/ir/ops/nn/conv.ts' };
}

function conv(sf: FileBuilder, v: Variant & { template: 'conv' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  if (v.tile === 'winograd') return winograd(sf, v);
  if (v.tile === 'winograd4') return winograd4(sf, v);
  sf.addImportDeclaration({ moduleSpecifier: './conv-plan.js', namedImports: ['ConvPlan'], isTypeOnly: true });
  if (v.tile === 'im2col') {
    sf.addImportDeclaration({ moduleSpecifier: './panels.js', namedImports: ['Panels'], isTypeOnly: true });
    sf.addFunction({
      name: symbolName(v), isExported: true,
      docs: [
        `Packed im2col of output rows [oh0, oh1) (all depths): unrolls the windows of \`channels\` input planes (from \`xOff\`) straight into the GEMM's ${PC}-column panel layout, so the [channels·k, columns] matrix is never written unpacked. Taps in the padding stay 0 (\`out\` must arrive zeroed).`,
      ],
      parameters: [{ name: 'x', type: T }, { name: 'xOff', type: 'int' }, { name: 'channels', type: 'int' },
        { name: 'g', type: 'ConvPlan' }, { name: 'oh0', type: 'int' }, { name: 'oh1', type: 'int' }, { name: 'out', type: PANELS }],
      returnType: 'void',
      statements: [
        'const { D, H, W, KD, KH, KW, OD, OW, sd, sh, sw, dd, dh, dw, pd, ph, pw } = g;',
        'const K = channels * KD * KH * KW;',
        'let row = 0;',
        'const rows = oh1 - oh0;',
        'for (let c = 0; c < channels; c++) {',
        '  const xBase = xOff + c * D * H * W;',
        '  for (let kd = 0; kd < KD; kd++) {',
        '    for (let kh = 0; kh < KH; kh++) {',
        '      for (let kw = 0; kw < KW; kw++, row++) {',
        '        // Output columns whose input column 0 <= ow*sw - pw + kw*dw < W, computed once per tap.',
        '        const colOff = kw * dw - pw;',
        '        const o0 = Math.max(0, Math.ceil(-colOff / sw));',
        '        const o1 = Math.max(o0, Math.min(OW, Math.floor((W - 1 - colOff) / sw) + 1));',
        `        const rowAt = row * ${PC};`,
        '        for (let od = 0; od < OD; od++) {',
        '          const id = od * sd - pd + kd * dd;',
        '          if (id < 0 || id >= D) continue;',
        '          for (let oh = oh0; oh < oh1; oh++) {',
        '            const ih = oh * sh - ph + kh * dh;',
        '            if (ih < 0 || ih >= H) continue;',
        '            let n = (od * rows + oh - oh0) * OW + o0;',
        '            let xi = xBase + (id * H + ih) * W + o0 * sw + colOff;',
        `            for (let ow = o0; ow < o1; ow++, n++, xi += sw) out[${divBy('n', PC)} * K * ${PC} + rowAt + ${modBy('n', PC)}] = x[xi];`,
        '          }',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
      ],
    });
  } else {
    sf.addFunction({
      name: symbolName(v), isExported: true,
      docs: [
        'Depthwise 2-D convolution of one channel plane: out[oh,ow] = clamp(bias + Σ w[kh,kw]·x[ih,iw], lo, hi) (lo/hi are a fused Relu/Clip; ±Infinity for none). 3×3 windows without dilation sum each output in a local over the nine weights held in locals; other windows sweep each tap over the output rows it reaches (a contiguous or strided row walk with no bounds tests), summing in `acc` (float64).',
      ],
      parameters: [{ name: 'x', type: T }, { name: 'xOff', type: 'int' }, { name: 'w', type: T }, { name: 'wOff', type: 'int' },
        { name: 'bias', type: 'number' }, { name: 'g', type: 'ConvPlan' }, { name: 'out', type: T }, { name: 'oOff', type: 'int' }, { name: 'acc', type: 'Float64Array' },
        { name: 'padded', type: T }, { name: 'lo', type: 'number' }, { name: 'hi', type: 'number' }],
      returnType: 'void',
      statements: [
        'const { H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw } = g;',
        'const plane = OH * OW;',
        'if (KH === 3 && KW === 3 && dh === 1 && dw === 1) {',
        '  // The 3×3 case (MobileNet\'s layers, any stride and pads): the nine weights in locals and one sum per',
        '  // output. Outputs whose window is wholly inside the plane, columns [c0, c1) of rows [r0, r1), take the',
        '  // unrolled loop on x; the border ones either a tap-checked loop or, when they are many against the',
        '  // plane (the 7×7 to 28×28 planes of MobileNet\'s late layers, where they were half the time), the',
        '  // unrolled loop too, on a copy of the plane with zero borders in `padded`. The rule border·18 >',
        '  // padded size matched what was faster for each of MobileNet-v2\'s depthwise shapes.',
        '  const w00 = w[wOff], w01 = w[wOff + 1], w02 = w[wOff + 2], w10 = w[wOff + 3], w11 = w[wOff + 4], w12 = w[wOff + 5];',
        '  const w20 = w[wOff + 6], w21 = w[wOff + 7], w22 = w[wOff + 8];',
        '  const c0 = Math.min(OW, Math.ceil(pw / sw)), c1 = Math.max(c0, Math.min(OW, Math.floor((W - 3 + pw) / sw) + 1));',
        '  const r0 = Math.min(OH, Math.ceil(ph / sh)), r1 = Math.max(r0, Math.min(OH, Math.floor((H - 3 + ph) / sh) + 1));',
        '  const PH = (OH - 1) * sh + 3, PW = (OW - 1) * sw + 3;',
        '  const border = plane - (r1 - r0) * (c1 - c0);',
        '  // A tap in the padding adds w·0, as in the reference (it multiplies explicit zeros): NaN for an',
        '  // infinite or NaN weight, so the zero-bordered copy and the tap-checked loop agree with it.',
        '  let src = x, base = xOff - ph * W - pw, stride = W, all = false;',
        '  if (border > 0 && border * 18 > PH * PW) {',
        '    padded.fill(0, 0, PH * PW);',
        '    const i0 = Math.max(0, ph), i1 = Math.min(PH, H + ph), j0 = Math.max(0, pw), j1 = Math.min(PW, W + pw);',
        '    for (let i = i0; i < i1; i++) {',
        '      const from = xOff + (i - ph) * W - pw, to = i * PW;',
        '      for (let j = j0; j < j1; j++) padded[to + j] = x[from + j];',
        '    }',
        '    src = padded; base = 0; stride = PW; all = true;',
        '  }',
        '  for (let oh = 0; oh < OH; oh++) {',
        '    const o = oOff + oh * OW;',
        '    const inside = all || (oh >= r0 && oh < r1);',
        '    const ow0 = all ? 0 : c0, ow1 = all ? OW : c1;',
        '    if (inside) {',
        '      let ow = ow0, x0 = base + oh * sh * stride + ow0 * sw;',
        ...depthwisePairs(v.dtype),
        '      for (; ow < ow1; ow++, x0 += sw) {',
        '        const x1 = x0 + stride, x2 = x1 + stride;',
        '        const s = bias + w00 * src[x0] + w01 * src[x0 + 1] + w02 * src[x0 + 2] + w10 * src[x1] + w11 * src[x1 + 1] + w12 * src[x1 + 2]',
        '          + w20 * src[x2] + w21 * src[x2 + 1] + w22 * src[x2 + 2];',
        '        out[o + ow] = Math.min(Math.max(s, lo), hi);',
        '      }',
        '      if (all) continue;',
        '    }',
        '    // Border outputs, taps outside the plane reading 0; the interior columns of inside rows were written above.',
        '    const ih0 = oh * sh - ph;',
        '    for (let ow = 0; ow < OW; ow++) {',
        '      if (inside && ow === c0 && c1 > c0) { ow = c1 - 1; continue; }',
        '      let s = bias;',
        '      for (let kh = 0; kh < 3; kh++) {',
        '        const ih = ih0 + kh, rowIn = ih >= 0 && ih < H;',
        '        for (let kw = 0; kw < 3; kw++) {',
        '          const iw = ow * sw - pw + kw;',
        '          s += w[wOff + kh * 3 + kw] * (rowIn && iw >= 0 && iw < W ? x[xOff + ih * W + iw] : 0);',
        '        }',
        '      }',
        '      out[o + ow] = Math.min(Math.max(s, lo), hi);',
        '    }',
        '  }',
        '  return;',
        '}',
        'acc.fill(bias, 0, plane);',
        'for (let kh = 0; kh < KH; kh++) {',
        '  for (let kw = 0; kw < KW; kw++) {',
        '    const wv = w[wOff + kh * KW + kw];',
        '    const colOff = kw * dw - pw;',
        '    const o0 = Math.max(0, Math.ceil(-colOff / sw));',
        '    const o1 = Math.max(o0, Math.min(OW, Math.floor((W - 1 - colOff) / sw) + 1));',
        '    for (let oh = 0; oh < OH; oh++) {',
        '      const ih = oh * sh - ph + kh * dh;',
        '      if (ih < 0 || ih >= H) continue;',
        '      let xi = xOff + ih * W + o0 * sw + colOff;',
        '      const row = oh * OW;',
        '      for (let ow = o0; ow < o1; ow++, xi += sw) acc[row + ow] += wv * x[xi];',
        '    }',
        '    // The sweep skips the padding, where the reference adds wv·0: NaN when wv is infinite or NaN.',
        '    if (!Number.isFinite(wv)) {',
        '      for (let oh = 0; oh < OH; oh++) {',
        '        const ih = oh * sh - ph + kh * dh, rowIn = ih >= 0 && ih < H;',
        '        for (let ow = 0; ow < OW; ow++) if (!rowIn || ow < o0 || ow >= o1) acc[oh * OW + ow] = NaN;',
        '      }',
        '    }',
        '  }',
        '}',
        'for (let i = 0; i < plane; i++) out[oOff + i] = Math.min(Math.max(acc[i], lo), hi);',
      ],
    });
  }
  return { spec: 'src/ir/ops/nn/conv.ts' };
}

/**
 * min(max(`v`, 0), hi) for a float32 result held as a double, with no branch on its sign (the
 * depthwisePairs comment below says why and why it is exact): the statement that binds `t`, and
 * the expression of the result that reads it. The GEMM store, depthwisePairs and reluUpTo emit it.
 */
function branchFreeRelu(t: string, v: string): [string, string] {
  return [`const ${t} = Math.max(${v}, -1.7976931348623157e308);`, `Math.min(0.5 * (${t} + Math.abs(${t})), hi)`];
}

/**
 * The depthwise 3×3 interior at stride 1 or 2, two outputs per step: a pair reads 4 columns per
 * row instead of 6 (stride 2: 5), and its two sums are independent chains, each in the reference's
 * order (Relu6 on a 110×110 interior, microbenchmark: 14.7 ns per output one at a time, 8.8 in
 * pairs). A float32 Relu (lo = 0) clamps without a data-dependent branch: Math.max compiles to a
 * compare and jump that follows the signs and mispredicts about half the time. max(t, 0) =
 * (t + |t|) / 2 is exact for float32 values held as doubles; the Math.max before it (always taken
 * the same way unless the sum is -∞) keeps -∞ from giving ∞ - ∞, and NaN passes. In a pair loop
 * that was 7.0 → 5.1 ns per output; the whole kernel on MobileNet-v2's 32×112² layer went from
 * 17.5 to 7.7 ns per output. float64 keeps Math.max: t + |t| can overflow there.
 */
function depthwisePairs(dtype: string): string[] {
  const store = (k: 0 | 1) => `out[o + ow${k ? ' + 1' : ''}]`;
  const minMax = (k: 0 | 1) => [`${store(k)} = Math.min(Math.max(s${k}, lo), hi);`];
  const relu = (k: 0 | 1) => {
    const [bound, value] = branchFreeRelu(`t${k}`, `s${k}`);
    return [bound, `${store(k)} = ${value};`];
  };
  const pairs = (step: number, clamp: (k: 0 | 1) => string[]) => {
    const cols = [...Array(step === 1 ? 4 : 5).keys()];
    const sum = (first: number) => [0, 1, 2].flatMap((r) => [0, 1, 2].map((k) => `w${r}${k} * ${'pqr'[r]}${first + k}`)).join(' + ');
    return [
      `for (; ow + 1 < ow1; ow += 2, x0 += ${2 * step}) {`,
      '  const x1 = x0 + stride, x2 = x1 + stride;',
      ...[0, 1, 2].map((r) => `  const ${cols.map((k) => `${'pqr'[r]}${k} = src[x${r}${k ? ` + ${k}` : ''}]`).join(', ')};`),
      `  const s0 = bias + ${sum(0)};`,
      `  const s1 = bias + ${sum(step)};`,
      ...[...clamp(0), ...clamp(1)].map((l) => `  ${l}`),
      '}',
    ];
  };
  const indent = (ls: string[]) => ls.map((l) => `  ${l}`);
  const strides = (clamp: (k: 0 | 1) => string[]) =>
    ['if (sw === 1) {', ...indent(pairs(1, clamp)), '} else if (sw === 2) {', ...indent(pairs(2, clamp)), '}'];
  const lines = dtype === 'float32'
    ? ['if (lo === 0) {', ...indent(strides(relu)), '} else {', ...indent(strides(minMax)), '}']
    : strides(minMax);
  return lines.map((l) => `      ${l}`);
}

/**
 * clamp(e, lo, hi) as an expression for the Winograd output transforms. A float32 Relu (lo = 0,
 * `relu` in the caller) takes reluUpTo: the branch-free max of depthwisePairs, as a small function
 * V8 inlines. squeezenet's F(4×4) output transforms (all after a Relu) went from 4.6–4.7% to
 * 4.1% of its cpu profile (two runs each, interleaved).
 */
function clamped(dtype: string, e: string): string {
  return dtype === 'float32' ? `relu ? reluUpTo(${e}, hi) : Math.min(Math.max(${e}, lo), hi)` : `Math.min(Math.max(${e}, lo), hi)`;
}

/** Emits reluUpTo, which `clamped` calls for float32 files. */
function addReluUpTo(sf: FileBuilder, dtype: string): void {
  if (dtype !== 'float32') return;
  const [bound, value] = branchFreeRelu('t', 'v');
  sf.addFunction({
    name: 'reluUpTo',
    docs: ['min(max(v, 0), hi) with no branch on the sign of v (exact for float32 results; see depthwisePairs in the template). NaN passes.'],
    parameters: [{ name: 'v', type: 'number' }, { name: 'hi', type: 'number' }],
    returnType: 'number',
    statements: [bound, `return ${value};`],
  });
}

/**
 * Winograd F(2×2, 3×3) for 3×3 stride-1 convolutions: each 2×2 output tile costs 16 multiplies per
 * (input, output) channel pair instead of 36. The transformed weights U = G·g·Gᵀ and input tiles
 * V = Bᵀ·d·B are written straight into the GEMM's packed layouts, one [M,C]·[C,tiles] product per
 * of the 16 positions, then Y = Aᵀ·m·A. U, V and m are float64 whatever the dtype, so the
 * transforms add no rounding beyond the reference's own (it also sums in float64).
 */
function winograd(sf: FileBuilder, v: Variant & { template: 'conv' }): TemplateInfo {
  sf.addImportDeclaration({ moduleSpecifier: './panels.js', namedImports: ['Panels'], isTypeOnly: true });
  const T = arrayOf(v.dtype);
  const sym = symbolName(v);
  sf.addFunction({
    name: sym.replace(/__ts$/, '_weights__ts'), isExported: true,
    docs: [`U = G·g·Gᵀ for every [M, C] 3×3 kernel of \`w\`, as 16 packed-A matrices (${PR}-row panels): position ξ at ξ·ceil(M/${PR})·C·${PR}, element (m, c) at ${panelIndex('m', 'c', 'C', PR)}.`],
    parameters: [{ name: 'w', type: T }, { name: 'wOff', type: 'int' }, { name: 'M', type: 'int' }, { name: 'C', type: 'int' }, { name: 'out', type: PANELS }],
    returnType: 'void',
    statements: [
      `const size = Math.ceil(M / ${PR}) * C * ${PR};`,
      'const t = new Float64Array(12);',
      'for (let m = 0; m < M; m++) {',
      '  for (let c = 0; c < C; c++) {',
      '    const g = wOff + (m * C + c) * 9;',
      '    // t = G·g (4×3), G = [[1,0,0],[.5,.5,.5],[.5,-.5,.5],[0,0,1]]',
      '    for (let j = 0; j < 3; j++) {',
      '      const g0 = w[g + j], g1 = w[g + 3 + j], g2 = w[g + 6 + j];',
      '      t[j] = g0; t[3 + j] = 0.5 * (g0 + g1 + g2); t[6 + j] = 0.5 * (g0 - g1 + g2); t[9 + j] = g2;',
      '    }',
      `    const base = ${panelIndex('m', 'c', 'C', PR)};`,
      '    for (let i = 0; i < 4; i++) {',
      '      const r0 = t[i * 3], r1 = t[i * 3 + 1], r2 = t[i * 3 + 2];',
      '      out[(i * 4) * size + base] = r0;',
      '      out[(i * 4 + 1) * size + base] = 0.5 * (r0 + r1 + r2);',
      '      out[(i * 4 + 2) * size + base] = 0.5 * (r0 - r1 + r2);',
      '      out[(i * 4 + 3) * size + base] = r2;',
      '    }',
      '  }',
      '}',
    ],
  });
  sf.addFunction({
    name: sym, isExported: true,
    docs: [`V = Bᵀ·d·B for every 4×4 input tile (origin (2·th − ph, 2·tw − pw), zeros outside the plane) of \`C\` planes from \`xOff\`, as 16 packed-B matrices (${PC}-column panels): position ξ at ξ·ceil(T/${PC})·C·${PC}, element (c, t) at ${panelIndex('t', 'c', 'C', PC)}, T = TH·TW.`],
    parameters: [{ name: 'x', type: T }, { name: 'xOff', type: 'int' }, { name: 'C', type: 'int' }, { name: 'H', type: 'int' }, { name: 'W', type: 'int' },
      { name: 'ph', type: 'int' }, { name: 'pw', type: 'int' }, { name: 'TH', type: 'int' }, { name: 'TW', type: 'int' }, { name: 'out', type: PANELS }],
    returnType: 'void',
    statements: [
      'const T = TH * TW;',
      `const size = Math.ceil(T / ${PC}) * C * ${PC};`,
      'const d = new Float64Array(16), u = new Float64Array(16);',
      'for (let c = 0; c < C; c++) {',
      '  const plane = xOff + c * H * W;',
      '  for (let th = 0; th < TH; th++) {',
      '    for (let tw = 0; tw < TW; tw++) {',
      '      const y0 = 2 * th - ph, x0 = 2 * tw - pw;',
      '      for (let i = 0; i < 4; i++) {',
      '        const yy = y0 + i;',
      '        const inside = yy >= 0 && yy < H;',
      '        for (let j = 0; j < 4; j++) {',
      '          const xx = x0 + j;',
      '          d[i * 4 + j] = inside && xx >= 0 && xx < W ? x[plane + yy * W + xx] : 0;',
      '        }',
      '      }',
      '      // u = Bᵀ·d (rows), Bᵀ = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]]',
      '      for (let j = 0; j < 4; j++) {',
      '        const a = d[j], b = d[4 + j], e = d[8 + j], f = d[12 + j];',
      '        u[j] = a - e; u[4 + j] = b + e; u[8 + j] = e - b; u[12 + j] = b - f;',
      '      }',
      '      const t = th * TW + tw;',
      `      const base = ${panelIndex('t', 'c', 'C', PC)};`,
      '      for (let i = 0; i < 4; i++) {',
      '        const a = u[i * 4], b = u[i * 4 + 1], e = u[i * 4 + 2], f = u[i * 4 + 3];',
      '        out[(i * 4) * size + base] = a - e;',
      '        out[(i * 4 + 1) * size + base] = b + e;',
      '        out[(i * 4 + 2) * size + base] = e - b;',
      '        out[(i * 4 + 3) * size + base] = b - f;',
      '      }',
      '    }',
      '  }',
      '}',
    ],
  });
  addReluUpTo(sf, v.dtype);
  sf.addFunction({
    name: sym.replace(/__ts$/, '_output__ts'), isExported: true,
    docs: ['Y = clamp(Aᵀ·m·A (+ bias), lo, hi) (a fused Relu/Clip; ±Infinity for none) from the 16 GEMM results `m` (position ξ at ξ·M·T, row-major [M, T]), Aᵀ = [[1,1,1,0],[0,1,-1,-1]]; tiles past the output edge are cut.'],
    parameters: [{ name: 'm', type: 'Float64Array' }, { name: 'M', type: 'int' }, { name: 'TH', type: 'int' }, { name: 'TW', type: 'int' },
      { name: 'OH', type: 'int' }, { name: 'OW', type: 'int' }, { name: 'bias', type: `${T} | undefined` }, { name: 'y', type: T }, { name: 'yOff', type: 'int' },
      { name: 'lo', type: 'number' }, { name: 'hi', type: 'number' }],
    returnType: 'void',
    statements: [
      'const T = TH * TW, MT = M * T;',
      'const s = new Float64Array(8);',
      ...(v.dtype === 'float32' ? ['const relu = lo === 0;'] : []),
      'for (let o = 0; o < M; o++) {',
      '  const b = bias ? bias[o] : 0;',
      '  const plane = yOff + o * OH * OW;',
      '  for (let t = 0; t < T; t++) {',
      '    const at = o * T + t;',
      '    // s = Aᵀ·m (2×4)',
      '    for (let j = 0; j < 4; j++) {',
      '      const a = m[j * MT + at], c = m[(4 + j) * MT + at], e = m[(8 + j) * MT + at], f = m[(12 + j) * MT + at];',
      '      s[j] = a + c + e; s[4 + j] = c - e - f;',
      '    }',
      '    const th = (t / TW) | 0, tw = t - th * TW;',
      '    const oh = 2 * th, ow = 2 * tw;',
      '    for (let i = 0; i < 2 && oh + i < OH; i++) {',
      '      const r = plane + (oh + i) * OW + ow;',
      `      y[r] = ${clamped(v.dtype, 's[i * 4] + s[i * 4 + 1] + s[i * 4 + 2] + b')};`,
      `      if (ow + 1 < OW) y[r + 1] = ${clamped(v.dtype, 's[i * 4 + 1] - s[i * 4 + 2] - s[i * 4 + 3] + b')};`,
      '    }',
      '  }',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/nn/conv.ts' };
}

/**
 * Winograd F(4×4, 3×3) (Lavin & Gray): each 4×4 output tile from a 6×6 input tile costs 36
 * multiplies per (input, output) channel pair instead of 144, against F(2×2)'s 16 per 2×2 tile (64
 * per 4×4). Same layout and float64 intermediates as F(2×2) above, with 36 positions:
 * Bᵀ = [[4,0,−5,0,1,0],[0,−4,−4,1,1,0],[0,4,−4,−1,1,0],[0,−2,−1,2,1,0],[0,2,−1,−2,1,0],[0,4,0,−5,0,1]],
 * G = [[¼,0,0],[−⅙,−⅙,−⅙],[−⅙,⅙,−⅙],[1/24,1/12,⅙],[1/24,−1/12,⅙],[0,0,1]],
 * Aᵀ = [[1,1,1,1,1,0],[0,1,−1,2,−2,0],[0,1,1,4,4,0],[0,1,−1,8,−8,1]].
 */
function winograd4(sf: FileBuilder, v: Variant & { template: 'conv' }): TemplateInfo {
  sf.addImportDeclaration({ moduleSpecifier: './panels.js', namedImports: ['Panels'], isTypeOnly: true });
  const T = arrayOf(v.dtype);
  const sym = symbolName(v);
  // The rows of Bᵀ·(d0..d5), G·(g0, g1, g2) and Aᵀ·(m0..m5) as expressions.
  const bt = (d: (k: number) => string) => [
    `4 * ${d(0)} - 5 * ${d(2)} + ${d(4)}`, `-4 * ${d(1)} - 4 * ${d(2)} + ${d(3)} + ${d(4)}`, `4 * ${d(1)} - 4 * ${d(2)} - ${d(3)} + ${d(4)}`,
    `-2 * ${d(1)} - ${d(2)} + 2 * ${d(3)} + ${d(4)}`, `2 * ${d(1)} - ${d(2)} - 2 * ${d(3)} + ${d(4)}`, `4 * ${d(1)} - 5 * ${d(3)} + ${d(5)}`,
  ];
  const gm = (g: (k: number) => string) => [
    `${g(0)} / 4`, `-(${g(0)} + ${g(1)} + ${g(2)}) / 6`, `-(${g(0)} - ${g(1)} + ${g(2)}) / 6`,
    `${g(0)} / 24 + ${g(1)} / 12 + ${g(2)} / 6`, `${g(0)} / 24 - ${g(1)} / 12 + ${g(2)} / 6`, `${g(2)}`,
  ];
  const at = (m: (k: number) => string) => [
    `${m(0)} + ${m(1)} + ${m(2)} + ${m(3)} + ${m(4)}`, `${m(1)} - ${m(2)} + 2 * ${m(3)} - 2 * ${m(4)}`,
    `${m(1)} + ${m(2)} + 4 * ${m(3)} + 4 * ${m(4)}`, `${m(1)} - ${m(2)} + 8 * ${m(3)} - 8 * ${m(4)} + ${m(5)}`,
  ];
  const six = [0, 1, 2, 3, 4, 5];
  sf.addFunction({
    name: sym.replace(/__ts$/, '_weights__ts'), isExported: true,
    docs: [`U = G·g·Gᵀ for every [M, C] 3×3 kernel of \`w\`, as 36 packed-A matrices (${PR}-row panels): position ξ at ξ·ceil(M/${PR})·C·${PR}, element (m, c) at ${panelIndex('m', 'c', 'C', PR)}.`],
    parameters: [{ name: 'w', type: T }, { name: 'wOff', type: 'int' }, { name: 'M', type: 'int' }, { name: 'C', type: 'int' }, { name: 'out', type: PANELS }],
    returnType: 'void',
    statements: [
      `const size = Math.ceil(M / ${PR}) * C * ${PR};`,
      'const t = new Float64Array(18);',
      'for (let m = 0; m < M; m++) {',
      '  for (let c = 0; c < C; c++) {',
      '    const g = wOff + (m * C + c) * 9;',
      '    // t = G·g (6×3), column by column',
      '    for (let j = 0; j < 3; j++) {',
      '      const g0 = w[g + j], g1 = w[g + 3 + j], g2 = w[g + 6 + j];',
      `      ${gm((k) => `g${k}`).map((e, i) => `t[${i * 3} + j] = ${e};`).join(' ')}`,
      '    }',
      `    const base = ${panelIndex('m', 'c', 'C', PR)};`,
      '    for (let i = 0; i < 6; i++) {',
      '      const r0 = t[i * 3], r1 = t[i * 3 + 1], r2 = t[i * 3 + 2];',
      ...gm((k) => `r${k}`).map((e, j) => `      out[(i * 6 + ${j}) * size + base] = ${e};`),
      '    }',
      '  }',
      '}',
    ],
  });
  sf.addFunction({
    name: sym, isExported: true,
    docs: [`V = Bᵀ·d·B for every 6×6 input tile (origin (4·th − ph, 4·tw − pw), zeros outside the plane) of \`C\` planes from \`xOff\`, as 36 packed-B matrices (${PC}-column panels): position ξ at ξ·ceil(T/${PC})·C·${PC}, element (c, t) at ${panelIndex('t', 'c', 'C', PC)}, T = TH·TW.`],
    parameters: [{ name: 'x', type: T }, { name: 'xOff', type: 'int' }, { name: 'C', type: 'int' }, { name: 'H', type: 'int' }, { name: 'W', type: 'int' },
      { name: 'ph', type: 'int' }, { name: 'pw', type: 'int' }, { name: 'TH', type: 'int' }, { name: 'TW', type: 'int' }, { name: 'out', type: PANELS }],
    returnType: 'void',
    statements: [
      'const T = TH * TW;',
      `const size = Math.ceil(T / ${PC}) * C * ${PC};`,
      'const d = new Float64Array(36), u = new Float64Array(36);',
      'for (let c = 0; c < C; c++) {',
      '  const plane = xOff + c * H * W;',
      '  for (let th = 0; th < TH; th++) {',
      '    for (let tw = 0; tw < TW; tw++) {',
      '      const y0 = 4 * th - ph, x0 = 4 * tw - pw;',
      '      if (y0 >= 0 && y0 + 6 <= H && x0 >= 0 && x0 + 6 <= W) {',
      '        for (let i = 0, r = plane + y0 * W + x0; i < 6; i++, r += W) {',
      '          d[i * 6] = x[r]; d[i * 6 + 1] = x[r + 1]; d[i * 6 + 2] = x[r + 2]; d[i * 6 + 3] = x[r + 3]; d[i * 6 + 4] = x[r + 4]; d[i * 6 + 5] = x[r + 5];',
      '        }',
      '      } else {',
      '        for (let i = 0; i < 6; i++) {',
      '          const yy = y0 + i;',
      '          const inside = yy >= 0 && yy < H;',
      '          for (let j = 0; j < 6; j++) {',
      '            const xx = x0 + j;',
      '            d[i * 6 + j] = inside && xx >= 0 && xx < W ? x[plane + yy * W + xx] : 0;',
      '          }',
      '        }',
      '      }',
      '      // u = Bᵀ·d (column by column)',
      '      for (let j = 0; j < 6; j++) {',
      `        const ${six.map((k) => `d${k} = d[${k * 6} + j]`).join(', ')};`,
      `        ${bt((k) => `d${k}`).map((e, i) => `u[${i * 6} + j] = ${e};`).join(' ')}`,
      '      }',
      '      const t = th * TW + tw;',
      `      const base = ${panelIndex('t', 'c', 'C', PC)};`,
      '      // V = u·B (row by row)',
      '      for (let i = 0; i < 6; i++) {',
      `        const ${six.map((k) => `u${k} = u[i * 6 + ${k}]`).join(', ')};`,
      ...bt((k) => `u${k}`).map((e, j) => `        out[(i * 6 + ${j}) * size + base] = ${e};`),
      '      }',
      '    }',
      '  }',
      '}',
    ],
  });
  addReluUpTo(sf, v.dtype);
  sf.addFunction({
    name: sym.replace(/__ts$/, '_output__ts'), isExported: true,
    docs: ['Y = clamp(Aᵀ·m·A (+ bias), lo, hi) (a fused Relu/Clip; ±Infinity for none) from the 36 GEMM results `m` (position ξ at ξ·M·T, row-major [M, T]); tiles past the output edge are cut.'],
    parameters: [{ name: 'm', type: 'Float64Array' }, { name: 'M', type: 'int' }, { name: 'TH', type: 'int' }, { name: 'TW', type: 'int' },
      { name: 'OH', type: 'int' }, { name: 'OW', type: 'int' }, { name: 'bias', type: `${T} | undefined` }, { name: 'y', type: T }, { name: 'yOff', type: 'int' },
      { name: 'lo', type: 'number' }, { name: 'hi', type: 'number' }],
    returnType: 'void',
    statements: [
      'const T = TH * TW, MT = M * T;',
      'const s = new Float64Array(24);',
      ...(v.dtype === 'float32' ? ['const relu = lo === 0;'] : []),
      'for (let o = 0; o < M; o++) {',
      '  const b = bias ? bias[o] : 0;',
      '  const plane = yOff + o * OH * OW;',
      '  for (let t = 0; t < T; t++) {',
      '    const at = o * T + t;',
      '    // s = Aᵀ·m (4×6), column by column',
      '    for (let j = 0; j < 6; j++) {',
      `      const ${six.map((k) => `m${k} = m[(${k * 6} + j) * MT + at]`).join(', ')};`,
      `      ${at((k) => `m${k}`).map((e, i) => `s[${i * 6} + j] = ${e};`).join(' ')}`,
      '    }',
      '    const th = (t / TW) | 0, tw = t - th * TW;',
      '    const oh = 4 * th, ow = 4 * tw;',
      '    for (let i = 0; i < 4 && oh + i < OH; i++) {',
      `      const ${six.map((k) => `s${k} = s[i * 6 + ${k}]`).join(', ')};`,
      '      const r = plane + (oh + i) * OW + ow;',
      ...at((k) => `s${k}`).map((e, j) => `      ${j === 0 ? '' : `if (ow + ${j} < OW) `}y[r + ${j}] = ${clamped(v.dtype, `${e} + b`)};`),
      '    }',
      '  }',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/nn/conv.ts' };
}

// ---------------------------------------------------------------------------------------------
// Softmax, normalization, reductions

function softmax(sf: FileBuilder, v: Variant & { template: 'softmax' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  const log = v.op === 'LogSoftmax';
  const strided = v.tile === 'strided';
  // The line math mirrors softmaxLine/logSoftmaxLine in the spec: subtract the max, exp, sum.
  const line = (idx: (i: string) => string, start: string, end: string, step: string) => [
    `let max = -Infinity;`,
    `for (let i = ${start}; i < ${end}; i += ${step}) if (x[${idx('i')}] > max) max = x[${idx('i')}];`,
    `let sum = 0;`,
    log
      ? `for (let i = ${start}; i < ${end}; i += ${step}) sum += Math.exp(x[${idx('i')}] - max);`
      : `for (let i = ${start}; i < ${end}; i += ${step}) { const e = Math.exp(x[${idx('i')}] - max); tmp[i] = e; sum += e; }`,
    log
      ? `const shift = max + Math.log(sum);\nfor (let i = ${start}; i < ${end}; i += ${step}) y[${idx('i')}] = x[${idx('i')}] - shift;`
      : `for (let i = ${start}; i < ${end}; i += ${step}) y[${idx('i')}] = tmp[i] / sum;`,
  ];
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: [strided
      ? `${v.op} along the middle axis of x viewed as [outer, len, inner]. \`tmp\` (float64, \`len\` long) keeps the exponentials unrounded.`
      : `${v.op} along the last axis of x viewed as [outer, len]. \`tmp\` (float64, \`len\` long) keeps the exponentials unrounded.`],
    parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'outer', type: 'int' }, { name: 'len', type: 'int' },
      ...(strided ? [{ name: 'inner', type: 'int' }] : []), { name: 'tmp', type: 'Float64Array' }],
    returnType: 'void',
    statements: strided
      ? [
        'for (let o = 0; o < outer; o++) {',
        '  for (let k = 0; k < inner; k++) {',
        '    const base = o * len * inner + k;',
        ...line((i) => `base + ${i} * inner`, '0', 'len', '1').map((l) => `    ${l.replace(/\n/g, '\n    ')}`),
        '  }',
        '}',
      ]
      : [
        'for (let o = 0; o < outer; o++) {',
        '  const base = o * len;',
        ...line((i) => `base + ${i}`, '0', 'len', '1').map((l) => `  ${l.replace(/\n/g, '\n  ')}`),
        '}',
      ],
  });
  return { spec: 'src/ir/ops/normalization/softmax.ts' };
}

function layerNorm(sf: FileBuilder, v: Variant & { template: 'layernorm' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: ['LayerNormalization over the last `norm` elements of each of `outer` rows, Scale and B of length `norm` (B may be absent). Statistics in float64, as the reference computes them.'],
    parameters: [{ name: 'x', type: T }, { name: 'scale', type: T }, { name: 'bias', type: `${T} | undefined` }, { name: 'y', type: T },
      { name: 'outer', type: 'int' }, { name: 'norm', type: 'number' }, { name: 'epsilon', type: 'number' }],
    returnType: 'void',
    statements: [
      'for (let o = 0; o < outer; o++) {',
      '  const base = o * norm;',
      '  let sum = 0;',
      '  for (let j = 0; j < norm; j++) sum += x[base + j];',
      '  const mean = sum / norm;',
      '  let sq = 0;',
      '  for (let j = 0; j < norm; j++) { const d = x[base + j] - mean; sq += d * d; }',
      '  const inv = 1 / Math.sqrt(sq / norm + epsilon);',
      '  if (bias) for (let j = 0; j < norm; j++) y[base + j] = (x[base + j] - mean) * inv * scale[j] + bias[j];',
      '  else for (let j = 0; j < norm; j++) y[base + j] = (x[base + j] - mean) * inv * scale[j];',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/normalization/layer-normalization.ts' };
}

function batchNorm(sf: FileBuilder, v: Variant & { template: 'batchnorm' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: ['Inference BatchNormalization of x viewed as [n, c, inner]: y = x·a + k per channel with a = scale/√(var+ε), k = B − mean·a (the reference folds the same way).'],
    parameters: [{ name: 'x', type: T }, { name: 'scale', type: T }, { name: 'bias', type: T }, { name: 'mean', type: T }, { name: 'variance', type: T },
      { name: 'y', type: T }, { name: 'n', type: 'int' }, { name: 'c', type: 'int' }, { name: 'inner', type: 'int' }, { name: 'epsilon', type: 'number' }],
    returnType: 'void',
    statements: [
      'for (let ch = 0; ch < c; ch++) {',
      '  const a = scale[ch] / Math.sqrt(variance[ch] + epsilon);',
      '  const k = bias[ch] - mean[ch] * a;',
      '  for (let b = 0; b < n; b++) {',
      '    const base = (b * c + ch) * inner, end = base + inner;',
      '    for (let i = base; i < end; i++) y[i] = x[i] * a + k;',
      '  }',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/normalization/batch-normalization.ts' };
}

/** Fold text per Reduce op (mirrors ReduceMath in src/ir/ops/reduction/reduce.ts: sum, sum then mean, max with NaN winning). */
const REDUCE_FOLD: Record<string, { init: (first: string) => string; step: (v: string) => string; finish: (n: string) => string; empty: string }> = {
  ReduceSum: { init: () => '0', step: (v) => `acc += ${v};`, finish: () => 'acc', empty: '0' },
  ReduceMean: { init: () => '0', step: (v) => `acc += ${v};`, finish: (n) => `acc / ${n}`, empty: 'NaN' },
  ReduceMax: { init: (first) => first, step: (v) => `{ const t = ${v}; if (t > acc || t !== t) acc = t; }`, finish: () => 'acc', empty: '-Infinity' },
};

function reduce(sf: FileBuilder, v: Variant & { template: 'reduce' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  const fold = REDUCE_FOLD[v.op];
  const sym = symbolName(v);
  const common = [{ name: 'x', type: T }, { name: 'y', type: T }];
  if (v.tile === 'lastaxis') {
    sf.addFunction({
      name: sym, isExported: true,
      docs: [`${v.op} of x viewed as [outer, len] over its last axis (the reduced axes are the trailing ones).`],
      parameters: [...common, { name: 'outer', type: 'int' }, { name: 'len', type: 'int' }],
      returnType: 'void',
      statements: [
        `if (len === 0) { y.fill(${fold.empty}); return; }`,
        'for (let o = 0; o < outer; o++) {',
        '  const base = o * len;',
        `  let acc = ${fold.init('x[base]')};`,
        `  for (let j = ${v.op === 'ReduceMax' ? 1 : 0}; j < len; j++) ${fold.step('x[base + j]')}`,
        `  y[o] = ${fold.finish('len')};`,
        '}',
      ],
    });
  } else if (v.tile === 'middle') {
    sf.addFunction({
      name: sym, isExported: true,
      docs: [`${v.op} of x viewed as [outer, len, inner] over the middle axis; whole inner rows are folded at once so reads stay contiguous. \`acc\` is a float64 scratch of \`inner\` elements.`],
      parameters: [...common, { name: 'outer', type: 'int' }, { name: 'len', type: 'int' }, { name: 'inner', type: 'int' }, { name: 'acc', type: 'Float64Array' }],
      returnType: 'void',
      statements: [
        `if (len === 0) { y.fill(${fold.empty}); return; }`,
        'for (let o = 0; o < outer; o++) {',
        '  const base = o * len * inner;',
        '  for (let k = 0; k < inner; k++) acc[k] = x[base + k];',
        '  for (let j = 1; j < len; j++) {',
        '    const row = base + j * inner;',
        v.op === 'ReduceMax'
          ? '    for (let k = 0; k < inner; k++) { const t = x[row + k]; const a = acc[k]; if (t > a || t !== t) acc[k] = a !== a ? a : t; }'
          : '    for (let k = 0; k < inner; k++) acc[k] += x[row + k];',
        '  }',
        `  for (let k = 0; k < inner; k++) y[o * inner + k] = ${v.op === 'ReduceMean' ? 'acc[k] / len' : 'acc[k]'};`,
        '}',
      ],
    });
  } else {
    sf.addFunction({
      name: sym, isExported: true,
      docs: [`${v.op} over any set of axes: \`bases\` holds each output's first input offset, \`offsets\` the reduced positions relative to it (axisOffsets in the spec's reduce.ts builds both).`],
      parameters: [...common, { name: 'bases', type: 'Int32Array' }, { name: 'offsets', type: 'Int32Array' }],
      returnType: 'void',
      statements: [
        'const n = offsets.length;',
        `if (n === 0) { y.fill(${fold.empty}); return; }`,
        'for (let o = 0; o < bases.length; o++) {',
        '  const base = bases[o];',
        `  let acc = ${fold.init('x[base]')};`,
        `  for (let j = ${v.op === 'ReduceMax' ? 1 : 0}; j < n; j++) ${fold.step('x[base + offsets[j]]')}`,
        `  y[o] = ${fold.finish('n')};`,
        '}',
      ],
    });
  }
  return { spec: 'src/ir/ops/reduction/reduce.ts, src/ir/ops/reduction/reduce-ops.ts' };
}

// ---------------------------------------------------------------------------------------------
// Pools, layout, indexing

function pool(sf: FileBuilder, v: Variant & { template: 'pool' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  const sym = symbolName(v);
  if (v.tile === 'global') {
    const max = v.op === 'GlobalMaxPool';
    sf.addFunction({
      name: sym, isExported: true,
      docs: [`${v.op}: one value per [n, c] plane of \`plane\` elements.`],
      parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'planes', type: 'int' }, { name: 'plane', type: 'int' }],
      returnType: 'void',
      statements: max ? [
        'for (let p = 0; p < planes; p++) {',
        '  const s = p * plane, e = s + plane;',
        '  let acc = -Infinity;',
        '  for (let i = s; i < e; i++) if (x[i] > acc) acc = x[i];',
        '  y[p] = acc;',
        '}',
      ] : [
        '// Four running sums, added at the end: one chain of adds waits out each add\'s latency per',
        '// element. squeezenet\'s 1000 planes of 13×13 (read from wasm memory): 0.15 → 0.12 ms.',
        'for (let p = 0; p < planes; p++) {',
        '  const s = p * plane, e = s + plane, e4 = s + (plane & ~3);',
        '  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, i = s;',
        '  for (; i < e4; i += 4) { a0 += x[i]; a1 += x[i + 1]; a2 += x[i + 2]; a3 += x[i + 3]; }',
        '  for (; i < e; i++) a0 += x[i];',
        '  y[p] = ((a0 + a1) + (a2 + a3)) / plane;',
        '}',
      ],
    });
    return { spec: 'src/ir/ops/nn/global-pool.ts' };
  }
  const max = v.op === 'MaxPool';
  sf.addImportDeclaration({ moduleSpecifier: './conv-plan.js', namedImports: ['ConvPlan'], isTypeOnly: true });
  sf.addFunction({
    name: sym, isExported: true,
    docs: [
      `${v.op} over 2-D windows of \`planes\` [H, W] planes (padding, strides, dilations, ceil_mode windows). As in the spec's poolForward, taps in the padding are skipped${max ? '' : ', and with `includePad` still counted when inside the declared pads'}.`,
    ],
    parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'planes', type: 'int' }, { name: 'g', type: 'ConvPlan' },
      ...(max ? [] : [{ name: 'includePad', type: 'boolean' }])],
    returnType: 'void',
    statements: [
      'const { H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw, eh, ew } = g;',
      ...(max ? ['const fast3 = KH === 3 && KW === 3 && dh === 1 && dw === 1;'] : []),
      'let oi = 0;',
      'for (let p = 0; p < planes; p++) {',
      '  const base = p * H * W;',
      '  for (let oh = 0; oh < OH; oh++) {',
      '    for (let ow = 0; ow < OW; ow++, oi++) {',
      ...(max ? [
        `      // A 3×3 window wholly inside the plane (ResNet's and SqueezeNet's 3×3 s2 pools, almost every`,
        `      // output): the nine taps unrolled, in the general loop's order, so the same NaN rule (only a`,
        '      // NaN in the first tap wins) and the same result. resnet18\'s [64,112,112] 3×3 s2 pool: 19.0 → 8.3 ms.',
        '      // Each tap picks the index of the larger value without a branch (`-(v > acc)` is all ones or',
        '      // zero) and reloads it: after a Relu, which of two taps is larger follows the data, and',
        '      // `if (v > acc) acc = v` mispredicted on it (V8 emits no conditional move for floats). Each',
        '      // row keeps its own first maximum, then row 1 and row 2 are taken only if strictly larger: the',
        '      // first maximum of the window, as in one chain (a NaN row result never wins, a NaN first tap',
        '      // always does), in half the dependent steps. SqueezeNet\'s [64,111,111] pool in a scratch',
        '      // benchmark: 3.6 → 2.2 ms with one chain, 1.5–1.7 ms with three, bit for bit the same.',
        '      if (fast3) {',
        '        const ih0 = oh * sh - ph, iw0 = ow * sw - pw;',
        '        if (ih0 >= 0 && ih0 + 3 <= H && iw0 >= 0 && iw0 + 3 <= W) {',
        '          const r0 = base + ih0 * W + iw0, r1 = r0 + W, r2 = r1 + W;',
        '          let a0 = r0, a1 = r1, a2 = r2, v0 = x[r0], v1 = x[r1], v2 = x[r2];',
        ...[1, 2].map((k) => `          ${[0, 1, 2].map((r) => `a${r} ^= (a${r} ^ (r${r} + ${k})) & -(x[r${r} + ${k}] > v${r}); v${r} = x[a${r}];`).join(' ')}`),
        '          a0 ^= (a0 ^ a1) & -(v1 > v0); v0 = x[a0]; a0 ^= (a0 ^ a2) & -(v2 > v0);',
        '          y[oi] = x[a0];',
        '          continue;',
        '        }',
        '      }',
      ] : []),
      `      let acc = ${max ? '-Infinity' : '0'};`,
      '      let count = 0;',
      '      for (let kh = 0; kh < KH; kh++) {',
      '        const ih = oh * sh - ph + kh * dh;',
      '        if (ih < -ph || ih >= H + eh) continue;',
      '        const inRow = ih >= 0 && ih < H;',
      '        for (let kw = 0; kw < KW; kw++) {',
      '          const iw = ow * sw - pw + kw * dw;',
      '          if (iw < -pw || iw >= W + ew) continue;',
      `          if (!inRow || iw < 0 || iw >= W) { ${max ? '' : 'if (includePad) count++; '}continue; }`,
      '          const v = x[base + ih * W + iw];',
      '          count++;',
      max ? '          if (v > acc || count === 1) acc = v;' : '          acc += v;',
      '        }',
      '      }',
      `      y[oi] = ${max ? 'acc' : 'acc / count'};`,
      '    }',
      '  }',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/nn/pool.ts' };
}

function transpose(sf: FileBuilder, v: Variant & { template: 'transpose' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  if (v.tile === 'swap2d') {
    sf.addFunction({
      name: symbolName(v), isExported: true,
      docs: ['y[b][c][r] = x[b][r][c] for `batch` [R, C] matrices, in 16×16 tiles so both reads and writes stay within a few cache lines.'],
      parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'batch', type: 'int' }, { name: 'R', type: 'int' }, { name: 'C', type: 'int' }],
      returnType: 'void',
      statements: [
        'const TILE = 16;',
        'for (let b = 0; b < batch; b++) {',
        '  const off = b * R * C;',
        '  for (let r0 = 0; r0 < R; r0 += TILE) {',
        '    const r1 = Math.min(R, r0 + TILE);',
        '    for (let c0 = 0; c0 < C; c0 += TILE) {',
        '      const c1 = Math.min(C, c0 + TILE);',
        '      for (let r = r0; r < r1; r++) {',
        '        for (let c = c0; c < c1; c++) y[off + c * R + r] = x[off + r * C + c];',
        '      }',
        '    }',
        '  }',
        '}',
      ],
    });
  } else {
    sf.addFunction({
      name: symbolName(v), isExported: true,
      docs: ['Any permutation: `dims` are the output dims and `strides` the input strides of each output axis (collapsed by the caller); writes are sequential, the last axis is the inner loop.'],
      parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'dims', type: 'readonly number[]' }, { name: 'strides', type: 'readonly number[]' }],
      returnType: 'void',
      statements: [
        'const r = dims.length, n = y.length;',
        'if (n === 0) return;',
        'const len = dims[r - 1], step = strides[r - 1];',
        'const counter = new Array<number>(r).fill(0);',
        '// Rows that stay contiguous (the last axis kept last) and are long go by `set`, as the slice and',
        '// gather templates copy their runs: lstm_bidi2_dyn\'s [20,2,2,64] by [0,2,1,3], 7.6 → 3.6 µs.',
        'const runs = step === 1 && len >= 16;',
        'let off = 0;',
        'for (let i = 0; i < n; i += len) {',
        '  if (runs) y.set(x.subarray(off, off + len), i);',
        '  else for (let j = 0, p = off; j < len; j++, p += step) y[i + j] = x[p];',
        '  for (let d = r - 2; d >= 0; d--) {',
        '    off += strides[d];',
        '    if (++counter[d] < dims[d]) break;',
        '    off -= strides[d] * counter[d];',
        '    counter[d] = 0;',
        '  }',
        '}',
      ],
    });
  }
  return { spec: 'src/ir/ops/tensor/transpose.ts' };
}

function gather(sf: FileBuilder, v: Variant & { template: 'gather' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: ['Gather of data viewed as [outer, axisDim, inner] with validated non-negative `idx`: blocks of `inner` elements are copied with `set` when long, element by element when short (a call per short block costs more than the copy).'],
    parameters: [{ name: 'data', type: T }, { name: 'idx', type: 'Int32Array' }, { name: 'out', type: T },
      { name: 'outer', type: 'int' }, { name: 'axisDim', type: 'int' }, { name: 'inner', type: 'int' }],
    returnType: 'void',
    statements: [
      'const n = idx.length;',
      'for (let o = 0; o < outer; o++) {',
      '  const src = o * axisDim, dst = o * n;',
      '  for (let j = 0; j < n; j++) {',
      '    const a = (src + idx[j]) * inner, b = (dst + j) * inner;',
      '    if (inner >= 16) out.set(data.subarray(a, a + inner), b);',
      '    else for (let k = 0; k < inner; k++) out[b + k] = data[a + k];',
      '  }',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/indexing/gather.ts' };
}

/**
 * Slice on one axis with step 1 (the Q/K/V split of a packed projection; a dim range of a shape
 * vector): data viewed as [outer, axisDim, inner], every outer index contributes one contiguous run.
 * Other steps go through the gather template with the slice's indices (families.ts).
 */
function slice(sf: FileBuilder, v: Variant & { template: 'slice' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: ['`outer` runs of `run` elements: run o starts at `o·span + start` in `data` and at `o·run` in `out` (for an axis slice, span = axisDim·inner, start = first·inner, run = count·inner); copied with `set` when long, element by element when short, as the gather template does.'],
    parameters: [{ name: 'data', type: T }, { name: 'out', type: T },
      { name: 'outer', type: 'int' }, { name: 'span', type: 'int' }, { name: 'start', type: 'int' }, { name: 'run', type: 'int' }],
    returnType: 'void',
    statements: [
      'for (let o = 0; o < outer; o++) {',
      '  const a = o * span + start, b = o * run;',
      '  if (run >= 16) out.set(data.subarray(a, a + run), b);',
      '  else for (let k = 0; k < run; k++) out[b + k] = data[a + k];',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/tensor/slice.ts' };
}

/**
 * Resize on the last two axes of [planes, H, W].
 * - `nearest2d`: nearest mode by whole factors, for the coordinate modes where the source index is
 *   exactly floor(i / s) (families.ts checks which): each input value is repeated `sw` times along
 *   a row and each finished row copied `sh - 1` times.
 * - `linear2d`: any 2-tap sampling table per axis (linear mode; the tables are the spec's own, from
 *   resizeCallPlan in resize.ts).
 */
function resize(sf: FileBuilder, v: Variant & { template: 'resize' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  if (v.tile === 'linear2d') return resizeLinear(sf, v, T);
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: ['y[p][oh][ow] = x[p][floor(oh / sh)][floor(ow / sw)] for `planes` [H, W] planes and whole factors sh, sw ≥ 1.'],
    parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'planes', type: 'int' }, { name: 'H', type: 'int' }, { name: 'W', type: 'int' },
      { name: 'sh', type: 'int' }, { name: 'sw', type: 'int' }],
    returnType: 'void',
    statements: [
      'const OW = W * sw;',
      'let o = 0;',
      'for (let p = 0; p < planes; p++) {',
      '  for (let ih = 0; ih < H; ih++) {',
      '    const rowStart = o;',
      '    const src = (p * H + ih) * W;',
      '    for (let iw = 0; iw < W; iw++) {',
      '      const value = x[src + iw];',
      '      for (let k = 0; k < sw; k++) y[o++] = value;',
      '    }',
      '    for (let k = 1; k < sh; k++, o += OW) y.copyWithin(o, rowStart, rowStart + OW);',
      '  }',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/nn/resize.ts' };
}

/**
 * Bilinear Resize as the reference computes it, so that results are bit for bit its own: the
 * reference resamples one axis at a time into float64 (rows first: t = 0 + wa·x[ra] + wb·x[rb],
 * then columns the same way over t) and rounds once into the output. Here each output row gets its
 * blended source row t (W values, float64) and then each output column a 2-tap blend of t. Per
 * element that is one multiply-add pair per pass with no test: the tables (src/kernels/resize-taps.ts)
 * move a tap the reference skips (weight 0; the other weight is then exactly 1) to the second
 * place, point a skipped column tap at t's slot W, which holds −0, and leave rows and columns
 * outside a tf_crop_and_resize roi to the ranges [rowLo, rowHi) and [colLo, colHi). `+ zr` and `+ zc` keep
 * the sign of zero the reference gets: `p + q + 0` equals its `(0 + p) + q` (−0 only when both are
 * −0), and an axis it leaves untouched gets −0, which changes nothing.
 *
 * Output rows go four at a time through the column pass, so each column's taps are loaded once per
 * four rows: on unet_tiny's [1,32,32,32] ×2 Resize the kernel alone went from 0.65 to 0.47 ms
 * (one row at a time, the column pass had been three quarters of the time).
 */
function resizeLinear(sf: FileBuilder, v: Variant & { template: 'resize' }, T: string): TemplateInfo {
  sf.addFunction({
    name: 'blendRow',
    docs: ['t[off + j] = wa·x[a + j] + wb·x[b + j] + z for j < W, without the second tap where wb is 0 (the reference skips it: 0·∞ would be NaN).'],
    parameters: [{ name: 'x', type: T }, { name: 't', type: 'Float64Array' }, { name: 'off', type: 'int' }, { name: 'a', type: 'int' }, { name: 'b', type: 'int' },
      { name: 'wa', type: 'number' }, { name: 'wb', type: 'number' }, { name: 'W', type: 'int' }, { name: 'z', type: 'number' }],
    returnType: 'void',
    statements: [
      'if (wb === 0) for (let j = 0; j < W; j++) t[off + j] = wa * x[a + j] + z;',
      'else for (let j = 0; j < W; j++) t[off + j] = wa * x[a + j] + wb * x[b + j] + z;',
    ],
  });
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: [[
      'y[p][oh][ow] = Σ colW[2ow+k]·t[cols[2ow+k]] + zc over k < 2, with t[j] = Σ rowW[2oh+k]·x[p][rows[2oh+k]][j] + zr (the second tap',
      'left out where its weight is 0), for `planes` [H, W] planes resampled to [OH, OW]. `t` is scratch of 4·(W + 1) float64: four',
      'blended rows, each followed by the −0 slot. Rows outside [rowLo, rowHi) sample the value `e` (t = e), columns outside',
      '[colLo, colHi) are `e`.',
    ].join('\n')],
    parameters: [{ name: 'x', type: T }, { name: 'y', type: T }, { name: 'planes', type: 'int' }, { name: 'H', type: 'int' }, { name: 'W', type: 'int' },
      { name: 'OH', type: 'int' }, { name: 'OW', type: 'int' },
      { name: 'rows', type: 'Int32Array' }, { name: 'rowW', type: 'Float64Array' }, { name: 'cols', type: 'Int32Array' }, { name: 'colW', type: 'Float64Array' },
      { name: 't', type: 'Float64Array' }, { name: 'rowLo', type: 'int' }, { name: 'rowHi', type: 'int' }, { name: 'colLo', type: 'int' }, { name: 'colHi', type: 'int' },
      { name: 'zr', type: 'number' }, { name: 'zc', type: 'number' }, { name: 'e', type: 'number' }],
    returnType: 'void',
    statements: [
      'const s = W + 1;',
      'for (let k = 0; k < 4; k++) t[k * s + W] = -0;',
      'for (let p = 0; p < planes; p++) {',
      '  const src = p * H * W;',
      '  for (let oh = 0; oh < OH; oh += 4) {',
      '    const n = OH - oh < 4 ? OH - oh : 4;',
      '    for (let k = 0; k < n; k++) {',
      '      const r = oh + k;',
      '      if (r < rowLo || r >= rowHi) t.fill(e, k * s, k * s + W);',
      '      else blendRow(x, t, k * s, src + rows[2 * r] * W, src + rows[2 * r + 1] * W, rowW[2 * r], rowW[2 * r + 1], W, zr);',
      '    }',
      '    const o = (p * OH + oh) * OW;',
      '    if (colLo > 0 || colHi < OW) {',
      '      for (let k = 0; k < n; k++) {',
      '        y.fill(e, o + k * OW, o + k * OW + colLo);',
      '        y.fill(e, o + k * OW + colHi, o + (k + 1) * OW);',
      '      }',
      '    }',
      '    if (n === 4) {',
      '      for (let ow = colLo; ow < colHi; ow++) {',
      '        const ca = cols[2 * ow], cb = cols[2 * ow + 1], wa = colW[2 * ow], wb = colW[2 * ow + 1];',
      '        y[o + ow] = wa * t[ca] + wb * t[cb] + zc;',
      '        y[o + OW + ow] = wa * t[s + ca] + wb * t[s + cb] + zc;',
      '        y[o + 2 * OW + ow] = wa * t[2 * s + ca] + wb * t[2 * s + cb] + zc;',
      '        y[o + 3 * OW + ow] = wa * t[3 * s + ca] + wb * t[3 * s + cb] + zc;',
      '      }',
      '    } else {',
      '      for (let k = 0; k < n; k++) {',
      '        const r = k * s, ok = o + k * OW;',
      '        for (let ow = colLo; ow < colHi; ow++) y[ok + ow] = colW[2 * ow] * t[r + cols[2 * ow]] + colW[2 * ow + 1] * t[r + cols[2 * ow + 1]] + zc;',
      '      }',
      '    }',
      '  }',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/nn/resize.ts' };
}

// ---------------------------------------------------------------------------------------------
// ConvTranspose

/**
 * ConvTranspose as GEMM + col2im (how ONNX Runtime and Caffe run it): the glue computes
 * cols = Wᵀ·X per group with the float64 GEMM, one row per (output channel, kernel tap) and one
 * column per input pixel; this kernel adds every row into the output plane it lands on, shifted by
 * the tap and spread by the stride. Sums stay float64 until the one rounding into y.
 */
function col2im(sf: FileBuilder, v: Variant & { template: 'convtranspose' }): TemplateInfo {
  const T = arrayOf(v.dtype);
  sf.addImportDeclaration({ moduleSpecifier: './conv-plan.js', namedImports: ['ConvPlan'], isTypeOnly: true });
  sf.addFunction({
    name: symbolName(v), isExported: true,
    docs: [[
      'Adds `cols` ([Mg·kSize, D·H·W], row (m, kd, kh, kw), column (id, ih, iw)) into `Mg` output planes of y from `yOff`:',
      'input pixel i of tap k lands on output i·s − p + k·d, and taps that land outside are dropped. Plane m starts from',
      '`bias[bOff + m]`; `acc` (one plane of float64) holds the sums.',
    ].join('\n')],
    parameters: [{ name: 'cols', type: 'Float64Array' }, { name: 'acc', type: 'Float64Array' }, { name: 'y', type: T }, { name: 'yOff', type: 'int' },
      { name: 'Mg', type: 'int' }, { name: 'g', type: 'ConvPlan' }, { name: 'bias', type: 'Float64Array' }, { name: 'bOff', type: 'int' }],
    returnType: 'void',
    statements: [
      'const { D, H, W, KD, KH, KW, OD, OH, OW, sd, sh, sw, dd, dh, dw, pd, ph, pw } = g;',
      'const inPlane = D * H * W, outPlane = OD * OH * OW, kSize = KD * KH * KW;',
      'for (let m = 0; m < Mg; m++) {',
      '  acc.fill(bias[bOff + m], 0, outPlane);',
      '  for (let kd = 0; kd < KD; kd++) {',
      '    for (let kh = 0; kh < KH; kh++) {',
      '      for (let kw = 0; kw < KW; kw++) {',
      '        const row = (m * kSize + (kd * KH + kh) * KW + kw) * inPlane;',
      '        // The input columns whose output column 0 <= iw·sw + off < OW: no test in the inner loop.',
      '        const off = kw * dw - pw;',
      '        const i0 = Math.max(0, Math.ceil(-off / sw)) | 0, i1 = Math.min(W, Math.floor((OW - 1 - off) / sw) + 1) | 0;',
      '        if (i0 >= i1) continue;',
      '        for (let id = 0; id < D; id++) {',
      '          const od = id * sd - pd + kd * dd;',
      '          if (od < 0 || od >= OD) continue;',
      '          for (let ih = 0; ih < H; ih++) {',
      '            const oh = ih * sh - ph + kh * dh;',
      '            if (oh < 0 || oh >= OH) continue;',
      '            let src = row + (id * H + ih) * W + i0, o = (od * OH + oh) * OW + i0 * sw + off;',
      '            for (let iw = i0; iw < i1; iw++, src++, o += sw) acc[o] += cols[src];',
      '          }',
      '        }',
      '      }',
      '    }',
      '  }',
      '  const base = yOff + m * outPlane;',
      '  for (let j = 0; j < outPlane; j++) y[base + j] = acc[j];',
      '}',
    ],
  });
  return { spec: 'src/ir/ops/nn/conv-transpose.ts' };
}
