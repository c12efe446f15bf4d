// Tensor storage rules and the wire encodings (float16 family, sub-byte packing, int64 exactness).
import { describe, expect, it } from 'vitest';
import { Tensor, readValues } from '../src/index.js';
import { floatToHalf, halfToFloat, floatToMini, miniToFloat, floatToBfloat16, bfloat16ToFloat } from '../src/ir/float-formats.js';
import { tensorFromProto, tensorToProto } from '../src/ir/tensor-proto.js';
import { onnx } from '../src/ir/proto/onnx-pb.js';
import { decodeValue, encodeValue } from '../src/ir/value-proto.js';

const roundTrip = (t: Tensor) => tensorFromProto(onnx.TensorProto.decode(onnx.TensorProto.encode(tensorToProto(t)).finish()));

describe('Tensor', () => {
  it('takes ORT-style arguments and infers the type from the array', () => {
    const a = new Tensor('float32', [1, 2, 3, 4], [2, 2]);
    expect(a.data).toBeInstanceOf(Float32Array);
    expect(a.dims).toEqual([2, 2]);
    expect(new Tensor(new BigInt64Array([1n]), [1]).type).toBe('int64');
    expect(() => new Tensor('float32', [1, 2, 3], [2, 2])).toThrow(/3 elements but dims \[2,2\] need 4/);
  });

  it('keeps the caller’s typed array (no copy)', () => {
    const data = new Float32Array(6);
    expect(new Tensor('float32', data, [2, 3]).data).toBe(data);
  });

  it('stores float16 as Uint16Array bits', () => {
    const t = Tensor.fromValues('float16', [3], [1, -2.5, 65504]);
    expect(Array.from(t.data as Uint16Array)).toEqual([0x3c00, 0xc100, 0x7bff]);
    expect(Array.from(readValues(t))).toEqual([1, -2.5, 65504]);
  });

  it('takes a Float16Array (Node 24, current browsers) as float16 by its bits, without a copy', () => {
    // Where the engine has no Float16Array, a stand-in class gives the same instanceof test; the
    // element copy this guards against would have turned 1.5 into the bits 0x0001.
    const native = (globalThis as { Float16Array?: new (v: number[]) => ArrayBufferView }).Float16Array;
    class StandIn { readonly buffer: ArrayBuffer; readonly byteOffset = 0; readonly length = 3;
      constructor() { this.buffer = new Uint16Array([0x3e00, 0xc000, 0x7c00]).buffer; } }
    if (!native) (globalThis as Record<string, unknown>).Float16Array = StandIn;
    try {
      const data = native ? new native([1.5, -2, Infinity]) : new StandIn();
      for (const t of [new Tensor('float16', data as never, [3]), new Tensor(data as never, [3])]) {
        expect(t.type).toBe('float16');
        expect(Array.from(t.data as Uint16Array)).toEqual([0x3e00, 0xc000, 0x7c00]);
        expect((t.data as Uint16Array).buffer).toBe((data as ArrayBufferView).buffer);
        expect(Array.from(readValues(t))).toEqual([1.5, -2, Infinity]);
      }
    } finally {
      if (!native) delete (globalThis as Record<string, unknown>).Float16Array;
    }
  });
});

describe('float formats', () => {
  it('float16 rounds to nearest even and overflows to Inf', () => {
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(floatToHalf(70000)).toBe(0x7c00);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    for (let h = 0; h < 0x7c00; h += 97) expect(floatToHalf(halfToFloat(h))).toBe(h);
  });

  it('bfloat16 round-trips its own values', () => {
    for (const x of [1, -3.140625, 2 ** 100, 2 ** -130]) expect(bfloat16ToFloat(floatToBfloat16(x))).toBe(x);
  });

  it('float8e4m3fn saturates per the Cast table', () => {
    expect(miniToFloat('float8e4m3fn', floatToMini('float8e4m3fn', 1000))).toBe(448);
    expect(Number.isNaN(miniToFloat('float8e4m3fn', floatToMini('float8e4m3fn', 1000, false)))).toBe(true);
    expect(miniToFloat('float8e5m2', floatToMini('float8e5m2', 1e6, false))).toBe(Infinity);
    for (let c = 0; c < 0x7f; c++) expect(floatToMini('float8e4m3fn', miniToFloat('float8e4m3fn', c))).toBe(c);
  });
});

describe('TensorProto', () => {
  it('packs int4 two per byte, low nibble first', () => {
    const t = new Tensor('int4', new Int8Array([-8, 7, 3]), [3]);
    const p = tensorToProto(t);
    expect(Array.from(p.rawData)).toEqual([0x78, 0x03]);
    expect(Array.from(roundTrip(t).data as Int8Array)).toEqual([-8, 7, 3]);
  });

  it('keeps int64 exact', () => {
    const big = 2n ** 62n + 1n;
    expect((roundTrip(new Tensor('int64', new BigInt64Array([big, -big]), [2])).data as BigInt64Array)[0]).toBe(big);
  });

  it('round-trips strings and sequences', () => {
    const s = new Tensor('string', ['héllo', ''], [2]);
    expect(roundTrip(s).data).toEqual(['héllo', '']);
    const seq = decodeValue(encodeValue([s, s]), { kind: 'sequence' }) as Tensor[];
    expect(seq).toHaveLength(2);
  });
});

describe('initializer storage', () => {
  it('views aligned raw_data in place and copies unaligned raw_data', () => {
    const payload = new Float32Array([1, 2, 3, 4]);
    const bytes = new Uint8Array(payload.buffer);
    const file = new Uint8Array(64);
    file.set(bytes, 16); // aligned for float32
    file.set(bytes, 33); // not aligned
    const aligned = tensorFromProto(new onnx.TensorProto({ dataType: 1, dims: [4 as never], rawData: file.subarray(16, 32) }));
    const unaligned = tensorFromProto(new onnx.TensorProto({ dataType: 1, dims: [4 as never], rawData: file.subarray(33, 49) }));
    expect((aligned.data as Float32Array).buffer).toBe(file.buffer);
    expect((unaligned.data as Float32Array).buffer).not.toBe(file.buffer);
    expect(Array.from(aligned.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(Array.from(unaligned.data as Float32Array)).toEqual([1, 2, 3, 4]);
  });
});
