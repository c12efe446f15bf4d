/**
 * Momentum (ai.onnx.preview.training): one step of SGD with standard or Nesterov momentum.
 * https://onnx.ai/onnx/operators/onnx_aionnxpreviewtraining_Momentum.html
 */
import { AttributeError } from '../../errors.js';
import { defineOptimizer } from './optimizer.js';

/**
 * Momentum: with `g' = norm_coefficient * X + G` and `V_new = alpha V + beta' g'`, where beta' is
 * 1 on the first step (T = 0) and `beta` after, `X_new = X - R V_new` ('standard') or
 * `X_new = X - R (g' + alpha V_new)` ('nesterov'). Inputs `R, T, X…, G…, V…`; outputs `X_new…, V_new…`.
 */
export const Momentum = defineOptimizer({
  name: 'Momentum',
  doc: 'One SGD-with-momentum update of several tensors: new values and new momenta.',
  attributes: {
    alpha: { type: 'float', required: true },
    beta: { type: 'float', required: true },
    mode: { type: 'string', required: true },
    norm_coefficient: { type: 'float', required: true },
  },
  states: ['V'],
  step: (x, g, [v], { R, T }, a) => {
    const gr = a.norm_coefficient * x + g;
    const vNew = a.alpha * v + (T > 0 ? a.beta : 1) * gr;
    if (a.mode === 'standard') return [x - R * vNew, vNew];
    if (a.mode === 'nesterov') return [x - R * (gr + a.alpha * vNew), vNew];
    throw new AttributeError(`Momentum mode must be 'standard' or 'nesterov', got '${a.mode}'`);
  },
});
