/**
 * The `Case` of the property-based conformance suite and of `onnx-ts fuzz`: one node with its
 * attributes and input tensors, from which a single-node model is built. Also the small value and
 * shape generators that the per-op arbitraries (one file per op family) are made from.
 *
 * Shapes stay small (at most ~64 elements) so that hundreds of runs take seconds; values are finite
 * by default, with a sprinkling of NaN, ±Inf and -0 where an op's semantics define them.
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import { isBigInt, isFloat } from '../../ir/dtype.js';
import { getOpSpec } from '../../ir/ops/index.js';
import { Tensor, sizeOf } from '../../ir/tensor.js';
import type { AttrLite } from '../model-builder.js';

/** One input of a case: absent optional inputs have no value. */
export interface CaseInput {
  name: string;
  /** A tensor, or a sequence of tensors (sequence ops); undefined for an absent optional input. */
  value: Tensor | Tensor[] | undefined;
  /** Becomes an initializer (shape inference and foreign engines then see it as a constant). */
  constant?: boolean;
  /** A graph input that only subgraphs read (outer scope), not an input of the node. */
  outerScope?: boolean;
}

/** A single-node test case. */
export interface Case {
  op: string;
  /** '' (default) for ai.onnx. */
  domain?: string;
  /** The ai.onnx opset; the op's own domain gets `domainOpset`. */
  opset: number;
  domainOpset?: number;
  attrs: Record<string, AttrLite>;
  inputs: CaseInput[];
  outputCount: number;
}

/** A per-op generator of cases. */
export type CaseArbitrary = fc.Arbitrary<Case>;

/**
 * Opset used unless an op is newer: 21 is implemented in full by every onnxruntime release since
 * 1.18, so a foreign backend's "unsupported" reflects the op or dtype, not the opset.
 */
export const DEFAULT_OPSET = 21;

/** The opset a case for `op` uses: DEFAULT_OPSET, or the op's first version when it is newer. */
export function opsetFor(op: string, domain = ''): number {
  const spec = getOpSpec(domain, op);
  if (!spec || domain) return DEFAULT_OPSET;
  return Math.max(DEFAULT_OPSET, spec.versions[0]);
}

/** Element budget per tensor. */
export const MAX_ELEMENTS = 64;

export interface ShapeOpts { minRank?: number; maxRank?: number; minDim?: number; maxDim?: number; maxElements?: number }

/** A shape with at most `maxElements` elements; minDim 0 allows empty dims. */
export function shapeArb(o: ShapeOpts = {}): fc.Arbitrary<number[]> {
  const { minRank = 0, maxRank = 4, minDim = 1, maxDim = 4, maxElements = MAX_ELEMENTS } = o;
  return fc.array(fc.integer({ min: minDim, max: maxDim }), { minLength: minRank, maxLength: maxRank })
    .filter((d) => sizeOf(d) <= maxElements);
}

/**
 * Shapes of `count` inputs that broadcast together (numpy rules): each is a suffix of the output
 * shape with some dims replaced by 1.
 */
export function broadcastShapesArb(count: number, o: ShapeOpts = {}): fc.Arbitrary<number[][]> {
  return shapeArb(o).chain((out) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length })), { minLength: count, maxLength: count })
      .map((specs) => specs.map(([drop, ones], k) => {
        // The first input keeps the full rank half the time so that outputs are not all reduced.
        const d = k === 0 && drop % 2 === 0 ? 0 : drop;
        return out.slice(d).map((x, i) => (ones[i + d] && out.length > 0 ? 1 : x));
      })));
}

export interface ValueOpts {
  /** Inclusive range for finite values (default [-10, 10]). */
  min?: number;
  max?: number;
  /** Add NaN, ±Inf and -0 now and then (floats only). */
  edges?: boolean | readonly number[];
  /** Only integral values (also for floats). */
  integral?: boolean;
  /** Keep values away from 0 by this much (divisors, logs of reciprocals). */
  avoidZero?: number;
}

const EDGE_VALUES = [NaN, Infinity, -Infinity, -0] as const;

const INT_LIMITS: Partial<Record<DType, [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295], int64: [-(2 ** 53), 2 ** 53], uint64: [0, 2 ** 53],
  int4: [-8, 7], uint4: [0, 15], int2: [-2, 1], uint2: [0, 3],
};

/** One element value of `dtype` (a plain number; bigint conversion happens in `tensorArb`). */
export function scalarArb(dtype: DType, o: ValueOpts = {}): fc.Arbitrary<number | string> {
  if (dtype === 'bool') return fc.integer({ min: 0, max: 1 });
  if (dtype === 'string') return fc.constantFrom('', 'a', 'b', 'ab', 'Hello', 'WORLD', 'x y');
  const lim = INT_LIMITS[dtype];
  let lo = o.min ?? -10, hi = o.max ?? 10;
  if (lim) { lo = Math.max(lo, lim[0]); hi = Math.min(hi, lim[1]); }
  let base: fc.Arbitrary<number>;
  if (!isFloat(dtype) || o.integral) base = fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
  else {
    // Mostly arbitrary doubles, some exact halves (rounding boundaries), rounded to float32 so
    // that every engine starts from the same bits.
    base = fc.oneof(
      { weight: 4, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }) },
      { weight: 1, arbitrary: fc.integer({ min: Math.ceil(lo * 2), max: Math.floor(hi * 2) }).map((i) => i / 2) },
    ).map(Math.fround);
  }
  if (o.avoidZero) {
    const gap = o.avoidZero;
    base = base.map((v) => (Math.abs(v) < gap ? (v < 0 || Object.is(v, -0) ? -gap : gap) : v)).filter((v) => v >= lo && v <= hi);
  }
  if (o.edges && isFloat(dtype)) {
    const edges = o.edges === true ? EDGE_VALUES : o.edges;
    return fc.oneof({ weight: 12, arbitrary: base }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
  }
  return base;
}

/** A tensor of the given dtype and dims. */
export function tensorArb(dtype: DType, dims: readonly number[], o: ValueOpts = {}): fc.Arbitrary<Tensor> {
  const n = sizeOf(dims);
  return fc.array(scalarArb(dtype, o), { minLength: n, maxLength: n }).map((vals) =>
    Tensor.fromValues(dtype, dims, isBigInt(dtype) ? vals.map((v) => BigInt(v as number)) : vals));
}

/** An int64 (or given int type) 1-D tensor holding exactly `values`. */
export function ints(values: readonly number[], dtype: DType = 'int64', dims: readonly number[] = [values.length]): Tensor {
  return Tensor.fromValues(dtype, dims, isBigInt(dtype) ? values.map((v) => BigInt(v)) : values);
}

/** A scalar tensor. */
export function scalar(dtype: DType, v: number): Tensor {
  return Tensor.fromValues(dtype, [], isBigInt(dtype) ? [BigInt(v)] : [v]);
}

/** Builds a case for `op` at its default opset. */
export function makeCase(op: string, inputs: CaseInput[], attrs: Record<string, AttrLite> = {}, outputCount = 1,
  extra: Partial<Case> = {}): Case {
  return { op, opset: opsetFor(op, extra.domain), attrs, inputs, outputCount, ...extra };
}

/** Input helper: names x0, x1, …; `undefined` values are absent optional inputs. */
export function inputsOf(...values: (Tensor | Tensor[] | undefined | { value: Tensor; constant: boolean })[]): CaseInput[] {
  return values.map((v, i) => {
    const name = `in${i}`;
    if (v && !(v instanceof Tensor) && !Array.isArray(v)) return { name, value: v.value, constant: v.constant };
    return { name, value: v };
  });
}

/** Marks an input as a constant (an initializer in the built model). */
export const konst = (value: Tensor) => ({ value, constant: true });

/** Float dtypes used by default: float32 mostly, float64 and float16 now and then. */
export const FLOATS: readonly DType[] = ['float32', 'float32', 'float32', 'float64', 'float16'];
export const FLOAT32_ONLY: readonly DType[] = ['float32'];
/** Numeric dtypes for arithmetic families. */
export const NUMERIC: readonly DType[] = ['float32', 'float32', 'float64', 'float16', 'int32', 'int64', 'int8', 'uint8', 'int16', 'uint16', 'uint32', 'uint64'];
export const SIGNED: readonly DType[] = ['float32', 'float32', 'float64', 'float16', 'int32', 'int64', 'int8', 'int16'];
export const ALL_BASIC: readonly DType[] = ['float32', 'float64', 'float16', 'int32', 'int64', 'int8', 'uint8', 'int16', 'uint16', 'uint32', 'uint64', 'bool', 'string'];

/** One dtype of a list (duplicates weight the choice). */
export const dtypeArb = (list: readonly DType[]) => fc.constantFrom(...list);

/** A random axis of a rank-r tensor, negative half the time. */
export function axisArb(rank: number): fc.Arbitrary<number> {
  if (rank === 0) return fc.constant(0);
  return fc.tuple(fc.integer({ min: 0, max: rank - 1 }), fc.boolean()).map(([a, neg]) => (neg ? a - rank : a));
}

/** A one-line description of a case, for failure reports. */
export function describeCase(c: Case): string {
  const attr = (v: AttrLite) => (v instanceof Tensor ? `tensor ${v.type}[${v.dims.join(',')}]`
    : typeof v === 'object' && v !== null && 'nodes' in v ? `graph(${v.nodes.map((n) => n.op).join(',')})` : JSON.stringify(v));
  const attrs = Object.entries(c.attrs).map(([k, v]) => `${k}=${attr(v)}`).join(' ');
  const one = (t: Tensor) => `${t.type}[${t.dims.join(',')}]`;
  const ins = c.inputs.map((i) => (i.value instanceof Tensor ? `${one(i.value)}${i.constant ? '(const)' : ''}` : i.value ? `seq(${i.value.map(one).join(', ')})` : '-')).join(', ');
  return `${c.domain ? `${c.domain}.` : ''}${c.op}-v${c.domainOpset ?? c.opset} (${ins})${attrs ? ` ${attrs}` : ''}`;
}

/** Value options, or a function of the dtype giving them. */
export type ValueSpec = ValueOpts | ((dtype: DType) => ValueOpts);
const resolveValues = (v: ValueSpec | undefined, dt: DType): ValueOpts => (typeof v === 'function' ? v(dt) : v ?? {});

/** Attribute generator shorthand. */
export type AttrsArb = fc.Arbitrary<Record<string, AttrLite>>;
export const noAttrs: AttrsArb = fc.constant({});

/** A float attribute value (plain numbers that happen to be integral would be written as ints). */
export const floatAttr = (...values: number[]) => fc.constantFrom(...values).map((v) => ({ float: v }));

/** Generic builder: one input of a dtype from `dtypes`, any small shape, optional attributes. */
export function unaryArb(op: string, dtypes: readonly DType[], values?: ValueSpec, attrs: AttrsArb = noAttrs, shape: ShapeOpts = {}): CaseArbitrary {
  return fc.tuple(dtypeArb(dtypes), shapeArb(shape), attrs)
    .chain(([dt, dims, a]) => tensorArb(dt, dims, resolveValues(values, dt)).map((x) => makeCase(op, inputsOf(x), a)));
}

/** Generic builder: `count` inputs of one dtype with shapes that broadcast together. */
export function broadcastArb(op: string, dtypes: readonly DType[], values: ValueSpec | ValueSpec[] = {}, count = 2,
  attrs: AttrsArb = noAttrs, shape: ShapeOpts = {}): CaseArbitrary {
  const per = (k: number, dt: DType) => resolveValues(Array.isArray(values) ? values[k] : values, dt);
  return fc.tuple(dtypeArb(dtypes), broadcastShapesArb(count, shape), attrs)
    .chain(([dt, shapes, a]) => fc.tuple(...shapes.map((s, k) => tensorArb(dt, s, per(k, dt)))).map((xs) => makeCase(op, inputsOf(...xs), a)));
}

/** Generic builder: a variadic op over 1..max broadcasting inputs. */
export function variadicArb(op: string, dtypes: readonly DType[], values: ValueSpec = {}, max = 4): CaseArbitrary {
  return fc.integer({ min: 1, max }).chain((n) => broadcastArb(op, dtypes, values, n));
}
