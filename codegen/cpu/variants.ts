/**
 * Every kernel the `cpu` provider gets, one line per emitted file (XNNPACK style). Adding a line and
 * running `npm run codegen` emits `src/kernels/cpu/<op>-<dtype>-<tile>-ts.gen.ts` and its entry in
 * the generated index; test/cpu/variants.test.ts checks every line against the reference kernel.
 *
 * Fields: `op` (the ONNX op the file serves), `template` (codegen/cpu/templates.ts), `dtype`, and the
 * specialization: `broadcast` for elementwise ops, `tile` for the rest (the register block of
 * GEMM, the layout case of Conv/Softmax/Reduce/Pool/Transpose/Gather).
 */
import type { DType } from '../../src/ir/dtype.js';

/** How a binary op's operands line up (chosen per call in src/kernels/cpu/selection.ts). */
export type Broadcast = 'same' | 'scalar' | 'trailing' | 'strided';

/** One line of the list: the op, the template that emits it, the dtype and the specialization. */
export type Variant =
  | { op: string; template: 'unary'; dtype: DType }
  | { op: string; template: 'binary' | 'variadic'; dtype: DType; broadcast: Broadcast }
  | { op: string; template: 'gemm'; dtype: DType; tile: '2x4' }
  | { op: string; template: 'conv'; dtype: DType; tile: 'depthwise' | 'im2col' | 'winograd' | 'winograd4' }
  | { op: string; template: 'softmax'; dtype: DType; tile: 'lastaxis' | 'strided' }
  | { op: string; template: 'layernorm'; dtype: DType; tile: 'lastaxis' }
  | { op: string; template: 'batchnorm'; dtype: DType; tile: 'channel' }
  | { op: string; template: 'reduce'; dtype: DType; tile: 'lastaxis' | 'middle' | 'general' }
  | { op: string; template: 'pool'; dtype: DType; tile: '2d' | 'global' }
  | { op: string; template: 'transpose'; dtype: DType; tile: 'swap2d' | 'general' }
  | { op: string; template: 'gather'; dtype: DType; tile: 'blocks' }
  | { op: string; template: 'slice'; dtype: DType; tile: 'runs' }
  | { op: string; template: 'resize'; dtype: DType; tile: 'nearest2d' | 'linear2d' }
  | { op: string; template: 'recurrent'; dtype: DType; tile: 'sequence' }
  | { op: string; template: 'convtranspose'; dtype: DType; tile: 'col2im' };

const F = ['float32', 'float64'] as const;
const BROADCASTS = ['same', 'scalar', 'trailing', 'strided'] as const;

/** Unary ops whose `scalar` (from defineUnaryOp) is compiled into a float kernel. */
const UNARY_OPS = [
  // activations (src/ir/ops/math/activations.ts)
  'Relu', 'Sigmoid', 'LeakyRelu', 'Elu', 'Selu', 'HardSigmoid', 'HardSwish', 'Mish', 'Softplus', 'Softsign',
  'ThresholdedRelu', 'Shrink', 'Gelu', 'Swish',
  // elementary (unary.ts) and trigonometric (trigonometric.ts)
  'Abs', 'Neg', 'Sign', 'Reciprocal', 'Sqrt', 'Exp', 'Log', 'Ceil', 'Floor', 'Round', 'Erf',
  'Sin', 'Cos', 'Tan', 'Asin', 'Acos', 'Atan', 'Sinh', 'Cosh', 'Asinh', 'Acosh', 'Atanh', 'Tanh',
] as const;

/** Binary ops whose `scalar` (from defineBinaryOp) is compiled, one file per broadcast case. */
const BINARY_OPS = ['Add', 'Sub', 'Mul', 'Div', 'Pow'] as const;
/** Variadic ops whose fold function (foldVariadic in the spec) is compiled pairwise. */
const VARIADIC_OPS = ['Max', 'Min', 'Sum'] as const;

/** Every emitted cpu kernel, one line each (the generator's input; the variant tests derive from it too). */
export const CPU_VARIANTS: readonly Variant[] = [
  ...UNARY_OPS.flatMap((op) => F.map((dtype) => ({ op, template: 'unary' as const, dtype }))),
  // Celu is float32-only in ONNX.
  { op: 'Celu', template: 'unary', dtype: 'float32' },
  ...BINARY_OPS.flatMap((op) => F.flatMap((dtype) => BROADCASTS.map((broadcast) => ({ op, template: 'binary' as const, dtype, broadcast })))),
  ...VARIADIC_OPS.flatMap((op) => F.flatMap((dtype) => BROADCASTS.map((broadcast) => ({ op, template: 'variadic' as const, dtype, broadcast })))),
  // One GEMM core serves MatMul, Gemm, Conv and their fused forms.
  { op: 'Gemm', template: 'gemm', dtype: 'float32', tile: '2x4' },
  { op: 'Gemm', template: 'gemm', dtype: 'float64', tile: '2x4' },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'im2col' },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'im2col' },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'depthwise' },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'depthwise' },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'winograd' },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'winograd' },
  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'winograd4' },
  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'winograd4' },
  ...F.flatMap((dtype) => (['lastaxis', 'strided'] as const).flatMap((tile) => [
    { op: 'Softmax', template: 'softmax' as const, dtype, tile },
    { op: 'LogSoftmax', template: 'softmax' as const, dtype, tile },
  ])),
  ...F.flatMap((dtype) => [
    { op: 'LayerNormalization', template: 'layernorm' as const, dtype, tile: 'lastaxis' as const },
    { op: 'BatchNormalization', template: 'batchnorm' as const, dtype, tile: 'channel' as const },
  ]),
  ...(['ReduceSum', 'ReduceMean', 'ReduceMax'] as const).flatMap((op) => F.flatMap((dtype) =>
    (['lastaxis', 'middle', 'general'] as const).map((tile) => ({ op, template: 'reduce' as const, dtype, tile })))),
  ...F.flatMap((dtype) => [
    { op: 'MaxPool', template: 'pool' as const, dtype, tile: '2d' as const },
    { op: 'AveragePool', template: 'pool' as const, dtype, tile: '2d' as const },
    { op: 'GlobalAveragePool', template: 'pool' as const, dtype, tile: 'global' as const },
    { op: 'GlobalMaxPool', template: 'pool' as const, dtype, tile: 'global' as const },
  ]),
  ...(['float32', 'float64', 'int64'] as const).flatMap((dtype) => [
    { op: 'Transpose', template: 'transpose' as const, dtype, tile: 'swap2d' as const },
    { op: 'Transpose', template: 'transpose' as const, dtype, tile: 'general' as const },
    { op: 'Gather', template: 'gather' as const, dtype, tile: 'blocks' as const },
    { op: 'Slice', template: 'slice' as const, dtype, tile: 'runs' as const },
  ]),
  // Nearest upsampling by whole factors on the last two axes (U-Net/YOLO-style decoders), and
  // bilinear resampling of the last two axes by any scale (nn.Upsample(mode='bilinear')).
  ...F.flatMap((dtype) => (['nearest2d', 'linear2d'] as const).map((tile) => ({ op: 'Resize', template: 'resize' as const, dtype, tile }))),
  // One direction of a recurrent layer over the whole sequence (codegen/cpu/templates-recurrent.ts).
  ...(['LSTM', 'GRU'] as const).flatMap((op) => F.map((dtype) => ({ op, template: 'recurrent' as const, dtype, tile: 'sequence' as const }))),
  // ConvTranspose: the GEMM core (Wᵀ·X) then col2im (U-Net decoders, GAN generators).
  ...F.map((dtype) => ({ op: 'ConvTranspose', template: 'convtranspose' as const, dtype, tile: 'col2im' as const })),
];

/** `f32` for float32: the dtype part of file and symbol names. */
export function dtypeTag(d: DType): string {
  return ({ float32: 'f32', float64: 'f64', int64: 'i64', int32: 'i32' } as Record<string, string>)[d] ?? d;
}

/** The specialization part of the names: the broadcast case or the tile. */
export function tileOf(v: Variant): string {
  if ('broadcast' in v) return v.broadcast;
  if ('tile' in v) return v.tile;
  return 'flat';
}

/** `relu-f32-flat-ts.gen.ts` */
export function fileName(v: Variant): string {
  return `${kebab(v.op)}-${dtypeTag(v.dtype)}-${tileOf(v)}-ts.gen.ts`;
}

/** `relu_f32_flat__ts` */
export function symbolName(v: Variant): string {
  return `${snake(v.op)}_${dtypeTag(v.dtype)}_${tileOf(v).replace(/\W/g, '_')}__ts`;
}

/** `'Relu' float32 flat` as variant labels in tests and the profiler: `relu-f32-flat-ts`. */
export function variantName(v: Variant): string {
  return fileName(v).replace(/\.gen\.ts$/, '');
}

function kebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
function snake(s: string): string {
  return kebab(s).replace(/-/g, '_');
}
