/**
 * A small WebAssembly binary emitter: LEB128, the module sections onnx-ts needs (type, import,
 * function, export, code), and a function-body builder with the scalar, control and SIMD128
 * opcodes the kernel templates use. Every module imports its memory as `env.memory`; the limits
 * byte is recorded so the runtime can flip it to "shared" when threads are on, without a second
 * copy of every module.
 *
 * Opcode numbers follow the WebAssembly core spec (2.0) and the relaxed-SIMD proposal.
 */

/** Value types. */
export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit range). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** A local variable (or parameter) index with its type. */
export interface Local { index: number; type: ValType }

const BLOCK_VOID = 0x40;
const SIMD = 0xfd;

/**
 * Builds one function body. Methods append instructions and return `this`, so templates read as
 * straight-line WAT: `f.get(a).get(b).i32_add().set(c)`.
 */
export class FuncBuilder {
  readonly params: Local[];
  private readonly locals: Local[] = [];
  private readonly body: number[] = [];

  constructor(readonly name: string, paramTypes: readonly ValType[], readonly results: readonly ValType[] = []) {
    this.params = paramTypes.map((type, index) => ({ index, type }));
  }

  /** Declares a new local. */
  local(type: ValType): Local {
    const l = { index: this.params.length + this.locals.length, type };
    this.locals.push(l);
    return l;
  }

  /** Appends raw bytes. */
  raw(...bytes: number[]): this { this.body.push(...bytes); return this; }

  // ---- control ----
  block(): this { return this.raw(0x02, BLOCK_VOID); }
  loop(): this { return this.raw(0x03, BLOCK_VOID); }
  /** `if` with no result, or with one result of type `result`. */
  if_(result?: ValType): this { return this.raw(0x04, result ?? BLOCK_VOID); }
  else_(): this { return this.raw(0x05); }
  end(): this { return this.raw(0x0b); }
  br(depth: number): this { return this.raw(0x0c, ...uleb(depth)); }
  br_if(depth: number): this { return this.raw(0x0d, ...uleb(depth)); }
  return_(): this { return this.raw(0x0f); }
  drop(): this { return this.raw(0x1a); }
  select(): this { return this.raw(0x1b); }

  // ---- locals ----
  get(l: Local): this { return this.raw(0x20, ...uleb(l.index)); }
  set(l: Local): this { return this.raw(0x21, ...uleb(l.index)); }
  tee(l: Local): this { return this.raw(0x22, ...uleb(l.index)); }

  // ---- memory (align is log2 bytes) ----
  i32_load(offset = 0): this { return this.raw(0x28, 2, ...uleb(offset)); }
  f32_load(offset = 0): this { return this.raw(0x2a, 2, ...uleb(offset)); }
  f32_store(offset = 0): this { return this.raw(0x38, 2, ...uleb(offset)); }
  memory_copy(): this { return this.raw(0xfc, ...uleb(10), 0, 0); }
  memory_fill(): this { return this.raw(0xfc, ...uleb(11), 0); }

  // ---- i32 ----
  i32(v: number): this { return this.raw(0x41, ...sleb(v)); }
  i32_eqz(): this { return this.raw(0x45); }
  i32_eq(): this { return this.raw(0x46); }
  i32_ne(): this { return this.raw(0x47); }
  i32_lt_s(): this { return this.raw(0x48); }
  i32_gt_s(): this { return this.raw(0x4a); }
  i32_le_s(): this { return this.raw(0x4c); }
  i32_ge_s(): this { return this.raw(0x4e); }
  i32_lt_u(): this { return this.raw(0x49); }
  i32_ge_u(): this { return this.raw(0x4f); }
  i32_add(): this { return this.raw(0x6a); }
  i32_sub(): this { return this.raw(0x6b); }
  i32_mul(): this { return this.raw(0x6c); }
  i32_div_s(): this { return this.raw(0x6d); }
  i32_rem_s(): this { return this.raw(0x6f); }
  i32_and(): this { return this.raw(0x71); }
  i32_or(): this { return this.raw(0x72); }
  i32_shl(): this { return this.raw(0x74); }

  // ---- f32 ----
  f32(v: number): this {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    return this.raw(0x43, ...b);
  }
  f32_add(): this { return this.raw(0x92); }
  f32_sub(): this { return this.raw(0x93); }
  f32_mul(): this { return this.raw(0x94); }
  f32_div(): this { return this.raw(0x95); }
  f32_min(): this { return this.raw(0x96); }
  f32_max(): this { return this.raw(0x97); }
  f32_lt(): this { return this.raw(0x5d); }
  f32_gt(): this { return this.raw(0x5e); }
  f32_eq(): this { return this.raw(0x5b); }
  f32_ne(): this { return this.raw(0x5c); }
  f32_sqrt(): this { return this.raw(0x91); }
  f32_convert_i32_s(): this { return this.raw(0xb2); }

  // ---- SIMD128 ----
  private simd(op: number, ...imm: number[]): this { return this.raw(SIMD, ...uleb(op), ...imm); }
  v128_load(offset = 0): this { return this.simd(0x00, 4, ...uleb(offset)); }
  v128_store(offset = 0): this { return this.simd(0x0b, 4, ...uleb(offset)); }
  v128_load32_splat(offset = 0): this { return this.simd(0x09, 2, ...uleb(offset)); }
  /** i8x16.shuffle with 16 byte-lane indices (0–31 over the two operands). */
  i8x16_shuffle(lanes: readonly number[]): this { return this.simd(0x0d, ...lanes); }
  f32x4_splat(): this { return this.simd(0x13); }
  f32x4_extract_lane(lane: number): this { return this.simd(0x1f, lane); }
  f32x4_add(): this { return this.simd(0xe4); }
  f32x4_sub(): this { return this.simd(0xe5); }
  f32x4_mul(): this { return this.simd(0xe6); }
  f32x4_div(): this { return this.simd(0xe7); }
  /** Pseudo-min/max (b < a ? b : a): one x86 instruction each; used for Relu/Clip so NaN passes through. */
  f32x4_pmin(): this { return this.simd(0xea); }
  f32x4_pmax(): this { return this.simd(0xeb); }
  f32x4_max(): this { return this.simd(0xe9); }
  /** Lane-wise a < b: all ones where true (false for NaN). */
  f32x4_lt(): this { return this.simd(0x43); }
  /** a & ~b. */
  v128_andnot(): this { return this.simd(0x4f); }
  f32x4_nearest(): this { return this.simd(0x6a); }
  i32x4_splat(): this { return this.simd(0x11); }
  i32x4_add(): this { return this.simd(0xae); }
  i32x4_shl(): this { return this.simd(0xab); }
  i32x4_trunc_sat_f32x4_s(): this { return this.simd(0xf8); }
  /** Relaxed SIMD: a·b + c, fused or not at the engine's choice. */
  f32x4_relaxed_madd(): this { return this.simd(0x105); }

  /** The encoded body (locals + code + end). */
  encode(): number[] {
    const groups: number[][] = [];
    for (const l of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === l.type) last[0]++;
      else groups.push([1, l.type]);
    }
    const localDecl = vec(groups.map(([n, t]) => [...uleb(n), t]));
    const code = [...localDecl, ...this.body, 0x0b];
    return [...uleb(code.length), ...code];
  }
}

/** A module: exported functions over an imported `env.memory`. */
export class ModuleBuilder {
  private readonly funcs: FuncBuilder[] = [];

  /** Adds an exported function and returns its builder. */
  func(name: string, params: readonly ValType[], results: readonly ValType[] = []): FuncBuilder {
    const f = new FuncBuilder(name, params, results);
    this.funcs.push(f);
    return f;
  }

  /**
   * Encodes the module. `memoryFlagsOffset` is the byte of the memory import's limits flags
   * (0x01 = min+max; the runtime writes 0x03 for shared memory).
   */
  encode(): { bytes: Uint8Array; memoryFlagsOffset: number } {
    const types: number[][] = [];
    const typeKeys: string[] = [];
    const funcTypes = this.funcs.map((f) => {
      const t = [0x60, ...vec(f.params.map((p) => [p.type])), ...vec(f.results.map((r) => [r]))];
      const key = t.join(',');
      let i = typeKeys.indexOf(key);
      if (i < 0) { i = typeKeys.length; typeKeys.push(key); types.push(t); }
      return i;
    });
    const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const typeSec = section(1, vec(types));
    // Memory import: min 1 page, max 65536 pages (4 GiB) so a shared memory of any size fits.
    const importBody = vec([[...str('env'), ...str('memory'), 0x02, 0x01, ...uleb(1), ...uleb(65536)]]);
    const importSec = section(2, importBody);
    const flagsInBody = importBody.length - 1 - uleb(65536).length - uleb(1).length;
    const memoryFlagsOffset = header.length + typeSec.length + 1 + uleb(importBody.length).length + flagsInBody;
    const funcSec = section(3, vec(funcTypes.map((t) => uleb(t))));
    const exportSec = section(7, vec(this.funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])));
    const codeSec = section(10, [...uleb(this.funcs.length), ...this.funcs.flatMap((f) => f.encode())]);
    const bytes = new Uint8Array([...header, ...typeSec, ...importSec, ...funcSec, ...exportSec, ...codeSec]);
    if (bytes[memoryFlagsOffset] !== 0x01) throw new Error('emitter: memory flags offset is wrong');
    return { bytes, memoryFlagsOffset };
  }
}

/** Counted loop helper: `for (i = start; i < end; i += step) body()` with locals; end re-read each pass. */
export function forLoop(f: FuncBuilder, i: Local, start: () => void, end: () => void, step: number | Local, body: () => void): void {
  start();
  f.set(i);
  f.block();
  f.loop();
  f.get(i); end(); f.i32_ge_s().br_if(1);
  body();
  f.get(i);
  if (typeof step === 'number') f.i32(step); else f.get(step);
  f.i32_add().set(i).br(0);
  f.end().end();
}
