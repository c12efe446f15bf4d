/**
 * LabelEncoder (ai.onnx.ml): maps each element through a key → value table.
 * https://onnx.ai/onnx/operators/onnx_aionnxml_LabelEncoder.html
 */
import type { DType } from '../../dtype.js';
import { AttributeError } from '../../errors.js';
import { Tensor, readValues } from '../../tensor.js';
import { defineOp, type AttrsOf } from '../spec.js';

const LABEL_TYPES: readonly DType[] = ['string', 'int64', 'float32', 'int32', 'int16', 'float64'];

const ATTRIBUTES = {
  // Version 1: strings ↔ their index in classes_strings.
  classes_strings: { type: 'strings', until: 2 },
  default_float: { type: 'float', default: -0.0, since: 2 },
  default_int64: { type: 'int', default: -1 },
  default_string: { type: 'string', default: '_Unused' },
  default_tensor: { type: 'tensor', since: 4 },
  keys_floats: { type: 'floats', since: 2 },
  keys_int64s: { type: 'ints', since: 2 },
  keys_strings: { type: 'strings', since: 2 },
  keys_tensor: { type: 'tensor', since: 4 },
  values_floats: { type: 'floats', since: 2 },
  values_int64s: { type: 'ints', since: 2 },
  values_strings: { type: 'strings', since: 2 },
  values_tensor: { type: 'tensor', since: 4 },
} as const;

type Key = number | string;
type Table = { keys: Key[]; values: Key[]; fallback: Key; dtype: DType };

/** Element values as lookup keys: numbers (int64 included; labels are small) or strings. */
function keysOf(t: Tensor): Key[] {
  if (t.type === 'string') return t.data as string[];
  if (t.type === 'int64' || t.type === 'uint64') return Array.from(t.data as BigInt64Array, Number);
  return Array.from(readValues(t));
}

/** The table the attributes describe, with the output dtype and the value for missing keys. */
function labelTable(attrs: AttrsOf<typeof ATTRIBUTES>, version: number, inputType: DType | undefined): Table | undefined {
  if (version < 2) {
    // Version 1 maps strings to their position in classes_strings, and integers back.
    const classes = attrs.classes_strings ?? [];
    const positions = classes.map((_, i) => i);
    return inputType === 'string'
      ? { keys: classes, values: positions, fallback: attrs.default_int64, dtype: 'int64' }
      : { keys: positions, values: classes, fallback: attrs.default_string, dtype: 'string' };
  }
  const keys = attrs.keys_tensor ? keysOf(attrs.keys_tensor) : attrs.keys_strings ?? attrs.keys_int64s ?? attrs.keys_floats;
  if (!keys) throw new AttributeError('LabelEncoder needs one of keys_strings, keys_int64s, keys_floats, keys_tensor');
  if (attrs.values_tensor) {
    const dtype = attrs.values_tensor.type;
    // The spec's default_tensor default depends on the values' type, so it cannot live in `attributes`.
    const fallback = attrs.default_tensor ? keysOf(attrs.default_tensor)[0] : dtype === 'string' ? '_Unused' : dtype.startsWith('float') ? -0 : -1;
    return { keys, values: keysOf(attrs.values_tensor), fallback, dtype };
  }
  if (attrs.values_strings) return { keys, values: attrs.values_strings, fallback: attrs.default_string, dtype: 'string' };
  if (attrs.values_int64s) return { keys, values: attrs.values_int64s, fallback: attrs.default_int64, dtype: 'int64' };
  if (attrs.values_floats) return { keys, values: attrs.values_floats, fallback: attrs.default_float!, dtype: 'float32' };
  throw new AttributeError('LabelEncoder needs one of values_strings, values_int64s, values_floats, values_tensor');
}

/**
 * LabelEncoder: `Y[i] = values[j]` where `keys[j] = X[i]`, else the default for the values' type.
 * A repeated key maps to its last value; a NaN key matches NaN inputs (Map keys compare NaN equal).
 * Version 1 instead maps strings to their index in classes_strings and integers back to strings.
 */
export const LabelEncoder = defineOp({
  name: 'LabelEncoder',
  domain: 'ai.onnx.ml',
  versions: [1, 2, 4],
  doc: 'Maps each element through the keys_* → values_* table, with a default for missing keys.',
  inputs: [{ name: 'X', type: 'T1' }],
  outputs: [{ name: 'Y', type: 'T2' }],
  types: { T1: LABEL_TYPES, T2: LABEL_TYPES },
  attributes: ATTRIBUTES,
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs, version }) => [{ kind: 'tensor', dtype: labelTable(attrs, version, x?.dtype)?.dtype, dims: x?.dims }],
  reference: ({ inputs, attrs, version }) => {
    const x = inputs[0] as Tensor;
    const table = labelTable(attrs, version, x.type)!;
    if (table.keys.length !== table.values.length) {
      throw new AttributeError(`LabelEncoder has ${table.keys.length} keys but ${table.values.length} values`);
    }
    const map = new Map<Key, Key>();
    table.keys.forEach((k, i) => map.set(k, table.values[i]));
    const out = keysOf(x).map((k) => map.get(k) ?? table.fallback);
    return [Tensor.fromValues(table.dtype, x.dims, out as ArrayLike<number>)];
  },
});
