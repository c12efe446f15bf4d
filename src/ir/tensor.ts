/**
 * `Tensor`: the one tensor type of onnx-ts, shaped like onnxruntime-common's so that ORT code ports
 * by changing the import: `new Tensor(type, data, dims)`, `.type`, `.data`, `.dims`, `.size`.
 *
 * Reference kernels read and write element values through `readValues`/`Tensor.fromValues`, which
 * hide the bit encodings of float16 and friends (see dtype.ts for the storage rules).
 */
import {
  type DType, type TensorData, type TypedArray, allocate, entriesPerElement, isBigInt, storageCtor,
} from './dtype.js';
import {
  bfloat16ToFloat, e8m0ToFloat, floatToBfloat16, floatToE8m0, floatToHalf, floatToMini, halfToFloat,
  miniToFloat, type MiniFloatName,
} from './float-formats.js';

/** Where a tensor's data lives. Device-resident providers add their own locations. */
export type TensorLocation = 'cpu' | 'gpu-buffer' | (string & {});

/** Number of elements of a shape (1 for a scalar). */
/** Equal dims, element by element (a loop: no closures or joined strings on the hot paths that call it). */
export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

const ARRAY_DTYPE = new Map<unknown, DType>([
  [Float32Array, 'float32'], [Float64Array, 'float64'], [Int8Array, 'int8'], [Uint8Array, 'uint8'],
  [Int16Array, 'int16'], [Uint16Array, 'uint16'], [Int32Array, 'int32'], [Uint32Array, 'uint32'],
  [BigInt64Array, 'int64'], [BigUint64Array, 'uint64'],
]);

/**
 * The engine's Float16Array (Node 24, current browsers), or undefined. Read on each call rather
 * than once, so that a polyfill installed after this module loads counts too.
 */
const float16ArrayCtor = (): (new (...args: never[]) => ArrayBufferView) | undefined =>
  (globalThis as { Float16Array?: new (...args: never[]) => ArrayBufferView }).Float16Array;

/** A Float16Array's elements as the float16 bits onnx-ts stores (a Uint16Array view: no copy). */
function float16Bits(data: unknown): Uint16Array | undefined {
  const F16 = float16ArrayCtor();
  if (!F16 || !(data instanceof F16)) return undefined;
  const view = data as unknown as Uint16Array;
  return new Uint16Array(view.buffer, view.byteOffset, view.length);
}

export class Tensor {
  readonly type: DType;
  readonly dims: readonly number[];
  readonly size: number;
  /** 'cpu' for host data; device providers hand out tensors whose `data` is fetched by `getData()`. */
  readonly location: TensorLocation;
  /** Provider-owned handle for device-resident data (a GPU buffer, say). */
  readonly handle?: unknown;
  private readonly cpuData?: TensorData;
  private readonly download?: () => Promise<TensorData>;

  /**
   * `new Tensor(type, data, dims?)` or `new Tensor(data, dims?)` (type from the array class).
   * `data` may be a plain number/bigint/boolean/string array; it is converted to the storage array.
   * float16 data may also be a Float16Array where the engine has one: its bits are viewed, not copied.
   */
  constructor(type: DType, data: TensorData | readonly (number | bigint | boolean | string)[], dims?: readonly number[]);
  constructor(data: TensorData, dims?: readonly number[]);
  constructor(a: DType | TensorData, b?: unknown, c?: readonly number[]) {
    let type: DType;
    let data: unknown;
    let dims: readonly number[] | undefined;
    if (typeof a === 'string') { type = a; data = b; dims = c; }
    else {
      data = a; dims = b as readonly number[] | undefined;
      const inferred = Array.isArray(a) ? 'string' : ARRAY_DTYPE.get(a.constructor) ?? (float16Bits(a) ? 'float16' : undefined);
      if (!inferred) throw new TypeError('Tensor: cannot infer the type of this data; pass the type first');
      type = inferred;
    }
    const stored = toStorage(type, data);
    const size = stored.length / entriesPerElement(type);
    dims = dims ?? [size];
    const expected = sizeOf(dims);
    if (expected !== size) {
      throw new RangeError(`Tensor: data has ${size} elements but dims [${dims.join(',')}] need ${expected}`);
    }
    this.type = type;
    // A copy, so the caller's array can change later; not frozen: Object.freeze cost ~160 of the
    // ~230 ns of this constructor (1e6 constructions, 15:50 UTC), and kernels make one tensor per
    // output. `readonly` types it, as in onnxruntime-common.
    this.dims = [...dims];
    this.size = size;
    this.location = 'cpu';
    this.cpuData = stored;
  }

  /** A tensor whose data lives on a device; `download` copies it to the host on demand. */
  static fromDevice(type: DType, dims: readonly number[], location: TensorLocation, handle: unknown,
    download: () => Promise<TensorData>): Tensor {
    const t = Object.create(Tensor.prototype) as Tensor;
    Object.assign(t, { type, dims: [...dims], size: sizeOf(dims), location, handle, download });
    return t;
  }

  /** Host data. Throws for device tensors: use `getData()`, as in onnxruntime-common. */
  get data(): TensorData {
    if (this.cpuData === undefined) {
      throw new Error(`Tensor on '${this.location}' has no host data; await tensor.getData()`);
    }
    return this.cpuData;
  }

  /** The host data, downloading device-resident data first. */
  async getData(): Promise<TensorData> {
    return this.cpuData ?? (await this.download!());
  }

  /** The same data viewed with other dims (no copy). */
  reshape(dims: readonly number[]): Tensor {
    return new Tensor(this.type, this.data, dims);
  }

  /** Releases device memory; a no-op for host tensors. */
  dispose(): void { /* host data is garbage-collected */ }

  /**
   * Builds a tensor from element values: numbers for float-like types (encoded to float16/… bits here),
   * bigints for int64/uint64, strings for string, 0/1 or booleans for bool.
   */
  static fromValues(type: DType, dims: readonly number[], values: ArrayLike<number | bigint | string | boolean>,
    opts?: { saturate?: boolean }): Tensor {
    return new Tensor(type, encodeValues(type, values, opts?.saturate ?? true), dims);
  }

  /** A scalar (rank-0) tensor. */
  static scalar(type: DType, value: number | bigint | string | boolean): Tensor {
    return Tensor.fromValues(type, [], [value]);
  }

  toString(): string {
    return `Tensor(${this.type}, [${this.dims.join(',')}])`;
  }
}

/** Storage for `type` from user data: typed arrays of the right class are kept as they are (no copy). */
function toStorage(type: DType, data: unknown): TensorData {
  if (type === 'string') {
    if (!Array.isArray(data)) throw new TypeError('Tensor: string tensors take a string[]');
    return data as string[];
  }
  const Ctor = storageCtor(type);
  if (data instanceof Ctor) return data as TypedArray;
  // float16 is stored as its bits; a Float16Array (what onnxruntime-common hands out where the
  // engine has one) holds values, which the element copy below would truncate to integers.
  const bits = type === 'float16' ? float16Bits(data) : undefined;
  if (bits) return bits;
  if (type === 'bool' && data instanceof Uint8Array) return data;
  if (Array.isArray(data) || ArrayBuffer.isView(data)) {
    const src = data as ArrayLike<number | bigint | boolean>;
    const out = new Ctor(src.length);
    if (isBigInt(type)) for (let i = 0; i < src.length; i++) (out as BigInt64Array)[i] = BigInt(src[i] as number);
    else for (let i = 0; i < src.length; i++) (out as Float64Array)[i] = Number(src[i]);
    return out;
  }
  throw new TypeError(`Tensor: data for type '${type}' must be a ${Ctor.name} or an array`);
}

/** Element values of `t` as numbers (or bigints/strings), decoding float16 and friends. */
export function readValues(t: Tensor): ArrayLike<number> & Iterable<number>;
export function readValues(t: Tensor): any {
  const data = t.data;
  const decode = DECODERS[t.type];
  if (!decode) return data;
  const src = data as Uint8Array | Uint16Array;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = decode(src[i]);
  return out;
}

/** Bigint element values (int64/uint64 tensors keep theirs; others are converted). */
export function readBigInts(t: Tensor): ArrayLike<bigint> {
  if (isBigInt(t.type)) return t.data as BigInt64Array;
  return Array.from(readValues(t), (v) => BigInt(Math.trunc(v)));
}

/** Element values as plain numbers, also for int64 (exact up to 2^53; used for shapes, axes, indices). */
export function readNumbers(t: Tensor): number[] {
  const d = t.data as ArrayLike<number | bigint>;
  if (isBigInt(t.type)) return Array.from(d as BigInt64Array, Number);
  return Array.from(readValues(t));
}

const DECODERS: Partial<Record<DType, (bits: number) => number>> = {
  float16: halfToFloat,
  bfloat16: bfloat16ToFloat,
  float8e8m0: e8m0ToFloat,
  ...Object.fromEntries((['float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float4e2m1'] as MiniFloatName[])
    .map((n) => [n, (b: number) => miniToFloat(n, b)])),
};

function encodeValues(type: DType, values: ArrayLike<number | bigint | string | boolean>, saturate: boolean): TensorData {
  if (type === 'string') return Array.from(values as ArrayLike<string>, String);
  const n = values.length;
  const out = allocate(type, n / entriesPerElement(type)) as TypedArray;
  switch (type) {
    case 'float16': for (let i = 0; i < n; i++) out[i] = floatToHalf(Number(values[i])); break;
    case 'bfloat16': for (let i = 0; i < n; i++) out[i] = floatToBfloat16(Number(values[i])); break;
    case 'float8e8m0': for (let i = 0; i < n; i++) out[i] = floatToE8m0(Number(values[i]), saturate); break;
    case 'float8e4m3fn': case 'float8e4m3fnuz': case 'float8e5m2': case 'float8e5m2fnuz': case 'float4e2m1':
      for (let i = 0; i < n; i++) out[i] = floatToMini(type, Number(values[i]), saturate);
      break;
    case 'int64': case 'uint64':
      for (let i = 0; i < n; i++) {
        const v = values[i];
        (out as BigInt64Array)[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
      }
      break;
    case 'bool': for (let i = 0; i < n; i++) out[i] = values[i] ? 1 : 0; break;
    case 'int4': case 'uint4': case 'int2': case 'uint2': {
      // Wrap into the narrow range the way a two's-complement store would.
      const bits = type.endsWith('4') ? 4 : 2;
      const signed = type.startsWith('int');
      for (let i = 0; i < n; i++) {
        let v = Number(values[i]) & ((1 << bits) - 1);
        if (signed && v >= 1 << (bits - 1)) v -= 1 << bits;
        out[i] = v;
      }
      break;
    }
    default: for (let i = 0; i < n; i++) (out as Float64Array)[i] = Number(values[i]);
  }
  return out;
}
