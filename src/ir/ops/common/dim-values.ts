/**
 * Symbolic shape values for shape inference: the elements of a small int64/int32 vector (or
 * scalar) known one by one, each a number, a dim symbol ('batch'), or undefined. This is what
 * `Shape` of `[batch, seq, 384]` produces, and what Gather/Concat/Slice chains carry on to
 * Reshape, Expand, ConstantOfShape and Tile, so that the static dims survive and the symbolic ones
 * stay symbolic.
 *
 * Symbols may be multiplied: `Mul(batch, 4)` is the symbol '4*batch', `batch * seq` is
 * 'batch*seq'. Products are kept in one canonical spelling (coefficient first, then the factors
 * sorted), so that equal strings still mean equal sizes, the dim_param convention that passes such
 * as `knownDims` in passes/graph-utils.ts rely on. onnxruntime's symbolic shape inference writes
 * its derived dims the same way ('4*batch'). Sums are not represented: they come up rarely in
 * shape arithmetic, and leaving them unknown is always sound.
 */
import type { DType } from '../../dtype.js';
import type { Dim } from '../../model.js';
import { readNumbers, Tensor } from '../../tensor.js';
import type { InferInput } from '../spec.js';

/**
 * Longest vector tracked element by element. Shape vectors have one entry per axis (ONNX caps
 * nothing, but real models stay under 10); 64 leaves room without carrying large constants around.
 */
export const MAX_DIMS_VALUE = 64;

/** The dtypes whose tensors can hold shapes and indices. */
export function isIndexType(dtype: DType | undefined): dtype is 'int32' | 'int64' {
  return dtype === 'int32' || dtype === 'int64';
}

/** Whether `dims` (a rank) is one that `dimsValue` describes: a scalar or a short 1-D vector. */
export function isSmallVector(dims: readonly Dim[] | undefined): dims is [] | [number] {
  return !!dims && (dims.length === 0 || (dims.length === 1 && typeof dims[0] === 'number' && dims[0] <= MAX_DIMS_VALUE));
}

/** The number of elements `dimsValue` has for a tensor of these dims, or undefined when it has none. */
export function dimsValueLength(dims: readonly Dim[] | undefined): number | undefined {
  if (!isSmallVector(dims)) return undefined;
  return dims.length === 0 ? 1 : dims[0];
}

/** A known constant's elements as a dimsValue (int32/int64 scalars and short vectors only). */
export function dimsValueOf(t: Tensor): Dim[] | undefined {
  if (!isIndexType(t.type) || !isSmallVector(t.dims)) return undefined;
  return readNumbers(t);
}

/**
 * The constant a fully numeric dimsValue stands for, so that constant folding downstream sees it
 * (Shape → Gather → Add → Div chains then fold with the reference kernels). Undefined when an
 * element is symbolic, unknown, or not exactly representable (INT64_MAX read as a double is
 * 2^63, which would wrap if written back).
 */
export function tensorOfDimsValue(dtype: DType | undefined, dims: readonly Dim[] | undefined, dv: readonly Dim[]): Tensor | undefined {
  if (!isIndexType(dtype) || dimsValueLength(dims) !== dv.length) return undefined;
  const limit = dtype === 'int32' ? 2 ** 31 : 2 ** 53;
  const nums: number[] = [];
  for (const d of dv) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d >= limit || d < -limit) return undefined;
    nums.push(d);
  }
  return dtype === 'int64'
    ? new Tensor('int64', BigInt64Array.from(nums, BigInt), dims as number[])
    : new Tensor('int32', Int32Array.from(nums), dims as number[]);
}

/** An input's elements as numbers, when every one is known (from its value, or its dimsValue). */
export function knownNumbers(x: InferInput | undefined): number[] | undefined {
  if (x?.value) return readNumbers(x.value);
  return x?.dimsValue?.every((d): d is number => typeof d === 'number') ? x.dimsValue : undefined;
}

/** An input's elements, symbolic where need be: its dimsValue, or its value read out. */
export function elementsOf(x: InferInput | undefined): Dim[] | undefined {
  if (x?.dimsValue) return x.dimsValue;
  return x?.value && isIndexType(x.value.type) && x.value.size <= MAX_DIMS_VALUE ? readNumbers(x.value) : undefined;
}

// ---- Products of symbols -------------------------------------------------------------------

/** A product `coef * factors[0] * factors[1] * …`, factors sorted. */
interface Term { coef: number; factors: string[] }

/** Symbols that may appear as factors: plain names, so that '*' can only mean multiplication. */
const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function parseTerm(d: Dim): Term | undefined {
  if (typeof d === 'number') return Number.isSafeInteger(d) ? { coef: d, factors: [] } : undefined;
  if (d === undefined) return undefined;
  const parts = d.split('*');
  let coef = 1;
  const factors: string[] = [];
  for (const [i, p] of parts.entries()) {
    // Only the canonical spelling is read back: an optional leading coefficient, then names.
    if (i === 0 && parts.length > 1 && /^[0-9]+$/.test(p)) coef = Number(p);
    else if (NAME.test(p)) factors.push(p);
    else return undefined;
  }
  return { coef, factors: factors.sort() };
}

function formatTerm(t: Term): Dim {
  if (t.coef === 0 || t.factors.length === 0) return t.coef;
  // A negative multiple of a dim is no dim; such elements only appear in hand-written shape math.
  if (t.coef < 0 || !Number.isSafeInteger(t.coef)) return undefined;
  return (t.coef === 1 ? '' : `${t.coef}*`) + t.factors.join('*');
}

/** a * b, symbolic when either is a product of named symbols. */
export function mulDims(a: Dim, b: Dim): Dim {
  if (a === 0 || b === 0) return 0;
  if (a === 1) return b;
  if (b === 1) return a;
  const x = parseTerm(a), y = parseTerm(b);
  if (!x || !y) return undefined;
  return formatTerm({ coef: x.coef * y.coef, factors: [...x.factors, ...y.factors].sort() });
}

/**
 * a / b with ONNX integer division (truncating) on numbers; on symbols only when it is exact in
 * every case (b's factors all cancel, and the coefficients divide).
 */
export function divDims(a: Dim, b: Dim): Dim {
  if (b === 1) return a;
  if (typeof a === 'number' && typeof b === 'number') return b === 0 ? undefined : Math.trunc(a / b);
  if (a !== undefined && a === b) return 1;
  const x = parseTerm(a), y = parseTerm(b);
  if (!x || !y || y.coef === 0 || x.coef % y.coef !== 0) return undefined;
  const rest = [...x.factors];
  for (const f of y.factors) {
    const i = rest.indexOf(f);
    if (i < 0) return undefined;
    rest.splice(i, 1);
  }
  return formatTerm({ coef: x.coef / y.coef, factors: rest });
}

/** a + b: numbers add; a symbol plus 0 is itself, and like terms combine (batch + batch = 2*batch). */
export function addDims(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  const x = parseTerm(a), y = parseTerm(b);
  if (!x || !y || x.factors.join('*') !== y.factors.join('*')) return undefined;
  return formatTerm({ coef: x.coef + y.coef, factors: x.factors });
}

/** a - b: numbers subtract; a symbol minus 0 is itself, and like terms combine (2*batch - batch = batch). */
export function subDims(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (b === 0) return a;
  const x = parseTerm(a), y = parseTerm(b);
  if (!x || !y || x.factors.join('*') !== y.factors.join('*')) return undefined;
  return formatTerm({ coef: x.coef - y.coef, factors: x.factors });
}

/** Product of all dims, symbolic where need be; undefined when any is unknown. */
export function productOfDims(dims: readonly Dim[]): Dim {
  let p: Dim = 1;
  for (const d of dims) p = mulDims(p, d);
  return p;
}
