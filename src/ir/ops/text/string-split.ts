/**
 * StringSplit: splits each string of a tensor on a delimiter, padding the pieces into one more axis.
 * https://onnx.ai/onnx/operators/onnx__StringSplit.html
 */
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';

/**
 * The pieces of `s`, at most `maxsplit` cuts from the left (the rest stays in the last piece).
 * With a delimiter, neighbouring delimiters delimit empty strings. Without one (unset or ''),
 * runs of whitespace separate pieces and leading/trailing whitespace yields none, like Python's
 * `str.split()`.
 */
function splitString(s: string, delimiter: string, maxsplit: number): string[] {
  const pieces: string[] = [];
  if (delimiter) {
    let start = 0;
    while (pieces.length < maxsplit) {
      const at = s.indexOf(delimiter, start);
      if (at < 0) break;
      pieces.push(s.slice(start, at));
      start = at + delimiter.length;
    }
    pieces.push(s.slice(start));
    return pieces;
  }
  let rest = s.replace(/^\s+/, '');
  while (rest && pieces.length < maxsplit) {
    const m = /\s+/.exec(rest);
    if (!m) break;
    pieces.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  // Once the cut budget is spent the remainder is kept as is, trailing whitespace included (as Python does).
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * StringSplit: Y[..., j] is the j-th piece of X[...] (padded with '' up to the longest split), and
 * Z[...] the number of pieces.
 */
export const StringSplit = defineOp({
  name: 'StringSplit',
  versions: [20],
  doc: 'Splits each string on `delimiter` (whitespace runs when unset); Y holds the padded pieces, Z their counts.',
  inputs: [{ name: 'X', type: 'T1' }],
  outputs: [{ name: 'Y', type: 'T2' }, { name: 'Z', type: 'T3' }],
  types: { T1: ['string'], T2: ['string'], T3: ['int64'] },
  attributes: {
    delimiter: { type: 'string' },
    maxsplit: { type: 'int' },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x] }) => [
    // The padded width depends on the data.
    { kind: 'tensor', dtype: 'string', dims: x?.dims && [...x.dims, undefined] },
    { kind: 'tensor', dtype: 'int64', dims: x?.dims },
  ],
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const maxsplit = attrs.maxsplit ?? Infinity;
    const split = (x.data as string[]).map((s) => splitString(s, attrs.delimiter ?? '', maxsplit));
    const width = split.reduce((w, p) => Math.max(w, p.length), 0);
    const pieces = new Array<string>(split.length * width).fill('');
    split.forEach((p, i) => p.forEach((piece, j) => { pieces[i * width + j] = piece; }));
    return [
      new Tensor('string', pieces, [...x.dims, width]),
      Tensor.fromValues('int64', x.dims, split.map((p) => p.length)),
    ];
  },
});
