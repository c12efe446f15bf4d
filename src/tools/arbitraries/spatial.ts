/**
 * Arbitraries for the spatial-sampling ops (Resize, Upsample, GridSample, AffineGrid, RoiAlign,
 * MaxRoiPool, MaxUnpool, Col2Im, DeformConv) and the transformer blocks (Attention,
 * RotaryEmbedding, TensorScatter). Sampling coordinates avoid exact ties where the operator text
 * leaves the tie-break open (nearest-neighbour at .5), and keep to small images.
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import type { AttrLite } from '../model-builder.js';
import { type CaseArbitrary, FLOATS, dtypeArb, floatAttr, ints, inputsOf, konst, makeCase, tensorArb } from './case.js';

const F: readonly DType[] = ['float32', 'float32', 'float64'];
const f32 = (values: number[], dims = [values.length]) => new Tensor('float32', Float32Array.from(values), dims);
const img = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));

const resizeArb = fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'uint8', 'int32']), img, fc.constantFrom('nearest', 'linear', 'cubic'),
  fc.constantFrom('half_pixel', 'align_corners', 'asymmetric', 'pytorch_half_pixel', 'half_pixel_symmetric', 'tf_crop_and_resize'),
  fc.constantFrom('round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'), fc.boolean(), fc.constantFrom(0, 0, 1), fc.constantFrom(0, 1),
  fc.tuple(fc.constantFrom(0.5, 1, 1.5, 2, 3), fc.constantFrom(0.5, 1, 1.5, 2, 3)), fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })),
  fc.constantFrom('stretch', 'not_larger', 'not_smaller'), fc.integer({ min: 1, max: 2 }),
  // tf_crop_and_resize: a roi (starts, ends of the two spatial axes) reaching past the edges or inside them.
  fc.tuple(fc.constantFrom(0, 0.2, -0.3), fc.constantFrom(0, 0.25), fc.constantFrom(1, 0.7, 1.25), fc.constantFrom(1, 0.8)), fc.constantFrom(0, 5))
  // Integer inputs only with nearest: how interpolated values round back to integers is not specified
  // (onnxruntime truncates, the reference rounds), so linear/cubic on integers compare nothing meaningful.
  .filter(([dt, , mode]) => dt.startsWith('float') || mode === 'nearest')
  .chain(([dt, [c, h, w], mode, ctm, nearest, bySizes, antialias, exclude, scales, sizes, policy, n, [sh, sw, eh, ew], extrapolation]) =>
    tensorArb(dt, [n, c, h, w], { min: 0, max: 10 }).map((x) => {
      // exclude_outside only matters to cubic weights (onnxruntime refuses it elsewhere).
      const attrs: Record<string, AttrLite> = { mode, coordinate_transformation_mode: ctm, exclude_outside: mode === 'cubic' ? exclude : 0 };
      if (mode === 'nearest') attrs.nearest_mode = nearest;
      if (mode !== 'nearest') attrs.antialias = antialias;
      // A keep-aspect-ratio policy applies to every axis in `axes` (default all, batch and channels
      // included); it is given the spatial axes, as models do.
      const spatialAxes = bySizes && policy !== 'stretch';
      if (spatialAxes) Object.assign(attrs, { keep_aspect_ratio_policy: policy, axes: { ints: [2, 3] } });
      const sizesT = policy !== 'stretch' ? ints(sizes) : ints([n, c, ...sizes]);
      // The roi lists starts then ends of the axes in `axes` (all four by default).
      const crop = ctm === 'tf_crop_and_resize';
      if (crop) attrs.extrapolation_value = { float: extrapolation };
      const roi = crop ? f32(spatialAxes ? [sh, sw, eh, ew] : [0, 0, sh, sw, 1, 1, eh, ew]) : undefined;
      return makeCase('Resize', inputsOf(x, roi && konst(roi), bySizes ? undefined : konst(f32([1, 1, ...scales])), bySizes ? konst(sizesT) : undefined), attrs);
    }));

export const spatialArbitraries: Record<string, CaseArbitrary> = {
  Resize: resizeArb,
  // Upsample was removed in opset 10: cases use opset 9.
  Upsample: fc.tuple(dtypeArb(['float32', 'int32']), img, fc.constantFrom('nearest', 'linear'), fc.constantFrom(1, 2, 3), fc.constantFrom(1, 2))
    .chain(([dt, [c, h, w], mode, sh, sw]) => tensorArb(dt, [1, c, h, w], { min: 0, max: 10 })
      .map((x) => makeCase('Upsample', inputsOf(x, konst(f32([1, 1, sh, sw]))), { mode }, 1, { opset: 9 }))),
  GridSample: fc.tuple(dtypeArb(F), img, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('linear', 'nearest', 'cubic'),
    fc.constantFrom('zeros', 'border', 'reflection'), fc.constantFrom(0, 1))
    .chain(([dt, [c, h, w], ho, wo, mode, padding_mode, align_corners]) => fc.tuple(tensorArb(dt, [1, c, h, w]),
      // Grid points avoid pixel-centre ties (nearest rounds halves, and engines break them differently).
      tensorArb(dt, [1, ho, wo, 2], { min: -1.2, max: 1.2 }).map((g) => new Tensor(g.type, (g.data as Float32Array).map((v) => v + 0.0137), g.dims)))
      .map(([x, grid]) => makeCase('GridSample', inputsOf(x, grid), { mode, padding_mode, align_corners }))),
  AffineGrid: fc.tuple(dtypeArb(F), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 1))
    .chain(([dt, n, h, w, align_corners]) => tensorArb(dt, [n, 2, 3], { min: -2, max: 2 })
      .map((theta) => makeCase('AffineGrid', inputsOf(theta, konst(ints([n, 1, h, w]))), { align_corners }))),
  RoiAlign: fc.tuple(dtypeArb(F), img, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }),
    fc.constantFrom('avg', 'max'), fc.constantFrom('half_pixel', 'output_half_pixel'), floatAttr(1, 0.5))
    .chain(([dt, [c, h, w], num, oh, ow, sampling_ratio, mode, ctm, spatial_scale]) => fc.tuple(tensorArb(dt, [1, c, h, w]),
      fc.array(fc.tuple(fc.double({ min: 0, max: w, noNaN: true }), fc.double({ min: 0, max: h, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })), { minLength: num, maxLength: num }))
      .map(([x, boxes]) => makeCase('RoiAlign', inputsOf(x, Tensor.fromValues(dt, [num, 4], boxes.flatMap(([x1, y1, bw, bh]) => [x1, y1, x1 + bw, y1 + bh].map(Math.fround))), ints(boxes.map(() => 0))),
        { output_height: oh, output_width: ow, sampling_ratio, mode, coordinate_transformation_mode: ctm, spatial_scale }))),
  MaxRoiPool: fc.tuple(dtypeArb(F), img, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }))
    .chain(([dt, [c, h, w], num, ph, pw]) => fc.tuple(tensorArb(dt, [1, c, h, w]),
      fc.array(fc.tuple(fc.integer({ min: 0, max: w - 1 }), fc.integer({ min: 0, max: h - 1 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: num, maxLength: num }))
      .map(([x, rs]) => makeCase('MaxRoiPool', inputsOf(x, Tensor.fromValues(dt, [num, 5], rs.flatMap(([x1, y1, bw, bh]) => [0, x1, y1, Math.min(x1 + bw, w - 1), Math.min(y1 + bh, h - 1)]))),
        { pooled_shape: { ints: [ph, pw] } }))),
  MaxUnpool: fc.tuple(dtypeArb(F), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(1, 2), fc.boolean())
    .chain(([dt, c, h, w, k, withShape]) => {
      // Kernel = stride = k: each pooled cell came from its own window, so indices are distinct.
      const oh = h * k, ow = w * k;
      return fc.tuple(tensorArb(dt, [1, c, h, w]), fc.array(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)), { minLength: c * h * w, maxLength: c * h * w })).map(([x, offs]) => {
        const idx = offs.map(([dy, dx], i) => {
          const ch = Math.floor(i / (h * w)), y = Math.floor((i % (h * w)) / w), xx = i % w;
          return ch * oh * ow + (y * k + dy) * ow + xx * k + dx;
        });
        return makeCase('MaxUnpool', inputsOf(x, ints(idx, 'int64', [1, c, h, w]), withShape ? konst(ints([1, c, oh, ow])) : undefined),
          { kernel_shape: { ints: [k, k] }, strides: { ints: [k, k] } });
      });
    }),
  Col2Im: fc.tuple(dtypeArb(F), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }),
    fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 1 }))
    .chain(([dt, c, h, w, kh, kw, stride, pad]) => {
      const bh = Math.floor((h + 2 * pad - kh) / stride) + 1, bw = Math.floor((w + 2 * pad - kw) / stride) + 1;
      return tensorArb(dt, [1, c * kh * kw, bh * bw]).map((x) => makeCase('Col2Im', inputsOf(x, konst(ints([h, w])), konst(ints([kh, kw]))),
        { strides: { ints: [stride, stride] }, pads: { ints: [pad, pad, pad, pad] }, dilations: { ints: [1, 1] } }));
    }),
  DeformConv: fc.tuple(dtypeArb(F), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 2 }),
    fc.boolean(), fc.boolean())
    .chain(([dt, c, m, h, w, k, withBias, withMask]) => {
      const oh = h - k + 1, ow = w - k + 1;
      return fc.tuple(tensorArb(dt, [1, c, h, w], { min: -2, max: 2 }), tensorArb(dt, [m, c, k, k], { min: -2, max: 2 }),
        tensorArb(dt, [1, 2 * k * k, oh, ow], { min: -1, max: 1 }), tensorArb(dt, [m], { min: -2, max: 2 }), tensorArb(dt, [1, k * k, oh, ow], { min: 0, max: 1 }))
        .map(([x, wt, off, b, mask]) => makeCase('DeformConv', inputsOf(x, wt, off, withBias ? b : undefined, withMask ? mask : undefined), { kernel_shape: { ints: [k, k] } }));
    }),
  // Attention (4-D form): grouped-query heads, an optional boolean or additive mask, causal or not.
  Attention: fc.tuple(dtypeArb(['float32', 'float32', 'float16']), fc.integer({ min: 1, max: 2 }), fc.constantFrom([1, 1], [2, 1], [2, 2]), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 4 }), fc.constantFrom('none', 'bool', 'float'), fc.constantFrom(0, 1), fc.option(floatAttr(0.5, 0.25)))
    .chain(([dt, b, [qh, kvh], s, l, d, maskKind, is_causal, scale]) => fc.tuple(tensorArb(dt, [b, qh, s, d], { min: -2, max: 2 }), tensorArb(dt, [b, kvh, l, d], { min: -2, max: 2 }),
      tensorArb(dt, [b, kvh, l, d], { min: -2, max: 2 }), tensorArb(maskKind === 'bool' ? 'bool' : dt, [s, l], { min: -2, max: 0 }))
      // A boolean mask that hides a whole row makes that row's softmax 0/0; keep the first key visible.
      .map(([q, k, v, m]) => makeCase('Attention', inputsOf(q, k, v, maskKind === 'none' ? undefined : maskKind === 'bool' ? keepFirstKey(m) : m),
        { is_causal, ...(scale ? { scale } : {}) }))),
  RotaryEmbedding: fc.tuple(dtypeArb(['float32', 'float32', 'float16']), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(2, 4), fc.constantFrom(0, 1), fc.integer({ min: 3, max: 5 }))
    .chain(([dt, b, heads, s, d, interleaved, maxPos]) => fc.tuple(tensorArb(dt, [b, heads, s, d], { min: -2, max: 2 }), tensorArb(dt, [maxPos, d / 2], { min: -1, max: 1 }),
      tensorArb(dt, [maxPos, d / 2], { min: -1, max: 1 }), fc.array(fc.integer({ min: 0, max: maxPos - 1 }), { minLength: b * s, maxLength: b * s }))
      .map(([x, cos, sin, pos]) => makeCase('RotaryEmbedding', inputsOf(x, cos, sin, ints(pos, 'int64', [b, s])), { interleaved }))),
  TensorScatter: fc.tuple(dtypeArb([...FLOATS, 'int64']), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
    fc.constantFrom('linear', 'circular'), fc.boolean())
    .filter(([, , , maxS, s]) => s <= maxS)
    .chain(([dt, b, heads, maxS, s, d, mode, withIdx]) => fc.tuple(tensorArb(dt, [b, heads, maxS, d]), tensorArb(dt, [b, heads, s, d]),
      fc.array(fc.integer({ min: 0, max: mode === 'linear' ? maxS - s : maxS - 1 }), { minLength: b, maxLength: b }))
      .map(([past, upd, w]) => makeCase('TensorScatter', inputsOf(past, upd, withIdx ? ints(w) : undefined), { mode }))),
  CausalConvWithState: fc.tuple(dtypeArb(['float32', 'float32', 'float16']), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }),
    fc.boolean(), fc.boolean(), fc.constantFrom('none', 'silu'), fc.integer({ min: 1, max: 2 }))
    .chain(([dt, b, c, len, k, withBias, withState, activation, outs]) => fc.tuple(tensorArb(dt, [b, c, len], { min: -2, max: 2 }), tensorArb(dt, [c, 1, k], { min: -2, max: 2 }),
      tensorArb(dt, [c], { min: -2, max: 2 }), tensorArb(dt, [b, c, k - 1], { min: -2, max: 2 }))
      .map(([x, w, bias, past]) => makeCase('CausalConvWithState', inputsOf(x, w, withBias ? bias : undefined, withState ? past : undefined), { activation }, outs))),
  // Decay is a log-space gate (the kernel applies exp), so it stays in [-1, 0]; beta in [0, 1].
  LinearAttention: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom([1, 1], [2, 1], [2, 2]), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
    fc.constantFrom('linear', 'gated', 'delta', 'gated_delta'), fc.boolean(), floatAttr(0, 0.5))
    .chain(([b, t, [hq, hkv], dk, dv, rule, withPast, scale]) => fc.tuple(tensorArb('float32', [b, t, hq * dk], { min: -1, max: 1 }), tensorArb('float32', [b, t, hkv * dk], { min: -1, max: 1 }),
      tensorArb('float32', [b, t, hkv * dv], { min: -1, max: 1 }), tensorArb('float32', [b, hkv, dk, dv], { min: -1, max: 1 }),
      tensorArb('float32', [b, t, hkv], { min: -1, max: 0 }), tensorArb('float32', [b, t, hkv], { min: 0, max: 1 }))
      .map(([q, k, v, past, decay, beta]) => makeCase('LinearAttention', inputsOf(q, k, v, withPast ? past : undefined,
        rule.startsWith('gated') ? decay : undefined, rule.endsWith('delta') ? beta : undefined),
        { q_num_heads: hq, kv_num_heads: hkv, update_rule: rule, scale }, 2))),
  'ai.onnx.preview.FlexAttention': fc.tuple(dtypeArb(['float32', 'float32', 'float64']), fc.integer({ min: 1, max: 2 }), fc.constantFrom([1, 1], [2, 1], [2, 2]), fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.option(floatAttr(0.5, 0.25)))
    .chain(([dt, b, [hq, hkv], l, s, e, scale]) => fc.tuple(tensorArb(dt, [b, hq, l, e], { min: -2, max: 2 }), tensorArb(dt, [b, hkv, s, e], { min: -2, max: 2 }), tensorArb(dt, [b, hkv, s, e], { min: -2, max: 2 }))
      .map(([q, k, v]) => makeCase('FlexAttention', inputsOf(q, k, v), scale ? { scale } : {}, 1, { domain: 'ai.onnx.preview', domainOpset: 1 }))),
};

function keepFirstKey(m: Tensor): Tensor {
  const data = Uint8Array.from(m.data as Uint8Array);
  const l = m.dims[m.dims.length - 1];
  for (let i = 0; i < data.length; i += l) data[i] = 1;
  return new Tensor('bool', data, m.dims);
}

