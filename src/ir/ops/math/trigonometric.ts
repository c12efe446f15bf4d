/**
 * The trigonometric and hyperbolic family: Sin, Cos, Tan, their inverses, and the hyperbolic forms.
 * https://onnx.ai/onnx/operators/onnx__Sin.html (and the other ops' pages, same URL pattern)
 */
import { defineUnaryOp } from '../common/elementwise.js';
import { FLOATS } from '../common/types.js';

/** Opset 22 added bfloat16 to the type list; the math is unchanged. */
const trig = { versions: [7, 22], types: FLOATS } as const;
const hyperbolic = { versions: [9, 22], types: FLOATS } as const;

/** sin X. */
export const Sin = defineUnaryOp({ ...trig, name: 'Sin', doc: 'Sine of X (radians), elementwise.', scalar: Math.sin });
/** cos X. */
export const Cos = defineUnaryOp({ ...trig, name: 'Cos', doc: 'Cosine of X (radians), elementwise.', scalar: Math.cos });
/** tan X. */
export const Tan = defineUnaryOp({ ...trig, name: 'Tan', doc: 'Tangent of X (radians), elementwise.', scalar: Math.tan });
/** arcsin X. */
export const Asin = defineUnaryOp({ ...trig, name: 'Asin', doc: 'Arcsine of X, elementwise.', scalar: Math.asin });
/** arccos X. */
export const Acos = defineUnaryOp({ ...trig, name: 'Acos', doc: 'Arccosine of X, elementwise.', scalar: Math.acos });
/** arctan X. */
export const Atan = defineUnaryOp({ ...trig, name: 'Atan', doc: 'Arctangent of X, elementwise.', scalar: Math.atan });
/** sinh X. */
export const Sinh = defineUnaryOp({ ...hyperbolic, name: 'Sinh', doc: 'Hyperbolic sine of X, elementwise.', scalar: Math.sinh });
/** cosh X. */
export const Cosh = defineUnaryOp({ ...hyperbolic, name: 'Cosh', doc: 'Hyperbolic cosine of X, elementwise.', scalar: Math.cosh });
/** arsinh X. */
export const Asinh = defineUnaryOp({ ...hyperbolic, name: 'Asinh', doc: 'Inverse hyperbolic sine of X, elementwise.', scalar: Math.asinh });
/** arcosh X. */
export const Acosh = defineUnaryOp({ ...hyperbolic, name: 'Acosh', doc: 'Inverse hyperbolic cosine of X, elementwise.', scalar: Math.acosh });
/** artanh X. */
export const Atanh = defineUnaryOp({ ...hyperbolic, name: 'Atanh', doc: 'Inverse hyperbolic tangent of X, elementwise.', scalar: Math.atanh });
/** tanh X. Older than the rest of the family: opset 1 had `consumed_inputs`. */
export const Tanh = defineUnaryOp({
  name: 'Tanh', versions: [1, 6, 13], types: FLOATS, attributes: { consumed_inputs: { type: 'ints', until: 6 } },
  doc: 'Hyperbolic tangent of X, elementwise.', scalar: Math.tanh,
});
