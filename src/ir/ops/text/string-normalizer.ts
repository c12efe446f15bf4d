/**
 * StringNormalizer: drops stop words from a string tensor and optionally changes case.
 * https://onnx.ai/onnx/operators/onnx__StringNormalizer.html
 */
import { AttributeError, ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';

const CASE_ACTIONS = ['NONE', 'LOWER', 'UPPER'];

/** Input shapes the op accepts: [C] or [1, C]. */
function checkShape(dims: readonly Dim[]): void {
  if (dims.length === 1 || (dims.length === 2 && (dims[0] === 1 || dims[0] === undefined || typeof dims[0] === 'string'))) return;
  throw new ShapeError(`StringNormalizer: input must have shape [C] or [1, C], got [${dims.map((d) => d ?? '?').join(',')}]`);
}

/** A locale for JS case mapping from the attribute's POSIX-style name (en_US → en-US). */
function jsLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const tag = locale.split('.')[0].replace('_', '-');
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined; // an unknown locale name falls back to the default case mapping
  }
}

/**
 * StringNormalizer: the strings of X without those in `stopwords` (compared case-insensitively
 * unless is_case_sensitive), then lower- or upper-cased per case_change_action. When every string
 * is dropped the output holds one empty string, keeping the input's rank.
 */
export const StringNormalizer = defineOp({
  name: 'StringNormalizer',
  versions: [10],
  doc: 'Removes stop words from a [C] or [1, C] string tensor, then optionally lower- or upper-cases the rest.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: ['string'] },
  attributes: {
    case_change_action: { type: 'string', default: 'NONE' },
    is_case_sensitive: { type: 'int', default: 0 },
    locale: { type: 'string' },
    stopwords: { type: 'strings' },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    if (!CASE_ACTIONS.includes(attrs.case_change_action)) {
      throw new AttributeError(`StringNormalizer: case_change_action must be one of ${CASE_ACTIONS.join(', ')}, got '${attrs.case_change_action}'`);
    }
    if (!x?.dims) return [{ kind: 'tensor', dtype: 'string' }];
    checkShape(x.dims);
    // Without stop words nothing is dropped; with them the count is only known at run time.
    const kept = attrs.stopwords?.length ? undefined : x.dims[x.dims.length - 1];
    return [{ kind: 'tensor', dtype: 'string', dims: x.dims.length === 1 ? [kept] : [1, kept] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    checkShape(x.dims);
    const locale = jsLocale(attrs.locale);
    const fold = (s: string) => (attrs.is_case_sensitive ? s : s.toLocaleLowerCase(locale));
    const stop = new Set((attrs.stopwords ?? []).map(fold));
    let kept = (x.data as string[]).filter((s) => !stop.has(fold(s)));
    if (attrs.case_change_action === 'LOWER') kept = kept.map((s) => s.toLocaleLowerCase(locale));
    else if (attrs.case_change_action === 'UPPER') kept = kept.map((s) => s.toLocaleUpperCase(locale));
    if (kept.length === 0) kept = [''];
    return [new Tensor('string', kept, x.dims.length === 1 ? [kept.length] : [1, kept.length])];
  },
});
