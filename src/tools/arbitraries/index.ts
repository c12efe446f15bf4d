/**
 * Every op's fast-check arbitrary, keyed by op key ('Add', 'ai.onnx.ml.Binarizer'), gathered from
 * one file per op family, and the explicit list of ops that have none, each with its reason. The
 * conformance suite fails when an op has neither.
 */
import type { CaseArbitrary } from './case.js';
import { elementwiseArbitraries } from './elementwise.js';
import { controlArbitraries } from './control.js';
import { indexingArbitraries } from './indexing.js';
import { miscArbitraries } from './misc.js';
import { nnArbitraries } from './nn.js';
import { reductionArbitraries } from './reduction.js';
import { spatialArbitraries } from './spatial.js';
import { tensorArbitraries } from './tensor.js';

export { EXEMPTIONS } from './exemptions.js';

const FAMILIES: Record<string, CaseArbitrary>[] = [
  elementwiseArbitraries, reductionArbitraries, tensorArbitraries, indexingArbitraries, nnArbitraries, miscArbitraries,
  spatialArbitraries, controlArbitraries,
];

/** op key → arbitrary. */
export const ARBITRARIES: ReadonlyMap<string, CaseArbitrary> = (() => {
  const m = new Map<string, CaseArbitrary>();
  for (const family of FAMILIES) {
    for (const [op, arb] of Object.entries(family)) {
      if (m.has(op)) throw new Error(`arbitrary for ${op} is declared twice`);
      m.set(op, arb);
    }
  }
  return m;
})();
