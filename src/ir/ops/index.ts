/**
 * Every op spec, by family (grouped like the ONNX operator docs). Each family's index.ts lists its
 * specs; this file only gathers them and answers lookups.
 */
import type { OpSpec } from './spec.js';
import { mathOps } from './math/index.js';
import { nnOps } from './nn/index.js';
import { tensorOps } from './tensor/index.js';
import { reductionOps } from './reduction/index.js';
import { logicalOps } from './logical/index.js';
import { controlOps } from './control/index.js';
import { sequenceOps } from './sequence/index.js';
import { quantizationOps } from './quantization/index.js';
import { mlOps } from './ml/index.js';
import { signalOps } from './signal/index.js';
import { textOps } from './text/index.js';
import { randomOps } from './random/index.js';
import { trainingOps } from './training/index.js';
import { indexingOps } from './indexing/index.js';
import { linalgOps } from './linalg/index.js';
import { normalizationOps } from './normalization/index.js';
import { recurrentOps } from './recurrent/index.js';
import { castOps } from './cast/index.js';
import { fusedOps } from './fused/index.js';
import { previewOps } from './preview/index.js';
import { imageOps } from './image/index.js';

export const ALL_OPS: readonly OpSpec<any>[] = [
  ...mathOps, ...nnOps, ...tensorOps, ...reductionOps, ...logicalOps, ...controlOps, ...sequenceOps,
  ...quantizationOps, ...mlOps, ...signalOps, ...textOps, ...randomOps, ...trainingOps,
  ...indexingOps, ...linalgOps, ...normalizationOps, ...recurrentOps, ...castOps, ...fusedOps,
  ...previewOps, ...imageOps,
];

const BY_KEY = new Map<string, OpSpec<any>>();
for (const spec of ALL_OPS) {
  const key = opKey(spec.domain, spec.name);
  if (BY_KEY.has(key)) throw new Error(`op spec ${key} is declared twice`);
  BY_KEY.set(key, spec);
}

export function opKey(domain: string, op: string): string {
  return domain ? `${domain}.${op}` : op;
}

/** The spec for an op, or undefined. */
export function getOpSpec(domain: string, op: string): OpSpec<any> | undefined {
  return BY_KEY.get(opKey(domain, op));
}
