/**
 * Adagrad (ai.onnx.preview.training): one ADAGRAD step for each optimized tensor.
 * https://onnx.ai/onnx/operators/onnx_aionnxpreviewtraining_Adagrad.html
 */
import { defineOptimizer } from './optimizer.js';

/**
 * Adagrad: with `r = R / (1 + T * decay_factor)` and `g' = norm_coefficient * X + G`,
 * `H_new = H + g'²` and `X_new = X - r * g' / (sqrt(H_new) + epsilon)`.
 * Inputs `R, T, X…, G…, H…`; outputs `X_new…, H_new…`.
 */
export const Adagrad = defineOptimizer({
  name: 'Adagrad',
  doc: 'One ADAGRAD update of several tensors: new values and new accumulated squared gradients.',
  attributes: {
    decay_factor: { type: 'float', default: 0.0 },
    epsilon: { type: 'float', default: 0.0 },
    norm_coefficient: { type: 'float', default: 0.0 },
  },
  states: ['H'],
  step: (x, g, [h], { R, T }, a) => {
    const r = R / (1 + T * a.decay_factor);
    const gr = a.norm_coefficient * x + g;
    const hNew = h + gr * gr;
    return [x - (r * gr) / (Math.sqrt(hNew) + a.epsilon), hNew];
  },
});
