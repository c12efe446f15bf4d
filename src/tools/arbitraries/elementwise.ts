/**
 * Arbitraries for the elementwise families: unary math and activations, broadcasting binary
 * arithmetic, comparisons, logic and bitwise ops, variadic Max/Min/Sum/Mean, and Clip, Where,
 * PRelu, CumSum, CumProd, Det.
 *
 * Value ranges: where an op is well conditioned everywhere, values span [-10, 10] plus NaN, ±Inf
 * and -0. Ops whose results explode or lose all precision outside a range (Exp, Sinh, Cosh beyond
 * ~±20, trig far from 0 where argument reduction differs between libms) keep to that range, so that
 * a divergence means a bug rather than float32 overflow or cancellation.
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import {
  type CaseArbitrary, FLOATS, NUMERIC, SIGNED, axisArb, broadcastArb, broadcastShapesArb, dtypeArb, floatAttr,
  inputsOf, konst, makeCase, scalar, shapeArb, tensorArb, unaryArb, variadicArb,
} from './case.js';

const E = { edges: true } as const;
const range = (min: number, max: number, edges = true) => ({ min, max, edges });
const INTS: readonly DType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'];
const UINTS: readonly DType[] = ['uint8', 'uint16', 'uint32', 'uint64'];
const NUMERIC_AND_BOOL: readonly DType[] = [...NUMERIC, 'bool'];

/** Unary float ops: [op, value range, why the range]. */
const UNARY_FLOAT: [string, number, number][] = [
  ['Reciprocal', -10, 10], ['Sqrt', -1, 100], ['Log', -1, 100], ['Ceil', -10, 10], ['Floor', -10, 10],
  ['Round', -10, 10], ['Tanh', -10, 10], ['Sigmoid', -20, 20], ['Softsign', -10, 10], ['HardSwish', -6, 6],
  ['Mish', -10, 10], ['Softplus', -20, 20],
  // Exp, Sinh, Cosh overflow float32 beyond ~88; a range of ±20 keeps results finite and comparable.
  ['Exp', -20, 20], ['Sinh', -10, 10], ['Cosh', -10, 10],
  // Trig: arguments near 0 avoid argument-reduction differences between math libraries.
  ['Sin', -10, 10], ['Cos', -10, 10], ['Tan', -1.5, 1.5], ['Atan', -10, 10],
  // Outside the domain (|x| > 1, x < 1) the result is NaN everywhere; a margin tests that too.
  ['Asin', -1.2, 1.2], ['Acos', -1.2, 1.2], ['Asinh', -10, 10], ['Acosh', 0.5, 10], ['Atanh', -1.1, 1.1],
];

export const elementwiseArbitraries: Record<string, CaseArbitrary> = {
  ...Object.fromEntries(UNARY_FLOAT.map(([op, min, max]) => [op, unaryArb(op, FLOATS, range(min, max))])),
  Abs: unaryArb('Abs', NUMERIC, E),
  Neg: unaryArb('Neg', SIGNED, E),
  Sign: unaryArb('Sign', NUMERIC, E),
  Erf: unaryArb('Erf', FLOATS, range(-4, 4)),
  Relu: unaryArb('Relu', SIGNED, E),
  LeakyRelu: unaryArb('LeakyRelu', FLOATS, E, fc.record({ alpha: floatAttr(0.01, 0.2, 1.5) })),
  Elu: unaryArb('Elu', FLOATS, E, fc.record({ alpha: floatAttr(1, 0.5, 2) })),
  Selu: unaryArb('Selu', FLOATS, E, fc.oneof(fc.constant({}), fc.record({ alpha: floatAttr(1, 1.5), gamma: floatAttr(1, 2.5) }))),
  Celu: unaryArb('Celu', ['float32'], E, fc.record({ alpha: floatAttr(1, 0.5, 2) })),
  HardSigmoid: unaryArb('HardSigmoid', FLOATS, E, fc.record({ alpha: floatAttr(0.2, 0.5), beta: floatAttr(0.5, 0.25) })),
  ThresholdedRelu: unaryArb('ThresholdedRelu', FLOATS, E, fc.record({ alpha: floatAttr(1, 0.5, 2) })),
  Shrink: unaryArb('Shrink', ['float32', 'float64', 'int32', 'int8'], {}, fc.record({ bias: floatAttr(0, 1.5), lambd: floatAttr(0.5, 2) })),
  Gelu: unaryArb('Gelu', FLOATS, E, fc.record({ approximate: fc.constantFrom('none', 'tanh') })),
  Swish: unaryArb('Swish', FLOATS, E, fc.record({ alpha: floatAttr(1, 0.5, 2) })),
  IsNaN: unaryArb('IsNaN', FLOATS, { edges: [NaN, Infinity, -Infinity, -0, NaN] }),
  IsInf: unaryArb('IsInf', FLOATS, { edges: [NaN, Infinity, -Infinity, Infinity] },
    fc.record({ detect_negative: fc.constantFrom(0, 1), detect_positive: fc.constantFrom(0, 1) })),
  Not: unaryArb('Not', ['bool']),
  BitwiseNot: unaryArb('BitwiseNot', INTS, { min: -100, max: 100 }),

  Add: broadcastArb('Add', NUMERIC, E),
  Sub: broadcastArb('Sub', NUMERIC, E),
  Mul: broadcastArb('Mul', NUMERIC, E),
  // Integer division by zero is undefined behaviour in ONNX (and crashes some engines): keep divisors away from 0.
  Div: broadcastArb('Div', NUMERIC, [E, (dt) => (dt.startsWith('float') ? E : { avoidZero: 1 })]),
  // Pow: negative bases with fractional exponents give NaN (defined); exponents stay small so results stay finite.
  Pow: fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'int32', 'int64']), fc.constantFrom<(DType | 'same')[]>('same', 'same', 'float32', 'int64', 'int32'))
    .chain(([t, t1]) => fc.tuple(broadcastShapesArb(2)).chain(([[sa, sb]]) => {
      const e: DType = t1 === 'same' ? t : t1;
      const intBase = !t.startsWith('float');
      return fc.tuple(tensorArb(t, sa, intBase ? { min: -4, max: 4 } : { min: -5, max: 5, edges: true }),
        // Integer results of negative exponents are 0 or ±1 by truncation; keep exponents >= 0 for int bases.
        tensorArb(e, sb, intBase || !e.startsWith('float') ? { min: intBase ? 0 : -3, max: 4, integral: true } : { min: -3, max: 3, edges: true }))
        .map(([a, b]) => makeCase('Pow', inputsOf(a, b)));
    })),
  // fmod=0 is defined for integers only; fmod=1 for floats and integers. Divisors avoid 0 (undefined for ints).
  Mod: fc.constantFrom(0, 1).chain((fmod) => broadcastArb('Mod',
    fmod ? ['float32', 'float64', 'int32', 'int64', 'int8', 'uint8'] : ['int32', 'int64', 'int8', 'int16', 'uint8', 'uint32'],
    [{ min: -20, max: 20 }, { min: -6, max: 6, avoidZero: 1 }], 2, fc.constant({ fmod }))),
  PRelu: fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'float16']), shapeArb({ minRank: 1 })).chain(([dt, xs]) =>
    fc.tuple(fc.integer({ min: 0, max: xs.length }), fc.array(fc.boolean(), { minLength: xs.length, maxLength: xs.length }))
      .chain(([drop, ones]) => {
        // The slope broadcasts to X unidirectionally: a suffix of X's shape with some dims set to 1.
        const ss = xs.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d));
        return fc.tuple(tensorArb(dt, xs, E), tensorArb(dt, ss, { min: -2, max: 2 })).map(([x, s]) => makeCase('PRelu', inputsOf(x, s)));
      })),

  And: broadcastArb('And', ['bool']),
  Or: broadcastArb('Or', ['bool']),
  Xor: broadcastArb('Xor', ['bool']),
  // Comparisons: small integral values make ties (and so Equal/…OrEqual's interesting case) common.
  Equal: broadcastArb('Equal', [...NUMERIC_AND_BOOL, 'string'], (dt) => ({ min: -3, max: 3, integral: true, edges: dt.startsWith('float') ? [NaN, Infinity, -0] : undefined })),
  Greater: broadcastArb('Greater', NUMERIC, (dt) => ({ min: -3, max: 3, integral: true, edges: dt.startsWith('float') ? [NaN, Infinity, -Infinity] : undefined })),
  Less: broadcastArb('Less', NUMERIC, (dt) => ({ min: -3, max: 3, integral: true, edges: dt.startsWith('float') ? [NaN, Infinity, -Infinity] : undefined })),
  GreaterOrEqual: broadcastArb('GreaterOrEqual', NUMERIC, (dt) => ({ min: -3, max: 3, integral: true, edges: dt.startsWith('float') ? [NaN, -0] : undefined })),
  LessOrEqual: broadcastArb('LessOrEqual', NUMERIC, (dt) => ({ min: -3, max: 3, integral: true, edges: dt.startsWith('float') ? [NaN, -0] : undefined })),
  BitwiseAnd: broadcastArb('BitwiseAnd', INTS, { min: -100, max: 100 }),
  BitwiseOr: broadcastArb('BitwiseOr', INTS, { min: -100, max: 100 }),
  BitwiseXor: broadcastArb('BitwiseXor', INTS, { min: -100, max: 100 }),
  // Shift amounts stay below the type's width (larger shifts are undefined in C, and ONNX is silent).
  BitShift: fc.tuple(dtypeArb(UINTS), fc.constantFrom('LEFT', 'RIGHT'), broadcastShapesArb(2)).chain(([dt, direction, [sa, sb]]) =>
    fc.tuple(tensorArb(dt, sa, { min: 0, max: 255 }), tensorArb(dt, sb, { min: 0, max: 7 }))
      .map(([x, y]) => makeCase('BitShift', inputsOf(x, y), { direction }))),
  Where: fc.tuple(dtypeArb([...NUMERIC_AND_BOOL, 'string']), broadcastShapesArb(3)).chain(([dt, [sc, sx, sy]]) =>
    fc.tuple(tensorArb('bool', sc), tensorArb(dt, sx, E), tensorArb(dt, sy, E)).map(([c, x, y]) => makeCase('Where', inputsOf(c, x, y)))),

  Max: variadicArb('Max', NUMERIC, (dt) => ({ edges: dt.startsWith('float') ? [NaN, -0, Infinity] : undefined })),
  Min: variadicArb('Min', NUMERIC, (dt) => ({ edges: dt.startsWith('float') ? [NaN, -0, -Infinity] : undefined })),
  Sum: variadicArb('Sum', FLOATS, E),
  Mean: variadicArb('Mean', FLOATS, E),
  // Clip: min/max are optional scalars; min > max is defined (all outputs = max) and tested too.
  Clip: fc.tuple(dtypeArb(NUMERIC), shapeArb(), fc.constantFrom('none', 'min', 'max', 'both'), fc.boolean())
    .chain(([dt, dims, which, constant]) => fc.tuple(tensorArb(dt, dims, E), tensorArb(dt, [], { min: -5, max: 2 }), tensorArb(dt, [], { min: -2, max: 5 }))
      .map(([x, lo, hi]) => makeCase('Clip', inputsOf(x,
        which === 'min' || which === 'both' ? (constant ? konst(lo) : lo) : undefined,
        which === 'max' || which === 'both' ? (constant ? konst(hi) : hi) : undefined)))),
  CumSum: cumulative('CumSum'),
  CumProd: cumulative('CumProd'),
  Det: fc.tuple(dtypeArb(['float32', 'float64']), fc.integer({ min: 1, max: 4 }), shapeArb({ maxRank: 2, maxElements: 4 }))
    .chain(([dt, n, batch]) => tensorArb(dt, [...batch, n, n], { min: -3, max: 3 }).map((x) => makeCase('Det', inputsOf(x)))),
};

function cumulative(op: 'CumSum' | 'CumProd'): CaseArbitrary {
  return fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'int32', 'int64']), shapeArb({ minRank: 1 }), dtypeArb(['int32', 'int64']),
    fc.constantFrom(0, 1), fc.constantFrom(0, 1))
    .chain(([dt, dims, adt, exclusive, reverse]) => fc.tuple(tensorArb(dt, dims, op === 'CumProd' ? { min: -2, max: 2 } : {}), axisArb(dims.length))
      .map(([x, axis]) => makeCase(op, inputsOf(x, konst(scalar(adt, axis))), { exclusive, reverse })));
}
