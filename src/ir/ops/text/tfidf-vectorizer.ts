/**
 * TfIdfVectorizer: counts (optionally skipping) n-grams of a token sequence against a fixed pool,
 * weighted as TF, IDF or TF-IDF.
 * https://onnx.ai/onnx/operators/onnx__TfIdfVectorizer.html
 */
import { AttributeError, ShapeError } from '../../errors.js';
import { readNumbers, Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';

const MODES = ['TF', 'IDF', 'TFIDF'];

interface Pool {
  /** For each n (index n - 1): n-gram key → ordinal of the n-gram in the pool. */
  byLength: Map<string, number>[];
  /** The pool's n-gram ordinal → output column. */
  columns: readonly number[];
  width: number;
}

/** Key of an n-gram: its tokens joined by NUL, a character text tokens do not contain. */
function gramKey(tokens: ArrayLike<string | number>, start: number, step: number, n: number): string {
  let key = String(tokens[start]);
  for (let k = 1; k < n; k++) key += `\u0000${tokens[start + k * step]}`;
  return key;
}

/** Reads the pool attributes into per-length lookup tables, checking they are consistent. */
function buildPool(attrs: { pool_int64s?: number[]; pool_strings?: string[]; ngram_counts: number[]; ngram_indexes: number[] }): Pool {
  const pool: (string | number)[] | undefined = attrs.pool_strings ?? attrs.pool_int64s;
  if (!pool || (attrs.pool_strings && attrs.pool_int64s)) {
    throw new AttributeError('TfIdfVectorizer: exactly one of pool_strings and pool_int64s must be given');
  }
  const byLength: Map<string, number>[] = [];
  let ordinal = 0;
  // ngram_counts[n - 1] is where the n-grams start in the pool (CSR-style offsets).
  attrs.ngram_counts.forEach((start, i) => {
    const n = i + 1;
    const end = i + 1 < attrs.ngram_counts.length ? attrs.ngram_counts[i + 1] : pool.length;
    if ((end - start) % n !== 0 || end < start) {
      throw new AttributeError(`TfIdfVectorizer: pool entries [${start}, ${end}) do not hold whole ${n}-grams`);
    }
    const table = new Map<string, number>();
    for (let at = start; at < end; at += n) table.set(gramKey(pool, at, 1, n), ordinal++);
    byLength.push(table);
  });
  if (ordinal !== attrs.ngram_indexes.length) {
    throw new AttributeError(`TfIdfVectorizer: the pool holds ${ordinal} n-grams but ngram_indexes has ${attrs.ngram_indexes.length} entries`);
  }
  const width = attrs.ngram_indexes.reduce((m, c) => Math.max(m, c + 1), 0);
  return { byLength, columns: attrs.ngram_indexes, width };
}

/**
 * TfIdfVectorizer: for input [C] (one row) or [N, C], Y[row, ngram_indexes[i]] counts how often
 * the pool's i-th n-gram occurs in the row, for n in [min_gram_length, max_gram_length] and token
 * gaps of 0..max_skip_count. A 1-gram is counted once per position, whatever the skip.
 */
export const TfIdfVectorizer = defineOp({
  name: 'TfIdfVectorizer',
  versions: [9],
  doc: 'Counts pool n-grams (with skips) in each row of tokens; TF, IDF or TF-IDF weighted.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T1' }],
  types: { T: ['string', 'int32', 'int64'], T1: ['float32'] },
  attributes: {
    max_gram_length: { type: 'int', required: true },
    max_skip_count: { type: 'int', required: true },
    min_gram_length: { type: 'int', required: true },
    mode: { type: 'string', required: true },
    ngram_counts: { type: 'ints', required: true },
    ngram_indexes: { type: 'ints', required: true },
    pool_int64s: { type: 'ints' },
    pool_strings: { type: 'strings' },
    weights: { type: 'floats' },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    if (!MODES.includes(attrs.mode)) throw new AttributeError(`TfIdfVectorizer: mode must be one of ${MODES.join(', ')}, got '${attrs.mode}'`);
    const { width } = buildPool(attrs);
    if (!x?.dims) return [{ kind: 'tensor', dtype: 'float32' }];
    if (x.dims.length !== 1 && x.dims.length !== 2) throw new ShapeError(`TfIdfVectorizer: input must be [C] or [N, C], got rank ${x.dims.length}`);
    return [{ kind: 'tensor', dtype: 'float32', dims: x.dims.length === 1 ? [width] : [x.dims[0], width] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const pool = buildPool(attrs);
    const tokens: ArrayLike<string | number> = x.type === 'string' ? (x.data as string[]) : readNumbers(x);
    const rows = x.dims.length === 2 ? x.dims[0] : 1;
    const length = x.dims[x.dims.length - 1] ?? 0;
    const counts = new Float64Array(pool.columns.length);
    const out = new Float32Array(rows * pool.width);
    for (let r = 0; r < rows; r++) {
      counts.fill(0);
      const base = r * length;
      for (let n = attrs.min_gram_length; n <= attrs.max_gram_length; n++) {
        const table = pool.byLength[n - 1];
        if (!table?.size) continue;
        // Skipping only spaces the tokens of an n-gram apart; a 1-gram has no gaps to widen.
        const maxSkip = n === 1 ? 0 : attrs.max_skip_count;
        for (let skip = 0; skip <= maxSkip; skip++) {
          const step = skip + 1;
          for (let i = 0; i + (n - 1) * step < length; i++) {
            const hit = table.get(gramKey(tokens, base + i, step, n));
            if (hit !== undefined) counts[hit]++;
          }
        }
      }
      for (let i = 0; i < counts.length; i++) {
        if (counts[i] === 0) continue;
        const weight = attrs.weights?.[i] ?? 1;
        // IDF counts presence (a count above 1 is truncated to 1) and scales it; TFIDF scales the count.
        const value = attrs.mode === 'TF' ? counts[i] : attrs.mode === 'IDF' ? weight : counts[i] * weight;
        out[r * pool.width + pool.columns[i]] += value;
      }
    }
    return [new Tensor('float32', out, x.dims.length === 2 ? [rows, pool.width] : [pool.width])];
  },
});
