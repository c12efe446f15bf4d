/**
 * FusedAttention (src/ir/ops/fused/attention.ts) on the generated attention module: per head, K is
 * packed key-major-by-dimension ([D][S_kv] padded to 4 keys), the mask is laid out as padded rows,
 * and one call computes scores, softmax and the weighted sum of V for every query row. Both
 * layouts of the spec run here: heads-first (num_heads = 0, equal batch dims on Q, K, V) and
 * sequence-first with packed heads (num_heads > 0, optionally one packed QKV input), which reads
 * Q, K and V in place through strides. Other shapes go to the reference kernel.
 */
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, reference, sizeOfDims } from './common.js';
import { wasmOutput } from './output.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';
import { THRESHOLDS } from './selection.js';
import { count, offset, perThread, splitCall, threadsFor } from './threads.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Where head n, position s, feature d of one operand sits: base + n·sN + s·sS + d·sD (floats). */
interface Strided { base: number; sN: number; sS: number; sD: number }

/** One call of the module: `heads` heads from `head0` on (the mask's row index counts from there). */
interface Group { head0: number; q: Strided; k: Strided; v: Strided; y: Strided }

interface Plan {
  /** Heads in all (the mask broadcasts over [N, Sq, Skv]; `maskBatch` its batch dims). */
  N: number; maskBatch: number[]; Sq: number; Skv: number; D: number; Dv: number;
  headsPerGroup: number; groups: Group[];
  outDims: number[];
  /** Q, K, V data (K and V may be Q itself when packed). */
  qT: Tensor; kT: Tensor; vT: Tensor;
}

/** FusedAttention on float32. */
export function runAttention(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const mask = inputs[3] as Tensor | null | undefined;
  const plan = planOf(inputs, (attrs.num_heads as number) ?? 0);
  if (!plan || plan.Dv % 4 !== 0 || plan.Sq === 0 || plan.Skv === 0 || plan.D === 0 || (mask && (mask.type !== 'float32' || !maskFits(mask.dims, plan)))) {
    return reference(ctx, inputs, attrs);
  }
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => [f32Tensor(plan.outDims, attend(ctx, rt, plan, mask ?? undefined, attrs.scale as number))]);
}

function attend(ctx: KernelContext, rt: WasmRuntime, p: Plan, mask: Tensor | undefined, scale: number): Float32Array {
  const { Sq, Skv, D, Dv, headsPerGroup } = p;
  const ld = (Skv + 3) & ~3;
  const qPtr = rt.copyIn(p.qT.data as Float32Array);
  const kPtr = p.kT === p.qT ? qPtr : rt.copyIn(p.kT.data as Float32Array);
  const vPtr = p.vT === p.qT ? qPtr : p.vT === p.kT ? kPtr : rt.copyIn(p.vT.data as Float32Array);
  const rows = maskRows(rt, p, mask, ld);
  const mPtr = rows.ptr;
  const total = sizeOfDims(p.outDims);
  const y = wasmOutput(ctx, rt, total), yPtr = y.ptr;
  const kT = rt.alloc(headsPerGroup * D * ld * 4);
  // Heads split across the intra-op threads (each with its own scratch rows), when each gets enough work.
  const threads = Math.min(headsPerGroup, threadsFor(headsPerGroup * Sq * ld * (D + Dv), THRESHOLDS.minAttentionMacsPerThread));
  // Two score rows per thread: the module takes query rows in pairs.
  const rowBytes = (2 * ld * 4 + 63) & ~63;
  const row = rt.alloc(rowBytes * threads);
  const at = (ptr: number, s: Strided) => ptr + s.base * 4;
  const direct = rt.attn.attention as unknown as (...args: number[]) => void;
  for (const g of p.groups) {
    rt.attn.packKT(at(kPtr, g.k), g.k.sN, g.k.sS, g.k.sD, headsPerGroup, Skv, D, kT, ld);
    const m0 = mPtr + (rows.nStride * g.head0) * 4;
    // Per head n: Q, K, V, the mask rows and Y move by their head strides (bytes), packed K by D·ld floats.
    splitCall('attention-f32-x4-wasmsimd:attention', headsPerGroup, 1, threads, [offset(at(qPtr, g.q), g.q.sN * 4), g.q.sN, g.q.sS,
      offset(kT, D * ld * 4), ld, offset(at(vPtr, g.v), g.v.sN * 4), g.v.sN, g.v.sS, offset(m0, rows.nStride * 4), rows.nStride, rows.sStride,
      offset(at(yPtr, g.y), g.y.sN * 4), g.y.sN, g.y.sS, count(1, headsPerGroup), Sq, Skv, D, Dv, scale, perThread(row, rowBytes)], direct);
  }
  return y.take();
}

/** The shapes and strides of either layout, or undefined where this kernel does not apply. */
function planOf(inputs: readonly (Value | undefined)[], heads: number): Plan | undefined {
  const q = inputs[0] as Tensor, k = inputs[1] as Tensor | null | undefined, v = inputs[2] as Tensor | null | undefined;
  if (q.type !== 'float32') return undefined;
  if (heads > 0) {
    if (q.dims.length !== 3 || (!!k !== !!v)) return undefined;
    const [Sq, B, Eq] = q.dims;
    const packed = !k;
    const E = packed ? Eq / 3 : Eq;
    const kT = k ?? q, vT = v ?? q;
    if (!Number.isInteger(E) || E % heads !== 0 || kT.dims.length !== 3 || vT.dims.length !== 3) return undefined;
    const Skv = kT.dims[0], Ek = kT.dims[2], Ev = packed ? E : vT.dims[2];
    if (kT.dims[1] !== B || vT.dims[1] !== B || vT.dims[0] !== Skv || Ek !== (packed ? Eq : E) || Ev % heads !== 0) return undefined;
    const D = E / heads, Dv = Ev / heads;
    const lastK = kT.dims[2], lastV = vT.dims[2];
    const groups: Group[] = [];
    for (let b = 0; b < B; b++) {
      groups.push({
        head0: b * heads,
        q: { base: b * Eq, sN: D, sS: B * Eq, sD: 1 },
        k: { base: b * lastK + (packed ? E : 0), sN: D, sS: B * lastK, sD: 1 },
        v: { base: b * lastV + (packed ? 2 * E : 0), sN: Dv, sS: B * lastV, sD: 1 },
        y: { base: b * heads * Dv, sN: Dv, sS: B * heads * Dv, sD: 1 },
      });
    }
    return { N: B * heads, maskBatch: [B * heads], Sq, Skv, D, Dv, headsPerGroup: heads, groups, outDims: [Sq, B, heads * Dv], qT: q, kT, vT };
  }
  if (!k || !v || q.dims.length < 2 || k.dims.length !== q.dims.length || v.dims.length !== q.dims.length) return undefined;
  const r = q.dims.length;
  const batch = q.dims.slice(0, r - 2);
  if (batch.join() !== k.dims.slice(0, r - 2).join() || batch.join() !== v.dims.slice(0, r - 2).join()) return undefined;
  const Sq = q.dims[r - 2], D = q.dims[r - 1], Skv = k.dims[r - 1], Dv = v.dims[r - 1];
  if (k.dims[r - 2] !== D || v.dims[r - 2] !== Skv) return undefined;
  const N = sizeOfDims(batch);
  const group: Group = {
    head0: 0,
    q: { base: 0, sN: Sq * D, sS: D, sD: 1 },
    k: { base: 0, sN: D * Skv, sS: 1, sD: Skv },
    v: { base: 0, sN: Skv * Dv, sS: Dv, sD: 1 },
    y: { base: 0, sN: Sq * Dv, sS: Dv, sD: 1 },
  };
  return { N, maskBatch: batch, Sq, Skv, D, Dv, headsPerGroup: N, groups: [group], outDims: [...batch, Sq, Dv], qT: q, kT: k, vT: v };
}

/** The mask broadcasts into the scores [...maskBatch, Sq, Skv] without growing them. */
function maskFits(m: readonly number[], p: Plan): boolean {
  const target = [...p.maskBatch, p.Sq, p.Skv];
  if (m.length > target.length) return false;
  return m.every((d, i) => d === 1 || d === target[target.length - m.length + i]);
}

/**
 * The mask as rows of `ld` floats in wasm scratch (the padding -Infinity, so padded keys get no weight), with the
 * row strides the module reads them by: 0 along the axes the mask broadcasts over. No mask: one
 * row of zeros.
 */
function maskRows(rt: WasmRuntime, p: Plan, mask: Tensor | undefined, ld: number): { ptr: number; nStride: number; sStride: number } {
  const { N, Sq, Skv } = p;
  const m = mask?.dims ?? [];
  const alongS = m.length >= 2 && m[m.length - 2] !== 1;
  const alongN = m.slice(0, Math.max(0, m.length - 2)).some((d) => d !== 1);
  const nRows = alongN ? N : 1, sRows = alongS ? Sq : 1;
  // Written in place in wasm scratch (a host array and a copy cost more than the rows, 09:58 UTC).
  const ptr = rt.alloc(nRows * sRows * ld * 4);
  const at = ptr >> 2, data = rt.f32;
  data.fill(-Infinity, at, at + nRows * sRows * ld);
  if (!mask) {
    data.fill(0, at, at + Skv);
    return { ptr, nStride: 0, sStride: 0 };
  }
  const values = mask.data as Float32Array;
  // Element (n, s, j) of the mask by strides over [...maskBatch, Sq, Skv] (0 where it repeats).
  const target = [...p.maskBatch, Sq, Skv];
  const strides = new Array<number>(target.length).fill(0);
  for (let i = m.length - 1, acc = 1; i >= 0; i--) {
    if (m[i] !== 1) strides[target.length - m.length + i] = acc;
    acc *= m[i];
  }
  const rank = target.length, jStride = strides[rank - 1], sStride = strides[rank - 2];
  for (let n = 0; n < nRows; n++) {
    let base = 0;
    for (let a = rank - 3, rest = n; a >= 0; a--) { base += (rest % target[a]) * strides[a]; rest = Math.floor(rest / target[a]); }
    for (let s = 0; s < sRows; s++) {
      const from = base + s * sStride, to = at + (n * sRows + s) * ld;
      for (let j = 0; j < Skv; j++) data[to + j] = values[from + j * jStride];
    }
  }
  return { ptr, nStride: alongN ? sRows * ld : 0, sStride: alongS ? ld : 0 };
}
