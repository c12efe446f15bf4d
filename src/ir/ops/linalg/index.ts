/** The linalg family's op specs. */
import type { OpSpec } from '../spec.js';
import { Einsum } from './einsum.js';
import { Gemm } from './gemm.js';
import { MatMul } from './matmul.js';

export const linalgOps: OpSpec<any>[] = [MatMul, Gemm, Einsum];
