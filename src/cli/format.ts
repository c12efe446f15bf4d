/** Text summaries of values for the CLI. */
import type { Value } from '../ir/ops/spec.js';
import { numericValues, tensorStats } from '../tools/value-stats.js';

/** `float32[1,1000]  min -3.1  max 7.3  mean 0.002  argmax 417  [0.12, -0.5, …]` */
export function summarize(v: Value | undefined): string {
  if (v === undefined) return '(absent)';
  if (v === null) return 'optional: empty';
  if (Array.isArray(v)) return `sequence of ${v.length}${v.length ? `: ${v.slice(0, 3).map(summarize).join('; ')}${v.length > 3 ? '; …' : ''}` : ''}`;
  const head = `${v.type}[${v.dims.join(',')}]`;
  if (v.type === 'string') return `${head}  ${JSON.stringify((v.data as string[]).slice(0, 5))}${v.size > 5 ? '…' : ''}`;
  if (v.size === 0) return `${head}  (empty)`;
  const values = numericValues(v);
  const { min, max, argmax, mean, nan } = tensorStats(v);
  const fmt = (x: number | null) => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toPrecision(5));
  // Classifier-shaped outputs ([batch, classes]): the predicted class of each row says the most.
  const rows = v.dims.length === 2 && v.dims[0] > 1 && v.dims[0] <= 32 && v.dims[1] > 1 ? `  argmax per row [${rowArgmax(values, v.dims[0], v.dims[1]).join(', ')}]` : '';
  const first = Array.from({ length: Math.min(6, values.length) }, (_, i) => fmt(values[i]));
  return `${head}  min ${fmt(min)}  max ${fmt(max)}  mean ${fmt(mean)}  argmax ${argmax}${rows}${nan ? `  NaN ×${nan}` : ''}  [${first.join(', ')}${values.length > 6 ? ', …' : ''}]`;
}

function rowArgmax(values: ArrayLike<number>, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let best = 0;
    for (let c = 1; c < cols; c++) if (values[r * cols + c] > values[r * cols + best]) best = c;
    return best;
  });
}
