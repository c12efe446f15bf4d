/** The quantization family's op specs. */
import type { OpSpec } from '../spec.js';
import { ConvInteger } from './conv-integer.js';
import { DequantizeLinear } from './dequantize-linear.js';
import { DynamicQuantizeLinear } from './dynamic-quantize-linear.js';
import { MatMulInteger } from './matmul-integer.js';
import { QLinearConv } from './qlinear-conv.js';
import { QLinearMatMul } from './qlinear-matmul.js';
import { QuantizeLinear } from './quantize-linear.js';

export const quantizationOps: OpSpec<any>[] = [
  QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear, MatMulInteger, QLinearMatMul, ConvInteger, QLinearConv,
];
