/** Axis helpers shared by specs: negative-axis normalization with a clear error. */
import { ShapeError } from '../../errors.js';

/** Maps axis in [-rank, rank) to [0, rank); throws ShapeError outside. */
export function normalizeAxis(axis: number, rank: number, what = 'axis'): number {
  if (axis < -rank || axis >= rank) throw new ShapeError(`${what} ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

export function normalizeAxes(axes: readonly number[], rank: number, what = 'axes'): number[] {
  const out = axes.map((a) => normalizeAxis(a, rank, what));
  if (new Set(out).size !== out.length) throw new ShapeError(`${what} [${axes.join(',')}] repeat an axis`);
  return out;
}
