/**
 * Type algebra for values that are not plain tensors: the union of two possible types (If
 * branches, sequence elements of different shapes, loop-carried values whose shape changes per
 * iteration), equality, and the type shape inference knows for an input. Shared by the control and
 * sequence families.
 */
import type { Dim, ValueType } from '../../model.js';
import type { InferInput } from '../spec.js';

/** A dim both `a` and `b` fit: equal dims stay, anything else becomes unknown. */
function unionDim(a: Dim, b: Dim): Dim {
  return a === b ? a : undefined;
}

/**
 * The most precise type that covers both `a` and `b` (one value has type `a` or `b`, we do not know
 * which). Undefined when either is unknown or they are of unrelated kinds.
 */
export function unionType(a: ValueType | undefined, b: ValueType | undefined): ValueType | undefined {
  if (!a || !b) return undefined;
  // A present value also fits an optional of its type, so optional(x) ∪ y = optional(x ∪ y).
  if (a.kind === 'optional' && b.kind !== 'optional') return { kind: 'optional', elem: unionType(a.elem, b) };
  if (b.kind === 'optional' && a.kind !== 'optional') return { kind: 'optional', elem: unionType(a, b.elem) };
  if (a.kind === 'tensor' && b.kind === 'tensor') {
    const dtype = a.dtype === b.dtype ? a.dtype : undefined;
    if (!a.dims || !b.dims || a.dims.length !== b.dims.length) return { kind: 'tensor', dtype };
    return { kind: 'tensor', dtype, dims: a.dims.map((d, i) => unionDim(d, b.dims![i])) };
  }
  if (a.kind === 'sequence' && b.kind === 'sequence') return { kind: 'sequence', elem: unionType(a.elem, b.elem) };
  if (a.kind === 'optional' && b.kind === 'optional') {
    // An empty optional built from a `type` attribute may carry no element type at all.
    return { kind: 'optional', elem: a.elem && b.elem ? unionType(a.elem, b.elem) : (a.elem ?? b.elem) };
  }
  return undefined;
}

/** Whether two types state exactly the same facts. */
export function sameType(a: ValueType | undefined, b: ValueType | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  if ((a.kind === 'tensor' || a.kind === 'sparse') && (b.kind === 'tensor' || b.kind === 'sparse')) {
    if (a.dtype !== b.dtype) return false;
    if (!a.dims || !b.dims) return a.dims === b.dims;
    return a.dims.length === b.dims.length && a.dims.every((d, i) => d === b.dims![i]);
  }
  if ((a.kind === 'sequence' || a.kind === 'optional') && (b.kind === 'sequence' || b.kind === 'optional')) return sameType(a.elem, b.elem);
  return false;
}

/**
 * The input's type when shape inference knows anything about it. An input of unknown type reaches
 * specs as a tensor without dtype or dims; passing that on as a subgraph input type would hide the
 * subgraph's own declaration, so it becomes undefined here.
 */
export function knownType(input: InferInput | undefined): ValueType | undefined {
  const t = input?.type;
  if (!t || (t.kind === 'tensor' && t.dtype === undefined && t.dims === undefined)) return undefined;
  return t;
}

/** The element type of a sequence-typed input (undefined when unknown or not a sequence). */
export function sequenceElem(input: InferInput | undefined): ValueType | undefined {
  const t = input?.type;
  return t?.kind === 'sequence' ? t.elem : undefined;
}

/** The element type as a tensor type, or an unknown tensor type when the element is not known. */
export function elemTensor(elem: ValueType | undefined): Extract<ValueType, { kind: 'tensor' }> {
  return elem?.kind === 'tensor' ? elem : { kind: 'tensor', dtype: undefined };
}
