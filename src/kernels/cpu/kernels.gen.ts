/*
 * generated, do not edit: run `npm run codegen`
 * spec:     every spec named by codegen/cpu/variants.ts
 * template: codegen/cpu/generate.ts (index)
 * variant:  all 209 cpu variants
 */
import type { KernelConfig } from '../kernel.js';
import { buildCpuKernels } from './families.js';
import { relu_f32_flat__ts } from './relu-f32-flat-ts.gen.js';
import { relu_f64_flat__ts } from './relu-f64-flat-ts.gen.js';
import { sigmoid_f32_flat__ts } from './sigmoid-f32-flat-ts.gen.js';
import { sigmoid_f64_flat__ts } from './sigmoid-f64-flat-ts.gen.js';
import { leaky_relu_f32_flat__ts } from './leaky-relu-f32-flat-ts.gen.js';
import { leaky_relu_f64_flat__ts } from './leaky-relu-f64-flat-ts.gen.js';
import { elu_f32_flat__ts } from './elu-f32-flat-ts.gen.js';
import { elu_f64_flat__ts } from './elu-f64-flat-ts.gen.js';
import { selu_f32_flat__ts } from './selu-f32-flat-ts.gen.js';
import { selu_f64_flat__ts } from './selu-f64-flat-ts.gen.js';
import { hard_sigmoid_f32_flat__ts } from './hard-sigmoid-f32-flat-ts.gen.js';
import { hard_sigmoid_f64_flat__ts } from './hard-sigmoid-f64-flat-ts.gen.js';
import { hard_swish_f32_flat__ts } from './hard-swish-f32-flat-ts.gen.js';
import { hard_swish_f64_flat__ts } from './hard-swish-f64-flat-ts.gen.js';
import { mish_f32_flat__ts } from './mish-f32-flat-ts.gen.js';
import { mish_f64_flat__ts } from './mish-f64-flat-ts.gen.js';
import { softplus_f32_flat__ts } from './softplus-f32-flat-ts.gen.js';
import { softplus_f64_flat__ts } from './softplus-f64-flat-ts.gen.js';
import { softsign_f32_flat__ts } from './softsign-f32-flat-ts.gen.js';
import { softsign_f64_flat__ts } from './softsign-f64-flat-ts.gen.js';
import { thresholded_relu_f32_flat__ts } from './thresholded-relu-f32-flat-ts.gen.js';
import { thresholded_relu_f64_flat__ts } from './thresholded-relu-f64-flat-ts.gen.js';
import { shrink_f32_flat__ts } from './shrink-f32-flat-ts.gen.js';
import { shrink_f64_flat__ts } from './shrink-f64-flat-ts.gen.js';
import { gelu_f32_flat__ts } from './gelu-f32-flat-ts.gen.js';
import { gelu_f64_flat__ts } from './gelu-f64-flat-ts.gen.js';
import { swish_f32_flat__ts } from './swish-f32-flat-ts.gen.js';
import { swish_f64_flat__ts } from './swish-f64-flat-ts.gen.js';
import { abs_f32_flat__ts } from './abs-f32-flat-ts.gen.js';
import { abs_f64_flat__ts } from './abs-f64-flat-ts.gen.js';
import { neg_f32_flat__ts } from './neg-f32-flat-ts.gen.js';
import { neg_f64_flat__ts } from './neg-f64-flat-ts.gen.js';
import { sign_f32_flat__ts } from './sign-f32-flat-ts.gen.js';
import { sign_f64_flat__ts } from './sign-f64-flat-ts.gen.js';
import { reciprocal_f32_flat__ts } from './reciprocal-f32-flat-ts.gen.js';
import { reciprocal_f64_flat__ts } from './reciprocal-f64-flat-ts.gen.js';
import { sqrt_f32_flat__ts } from './sqrt-f32-flat-ts.gen.js';
import { sqrt_f64_flat__ts } from './sqrt-f64-flat-ts.gen.js';
import { exp_f32_flat__ts } from './exp-f32-flat-ts.gen.js';
import { exp_f64_flat__ts } from './exp-f64-flat-ts.gen.js';
import { log_f32_flat__ts } from './log-f32-flat-ts.gen.js';
import { log_f64_flat__ts } from './log-f64-flat-ts.gen.js';
import { ceil_f32_flat__ts } from './ceil-f32-flat-ts.gen.js';
import { ceil_f64_flat__ts } from './ceil-f64-flat-ts.gen.js';
import { floor_f32_flat__ts } from './floor-f32-flat-ts.gen.js';
import { floor_f64_flat__ts } from './floor-f64-flat-ts.gen.js';
import { round_f32_flat__ts } from './round-f32-flat-ts.gen.js';
import { round_f64_flat__ts } from './round-f64-flat-ts.gen.js';
import { erf_f32_flat__ts } from './erf-f32-flat-ts.gen.js';
import { erf_f64_flat__ts } from './erf-f64-flat-ts.gen.js';
import { sin_f32_flat__ts } from './sin-f32-flat-ts.gen.js';
import { sin_f64_flat__ts } from './sin-f64-flat-ts.gen.js';
import { cos_f32_flat__ts } from './cos-f32-flat-ts.gen.js';
import { cos_f64_flat__ts } from './cos-f64-flat-ts.gen.js';
import { tan_f32_flat__ts } from './tan-f32-flat-ts.gen.js';
import { tan_f64_flat__ts } from './tan-f64-flat-ts.gen.js';
import { asin_f32_flat__ts } from './asin-f32-flat-ts.gen.js';
import { asin_f64_flat__ts } from './asin-f64-flat-ts.gen.js';
import { acos_f32_flat__ts } from './acos-f32-flat-ts.gen.js';
import { acos_f64_flat__ts } from './acos-f64-flat-ts.gen.js';
import { atan_f32_flat__ts } from './atan-f32-flat-ts.gen.js';
import { atan_f64_flat__ts } from './atan-f64-flat-ts.gen.js';
import { sinh_f32_flat__ts } from './sinh-f32-flat-ts.gen.js';
import { sinh_f64_flat__ts } from './sinh-f64-flat-ts.gen.js';
import { cosh_f32_flat__ts } from './cosh-f32-flat-ts.gen.js';
import { cosh_f64_flat__ts } from './cosh-f64-flat-ts.gen.js';
import { asinh_f32_flat__ts } from './asinh-f32-flat-ts.gen.js';
import { asinh_f64_flat__ts } from './asinh-f64-flat-ts.gen.js';
import { acosh_f32_flat__ts } from './acosh-f32-flat-ts.gen.js';
import { acosh_f64_flat__ts } from './acosh-f64-flat-ts.gen.js';
import { atanh_f32_flat__ts } from './atanh-f32-flat-ts.gen.js';
import { atanh_f64_flat__ts } from './atanh-f64-flat-ts.gen.js';
import { tanh_f32_flat__ts } from './tanh-f32-flat-ts.gen.js';
import { tanh_f64_flat__ts } from './tanh-f64-flat-ts.gen.js';
import { celu_f32_flat__ts } from './celu-f32-flat-ts.gen.js';
import { add_f32_same__ts } from './add-f32-same-ts.gen.js';
import { add_f32_scalar__ts } from './add-f32-scalar-ts.gen.js';
import { add_f32_trailing__ts } from './add-f32-trailing-ts.gen.js';
import { add_f32_strided__ts } from './add-f32-strided-ts.gen.js';
import { add_f64_same__ts } from './add-f64-same-ts.gen.js';
import { add_f64_scalar__ts } from './add-f64-scalar-ts.gen.js';
import { add_f64_trailing__ts } from './add-f64-trailing-ts.gen.js';
import { add_f64_strided__ts } from './add-f64-strided-ts.gen.js';
import { sub_f32_same__ts } from './sub-f32-same-ts.gen.js';
import { sub_f32_scalar__ts } from './sub-f32-scalar-ts.gen.js';
import { sub_f32_trailing__ts } from './sub-f32-trailing-ts.gen.js';
import { sub_f32_strided__ts } from './sub-f32-strided-ts.gen.js';
import { sub_f64_same__ts } from './sub-f64-same-ts.gen.js';
import { sub_f64_scalar__ts } from './sub-f64-scalar-ts.gen.js';
import { sub_f64_trailing__ts } from './sub-f64-trailing-ts.gen.js';
import { sub_f64_strided__ts } from './sub-f64-strided-ts.gen.js';
import { mul_f32_same__ts } from './mul-f32-same-ts.gen.js';
import { mul_f32_scalar__ts } from './mul-f32-scalar-ts.gen.js';
import { mul_f32_trailing__ts } from './mul-f32-trailing-ts.gen.js';
import { mul_f32_strided__ts } from './mul-f32-strided-ts.gen.js';
import { mul_f64_same__ts } from './mul-f64-same-ts.gen.js';
import { mul_f64_scalar__ts } from './mul-f64-scalar-ts.gen.js';
import { mul_f64_trailing__ts } from './mul-f64-trailing-ts.gen.js';
import { mul_f64_strided__ts } from './mul-f64-strided-ts.gen.js';
import { div_f32_same__ts } from './div-f32-same-ts.gen.js';
import { div_f32_scalar__ts } from './div-f32-scalar-ts.gen.js';
import { div_f32_trailing__ts } from './div-f32-trailing-ts.gen.js';
import { div_f32_strided__ts } from './div-f32-strided-ts.gen.js';
import { div_f64_same__ts } from './div-f64-same-ts.gen.js';
import { div_f64_scalar__ts } from './div-f64-scalar-ts.gen.js';
import { div_f64_trailing__ts } from './div-f64-trailing-ts.gen.js';
import { div_f64_strided__ts } from './div-f64-strided-ts.gen.js';
import { pow_f32_same__ts } from './pow-f32-same-ts.gen.js';
import { pow_f32_scalar__ts } from './pow-f32-scalar-ts.gen.js';
import { pow_f32_trailing__ts } from './pow-f32-trailing-ts.gen.js';
import { pow_f32_strided__ts } from './pow-f32-strided-ts.gen.js';
import { pow_f64_same__ts } from './pow-f64-same-ts.gen.js';
import { pow_f64_scalar__ts } from './pow-f64-scalar-ts.gen.js';
import { pow_f64_trailing__ts } from './pow-f64-trailing-ts.gen.js';
import { pow_f64_strided__ts } from './pow-f64-strided-ts.gen.js';
import { max_f32_same__ts } from './max-f32-same-ts.gen.js';
import { max_f32_scalar__ts } from './max-f32-scalar-ts.gen.js';
import { max_f32_trailing__ts } from './max-f32-trailing-ts.gen.js';
import { max_f32_strided__ts } from './max-f32-strided-ts.gen.js';
import { max_f64_same__ts } from './max-f64-same-ts.gen.js';
import { max_f64_scalar__ts } from './max-f64-scalar-ts.gen.js';
import { max_f64_trailing__ts } from './max-f64-trailing-ts.gen.js';
import { max_f64_strided__ts } from './max-f64-strided-ts.gen.js';
import { min_f32_same__ts } from './min-f32-same-ts.gen.js';
import { min_f32_scalar__ts } from './min-f32-scalar-ts.gen.js';
import { min_f32_trailing__ts } from './min-f32-trailing-ts.gen.js';
import { min_f32_strided__ts } from './min-f32-strided-ts.gen.js';
import { min_f64_same__ts } from './min-f64-same-ts.gen.js';
import { min_f64_scalar__ts } from './min-f64-scalar-ts.gen.js';
import { min_f64_trailing__ts } from './min-f64-trailing-ts.gen.js';
import { min_f64_strided__ts } from './min-f64-strided-ts.gen.js';
import { sum_f32_same__ts } from './sum-f32-same-ts.gen.js';
import { sum_f32_scalar__ts } from './sum-f32-scalar-ts.gen.js';
import { sum_f32_trailing__ts } from './sum-f32-trailing-ts.gen.js';
import { sum_f32_strided__ts } from './sum-f32-strided-ts.gen.js';
import { sum_f64_same__ts } from './sum-f64-same-ts.gen.js';
import { sum_f64_scalar__ts } from './sum-f64-scalar-ts.gen.js';
import { sum_f64_trailing__ts } from './sum-f64-trailing-ts.gen.js';
import { sum_f64_strided__ts } from './sum-f64-strided-ts.gen.js';
import { gemm_f32_2x4__ts, gemm_f32_2x4_typed__ts, gemm_f32_2x4_packa__ts, gemm_f32_2x4_packb__ts } from './gemm-f32-2x4-ts.gen.js';
import { gemm_f64_2x4__ts, gemm_f64_2x4_typed__ts, gemm_f64_2x4_packa__ts, gemm_f64_2x4_packb__ts } from './gemm-f64-2x4-ts.gen.js';
import { conv_f32_im2col__ts } from './conv-f32-im2col-ts.gen.js';
import { conv_f64_im2col__ts } from './conv-f64-im2col-ts.gen.js';
import { conv_f32_depthwise__ts } from './conv-f32-depthwise-ts.gen.js';
import { conv_f64_depthwise__ts } from './conv-f64-depthwise-ts.gen.js';
import { conv_f32_winograd__ts, conv_f32_winograd_weights__ts, conv_f32_winograd_output__ts } from './conv-f32-winograd-ts.gen.js';
import { conv_f64_winograd__ts, conv_f64_winograd_weights__ts, conv_f64_winograd_output__ts } from './conv-f64-winograd-ts.gen.js';
import { conv_f32_winograd4__ts, conv_f32_winograd4_weights__ts, conv_f32_winograd4_output__ts } from './conv-f32-winograd4-ts.gen.js';
import { conv_f64_winograd4__ts, conv_f64_winograd4_weights__ts, conv_f64_winograd4_output__ts } from './conv-f64-winograd4-ts.gen.js';
import { softmax_f32_lastaxis__ts } from './softmax-f32-lastaxis-ts.gen.js';
import { log_softmax_f32_lastaxis__ts } from './log-softmax-f32-lastaxis-ts.gen.js';
import { softmax_f32_strided__ts } from './softmax-f32-strided-ts.gen.js';
import { log_softmax_f32_strided__ts } from './log-softmax-f32-strided-ts.gen.js';
import { softmax_f64_lastaxis__ts } from './softmax-f64-lastaxis-ts.gen.js';
import { log_softmax_f64_lastaxis__ts } from './log-softmax-f64-lastaxis-ts.gen.js';
import { softmax_f64_strided__ts } from './softmax-f64-strided-ts.gen.js';
import { log_softmax_f64_strided__ts } from './log-softmax-f64-strided-ts.gen.js';
import { layer_normalization_f32_lastaxis__ts } from './layer-normalization-f32-lastaxis-ts.gen.js';
import { batch_normalization_f32_channel__ts } from './batch-normalization-f32-channel-ts.gen.js';
import { layer_normalization_f64_lastaxis__ts } from './layer-normalization-f64-lastaxis-ts.gen.js';
import { batch_normalization_f64_channel__ts } from './batch-normalization-f64-channel-ts.gen.js';
import { reduce_sum_f32_lastaxis__ts } from './reduce-sum-f32-lastaxis-ts.gen.js';
import { reduce_sum_f32_middle__ts } from './reduce-sum-f32-middle-ts.gen.js';
import { reduce_sum_f32_general__ts } from './reduce-sum-f32-general-ts.gen.js';
import { reduce_sum_f64_lastaxis__ts } from './reduce-sum-f64-lastaxis-ts.gen.js';
import { reduce_sum_f64_middle__ts } from './reduce-sum-f64-middle-ts.gen.js';
import { reduce_sum_f64_general__ts } from './reduce-sum-f64-general-ts.gen.js';
import { reduce_mean_f32_lastaxis__ts } from './reduce-mean-f32-lastaxis-ts.gen.js';
import { reduce_mean_f32_middle__ts } from './reduce-mean-f32-middle-ts.gen.js';
import { reduce_mean_f32_general__ts } from './reduce-mean-f32-general-ts.gen.js';
import { reduce_mean_f64_lastaxis__ts } from './reduce-mean-f64-lastaxis-ts.gen.js';
import { reduce_mean_f64_middle__ts } from './reduce-mean-f64-middle-ts.gen.js';
import { reduce_mean_f64_general__ts } from './reduce-mean-f64-general-ts.gen.js';
import { reduce_max_f32_lastaxis__ts } from './reduce-max-f32-lastaxis-ts.gen.js';
import { reduce_max_f32_middle__ts } from './reduce-max-f32-middle-ts.gen.js';
import { reduce_max_f32_general__ts } from './reduce-max-f32-general-ts.gen.js';
import { reduce_max_f64_lastaxis__ts } from './reduce-max-f64-lastaxis-ts.gen.js';
import { reduce_max_f64_middle__ts } from './reduce-max-f64-middle-ts.gen.js';
import { reduce_max_f64_general__ts } from './reduce-max-f64-general-ts.gen.js';
import { max_pool_f32_2d__ts } from './max-pool-f32-2d-ts.gen.js';
import { average_pool_f32_2d__ts } from './average-pool-f32-2d-ts.gen.js';
import { global_average_pool_f32_global__ts } from './global-average-pool-f32-global-ts.gen.js';
import { global_max_pool_f32_global__ts } from './global-max-pool-f32-global-ts.gen.js';
import { max_pool_f64_2d__ts } from './max-pool-f64-2d-ts.gen.js';
import { average_pool_f64_2d__ts } from './average-pool-f64-2d-ts.gen.js';
import { global_average_pool_f64_global__ts } from './global-average-pool-f64-global-ts.gen.js';
import { global_max_pool_f64_global__ts } from './global-max-pool-f64-global-ts.gen.js';
import { transpose_f32_swap2d__ts } from './transpose-f32-swap2d-ts.gen.js';
import { transpose_f32_general__ts } from './transpose-f32-general-ts.gen.js';
import { gather_f32_blocks__ts } from './gather-f32-blocks-ts.gen.js';
import { slice_f32_runs__ts } from './slice-f32-runs-ts.gen.js';
import { transpose_f64_swap2d__ts } from './transpose-f64-swap2d-ts.gen.js';
import { transpose_f64_general__ts } from './transpose-f64-general-ts.gen.js';
import { gather_f64_blocks__ts } from './gather-f64-blocks-ts.gen.js';
import { slice_f64_runs__ts } from './slice-f64-runs-ts.gen.js';
import { transpose_i64_swap2d__ts } from './transpose-i64-swap2d-ts.gen.js';
import { transpose_i64_general__ts } from './transpose-i64-general-ts.gen.js';
import { gather_i64_blocks__ts } from './gather-i64-blocks-ts.gen.js';
import { slice_i64_runs__ts } from './slice-i64-runs-ts.gen.js';
import { resize_f32_nearest2d__ts } from './resize-f32-nearest2d-ts.gen.js';
import { resize_f32_linear2d__ts } from './resize-f32-linear2d-ts.gen.js';
import { resize_f64_nearest2d__ts } from './resize-f64-nearest2d-ts.gen.js';
import { resize_f64_linear2d__ts } from './resize-f64-linear2d-ts.gen.js';
import { lstm_f32_sequence__ts } from './lstm-f32-sequence-ts.gen.js';
import { lstm_f64_sequence__ts } from './lstm-f64-sequence-ts.gen.js';
import { gru_f32_sequence__ts } from './gru-f32-sequence-ts.gen.js';
import { gru_f64_sequence__ts } from './gru-f64-sequence-ts.gen.js';
import { conv_transpose_f32_col2im__ts } from './conv-transpose-f32-col2im-ts.gen.js';
import { conv_transpose_f64_col2im__ts } from './conv-transpose-f64-col2im-ts.gen.js';

/** One generated kernel: which op, dtype and specialization it serves, and the function. */
export interface GeneratedKernel {
  op: string;
  template: string;
  dtype: 'float32' | 'float64' | 'int64';
  /** The broadcast case or tile (`same`, `2x4`, `lastaxis`, …). */
  tile: string;
  /** `relu-f32-flat-ts`: the file name without `.gen.ts`. */
  variant: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: any;
}

/** Every generated cpu kernel, in the order of codegen/cpu/variants.ts. */
export const GENERATED_CPU_KERNELS: readonly GeneratedKernel[] = [
  { op: 'Relu', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'relu-f32-flat-ts', fn: relu_f32_flat__ts },
  { op: 'Relu', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'relu-f64-flat-ts', fn: relu_f64_flat__ts },
  { op: 'Sigmoid', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'sigmoid-f32-flat-ts', fn: sigmoid_f32_flat__ts },
  { op: 'Sigmoid', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'sigmoid-f64-flat-ts', fn: sigmoid_f64_flat__ts },
  { op: 'LeakyRelu', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'leaky-relu-f32-flat-ts', fn: leaky_relu_f32_flat__ts },
  { op: 'LeakyRelu', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'leaky-relu-f64-flat-ts', fn: leaky_relu_f64_flat__ts },
  { op: 'Elu', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'elu-f32-flat-ts', fn: elu_f32_flat__ts },
  { op: 'Elu', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'elu-f64-flat-ts', fn: elu_f64_flat__ts },
  { op: 'Selu', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'selu-f32-flat-ts', fn: selu_f32_flat__ts },
  { op: 'Selu', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'selu-f64-flat-ts', fn: selu_f64_flat__ts },
  { op: 'HardSigmoid', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'hard-sigmoid-f32-flat-ts', fn: hard_sigmoid_f32_flat__ts },
  { op: 'HardSigmoid', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'hard-sigmoid-f64-flat-ts', fn: hard_sigmoid_f64_flat__ts },
  { op: 'HardSwish', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'hard-swish-f32-flat-ts', fn: hard_swish_f32_flat__ts },
  { op: 'HardSwish', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'hard-swish-f64-flat-ts', fn: hard_swish_f64_flat__ts },
  { op: 'Mish', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'mish-f32-flat-ts', fn: mish_f32_flat__ts },
  { op: 'Mish', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'mish-f64-flat-ts', fn: mish_f64_flat__ts },
  { op: 'Softplus', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'softplus-f32-flat-ts', fn: softplus_f32_flat__ts },
  { op: 'Softplus', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'softplus-f64-flat-ts', fn: softplus_f64_flat__ts },
  { op: 'Softsign', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'softsign-f32-flat-ts', fn: softsign_f32_flat__ts },
  { op: 'Softsign', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'softsign-f64-flat-ts', fn: softsign_f64_flat__ts },
  { op: 'ThresholdedRelu', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'thresholded-relu-f32-flat-ts', fn: thresholded_relu_f32_flat__ts },
  { op: 'ThresholdedRelu', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'thresholded-relu-f64-flat-ts', fn: thresholded_relu_f64_flat__ts },
  { op: 'Shrink', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'shrink-f32-flat-ts', fn: shrink_f32_flat__ts },
  { op: 'Shrink', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'shrink-f64-flat-ts', fn: shrink_f64_flat__ts },
  { op: 'Gelu', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'gelu-f32-flat-ts', fn: gelu_f32_flat__ts },
  { op: 'Gelu', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'gelu-f64-flat-ts', fn: gelu_f64_flat__ts },
  { op: 'Swish', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'swish-f32-flat-ts', fn: swish_f32_flat__ts },
  { op: 'Swish', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'swish-f64-flat-ts', fn: swish_f64_flat__ts },
  { op: 'Abs', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'abs-f32-flat-ts', fn: abs_f32_flat__ts },
  { op: 'Abs', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'abs-f64-flat-ts', fn: abs_f64_flat__ts },
  { op: 'Neg', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'neg-f32-flat-ts', fn: neg_f32_flat__ts },
  { op: 'Neg', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'neg-f64-flat-ts', fn: neg_f64_flat__ts },
  { op: 'Sign', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'sign-f32-flat-ts', fn: sign_f32_flat__ts },
  { op: 'Sign', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'sign-f64-flat-ts', fn: sign_f64_flat__ts },
  { op: 'Reciprocal', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'reciprocal-f32-flat-ts', fn: reciprocal_f32_flat__ts },
  { op: 'Reciprocal', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'reciprocal-f64-flat-ts', fn: reciprocal_f64_flat__ts },
  { op: 'Sqrt', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'sqrt-f32-flat-ts', fn: sqrt_f32_flat__ts },
  { op: 'Sqrt', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'sqrt-f64-flat-ts', fn: sqrt_f64_flat__ts },
  { op: 'Exp', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'exp-f32-flat-ts', fn: exp_f32_flat__ts },
  { op: 'Exp', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'exp-f64-flat-ts', fn: exp_f64_flat__ts },
  { op: 'Log', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'log-f32-flat-ts', fn: log_f32_flat__ts },
  { op: 'Log', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'log-f64-flat-ts', fn: log_f64_flat__ts },
  { op: 'Ceil', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'ceil-f32-flat-ts', fn: ceil_f32_flat__ts },
  { op: 'Ceil', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'ceil-f64-flat-ts', fn: ceil_f64_flat__ts },
  { op: 'Floor', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'floor-f32-flat-ts', fn: floor_f32_flat__ts },
  { op: 'Floor', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'floor-f64-flat-ts', fn: floor_f64_flat__ts },
  { op: 'Round', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'round-f32-flat-ts', fn: round_f32_flat__ts },
  { op: 'Round', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'round-f64-flat-ts', fn: round_f64_flat__ts },
  { op: 'Erf', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'erf-f32-flat-ts', fn: erf_f32_flat__ts },
  { op: 'Erf', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'erf-f64-flat-ts', fn: erf_f64_flat__ts },
  { op: 'Sin', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'sin-f32-flat-ts', fn: sin_f32_flat__ts },
  { op: 'Sin', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'sin-f64-flat-ts', fn: sin_f64_flat__ts },
  { op: 'Cos', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'cos-f32-flat-ts', fn: cos_f32_flat__ts },
  { op: 'Cos', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'cos-f64-flat-ts', fn: cos_f64_flat__ts },
  { op: 'Tan', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'tan-f32-flat-ts', fn: tan_f32_flat__ts },
  { op: 'Tan', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'tan-f64-flat-ts', fn: tan_f64_flat__ts },
  { op: 'Asin', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'asin-f32-flat-ts', fn: asin_f32_flat__ts },
  { op: 'Asin', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'asin-f64-flat-ts', fn: asin_f64_flat__ts },
  { op: 'Acos', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'acos-f32-flat-ts', fn: acos_f32_flat__ts },
  { op: 'Acos', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'acos-f64-flat-ts', fn: acos_f64_flat__ts },
  { op: 'Atan', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'atan-f32-flat-ts', fn: atan_f32_flat__ts },
  { op: 'Atan', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'atan-f64-flat-ts', fn: atan_f64_flat__ts },
  { op: 'Sinh', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'sinh-f32-flat-ts', fn: sinh_f32_flat__ts },
  { op: 'Sinh', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'sinh-f64-flat-ts', fn: sinh_f64_flat__ts },
  { op: 'Cosh', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'cosh-f32-flat-ts', fn: cosh_f32_flat__ts },
  { op: 'Cosh', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'cosh-f64-flat-ts', fn: cosh_f64_flat__ts },
  { op: 'Asinh', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'asinh-f32-flat-ts', fn: asinh_f32_flat__ts },
  { op: 'Asinh', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'asinh-f64-flat-ts', fn: asinh_f64_flat__ts },
  { op: 'Acosh', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'acosh-f32-flat-ts', fn: acosh_f32_flat__ts },
  { op: 'Acosh', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'acosh-f64-flat-ts', fn: acosh_f64_flat__ts },
  { op: 'Atanh', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'atanh-f32-flat-ts', fn: atanh_f32_flat__ts },
  { op: 'Atanh', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'atanh-f64-flat-ts', fn: atanh_f64_flat__ts },
  { op: 'Tanh', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'tanh-f32-flat-ts', fn: tanh_f32_flat__ts },
  { op: 'Tanh', template: 'unary', dtype: 'float64', tile: 'flat', variant: 'tanh-f64-flat-ts', fn: tanh_f64_flat__ts },
  { op: 'Celu', template: 'unary', dtype: 'float32', tile: 'flat', variant: 'celu-f32-flat-ts', fn: celu_f32_flat__ts },
  { op: 'Add', template: 'binary', dtype: 'float32', tile: 'same', variant: 'add-f32-same-ts', fn: add_f32_same__ts },
  { op: 'Add', template: 'binary', dtype: 'float32', tile: 'scalar', variant: 'add-f32-scalar-ts', fn: add_f32_scalar__ts },
  { op: 'Add', template: 'binary', dtype: 'float32', tile: 'trailing', variant: 'add-f32-trailing-ts', fn: add_f32_trailing__ts },
  { op: 'Add', template: 'binary', dtype: 'float32', tile: 'strided', variant: 'add-f32-strided-ts', fn: add_f32_strided__ts },
  { op: 'Add', template: 'binary', dtype: 'float64', tile: 'same', variant: 'add-f64-same-ts', fn: add_f64_same__ts },
  { op: 'Add', template: 'binary', dtype: 'float64', tile: 'scalar', variant: 'add-f64-scalar-ts', fn: add_f64_scalar__ts },
  { op: 'Add', template: 'binary', dtype: 'float64', tile: 'trailing', variant: 'add-f64-trailing-ts', fn: add_f64_trailing__ts },
  { op: 'Add', template: 'binary', dtype: 'float64', tile: 'strided', variant: 'add-f64-strided-ts', fn: add_f64_strided__ts },
  { op: 'Sub', template: 'binary', dtype: 'float32', tile: 'same', variant: 'sub-f32-same-ts', fn: sub_f32_same__ts },
  { op: 'Sub', template: 'binary', dtype: 'float32', tile: 'scalar', variant: 'sub-f32-scalar-ts', fn: sub_f32_scalar__ts },
  { op: 'Sub', template: 'binary', dtype: 'float32', tile: 'trailing', variant: 'sub-f32-trailing-ts', fn: sub_f32_trailing__ts },
  { op: 'Sub', template: 'binary', dtype: 'float32', tile: 'strided', variant: 'sub-f32-strided-ts', fn: sub_f32_strided__ts },
  { op: 'Sub', template: 'binary', dtype: 'float64', tile: 'same', variant: 'sub-f64-same-ts', fn: sub_f64_same__ts },
  { op: 'Sub', template: 'binary', dtype: 'float64', tile: 'scalar', variant: 'sub-f64-scalar-ts', fn: sub_f64_scalar__ts },
  { op: 'Sub', template: 'binary', dtype: 'float64', tile: 'trailing', variant: 'sub-f64-trailing-ts', fn: sub_f64_trailing__ts },
  { op: 'Sub', template: 'binary', dtype: 'float64', tile: 'strided', variant: 'sub-f64-strided-ts', fn: sub_f64_strided__ts },
  { op: 'Mul', template: 'binary', dtype: 'float32', tile: 'same', variant: 'mul-f32-same-ts', fn: mul_f32_same__ts },
  { op: 'Mul', template: 'binary', dtype: 'float32', tile: 'scalar', variant: 'mul-f32-scalar-ts', fn: mul_f32_scalar__ts },
  { op: 'Mul', template: 'binary', dtype: 'float32', tile: 'trailing', variant: 'mul-f32-trailing-ts', fn: mul_f32_trailing__ts },
  { op: 'Mul', template: 'binary', dtype: 'float32', tile: 'strided', variant: 'mul-f32-strided-ts', fn: mul_f32_strided__ts },
  { op: 'Mul', template: 'binary', dtype: 'float64', tile: 'same', variant: 'mul-f64-same-ts', fn: mul_f64_same__ts },
  { op: 'Mul', template: 'binary', dtype: 'float64', tile: 'scalar', variant: 'mul-f64-scalar-ts', fn: mul_f64_scalar__ts },
  { op: 'Mul', template: 'binary', dtype: 'float64', tile: 'trailing', variant: 'mul-f64-trailing-ts', fn: mul_f64_trailing__ts },
  { op: 'Mul', template: 'binary', dtype: 'float64', tile: 'strided', variant: 'mul-f64-strided-ts', fn: mul_f64_strided__ts },
  { op: 'Div', template: 'binary', dtype: 'float32', tile: 'same', variant: 'div-f32-same-ts', fn: div_f32_same__ts },
  { op: 'Div', template: 'binary', dtype: 'float32', tile: 'scalar', variant: 'div-f32-scalar-ts', fn: div_f32_scalar__ts },
  { op: 'Div', template: 'binary', dtype: 'float32', tile: 'trailing', variant: 'div-f32-trailing-ts', fn: div_f32_trailing__ts },
  { op: 'Div', template: 'binary', dtype: 'float32', tile: 'strided', variant: 'div-f32-strided-ts', fn: div_f32_strided__ts },
  { op: 'Div', template: 'binary', dtype: 'float64', tile: 'same', variant: 'div-f64-same-ts', fn: div_f64_same__ts },
  { op: 'Div', template: 'binary', dtype: 'float64', tile: 'scalar', variant: 'div-f64-scalar-ts', fn: div_f64_scalar__ts },
  { op: 'Div', template: 'binary', dtype: 'float64', tile: 'trailing', variant: 'div-f64-trailing-ts', fn: div_f64_trailing__ts },
  { op: 'Div', template: 'binary', dtype: 'float64', tile: 'strided', variant: 'div-f64-strided-ts', fn: div_f64_strided__ts },
  { op: 'Pow', template: 'binary', dtype: 'float32', tile: 'same', variant: 'pow-f32-same-ts', fn: pow_f32_same__ts },
  { op: 'Pow', template: 'binary', dtype: 'float32', tile: 'scalar', variant: 'pow-f32-scalar-ts', fn: pow_f32_scalar__ts },
  { op: 'Pow', template: 'binary', dtype: 'float32', tile: 'trailing', variant: 'pow-f32-trailing-ts', fn: pow_f32_trailing__ts },
  { op: 'Pow', template: 'binary', dtype: 'float32', tile: 'strided', variant: 'pow-f32-strided-ts', fn: pow_f32_strided__ts },
  { op: 'Pow', template: 'binary', dtype: 'float64', tile: 'same', variant: 'pow-f64-same-ts', fn: pow_f64_same__ts },
  { op: 'Pow', template: 'binary', dtype: 'float64', tile: 'scalar', variant: 'pow-f64-scalar-ts', fn: pow_f64_scalar__ts },
  { op: 'Pow', template: 'binary', dtype: 'float64', tile: 'trailing', variant: 'pow-f64-trailing-ts', fn: pow_f64_trailing__ts },
  { op: 'Pow', template: 'binary', dtype: 'float64', tile: 'strided', variant: 'pow-f64-strided-ts', fn: pow_f64_strided__ts },
  { op: 'Max', template: 'variadic', dtype: 'float32', tile: 'same', variant: 'max-f32-same-ts', fn: max_f32_same__ts },
  { op: 'Max', template: 'variadic', dtype: 'float32', tile: 'scalar', variant: 'max-f32-scalar-ts', fn: max_f32_scalar__ts },
  { op: 'Max', template: 'variadic', dtype: 'float32', tile: 'trailing', variant: 'max-f32-trailing-ts', fn: max_f32_trailing__ts },
  { op: 'Max', template: 'variadic', dtype: 'float32', tile: 'strided', variant: 'max-f32-strided-ts', fn: max_f32_strided__ts },
  { op: 'Max', template: 'variadic', dtype: 'float64', tile: 'same', variant: 'max-f64-same-ts', fn: max_f64_same__ts },
  { op: 'Max', template: 'variadic', dtype: 'float64', tile: 'scalar', variant: 'max-f64-scalar-ts', fn: max_f64_scalar__ts },
  { op: 'Max', template: 'variadic', dtype: 'float64', tile: 'trailing', variant: 'max-f64-trailing-ts', fn: max_f64_trailing__ts },
  { op: 'Max', template: 'variadic', dtype: 'float64', tile: 'strided', variant: 'max-f64-strided-ts', fn: max_f64_strided__ts },
  { op: 'Min', template: 'variadic', dtype: 'float32', tile: 'same', variant: 'min-f32-same-ts', fn: min_f32_same__ts },
  { op: 'Min', template: 'variadic', dtype: 'float32', tile: 'scalar', variant: 'min-f32-scalar-ts', fn: min_f32_scalar__ts },
  { op: 'Min', template: 'variadic', dtype: 'float32', tile: 'trailing', variant: 'min-f32-trailing-ts', fn: min_f32_trailing__ts },
  { op: 'Min', template: 'variadic', dtype: 'float32', tile: 'strided', variant: 'min-f32-strided-ts', fn: min_f32_strided__ts },
  { op: 'Min', template: 'variadic', dtype: 'float64', tile: 'same', variant: 'min-f64-same-ts', fn: min_f64_same__ts },
  { op: 'Min', template: 'variadic', dtype: 'float64', tile: 'scalar', variant: 'min-f64-scalar-ts', fn: min_f64_scalar__ts },
  { op: 'Min', template: 'variadic', dtype: 'float64', tile: 'trailing', variant: 'min-f64-trailing-ts', fn: min_f64_trailing__ts },
  { op: 'Min', template: 'variadic', dtype: 'float64', tile: 'strided', variant: 'min-f64-strided-ts', fn: min_f64_strided__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float32', tile: 'same', variant: 'sum-f32-same-ts', fn: sum_f32_same__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float32', tile: 'scalar', variant: 'sum-f32-scalar-ts', fn: sum_f32_scalar__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float32', tile: 'trailing', variant: 'sum-f32-trailing-ts', fn: sum_f32_trailing__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float32', tile: 'strided', variant: 'sum-f32-strided-ts', fn: sum_f32_strided__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float64', tile: 'same', variant: 'sum-f64-same-ts', fn: sum_f64_same__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float64', tile: 'scalar', variant: 'sum-f64-scalar-ts', fn: sum_f64_scalar__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float64', tile: 'trailing', variant: 'sum-f64-trailing-ts', fn: sum_f64_trailing__ts },
  { op: 'Sum', template: 'variadic', dtype: 'float64', tile: 'strided', variant: 'sum-f64-strided-ts', fn: sum_f64_strided__ts },
  { op: 'Gemm', template: 'gemm', dtype: 'float32', tile: '2x4', variant: 'gemm-f32-2x4-ts', fn: { run: gemm_f32_2x4__ts, runTyped: gemm_f32_2x4_typed__ts, packA: gemm_f32_2x4_packa__ts, packB: gemm_f32_2x4_packb__ts } },
  { op: 'Gemm', template: 'gemm', dtype: 'float64', tile: '2x4', variant: 'gemm-f64-2x4-ts', fn: { run: gemm_f64_2x4__ts, runTyped: gemm_f64_2x4_typed__ts, packA: gemm_f64_2x4_packa__ts, packB: gemm_f64_2x4_packb__ts } },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'im2col', variant: 'conv-f32-im2col-ts', fn: conv_f32_im2col__ts },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'im2col', variant: 'conv-f64-im2col-ts', fn: conv_f64_im2col__ts },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'depthwise', variant: 'conv-f32-depthwise-ts', fn: conv_f32_depthwise__ts },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'depthwise', variant: 'conv-f64-depthwise-ts', fn: conv_f64_depthwise__ts },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'winograd', variant: 'conv-f32-winograd-ts', fn: { input: conv_f32_winograd__ts, weights: conv_f32_winograd_weights__ts, output: conv_f32_winograd_output__ts } },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'winograd', variant: 'conv-f64-winograd-ts', fn: { input: conv_f64_winograd__ts, weights: conv_f64_winograd_weights__ts, output: conv_f64_winograd_output__ts } },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'winograd4', variant: 'conv-f32-winograd4-ts', fn: { input: conv_f32_winograd4__ts, weights: conv_f32_winograd4_weights__ts, output: conv_f32_winograd4_output__ts } },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'winograd4', variant: 'conv-f64-winograd4-ts', fn: { input: conv_f64_winograd4__ts, weights: conv_f64_winograd4_weights__ts, output: conv_f64_winograd4_output__ts } },
  { op: 'Softmax', template: 'softmax', dtype: 'float32', tile: 'lastaxis', variant: 'softmax-f32-lastaxis-ts', fn: softmax_f32_lastaxis__ts },
  { op: 'LogSoftmax', template: 'softmax', dtype: 'float32', tile: 'lastaxis', variant: 'log-softmax-f32-lastaxis-ts', fn: log_softmax_f32_lastaxis__ts },
  { op: 'Softmax', template: 'softmax', dtype: 'float32', tile: 'strided', variant: 'softmax-f32-strided-ts', fn: softmax_f32_strided__ts },
  { op: 'LogSoftmax', template: 'softmax', dtype: 'float32', tile: 'strided', variant: 'log-softmax-f32-strided-ts', fn: log_softmax_f32_strided__ts },
  { op: 'Softmax', template: 'softmax', dtype: 'float64', tile: 'lastaxis', variant: 'softmax-f64-lastaxis-ts', fn: softmax_f64_lastaxis__ts },
  { op: 'LogSoftmax', template: 'softmax', dtype: 'float64', tile: 'lastaxis', variant: 'log-softmax-f64-lastaxis-ts', fn: log_softmax_f64_lastaxis__ts },
  { op: 'Softmax', template: 'softmax', dtype: 'float64', tile: 'strided', variant: 'softmax-f64-strided-ts', fn: softmax_f64_strided__ts },
  { op: 'LogSoftmax', template: 'softmax', dtype: 'float64', tile: 'strided', variant: 'log-softmax-f64-strided-ts', fn: log_softmax_f64_strided__ts },
  { op: 'LayerNormalization', template: 'layernorm', dtype: 'float32', tile: 'lastaxis', variant: 'layer-normalization-f32-lastaxis-ts', fn: layer_normalization_f32_lastaxis__ts },
  { op: 'BatchNormalization', template: 'batchnorm', dtype: 'float32', tile: 'channel', variant: 'batch-normalization-f32-channel-ts', fn: batch_normalization_f32_channel__ts },
  { op: 'LayerNormalization', template: 'layernorm', dtype: 'float64', tile: 'lastaxis', variant: 'layer-normalization-f64-lastaxis-ts', fn: layer_normalization_f64_lastaxis__ts },
  { op: 'BatchNormalization', template: 'batchnorm', dtype: 'float64', tile: 'channel', variant: 'batch-normalization-f64-channel-ts', fn: batch_normalization_f64_channel__ts },
  { op: 'ReduceSum', template: 'reduce', dtype: 'float32', tile: 'lastaxis', variant: 'reduce-sum-f32-lastaxis-ts', fn: reduce_sum_f32_lastaxis__ts },
  { op: 'ReduceSum', template: 'reduce', dtype: 'float32', tile: 'middle', variant: 'reduce-sum-f32-middle-ts', fn: reduce_sum_f32_middle__ts },
  { op: 'ReduceSum', template: 'reduce', dtype: 'float32', tile: 'general', variant: 'reduce-sum-f32-general-ts', fn: reduce_sum_f32_general__ts },
  { op: 'ReduceSum', template: 'reduce', dtype: 'float64', tile: 'lastaxis', variant: 'reduce-sum-f64-lastaxis-ts', fn: reduce_sum_f64_lastaxis__ts },
  { op: 'ReduceSum', template: 'reduce', dtype: 'float64', tile: 'middle', variant: 'reduce-sum-f64-middle-ts', fn: reduce_sum_f64_middle__ts },
  { op: 'ReduceSum', template: 'reduce', dtype: 'float64', tile: 'general', variant: 'reduce-sum-f64-general-ts', fn: reduce_sum_f64_general__ts },
  { op: 'ReduceMean', template: 'reduce', dtype: 'float32', tile: 'lastaxis', variant: 'reduce-mean-f32-lastaxis-ts', fn: reduce_mean_f32_lastaxis__ts },
  { op: 'ReduceMean', template: 'reduce', dtype: 'float32', tile: 'middle', variant: 'reduce-mean-f32-middle-ts', fn: reduce_mean_f32_middle__ts },
  { op: 'ReduceMean', template: 'reduce', dtype: 'float32', tile: 'general', variant: 'reduce-mean-f32-general-ts', fn: reduce_mean_f32_general__ts },
  { op: 'ReduceMean', template: 'reduce', dtype: 'float64', tile: 'lastaxis', variant: 'reduce-mean-f64-lastaxis-ts', fn: reduce_mean_f64_lastaxis__ts },
  { op: 'ReduceMean', template: 'reduce', dtype: 'float64', tile: 'middle', variant: 'reduce-mean-f64-middle-ts', fn: reduce_mean_f64_middle__ts },
  { op: 'ReduceMean', template: 'reduce', dtype: 'float64', tile: 'general', variant: 'reduce-mean-f64-general-ts', fn: reduce_mean_f64_general__ts },
  { op: 'ReduceMax', template: 'reduce', dtype: 'float32', tile: 'lastaxis', variant: 'reduce-max-f32-lastaxis-ts', fn: reduce_max_f32_lastaxis__ts },
  { op: 'ReduceMax', template: 'reduce', dtype: 'float32', tile: 'middle', variant: 'reduce-max-f32-middle-ts', fn: reduce_max_f32_middle__ts },
  { op: 'ReduceMax', template: 'reduce', dtype: 'float32', tile: 'general', variant: 'reduce-max-f32-general-ts', fn: reduce_max_f32_general__ts },
  { op: 'ReduceMax', template: 'reduce', dtype: 'float64', tile: 'lastaxis', variant: 'reduce-max-f64-lastaxis-ts', fn: reduce_max_f64_lastaxis__ts },
  { op: 'ReduceMax', template: 'reduce', dtype: 'float64', tile: 'middle', variant: 'reduce-max-f64-middle-ts', fn: reduce_max_f64_middle__ts },
  { op: 'ReduceMax', template: 'reduce', dtype: 'float64', tile: 'general', variant: 'reduce-max-f64-general-ts', fn: reduce_max_f64_general__ts },
  { op: 'MaxPool', template: 'pool', dtype: 'float32', tile: '2d', variant: 'max-pool-f32-2d-ts', fn: max_pool_f32_2d__ts },
  { op: 'AveragePool', template: 'pool', dtype: 'float32', tile: '2d', variant: 'average-pool-f32-2d-ts', fn: average_pool_f32_2d__ts },
  { op: 'GlobalAveragePool', template: 'pool', dtype: 'float32', tile: 'global', variant: 'global-average-pool-f32-global-ts', fn: global_average_pool_f32_global__ts },
  { op: 'GlobalMaxPool', template: 'pool', dtype: 'float32', tile: 'global', variant: 'global-max-pool-f32-global-ts', fn: global_max_pool_f32_global__ts },
  { op: 'MaxPool', template: 'pool', dtype: 'float64', tile: '2d', variant: 'max-pool-f64-2d-ts', fn: max_pool_f64_2d__ts },
  { op: 'AveragePool', template: 'pool', dtype: 'float64', tile: '2d', variant: 'average-pool-f64-2d-ts', fn: average_pool_f64_2d__ts },
  { op: 'GlobalAveragePool', template: 'pool', dtype: 'float64', tile: 'global', variant: 'global-average-pool-f64-global-ts', fn: global_average_pool_f64_global__ts },
  { op: 'GlobalMaxPool', template: 'pool', dtype: 'float64', tile: 'global', variant: 'global-max-pool-f64-global-ts', fn: global_max_pool_f64_global__ts },
  { op: 'Transpose', template: 'transpose', dtype: 'float32', tile: 'swap2d', variant: 'transpose-f32-swap2d-ts', fn: transpose_f32_swap2d__ts },
  { op: 'Transpose', template: 'transpose', dtype: 'float32', tile: 'general', variant: 'transpose-f32-general-ts', fn: transpose_f32_general__ts },
  { op: 'Gather', template: 'gather', dtype: 'float32', tile: 'blocks', variant: 'gather-f32-blocks-ts', fn: gather_f32_blocks__ts },
  { op: 'Slice', template: 'slice', dtype: 'float32', tile: 'runs', variant: 'slice-f32-runs-ts', fn: slice_f32_runs__ts },
  { op: 'Transpose', template: 'transpose', dtype: 'float64', tile: 'swap2d', variant: 'transpose-f64-swap2d-ts', fn: transpose_f64_swap2d__ts },
  { op: 'Transpose', template: 'transpose', dtype: 'float64', tile: 'general', variant: 'transpose-f64-general-ts', fn: transpose_f64_general__ts },
  { op: 'Gather', template: 'gather', dtype: 'float64', tile: 'blocks', variant: 'gather-f64-blocks-ts', fn: gather_f64_blocks__ts },
  { op: 'Slice', template: 'slice', dtype: 'float64', tile: 'runs', variant: 'slice-f64-runs-ts', fn: slice_f64_runs__ts },
  { op: 'Transpose', template: 'transpose', dtype: 'int64', tile: 'swap2d', variant: 'transpose-i64-swap2d-ts', fn: transpose_i64_swap2d__ts },
  { op: 'Transpose', template: 'transpose', dtype: 'int64', tile: 'general', variant: 'transpose-i64-general-ts', fn: transpose_i64_general__ts },
  { op: 'Gather', template: 'gather', dtype: 'int64', tile: 'blocks', variant: 'gather-i64-blocks-ts', fn: gather_i64_blocks__ts },
  { op: 'Slice', template: 'slice', dtype: 'int64', tile: 'runs', variant: 'slice-i64-runs-ts', fn: slice_i64_runs__ts },
  { op: 'Resize', template: 'resize', dtype: 'float32', tile: 'nearest2d', variant: 'resize-f32-nearest2d-ts', fn: resize_f32_nearest2d__ts },
  { op: 'Resize', template: 'resize', dtype: 'float32', tile: 'linear2d', variant: 'resize-f32-linear2d-ts', fn: resize_f32_linear2d__ts },
  { op: 'Resize', template: 'resize', dtype: 'float64', tile: 'nearest2d', variant: 'resize-f64-nearest2d-ts', fn: resize_f64_nearest2d__ts },
  { op: 'Resize', template: 'resize', dtype: 'float64', tile: 'linear2d', variant: 'resize-f64-linear2d-ts', fn: resize_f64_linear2d__ts },
  { op: 'LSTM', template: 'recurrent', dtype: 'float32', tile: 'sequence', variant: 'lstm-f32-sequence-ts', fn: lstm_f32_sequence__ts },
  { op: 'LSTM', template: 'recurrent', dtype: 'float64', tile: 'sequence', variant: 'lstm-f64-sequence-ts', fn: lstm_f64_sequence__ts },
  { op: 'GRU', template: 'recurrent', dtype: 'float32', tile: 'sequence', variant: 'gru-f32-sequence-ts', fn: gru_f32_sequence__ts },
  { op: 'GRU', template: 'recurrent', dtype: 'float64', tile: 'sequence', variant: 'gru-f64-sequence-ts', fn: gru_f64_sequence__ts },
  { op: 'ConvTranspose', template: 'convtranspose', dtype: 'float32', tile: 'col2im', variant: 'conv-transpose-f32-col2im-ts', fn: conv_transpose_f32_col2im__ts },
  { op: 'ConvTranspose', template: 'convtranspose', dtype: 'float64', tile: 'col2im', variant: 'conv-transpose-f64-col2im-ts', fn: conv_transpose_f64_col2im__ts },
];

/** The cpu KernelConfigs: the generated kernels wrapped per op by the families in families.ts. */
export const CPU_KERNELS: readonly KernelConfig[] = buildCpuKernels(GENERATED_CPU_KERNELS);
