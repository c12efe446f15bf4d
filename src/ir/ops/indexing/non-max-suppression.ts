/**
 * NonMaxSuppression: greedy selection of high-scoring boxes that do not overlap a better one.
 * https://onnx.ai/onnx/operators/onnx__NonMaxSuppression.html
 */
import { ShapeError } from '../../errors.js';
import { Tensor, readNumbers, readValues } from '../../tensor.js';
import { formatDims } from '../common/indexing.js';
import { defineOp } from '../spec.js';

/** Corners (ymin, xmin, ymax, xmax) of box `i`, from either box format. */
function corners(boxes: ArrayLike<number>, i: number, centerPoint: boolean): [number, number, number, number] {
  const a = boxes[4 * i], b = boxes[4 * i + 1], c = boxes[4 * i + 2], d = boxes[4 * i + 3];
  // center_point_box=1: [x_center, y_center, width, height].
  if (centerPoint) return [b - d / 2, a - c / 2, b + d / 2, a + c / 2];
  // Any diagonal pair of corners is allowed, so order each coordinate pair.
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

function iou(p: readonly number[], q: readonly number[]): number {
  const h = Math.min(p[2], q[2]) - Math.max(p[0], q[0]);
  const w = Math.min(p[3], q[3]) - Math.max(p[1], q[1]);
  if (h <= 0 || w <= 0) return 0;
  const inter = h * w;
  const union = (p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * NonMaxSuppression: per batch and class, boxes scoring at least score_threshold are taken in
 * descending score order (ties: lower box index first); a box is dropped when its IoU with an
 * already selected box is strictly above iou_threshold; at most max_output_boxes_per_class are
 * kept. Output rows are [batch, class, box], batch-major, then class, then selection order.
 */
export const NonMaxSuppression = defineOp({
  name: 'NonMaxSuppression',
  versions: [10, 11],
  doc: 'Greedy non-maximum suppression of boxes by IoU, per batch and class.',
  inputs: [
    { name: 'boxes', type: 'tensor(float)' }, { name: 'scores', type: 'tensor(float)' },
    { name: 'max_output_boxes_per_class', type: 'tensor(int64)', optional: true },
    { name: 'iou_threshold', type: 'tensor(float)', optional: true },
    { name: 'score_threshold', type: 'tensor(float)', optional: true },
  ],
  outputs: [{ name: 'selected_indices', type: 'tensor(int64)' }],
  types: {},
  attributes: { center_point_box: { type: 'int', default: 0 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [boxes, scores] }) => {
    if (boxes?.dims && (boxes.dims.length !== 3 || (typeof boxes.dims[2] === 'number' && boxes.dims[2] !== 4))) {
      throw new ShapeError(`NonMaxSuppression boxes must be [batches, boxes, 4], got ${formatDims(boxes.dims)}`);
    }
    if (scores?.dims && scores.dims.length !== 3) throw new ShapeError(`NonMaxSuppression scores must be [batches, classes, boxes], got ${formatDims(scores.dims)}`);
    return [{ kind: 'tensor', dtype: 'int64', dims: [undefined, 3] }];
  },
  reference: ({ inputs, attrs }) => {
    const boxes = inputs[0] as Tensor, scores = inputs[1] as Tensor;
    const scalar = (i: number) => { const t = inputs[i] as Tensor | undefined; return t && t.size ? readNumbers(t)[0] : undefined; };
    // Absent optional inputs take the spec's stated defaults: no boxes, IoU threshold 0, no score filter.
    const maxPerClass = scalar(2) ?? 0;
    const iouThreshold = scalar(3) ?? 0;
    const scoreThreshold = scalar(4);
    const [batches, classes, count] = scores.dims;
    if (boxes.dims[0] !== batches || boxes.dims[1] !== count) {
      throw new ShapeError(`NonMaxSuppression: boxes ${formatDims(boxes.dims)} do not match scores ${formatDims(scores.dims)}`);
    }
    const boxData = readValues(boxes), scoreData = readValues(scores);
    const centerPoint = attrs.center_point_box === 1;
    const rows: number[] = [];
    for (let b = 0; b < batches; b++) {
      const boxCorners = Array.from({ length: count }, (_, i) => corners(boxData, b * count + i, centerPoint));
      for (let c = 0; c < classes; c++) {
        const base = (b * classes + c) * count;
        const candidates: number[] = [];
        for (let i = 0; i < count; i++) if (scoreThreshold === undefined || scoreData[base + i] >= scoreThreshold) candidates.push(i);
        candidates.sort((i, j) => scoreData[base + j] - scoreData[base + i] || i - j);
        const selected: number[] = [];
        for (const i of candidates) {
          if (selected.length >= maxPerClass) break;
          if (selected.every((s) => iou(boxCorners[s], boxCorners[i]) <= iouThreshold)) selected.push(i);
        }
        for (const i of selected) rows.push(b, c, i);
      }
    }
    return [new Tensor('int64', BigInt64Array.from(rows, BigInt), [rows.length / 3, 3])];
  },
});
