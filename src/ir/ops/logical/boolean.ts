/**
 * The boolean family: And, Or, Xor (with broadcasting) and Not.
 * https://onnx.ai/onnx/operators/onnx__And.html (and Or, Xor, Not)
 *
 * Before opset 7 the binary ops broadcast only with the legacy `broadcast`/`axis` attributes.
 */
import { defineBinaryOp, defineUnaryOp } from '../common/elementwise.js';

const common = { versions: [1, 7], types: ['bool'], outType: 'bool', numpyBroadcastSince: 7 } as const;

/** A ∧ B. */
export const And = defineBinaryOp({ ...common, name: 'And', doc: 'Logical and of A and B, with broadcasting.', scalar: (a, b) => !!a && !!b });
/** A ∨ B. */
export const Or = defineBinaryOp({ ...common, name: 'Or', doc: 'Logical or of A and B, with broadcasting.', scalar: (a, b) => !!a || !!b });
/** A ⊕ B. */
export const Xor = defineBinaryOp({ ...common, name: 'Xor', doc: 'Logical exclusive or of A and B, with broadcasting.', scalar: (a, b) => !!a !== !!b });
/** ¬X. */
export const Not = defineUnaryOp({ name: 'Not', versions: [1], types: ['bool'], doc: 'Logical negation of X.', scalar: (x) => !x });
