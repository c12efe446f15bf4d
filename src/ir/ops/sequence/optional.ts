/**
 * The optional family: Optional wraps a value (or makes an empty optional), OptionalGetElement
 * unwraps it, OptionalHasElement tests it. At run time an empty optional is `null` and a full one
 * is just its value, so wrapping and unwrapping move no data.
 * https://onnx.ai/onnx/operators/onnx__Optional.html (and OptionalGetElement, OptionalHasElement)
 */
import { ShapeError, TypeConstraintError } from '../../errors.js';
import type { ValueType } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { knownType } from '../common/sequence-types.js';
import { defineOp } from '../spec.js';

/** Optional: an optional holding `input`, or an empty optional of the `type` attribute's type. */
export const Optional = defineOp({
  name: 'Optional',
  versions: [15],
  doc: 'An optional holding `input`, or an empty optional of type `type` when there is no input.',
  inputs: [{ name: 'input', type: 'V', kind: 'any', optional: true }],
  outputs: [{ name: 'output', type: 'O', kind: 'optional' }],
  types: {},
  attributes: { type: { type: 'type' } },
  tolerance: 'exact',
  inferShape: ({ inputs: [input], attrs }) => {
    if (!input && !attrs.type) throw new TypeConstraintError('Optional: without an input, the `type` attribute is required');
    return [{ kind: 'optional', elem: input ? input.type : (attrs.type as ValueType) }];
  },
  reference: ({ inputs: [input] }) => [input === undefined ? null : input],
});

/**
 * OptionalGetElement: the value inside a non-empty optional. Since version 18 a tensor or sequence
 * input is also accepted and passed through.
 */
export const OptionalGetElement = defineOp({
  name: 'OptionalGetElement',
  versions: [15, 18],
  doc: 'The element of a non-empty optional (since 18, tensors and sequences pass through).',
  inputs: [{ name: 'input', type: 'O', kind: 'any' }],
  outputs: [{ name: 'output', type: 'V', kind: 'any' }],
  types: {},
  tolerance: 'exact',
  inferShape: ({ inputs: [input], version }) => {
    const t = knownType(input);
    if (!t) return [undefined];
    if (t.kind === 'optional') return [t.elem];
    if (version < 18) throw new TypeConstraintError(`OptionalGetElement-15: the input must be an optional, got ${t.kind}`);
    return [t];
  },
  reference: ({ inputs: [input] }) => {
    if (input === null || input === undefined) throw new ShapeError('OptionalGetElement: the optional is empty');
    return [input];
  },
});

/** OptionalHasElement: whether the optional holds a value (false for an absent input, since 18). */
export const OptionalHasElement = defineOp({
  name: 'OptionalHasElement',
  versions: [15, 18],
  doc: 'A bool scalar: true when the input is present and not an empty optional.',
  inputs: [{ name: 'input', type: 'O', kind: 'any', optional: true }],
  outputs: [{ name: 'output', type: 'B' }],
  types: { B: ['bool'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [input], version }) => {
    if (version < 18) {
      // Version 15 took exactly one optional; 18 made the input optional and let tensors and sequences in.
      if (!input) throw new TypeConstraintError('OptionalHasElement-15: the input is required');
      const t = knownType(input);
      if (t && t.kind !== 'optional') throw new TypeConstraintError(`OptionalHasElement-15: the input must be an optional, got ${t.kind}`);
    }
    return [{ kind: 'tensor', dtype: 'bool', dims: [] }];
  },
  reference: ({ inputs: [input] }) => [Tensor.scalar('bool', input !== null && input !== undefined)],
});
