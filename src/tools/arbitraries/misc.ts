/**
 * Arbitraries for the smaller families: casts, quantization, ai.onnx.ml, signal (DFT, STFT,
 * windows, mel matrix), strings, sequences and optionals, the training preview ops, and the
 * com.onnx-ts fused ops that only the optimizer emits.
 */
import fc from 'fast-check';
import { ONNX_DATA_TYPE, type DType } from '../../ir/dtype.js';
import { Tensor, sizeOf } from '../../ir/tensor.js';
import type { AttrLite } from '../model-builder.js';
import {
  type CaseArbitrary, FLOATS, axisArb, broadcastShapesArb, dtypeArb, floatAttr, ints, inputsOf, konst, makeCase, scalar, shapeArb, tensorArb,
} from './case.js';

const ML = 'ai.onnx.ml';
const TRAINING = 'ai.onnx.preview.training';
const FUSED = 'com.onnx-ts';
const CASTABLE: readonly DType[] = ['float32', 'float64', 'float16', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'bool'];
const f32 = (values: number[], dims = [values.length]) => new Tensor('float32', Float32Array.from(values), dims);

/**
 * Cast values: float → integer casts of NaN, ±Inf or out-of-range values are undefined (C
 * conversion), and float → unsigned of negatives too, so those stay in range; float → float
 * casts get the edge values.
 */
function castValues(from: DType, to: DType) {
  const fromFloat = from.startsWith('float');
  if (fromFloat && to !== 'bool' && !to.startsWith('float')) return { min: to.startsWith('u') ? 0 : -100, max: 100 };
  return { min: -100, max: 100, edges: fromFloat };
}

const castArb = (op: 'Cast' | 'CastLike') => fc.tuple(dtypeArb(CASTABLE), dtypeArb(CASTABLE), shapeArb())
  .chain(([from, to, dims]) => tensorArb(from, dims, castValues(from, to))
    .map((x) => (op === 'Cast' ? makeCase('Cast', inputsOf(x), { to: ONNX_DATA_TYPE[to] })
      : makeCase('CastLike', inputsOf(x, Tensor.fromValues(to, [0], []))))));

/** BitCast pairs of equal width. */
const BITCAST: [DType, DType][] = [['float32', 'int32'], ['int32', 'float32'], ['float32', 'uint32'], ['float16', 'int16'], ['uint16', 'float16'],
  ['float64', 'int64'], ['int64', 'float64'], ['int8', 'uint8'], ['uint8', 'int8']];

function quantParams(x: Tensor, perAxis: boolean, axis: number, zpType: DType) {
  const len = perAxis && x.dims.length ? x.dims[axis < 0 ? axis + x.dims.length : axis] : 0;
  const dims = perAxis && x.dims.length ? [len] : [];
  return fc.tuple(fc.array(fc.constantFrom(0.5, 1, 2, 0.25, 0.1), { minLength: sizeOf(dims), maxLength: sizeOf(dims) }), tensorArb(zpType, dims, { min: -10, max: 10 }))
    .map(([scales, zp]) => ({ scale: f32(scales, dims), zp }));
}

const quantizeArb = fc.tuple(shapeArb({ minRank: 0, maxRank: 3 }), dtypeArb(['uint8', 'int8', 'uint8', 'int16', 'uint16']), fc.boolean(), fc.boolean(), fc.constantFrom(0, 1))
  .chain(([dims, zt, perAxis, withZp, saturate]) => axisArb(dims.length).chain((axis) =>
    // Exact halves after dividing by the scale exercise round-half-to-even; ±300 exercises saturation.
    tensorArb('float32', dims, { min: -300, max: 300 }).chain((x) => quantParams(x, perAxis, axis, zt)
      // Without a zero point the output is uint8, so only uint8 cases leave it out.
      .map(({ scale, zp }) => makeCase('QuantizeLinear', inputsOf(x, scale, withZp || zt !== 'uint8' ? zp : undefined), { axis, saturate })))));

const dequantizeArb = fc.tuple(shapeArb({ minRank: 0, maxRank: 3 }), dtypeArb(['uint8', 'int8', 'int32', 'int16', 'uint16']), fc.boolean(), fc.boolean())
  .chain(([dims, xt, perAxis, withZp]) => axisArb(dims.length).chain((axis) => tensorArb(xt, dims, { min: -128, max: 255 })
    .chain((x) => quantParams(x, perAxis, axis, xt).map(({ scale, zp }) =>
      // An int32 zero point must be 0 (the operator text); it is left out instead.
      makeCase('DequantizeLinear', inputsOf(x, scale, withZp && xt !== 'int32' ? zp : undefined), { axis })))));

const u8orI8 = dtypeArb(['uint8', 'int8']);
const matmulIntegerArb = fc.tuple(u8orI8, u8orI8, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean())
  .chain(([ta, tb, m, k, n, zps]) => fc.tuple(tensorArb(ta, [m, k], { min: -128, max: 255 }), tensorArb(tb, [k, n], { min: -128, max: 255 }), tensorArb(ta, [], { min: -5, max: 5 }), tensorArb(tb, [], { min: -5, max: 5 }))
    .map(([a, b, za, zb]) => makeCase('MatMulInteger', inputsOf(a, b, zps ? za : undefined, zps ? zb : undefined))));

const qlinearMatMulArb = fc.tuple(u8orI8, u8orI8, u8orI8, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([ta, tb, ty, m, k, n]) => fc.tuple(tensorArb(ta, [m, k], { min: -128, max: 255 }), tensorArb(tb, [k, n], { min: -128, max: 255 }),
    tensorArb(ta, [], { min: -5, max: 5 }), tensorArb(tb, [], { min: -5, max: 5 }), tensorArb(ty, [], { min: -5, max: 5 }),
    fc.constantFrom(0.05, 0.1, 0.5), fc.constantFrom(0.05, 0.1, 0.5), fc.constantFrom(1, 4, 16))
    .map(([a, b, za, zb, zy, sa, sb, sy]) => makeCase('QLinearMatMul', inputsOf(a, f32([sa], []), za, b, f32([sb], []), zb, f32([sy], []), zy))));

const convIntegerShape = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 1 }));
const convIntegerArb = fc.tuple(u8orI8, u8orI8, convIntegerShape, fc.boolean()).chain(([tx, tw, [c, m, h, w, k, pad], zps]) =>
  fc.tuple(tensorArb(tx, [1, c, h, w], { min: -128, max: 255 }), tensorArb(tw, [m, c, k, k], { min: -128, max: 255 }), tensorArb(tx, [], { min: -3, max: 3 }), tensorArb(tw, [], { min: -3, max: 3 }))
    .map(([x, wt, zx, zw]) => makeCase('ConvInteger', inputsOf(x, wt, zps ? zx : undefined, zps ? zw : undefined), { kernel_shape: { ints: [k, k] }, pads: { ints: [pad, pad, pad, pad] } })));
const qlinearConvArb = fc.tuple(u8orI8, u8orI8, u8orI8, convIntegerShape, fc.boolean()).chain(([tx, tw, ty, [c, m, h, w, k, pad], withBias]) =>
  fc.tuple(tensorArb(tx, [1, c, h, w], { min: -128, max: 255 }), tensorArb(tw, [m, c, k, k], { min: -128, max: 255 }), tensorArb(tx, [], { min: -3, max: 3 }),
    tensorArb(ty, [], { min: -3, max: 3 }), tensorArb('int32', [m], { min: -100, max: 100 }), fc.constantFrom(0.05, 0.5), fc.constantFrom(1, 8, 64))
    // Symmetric weights (zero point 0): onnxruntime and the operator text both allow only that for int8 weights.
    .map(([x, wt, zx, zy, b, s, sy]) => makeCase('QLinearConv', inputsOf(x, f32([s], []), zx, wt, f32([0.5], []), Tensor.fromValues(tw, [], [0]), f32([sy], []), zy, withBias ? b : undefined),
      { kernel_shape: { ints: [k, k] }, pads: { ints: [pad, pad, pad, pad] } })));

/** One-split trees ("stumps") over `features` features, shared by both tree-ensemble encodings. */
const stumps = (features: number) => fc.array(fc.record({
  feature: fc.integer({ min: 0, max: features - 1 }), split: fc.integer({ min: -4, max: 4 }).map((v) => v / 2),
  mode: fc.constantFrom(0, 1, 2, 3, 4, 5), target: fc.integer({ min: 0, max: 1 }), other: fc.integer({ min: 0, max: 1 }),
  weights: fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -8, max: 8 })).map(([a, b]) => [a / 4, b / 4]),
}), { minLength: 1, maxLength: 3 });
const MODE_NAMES = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ'];

const treeEnsembleArb = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.constantFrom(0, 1, 2, 3))
  .chain(([n, features, targets, agg]) => fc.tuple(stumps(features), tensorArb('float32', [n, features], { min: -3, max: 3, integral: true })).map(([trees, x]) => {
    const t = trees.length;
    return makeCase('TreeEnsemble', inputsOf(x), {
      n_targets: targets, aggregate_function: agg, post_transform: 0,
      tree_roots: { ints: trees.map((_, i) => i) }, nodes_featureids: { ints: trees.map((s) => s.feature) },
      nodes_splits: f32(trees.map((s) => s.split)), nodes_modes: Tensor.fromValues('uint8', [t], trees.map((s) => s.mode)),
      nodes_truenodeids: { ints: trees.map((_, i) => 2 * i) }, nodes_trueleafs: { ints: trees.map(() => 1) },
      nodes_falsenodeids: { ints: trees.map((_, i) => 2 * i + 1) }, nodes_falseleafs: { ints: trees.map(() => 1) },
      leaf_targetids: { ints: trees.flatMap((s) => [s.target % targets, s.other % targets]) }, leaf_weights: f32(trees.flatMap((s) => s.weights)),
    }, 1, { domain: ML, domainOpset: 5 });
  }));

const treeEnsembleRegressorArb = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.constantFrom('SUM', 'AVERAGE', 'MIN', 'MAX'))
  .chain(([n, features, targets, agg]) => fc.tuple(stumps(features), tensorArb('float32', [n, features], { min: -3, max: 3, integral: true })).map(([trees, x]) => {
    const per = <T>(f: (s: (typeof trees)[number], i: number) => T[]) => trees.flatMap(f);
    return makeCase('TreeEnsembleRegressor', inputsOf(x), {
      n_targets: targets, aggregate_function: agg, post_transform: 'NONE',
      nodes_treeids: { ints: per((_, i) => [i, i, i]) }, nodes_nodeids: { ints: per(() => [0, 1, 2]) },
      nodes_featureids: { ints: per((s) => [s.feature, 0, 0]) }, nodes_modes: per((s) => [MODE_NAMES[s.mode], 'LEAF', 'LEAF']),
      nodes_values: { floats: per((s) => [s.split, 0, 0]) }, nodes_truenodeids: { ints: per(() => [1, 0, 0]) }, nodes_falsenodeids: { ints: per(() => [2, 0, 0]) },
      target_treeids: { ints: per((_, i) => [i, i]) }, target_nodeids: { ints: per(() => [1, 2]) },
      target_ids: { ints: per((s) => [s.target % targets, s.other % targets]) }, target_weights: { floats: per((s) => s.weights) },
    }, 1, { domain: ML, domainOpset: 3 });
  }));

const labelEncoderArb = fc.tuple(fc.uniqueArray(fc.integer({ min: -3, max: 5 }), { minLength: 1, maxLength: 5 }), fc.constantFrom('floats', 'strings', 'int64s'), shapeArb({ minRank: 1, maxRank: 2 }))
  .chain(([keys, kind, dims]) => fc.tuple(tensorArb('int64', dims, { min: -3, max: 5 }), fc.array(fc.integer({ min: -9, max: 9 }), { minLength: keys.length, maxLength: keys.length }))
    .map(([x, vals]) => {
      const attrs: Record<string, AttrLite> = { keys_int64s: { ints: keys } };
      if (kind === 'floats') Object.assign(attrs, { values_floats: { floats: vals.map((v) => v / 2) }, default_float: { float: -1.5 } });
      if (kind === 'strings') Object.assign(attrs, { values_strings: vals.map((v) => `s${v}`), default_string: 'none' });
      if (kind === 'int64s') Object.assign(attrs, { values_int64s: { ints: vals }, default_int64: 42 });
      return makeCase('LabelEncoder', inputsOf(x), attrs, 1, { domain: ML, domainOpset: 4 });
    }));

const windowArb = (op: string) => fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 1), fc.constantFrom(1, 11), dtypeArb(['int64', 'int32']))
  .map(([size, periodic, out, it]) => makeCase(op, inputsOf(scalar(it, size)), { periodic, output_datatype: out }));

const STRINGS = ['', 'a', 'ab', 'Hello', 'WORLD', 'x y', 'the cat', 'A b C', 'aa bb', 'stop'];
const stringTensor = (dims: number[]) => fc.array(fc.constantFrom(...STRINGS), { minLength: sizeOf(dims), maxLength: sizeOf(dims) }).map((v) => new Tensor('string', v, dims));

/** A sequence of 0..3 tensors of one dtype and shape. */
const sequenceArb = (minLength = 0) => fc.tuple(dtypeArb(['float32', 'int64', 'int32']), shapeArb({ maxRank: 2 }), fc.integer({ min: minLength, max: 3 }))
  .chain(([dt, dims, n]) => fc.array(tensorArb(dt, dims), { minLength: n, maxLength: n }));

const trainingArb = (op: 'Adagrad' | 'Adam' | 'Momentum') => fc.tuple(dtypeArb(['float32', 'float64']), shapeArb({ minRank: 1, maxRank: 2 }), fc.integer({ min: 0, max: 3 }))
  .chain(([dt, dims, step]) => {
    const perTensor = op === 'Adagrad' ? 3 : op === 'Adam' ? 4 : 3;
    return fc.tuple(fc.array(tensorArb(dt, dims, { min: 0, max: 2 }), { minLength: perTensor, maxLength: perTensor }), fc.constantFrom(0.1, 0.01))
      .map(([ts, r]) => {
        const attrs: Record<string, AttrLite> = op === 'Momentum' ? { alpha: { float: 0.9 }, beta: { float: 0.1 }, mode: 'standard', norm_coefficient: { float: 0.01 } }
          : op === 'Adagrad' ? { decay_factor: { float: 0.1 }, epsilon: { float: 1e-6 }, norm_coefficient: { float: 0.01 } } : { epsilon: { float: 1e-6 } };
        return makeCase(op, inputsOf(scalar(dt, r), scalar('int64', step), ...ts), attrs, perTensor - 1, { domain: TRAINING, domainOpset: 1 });
      });
  });

export const miscArbitraries: Record<string, CaseArbitrary> = {
  Cast: castArb('Cast'),
  CastLike: castArb('CastLike'),
  BitCast: fc.tuple(fc.constantFrom(...BITCAST), shapeArb()).chain(([[from, to], dims]) =>
    tensorArb(from, dims, { min: -100, max: 100 }).map((x) => makeCase('BitCast', inputsOf(x), { to: ONNX_DATA_TYPE[to] }))),

  QuantizeLinear: quantizeArb,
  DequantizeLinear: dequantizeArb,
  DynamicQuantizeLinear: fc.tuple(shapeArb({ minRank: 1 })).chain(([dims]) => tensorArb('float32', dims, { min: -5, max: 5 })
    .map((x) => makeCase('DynamicQuantizeLinear', inputsOf(x), {}, 3))),
  MatMulInteger: matmulIntegerArb,
  QLinearMatMul: qlinearMatMulArb,
  ConvInteger: convIntegerArb,
  QLinearConv: qlinearConvArb,

  'ai.onnx.ml.ArrayFeatureExtractor': fc.tuple(dtypeArb(['float32', 'float64', 'int64', 'int32', 'string']), shapeArb({ minRank: 1, maxRank: 2 }), fc.integer({ min: 1, max: 3 }))
    .chain(([dt, dims, n]) => fc.tuple(tensorArb(dt, dims), fc.array(fc.integer({ min: 0, max: dims[dims.length - 1] - 1 }), { minLength: n, maxLength: n }))
      .map(([x, idx]) => makeCase('ArrayFeatureExtractor', inputsOf(x, ints(idx)), {}, 1, { domain: ML, domainOpset: 1 }))),
  'ai.onnx.ml.Binarizer': fc.tuple(dtypeArb(['float32', 'float64', 'int64', 'int32']), shapeArb(), floatAttr(0, 0.5, -1))
    .chain(([dt, dims, threshold]) => tensorArb(dt, dims, { min: -3, max: 3 }).map((x) => makeCase('Binarizer', inputsOf(x), { threshold }, 1, { domain: ML, domainOpset: 1 }))),
  'ai.onnx.ml.LabelEncoder': labelEncoderArb,
  'ai.onnx.ml.TreeEnsemble': treeEnsembleArb,
  'ai.onnx.ml.TreeEnsembleRegressor': treeEnsembleRegressorArb,

  // DFT (opset 20: axis as an input): real or complex signals, onesided for real forward transforms.
  DFT: fc.tuple(dtypeArb(['float32', 'float64']), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom(1, 2), fc.constantFrom(0, 1), fc.option(fc.integer({ min: 1, max: 8 })))
    .chain(([dt, b, n, comps, inverse, len]) => {
      const onesided = inverse === 0 && comps === 1 ? 1 : 0;
      return fc.tuple(tensorArb(dt, [b, n, comps], { min: -3, max: 3 }), fc.constantFrom(0, 1)).map(([x, os]) =>
        makeCase('DFT', inputsOf(x, len === null ? undefined : konst(scalar('int64', len)), konst(scalar('int64', 1))), { inverse, onesided: onesided && os }));
    }),
  STFT: fc.tuple(dtypeArb(['float32', 'float64']), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 8 }), fc.constantFrom(0, 1), fc.boolean())
    .chain(([dt, frame, step, extra, onesided, withWindow]) => fc.tuple(tensorArb(dt, [1, frame + extra, 1], { min: -3, max: 3 }), tensorArb(dt, [frame], { min: 0, max: 1 }))
      .map(([x, w]) => makeCase('STFT', inputsOf(x, konst(scalar('int64', step)), withWindow ? w : undefined, konst(scalar('int64', frame))), { onesided }))),
  HannWindow: windowArb('HannWindow'),
  HammingWindow: windowArb('HammingWindow'),
  BlackmanWindow: windowArb('BlackmanWindow'),
  MelWeightMatrix: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom(8, 10, 16), fc.constantFrom(8000, 16000), fc.constantFrom(0, 100, 300), fc.constantFrom(2000, 3900))
    .map(([bins, dft, rate, lo, hi]) => makeCase('MelWeightMatrix', inputsOf(scalar('int64', bins), scalar('int64', dft), scalar('int64', rate), f32([lo], []), f32([hi], [])))),

  StringNormalizer: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.constantFrom('NONE', 'LOWER', 'UPPER'), fc.constantFrom(0, 1), fc.subarray(['stop', 'a', 'Hello']))
    .chain(([n, twoD, action, sensitive, stopwords]) => stringTensor(twoD ? [1, n] : [n]).map((x) =>
      makeCase('StringNormalizer', inputsOf(x), { case_change_action: action, is_case_sensitive: sensitive, ...(stopwords.length ? { stopwords } : {}) }))),
  StringSplit: fc.tuple(shapeArb({ maxRank: 2, maxDim: 3 }), fc.option(fc.constantFrom(' ', 'a', 'b ')), fc.option(fc.integer({ min: 0, max: 2 })))
    .chain(([dims, delimiter, maxsplit]) => stringTensor(dims).map((x) =>
      makeCase('StringSplit', inputsOf(x), { ...(delimiter === null ? {} : { delimiter }), ...(maxsplit === null ? {} : { maxsplit }) }, 2))),
  StringConcat: broadcastShapesArb(2, { maxRank: 2 }).chain(([a, b]) => fc.tuple(stringTensor(a), stringTensor(b)).map(([x, y]) => makeCase('StringConcat', inputsOf(x, y)))),
  RegexFullMatch: fc.tuple(shapeArb({ maxRank: 2 }), fc.constantFrom('a.*', '[a-z]+', 'H.*o', '.*b', '(\\w+) (\\w+)', '')).chain(([dims, pattern]) =>
    stringTensor(dims).map((x) => makeCase('RegexFullMatch', inputsOf(x), { pattern }))),
  TfIdfVectorizer: fc.tuple(fc.constantFrom('TF', 'IDF', 'TFIDF'), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.boolean(), fc.integer({ min: 1, max: 8 }))
    .filter(([, lo, hi]) => lo <= hi)
    .chain(([mode, minGram, maxGram, skip, batched, n]) => tensorArb('int64', batched ? [2, n] : [n], { min: 0, max: 4 }).map((x) =>
      // Pool: unigrams 1 2 3, bigrams (1,2) (2,3); five output slots.
      makeCase('TfIdfVectorizer', inputsOf(x), {
        mode, min_gram_length: minGram, max_gram_length: maxGram, max_skip_count: skip,
        pool_int64s: { ints: [1, 2, 3, 1, 2, 2, 3] }, ngram_counts: { ints: [0, 3] }, ngram_indexes: { ints: [0, 1, 2, 3, 4] },
        ...(mode === 'TF' ? {} : { weights: { floats: [0.5, 1, 2, 1.5, 0.25] } }),
      }))),

  SequenceConstruct: sequenceArb(1).map((xs) => makeCase('SequenceConstruct', inputsOf(...xs))),
  SequenceEmpty: fc.constantFrom(1, 7, 6, 11).map((dtype) => makeCase('SequenceEmpty', [], { dtype })),
  SequenceAt: sequenceArb(1).chain((s) => fc.integer({ min: -s.length, max: s.length - 1 }).map((p) => makeCase('SequenceAt', inputsOf(s, scalar('int64', p))))),
  SequenceInsert: sequenceArb(0).chain((s) => fc.tuple(fc.option(fc.integer({ min: -s.length, max: s.length })), s.length ? tensorArb(s[0].type, s[0].dims) : tensorArb('float32', [2])).map(([p, t]) =>
    makeCase('SequenceInsert', inputsOf(s, t, p === null ? undefined : scalar('int64', p))))),
  SequenceErase: sequenceArb(1).chain((s) => fc.option(fc.integer({ min: -s.length, max: s.length - 1 })).map((p) =>
    makeCase('SequenceErase', inputsOf(s, p === null ? undefined : scalar('int64', p))))),
  SequenceLength: sequenceArb(0).filter((s) => s.length > 0).map((s) => makeCase('SequenceLength', inputsOf(s))),
  SplitToSequence: fc.tuple(dtypeArb(['float32', 'int64']), shapeArb({ minRank: 1, maxRank: 3 }), fc.constantFrom('none', 'scalar', 'sizes'), fc.constantFrom(0, 1))
    .chain(([dt, dims, form, keepdims]) => axisArb(dims.length).chain((axis) => {
      const len = dims[axis < 0 ? axis + dims.length : axis];
      return fc.tuple(tensorArb(dt, dims), fc.integer({ min: 1, max: len }), fc.array(fc.boolean(), { minLength: len, maxLength: len })).map(([x, chunk, cuts]) => {
        const sizes: number[] = [];
        let run = 0;
        cuts.forEach((cut, i) => { run++; if (cut || i === len - 1) { sizes.push(run); run = 0; } });
        const split = form === 'none' ? undefined : form === 'scalar' ? konst(scalar('int64', chunk)) : konst(ints(sizes));
        return makeCase('SplitToSequence', inputsOf(x, split), { axis, keepdims });
      });
    })),
  ConcatFromSequence: fc.tuple(dtypeArb(['float32', 'int64']), shapeArb({ minRank: 1, maxRank: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 1))
    .chain(([dt, dims, n, newAxis]) => axisArb(dims.length + newAxis).chain((axis) => {
      const a = axis < 0 ? axis + dims.length + newAxis : axis;
      const sizes = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n });
      return sizes.chain((ss) => fc.tuple(...ss.map((s) => tensorArb(dt, newAxis ? dims : dims.map((d, i) => (i === a ? s : d))))))
        .map((xs) => makeCase('ConcatFromSequence', inputsOf(xs), { axis, new_axis: newAxis }));
    })),
  Optional: fc.tuple(dtypeArb(['float32', 'int64']), shapeArb()).chain(([dt, dims]) => tensorArb(dt, dims).map((x) => makeCase('Optional', inputsOf(x)))),
  OptionalHasElement: fc.tuple(dtypeArb(['float32', 'int64']), shapeArb()).chain(([dt, dims]) => tensorArb(dt, dims).map((x) => makeCase('OptionalHasElement', inputsOf(x)))),
  OptionalGetElement: fc.oneof(
    fc.tuple(dtypeArb(['float32', 'int64']), shapeArb()).chain(([dt, dims]) => tensorArb(dt, dims).map((x) => makeCase('OptionalGetElement', inputsOf(x)))),
    sequenceArb(0).map((s) => makeCase('OptionalGetElement', inputsOf(s)))),

  'ai.onnx.preview.training.Adagrad': trainingArb('Adagrad'),
  'ai.onnx.preview.training.Adam': trainingArb('Adam'),
  'ai.onnx.preview.training.Momentum': trainingArb('Momentum'),

  'com.onnx-ts.FusedMatMul': fc.tuple(dtypeArb(['float32', 'float64']), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.constantFrom('', 'Relu', 'Sigmoid'))
    .chain(([dt, m, k, n, bias, activation]) => fc.tuple(tensorArb(dt, [m, k], { min: -2, max: 2 }), tensorArb(dt, [k, n], { min: -2, max: 2 }), tensorArb(dt, [n], { min: -2, max: 2 }))
      .map(([a, b, c]) => makeCase('FusedMatMul', inputsOf(a, b, bias ? c : undefined), { activation }, 1, { domain: FUSED, domainOpset: 1 }))),
  'com.onnx-ts.Gelu': fc.tuple(dtypeArb(FLOATS), shapeArb()).chain(([dt, dims]) => tensorArb(dt, dims, { edges: true })
    .map((x) => makeCase('Gelu', inputsOf(x), {}, 1, { domain: FUSED, domainOpset: 1 }))),
  'com.onnx-ts.LayerNormalization': fc.tuple(dtypeArb(['float32', 'float64']), shapeArb({ minRank: 1 }), fc.boolean()).chain(([dt, dims, withB]) =>
    fc.tuple(tensorArb(dt, dims, { min: -5, max: 5 }), tensorArb(dt, dims.slice(-1), { min: -2, max: 2 }), tensorArb(dt, dims.slice(-1), { min: -2, max: 2 }))
      .map(([x, s, b]) => makeCase('LayerNormalization', inputsOf(x, s, withB ? b : undefined), {}, 1, { domain: FUSED, domainOpset: 1 }))),
  'com.onnx-ts.SkipLayerNormalization': fc.tuple(dtypeArb(['float32', 'float64']), shapeArb({ minRank: 1 }), fc.boolean(), fc.integer({ min: 1, max: 2 })).chain(([dt, dims, withB, outs]) =>
    fc.tuple(tensorArb(dt, dims, { min: -5, max: 5 }), tensorArb(dt, dims, { min: -5, max: 5 }), tensorArb(dt, dims.slice(-1), { min: -2, max: 2 }), tensorArb(dt, dims.slice(-1), { min: -2, max: 2 }))
      .map(([x, skip, g, b]) => makeCase('SkipLayerNormalization', inputsOf(x, skip, g, withB ? b : undefined), {}, outs, { domain: FUSED, domainOpset: 1 }))),
  'com.onnx-ts.FusedAttention': fc.oneof(
    fc.tuple(dtypeArb(['float32', 'float64']), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), floatAttr(1, 0.5))
      .chain(([dt, b, s, l, d, withMask, scale]) => fc.tuple(tensorArb(dt, [b, s, d], { min: -2, max: 2 }), tensorArb(dt, [b, d, l], { min: -2, max: 2 }), tensorArb(dt, [b, l, d], { min: -2, max: 2 }), tensorArb(dt, [b, s, l], { min: -2, max: 0 }))
        .map(([q, k, v, m]) => makeCase('FusedAttention', inputsOf(q, k, v, withMask ? m : undefined), { scale }, 1, { domain: FUSED, domainOpset: 1 }))),
    // num_heads > 0: sequence-first [S, B, H·D] inputs, or one packed [S, B, 3·H·D] QKV (K, V absent); D = 4 reaches the wasm kernel.
    fc.tuple(dtypeArb(['float32', 'float64']), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }),
      fc.constantFrom(1, 2, 4), fc.boolean(), fc.boolean(), floatAttr(1, 0.5))
      .chain(([dt, s, l, b, h, d, packed, withMask, scale]) => {
        const kv = packed ? s : l, e = h * d;
        return fc.tuple(tensorArb(dt, [s, b, packed ? 3 * e : e], { min: -2, max: 2 }), tensorArb(dt, [kv, b, e], { min: -2, max: 2 }), tensorArb(dt, [kv, b, e], { min: -2, max: 2 }),
          tensorArb(dt, [b * h, s, kv], { min: -2, max: 0 }))
          .map(([q, k, v, m]) => makeCase('FusedAttention', inputsOf(q, packed ? undefined : k, packed ? undefined : v, withMask ? m : undefined),
            { scale, num_heads: h }, 1, { domain: FUSED, domainOpset: 1 }));
      })),
};
