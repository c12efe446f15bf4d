/** The math family's op specs. */
import type { OpSpec } from '../spec.js';
import { Add, Div, Mul, Sub } from './arithmetic.js';
import { Abs, Ceil, Erf, Exp, Floor, Log, Neg, Reciprocal, Round, Sign, Sqrt } from './unary.js';
import { Acos, Acosh, Asin, Asinh, Atan, Atanh, Cos, Cosh, Sin, Sinh, Tan, Tanh } from './trigonometric.js';
import {
  Celu, Elu, Gelu, HardSigmoid, HardSwish, LeakyRelu, Mish, Relu, Selu, Shrink, Sigmoid, Softplus, Softsign, Swish,
  ThresholdedRelu,
} from './activations.js';
import { PRelu } from './prelu.js';
import { IsInf, IsNaN } from './float-class.js';
import { Pow } from './pow.js';
import { Mod } from './mod.js';
import { Max, Mean, Min, Sum } from './variadic.js';
import { Clip } from './clip.js';
import { CumProd, CumSum } from './cumulative.js';
import { Det } from './det.js';

export const mathOps: OpSpec<any>[] = [
  Add, Sub, Mul, Div, Pow, Mod,
  Abs, Neg, Sign, Reciprocal, Sqrt, Exp, Log, Ceil, Floor, Round, Erf,
  Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
  Sigmoid, Relu, LeakyRelu, Elu, Selu, Celu, HardSigmoid, HardSwish, Mish, Softplus, Softsign, ThresholdedRelu, Shrink,
  Gelu, Swish, PRelu,
  IsNaN, IsInf,
  Max, Min, Sum, Mean, Clip,
  CumSum, CumProd, Det,
];
