/**
 * The `recurrent` cpu template: LSTM and GRU (src/ir/ops/recurrent/lstm.ts, gru.ts), one generated
 * function per op and dtype that runs one direction over the whole sequence.
 *
 * The work is split the way the spec's driver splits it (runRecurrent in
 * src/ir/ops/recurrent/recurrent.ts): the input projection X·Wᵀ + biases of every time step is one
 * GEMM, done by the glue (src/kernels/cpu/recurrent.ts) with the generated GEMM core before this
 * kernel runs; the kernel adds the recurrent term R·H(t-1) and applies the cell's gate math, step by
 * step. R arrives packed per gate in 4-row panels (the GEMM template's packa at height 4), so the
 * matrix-vector product reads one sequential stream and keeps 4 accumulators in locals; the gate
 * math for one hidden unit is one pass with local variables (no per-gate arrays). The panels are a
 * JS array of doubles, as the GEMM's are (src/kernels/cpu/panels.ts says why): lstm_bidi2 on cpu
 * went from 1.73 to 1.54–1.61 ms against a Float64Array (2026-11-27).
 *
 * The activation math is not restated: the cases of `activate` in
 * src/ir/ops/recurrent/activations.ts (and the module-private helpers they call, like `sigmoid`)
 * are parsed with ts-morph and copied, as SpecSources does for the elementwise ops. Each emitted
 * function has two step loops: the spec's default activations (Sigmoid/Tanh) with no clip, no
 * peepholes and no coupled gates (what PyTorch exports) with the math inlined, and the general
 * loop that dispatches on the activation kind per call of `activation`.
 *
 * Everything inside runs in float64, like the reference (it converts to Float64Array and rounds
 * only the outputs); Y is written in the output dtype as the steps go. The float32 functions' plain
 * loop evaluates sigmoid and tanh with the float32-accurate approximations of
 * codegen/approximations.ts (the wasm template's), not the spec's Math.exp and Math.tanh.
 */
import { resolve } from 'node:path';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { jsApproximation } from '../approximations.js';
import type { FileBuilder, TemplateInfo } from './templates.js';
import { type Variant, symbolName } from './variants.js';

const ACTIVATIONS_SPEC = 'src/ir/ops/recurrent/activations.ts';
const REPO_ROOT = resolve(new URL('../..', import.meta.url).pathname);

/** The activation math of the spec, as text for the generated file. */
interface ActivationMath {
  /** Lower-case activation name → expression of `x`, `alpha`, `beta`. */
  cases: [string, string][];
  /** The clip expression of `x` and `clip`. */
  clip: string;
  /** Module-private helpers the expressions call, copied verbatim. */
  helpers: string[];
}

let cached: ActivationMath | undefined;

/**
 * Reads `activate(a, v, from, to, clip)` of the activations spec: each `case 'name': for (…) v[i] =
 * EXPR; break;` gives EXPR with `v[i]` read as `x`, and the `if (clip !== undefined) for (…) v[i] =
 * EXPR;` before the switch gives the clip.
 */
function activationMath(): ActivationMath {
  if (cached) return cached;
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const file = project.addSourceFileAtPath(resolve(REPO_ROOT, ACTIVATIONS_SPEC));
  const activate = file.getFunctionOrThrow('activate');
  const assigned = (loop: Node): string => {
    if (!Node.isForStatement(loop)) throw new Error(`${ACTIVATIONS_SPEC}: expected a for loop, got ${loop.getText()}`);
    const body = loop.getStatement();
    const assign = Node.isExpressionStatement(body) ? body.getExpression() : undefined;
    if (!Node.isBinaryExpression(assign) || assign.getLeft().getText() !== 'v[i]') throw new Error(`${ACTIVATIONS_SPEC}: expected v[i] = …, got ${body.getText()}`);
    return assign.getRight().getText().replace(/\bv\[i\]/g, 'x');
  };
  const cases: [string, string][] = [];
  for (const clause of activate.getFirstDescendantByKindOrThrow(SyntaxKind.SwitchStatement).getClauses()) {
    if (!Node.isCaseClause(clause)) continue;
    const loop = clause.getStatements().find((s) => Node.isForStatement(s));
    if (!loop) throw new Error(`${ACTIVATIONS_SPEC}: case ${clause.getExpression().getText()} has no loop`);
    cases.push([clause.getExpression().getText().slice(1, -1), assigned(loop)]);
  }
  const clipIf = activate.getStatements().find((s) => Node.isIfStatement(s) && s.getExpression().getText().includes('clip'));
  if (!clipIf || !Node.isIfStatement(clipIf)) throw new Error(`${ACTIVATIONS_SPEC}: no clip in activate`);
  const clip = assigned(clipIf.getThenStatement());
  const text = cases.map(([, e]) => e).join(' ');
  const helpers = file.getFunctions()
    .filter((f) => !f.isExported() && new RegExp(`\\b${f.getName()}\\(`).test(text))
    .map((f) => f.getText());
  cached = { cases, clip, helpers };
  return cached;
}

/** Emits `variant` (LSTM or GRU) into `sf`. */
export function recurrent(sf: FileBuilder, v: Variant & { template: 'recurrent' }): TemplateInfo {
  const math = activationMath();
  const expr = (name: string) => {
    const e = math.cases.find(([n]) => n === name)?.[1];
    if (!e) throw new Error(`${ACTIVATIONS_SPEC}: no activation '${name}'`);
    return e;
  };
  sf.addImportDeclaration({ moduleSpecifier: '../../ir/ops/recurrent/activations.js', namedImports: ['Activation'], isTypeOnly: true });
  sf.addImportDeclaration({ moduleSpecifier: './panels.js', namedImports: ['Panels'], isTypeOnly: true });
  // One statement string: given line by line, ts-morph puts a blank line after every block.
  sf.addStatements([[
    `/** The activations by kind number, in the order of the cases of \`activate\` in ${ACTIVATIONS_SPEC}. */`,
    `const KINDS: readonly string[] = [${math.cases.map(([n]) => `'${n}'`).join(', ')}];`,
    `/** The math of each activation, copied from the cases of \`activate\` in ${ACTIVATIONS_SPEC}. */`,
    'function activation(kind: number, x: number, alpha: number, beta: number): number {',
    '  switch (kind) {',
    ...math.cases.map(([n, e], k) => `    case ${k}: return ${e}; // ${n}`),
    '  }',
    '  return NaN;',
    '}',
    `/** \`clip\` as \`activate\` applies it before every activation (${ACTIVATIONS_SPEC}); Infinity clips nothing. */`,
    `const clamp = (x: number, clip: number): number => ${math.clip};`,
    ...(v.dtype === 'float32' ? [
      '// The default gate activations of the plain step loop: float32-accurate approximations (see',
      '// codegen/approximations.ts; Math.exp and Math.tanh are calls into C, five per unit and step).',
      jsApproximation('tanh', 'tanhOf'),
      jsApproximation('sigmoid', 'sigmoidOf', 'tanhOf'),
    ] : [
      `/** The default gate activations, inlined in the plain step loop (same math as \`activation\`). */`,
      `const sigmoidOf = (x: number): number => ${expr('sigmoid')};`,
      `const tanhOf = (x: number): number => ${expr('tanh')};`,
    ]),
    ...math.helpers,
    '/** A kind number for `KINDS`. */',
    'const kindOf = (a: Activation): number => KINDS.indexOf(a.name);',
    '',
  ].join('\n')]);
  if (v.op === 'LSTM') lstm(sf, v);
  else if (v.op === 'GRU') gru(sf, v);
  else throw new Error(`recurrent template: no cell for ${v.op}`);
  return {
    spec: `src/ir/ops/recurrent/${v.op.toLowerCase()}.ts, src/ir/ops/recurrent/recurrent.ts, ${ACTIVATIONS_SPEC}`,
    template: v.dtype === 'float32' ? 'codegen/cpu/templates-recurrent.ts, codegen/approximations.ts' : 'codegen/cpu/templates-recurrent.ts',
  };
}

const arrayOf = (dtype: string) => (dtype === 'float32' ? 'Float32Array' : dtype === 'float64' ? 'Float64Array' : undefined);

/** The parameters both cells share: sequence, projections, packed R, state, Y, lengths, direction. */
const COMMON_DOC = [
  '`xw` holds the input projections (the glue\'s GEMM): the row of step t, batch row b starts at',
  '`xwOff + t·xwStep + b·xwBatch`, its gates at multiples of H. `rp` is R of this direction packed per',
  'gate as 4-row panels (gate g\'s ⌈H/4⌉ panels from g·Hp·H, Hp = H rounded up to 4). The state rows',
  '(float64, [batch, H]) start at `stateOff` and are updated in place. Y of (t, b) is written at',
  '`yOff + t·yStep + b·yBatch`. Row b runs `lens[b]` steps, backwards from its own last step when',
  '`reverse`; Y past a row\'s length is not written.',
];

/**
 * g[o + r] = Σ_k panel(r, k)·v[vo + k] for the 4·`panels` rows whose 4-row panels (packa layout:
 * panel q holds rows 4q..4q+3, element k of each at 4k) start at rp[p0]; H columns. Emitted inline
 * in the step loop, not as a call: once the gate math's approximations were inlined, V8 stopped
 * inlining a `matVec` helper, and the call made one LSTM direction 9% slower (284 against 261 µs
 * for lstm_bidi2's 20 steps of H = 64; 230 µs with the `| 0`s; a scratch timing script, 2026-11-27).
 * Panels go in pairs (8 sums, one load of v for eight products; an odd last panel alone), and the
 * LSTM's plain loop reads v from a JS-array copy of the state: a product is one load of R each, so
 * the loads are its cost (lstm_bidi2 on cpu 1.49 → 1.44 ms for both, means of five interleaved runs).
 * Other shapes of the same product were slower in a scratch copy (R 256×64, v 64, Node 20): this
 * pair 5.35 GFLOP/s, one contiguous 8-row panel 5.1, a 12-row panel 4.5, two k per step 5.05.
 */
function matVec(p0: string, panels: string, v: string, vo: string, o: string): string[] {
  const at = o === '0' ? '' : `${o} + `;
  return [
    `for (let q = 0, pr = ${p0}, qEnd = ${panels}; q < qEnd; q += 2) {`,
    '  if (q + 1 === qEnd) {',
    '    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;',
    '    for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {',
    `      const hv = ${v}[(${vo} + k) | 0];`,
    '      a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;',
    '    }',
    `    const r = ${at}4 * q;`,
    '    g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3;',
    '    break;',
    '  }',
    '  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;',
    '  const H4 = 4 * H;',
    '  for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {',
    `    const hv = ${v}[(${vo} + k) | 0];`,
    '    a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;',
    '    a4 += rp[(pr + H4) | 0] * hv; a5 += rp[(pr + H4 + 1) | 0] * hv; a6 += rp[(pr + H4 + 2) | 0] * hv; a7 += rp[(pr + H4 + 3) | 0] * hv;',
    '  }',
    '  pr = (pr + H4) | 0;',
    `  const r = ${at}4 * q;`,
    '  g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3; g[r + 4] = a4; g[r + 5] = a5; g[r + 6] = a6; g[r + 7] = a7;',
    '}',
  ];
}

/** The loop over steps and batch rows around one step's body (`t`, `x`, `st`, `yo` in scope). */
function stepLoop(body: string[]): string[] {
  return [
    'for (let s = 0; s < seq; s++) {',
    '  for (let b = 0; b < batch; b++) {',
    '    const len = lens[b];',
    '    if (s >= len) continue;',
    '    // Reverse runs from each row\'s own last valid step, as the spec\'s driver does.',
    '    const t = reverse ? len - 1 - s : s;',
    '    const x = xwOff + t * xwStep + b * xwBatch, st = stateOff + b * H, yo = yOff + t * yStep + b * yBatch;',
    ...body.map((l) => `    ${l}`),
    '  }',
    '}',
  ];
}

const commonParams = (T: string) => [
  { name: 'seq', type: 'int' }, { name: 'batch', type: 'int' }, { name: 'H', type: 'int' },
  { name: 'xw', type: 'Float64Array' }, { name: 'xwOff', type: 'int' }, { name: 'xwStep', type: 'int' }, { name: 'xwBatch', type: 'int' },
  { name: 'rp', type: 'Panels' },
  { name: 'h', type: 'Float64Array' }, { name: 'stateOff', type: 'int' },
  { name: 'y', type: T }, { name: 'yOff', type: 'int' }, { name: 'yStep', type: 'int' }, { name: 'yBatch', type: 'int' },
  { name: 'lens', type: 'Int32Array' }, { name: 'reverse', type: 'boolean' },
];

/**
 * LSTM, gates i, o, f, c as W/R/B stack them (P: i, o, f), following the cell of lstm.ts:
 * Ct = ft ⊙ Ct-1 + it ⊙ ct, Ht = ot ⊙ h(Ct), with the output gate's peephole on the new Ct.
 */
function lstm(sf: FileBuilder, v: Variant & { template: 'recurrent' }): void {
  const T = arrayOf(v.dtype)!;
  const sym = symbolName(v);
  const params = [...commonParams(T), { name: 'c', type: 'Float64Array' }];
  const general = [
    'const cPrev = c[st + j];',
    'let pi = xw[x + j] + g[j], pf = xw[x + 2 * H + j] + g[2 * Hp + j];',
    'if (p) { pi += p[j] * cPrev; pf += p[2 * H + j] * cPrev; }',
    'const it = activation(fk, clamp(pi, lim), fa, fb);',
    'const ft = inputForget ? 1 - it : activation(fk, clamp(pf, lim), fa, fb);',
    'const ct = activation(gk, clamp(xw[x + 3 * H + j] + g[3 * Hp + j], lim), ga, gb);',
    'const cNew = ft * cPrev + it * ct;',
    'c[st + j] = cNew;',
    '// The output gate peeks at the new cell state Ct, the others at Ct-1.',
    'let po = xw[x + H + j] + g[Hp + j];',
    'if (p) po += p[H + j] * cNew;',
    'const hNew = activation(fk, clamp(po, lim), fa, fb) * activation(hk, clamp(cNew, lim), ha, hb);',
    'h[st + j] = hNew;',
    'y[yo + j] = hNew;',
  ];
  const plain = [
    'const cNew = sigmoidOf(xw[x + 2 * H + j] + g[2 * Hp + j]) * c[st + j] + sigmoidOf(xw[x + j] + g[j]) * tanhOf(xw[x + 3 * H + j] + g[3 * Hp + j]);',
    'c[st + j] = cNew;',
    'const hNew = sigmoidOf(xw[x + H + j] + g[Hp + j]) * tanhOf(cNew);',
    'h[st + j] = hNew;',
    'hs[st - stateOff + j] = hNew;',
    'y[yo + j] = hNew;',
  ];
  const step = (cell: string[], hv = 'h', ho = 'st') => stepLoop([
    ...matVec('0', 'Hp', hv, ho, '0'),
    'for (let j = 0; j < H; j++) {',
    ...cell.map((l) => `  ${l}`),
    '}',
  ]);
  sf.addFunction({
    name: sym, isExported: true,
    docs: [[
      `One direction of LSTM over the whole sequence, ${v.dtype} Y.`, ...COMMON_DOC,
      '`c` is the cell state (same rows as `h`), `p` this direction\'s peepholes [3H] or undefined;',
      '`acts` the direction\'s f, g, h activations, `clip` the attribute (undefined for none), `inputForget` couples f to 1 − i.',
    ].join('\n')],
    parameters: [...params, { name: 'p', type: 'Float64Array | undefined' },
      { name: 'acts', type: 'readonly Activation[]' }, { name: 'clip', type: 'number | undefined' }, { name: 'inputForget', type: 'boolean' }],
    returnType: 'void',
    statements: [
      '// Gate g\'s pre-activations R·H(t-1) at g·Hp (the panels\' padded rows land past H).',
      'const Hp = (H + 3) & ~3;',
      '// A JS array, as the panels (1.43 → 1.41 ms on lstm_bidi2, within the noise of five interleaved runs).',
      'const g = [0.5]; g.length = 4 * Hp; g.fill(0.5);',
      "if (acts[0].name === 'sigmoid' && acts[1].name === 'tanh' && acts[2].name === 'tanh' && clip === undefined && !p && !inputForget) {",
      '  // The state rows again as a JS array, which the product reads (kept in step with h).',
      '  const hs = [0.5]; hs.length = batch * H; hs.fill(0.5);',
      '  for (let i = 0; i < batch * H; i++) hs[i] = h[stateOff + i];',
      ...step(plain, 'hs', 'st - stateOff').map((l) => `  ${l}`),
      '  return;',
      '}',
      'const fk = kindOf(acts[0]), gk = kindOf(acts[1]), hk = kindOf(acts[2]);',
      'const fa = acts[0].alpha, fb = acts[0].beta, ga = acts[1].alpha, gb = acts[1].beta, ha = acts[2].alpha, hb = acts[2].beta;',
      'const lim = clip ?? Infinity;',
      ...step(general),
    ],
  });
}

/**
 * GRU, gates z, r, h as W/R/B stack them, following the cell of gru.ts: with linear_before_reset
 * ht = g(xh + rt ⊙ (Rh·Ht-1 + Rbh)), else ht = g(xh + Rh·(rt ⊙ Ht-1) + Rbh); Ht = (1 − zt) ⊙ ht + zt ⊙ Ht-1.
 * `xw` carries Wb + Rb for z and r but only Wbh for h: Rbh (`rbh`) enters where the cell puts it.
 */
function gru(sf: FileBuilder, v: Variant & { template: 'recurrent' }): void {
  const T = arrayOf(v.dtype)!;
  const sym = symbolName(v);
  // The reset and update gates' activation f, the hidden gate's g: inlined in the plain loop.
  const f = (plain: boolean, e: string) => (plain ? `sigmoidOf(${e})` : `activation(fk, clamp(${e}, lim), fa, fb)`);
  const gAct = (plain: boolean, e: string) => (plain ? `tanhOf(${e})` : `activation(gk, clamp(${e}, lim), ga, gb)`);
  const rt = (plain: boolean) => `const rt = ${f(plain, 'xw[x + H + j] + g[Hp + j]')};`;
  // Per hidden unit, once the candidate's pre-activation is known: zt, ht and the new state.
  const update = (plain: boolean, candidate: string) => [
    `  const zt = ${f(plain, 'xw[x + j] + g[j]')};`,
    `  const ht = ${gAct(plain, candidate)};`,
    '  const hNew = (1 - zt) * ht + zt * h[st + j];',
    '  h[st + j] = hNew;',
    '  y[yo + j] = hNew;',
  ];
  const beforeReset = (plain: boolean) => stepLoop([
    ...matVec('0', '(3 * Hp) >> 2', 'h', 'st', '0'),
    'for (let j = 0; j < H; j++) {',
    `  ${rt(plain)}`,
    ...update(plain, 'xw[x + 2 * H + j] + rt * (g[2 * Hp + j] + rbh[j])'),
    '}',
  ]);
  const afterReset = (plain: boolean) => stepLoop([
    ...matVec('0', '(2 * Hp) >> 2', 'h', 'st', '0'),
    '// rt ⊙ Ht-1 first: the hidden gate multiplies it by Rh.',
    'for (let j = 0; j < H; j++) {',
    `  ${rt(plain)}`,
    '  rh[j] = rt * h[st + j];',
    '}',
    ...matVec('2 * Hp * H', 'Hp >> 2', 'rh', '0', '2 * Hp'),
    'for (let j = 0; j < H; j++) {',
    ...update(plain, 'xw[x + 2 * H + j] + rbh[j] + g[2 * Hp + j]'),
    '}',
  ]);
  sf.addFunction({
    name: sym, isExported: true,
    docs: [[
      `One direction of GRU over the whole sequence, ${v.dtype} Y.`, ...COMMON_DOC,
      '`rbh` is this direction\'s Rbh [H]; `acts` its f, g activations, `clip` the attribute (undefined for none).',
    ].join('\n')],
    parameters: [...commonParams(T), { name: 'rbh', type: 'Float64Array' },
      { name: 'acts', type: 'readonly Activation[]' }, { name: 'clip', type: 'number | undefined' }, { name: 'linearBeforeReset', type: 'boolean' }],
    returnType: 'void',
    statements: [
      '// Gate g\'s recurrent sums at g·Hp (the panels\' padded rows land past H); rh holds rt ⊙ Ht-1.',
      'const Hp = (H + 3) & ~3;',
      'const g = new Float64Array(3 * Hp), rh = new Float64Array(Hp);',
      "const plain = acts[0].name === 'sigmoid' && acts[1].name === 'tanh' && clip === undefined;",
      'if (plain && linearBeforeReset) {',
      ...beforeReset(true).map((l) => `  ${l}`),
      '  return;',
      '}',
      'if (plain) {',
      ...afterReset(true).map((l) => `  ${l}`),
      '  return;',
      '}',
      'const fk = kindOf(acts[0]), gk = kindOf(acts[1]);',
      'const fa = acts[0].alpha, fb = acts[0].beta, ga = acts[1].alpha, gb = acts[1].beta;',
      'const lim = clip ?? Infinity;',
      'if (linearBeforeReset) {',
      ...beforeReset(false).map((l) => `  ${l}`),
      '  return;',
      '}',
      ...afterReset(false),
    ],
  });
}
