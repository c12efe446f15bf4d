/**
 * Adam (ai.onnx.preview.training): one Adam step for each optimized tensor.
 * https://onnx.ai/onnx/operators/onnx_aionnxpreviewtraining_Adam.html
 */
import { defineOptimizer } from './optimizer.js';

/**
 * Adam: with `g' = norm_coefficient * X + G`, `V_new = alpha V + (1 - alpha) g'`,
 * `H_new = beta H + (1 - beta) g'²`, the bias-corrected rate
 * `R' = T > 0 ? R sqrt(1 - beta^T) / (1 - alpha^T) : R`, and
 * `X_new = (1 - norm_coefficient_post) (X - R' V_new / (sqrt(H_new) + epsilon))`.
 * Inputs `R, T, X…, G…, V…, H…`; outputs `X_new…, V_new…, H_new…`.
 */
export const Adam = defineOptimizer({
  name: 'Adam',
  doc: 'One Adam update of several tensors: new values, averaged gradients and averaged squared gradients.',
  attributes: {
    alpha: { type: 'float', default: 0.9 },
    beta: { type: 'float', default: 0.999 },
    epsilon: { type: 'float', default: 0.0 },
    norm_coefficient: { type: 'float', default: 0.0 },
    norm_coefficient_post: { type: 'float', default: 0.0 },
  },
  states: ['V', 'H'],
  step: (x, g, [v, h], { R, T }, a) => {
    const gr = a.norm_coefficient * x + g;
    const vNew = a.alpha * v + (1 - a.alpha) * gr;
    const hNew = a.beta * h + (1 - a.beta) * gr * gr;
    const rate = T > 0 ? (R * Math.sqrt(1 - a.beta ** T)) / (1 - a.alpha ** T) : R;
    const xNew = x - (rate * vNew) / (Math.sqrt(hNew) + a.epsilon);
    return [(1 - a.norm_coefficient_post) * xNew, vNew, hNew];
  },
});
