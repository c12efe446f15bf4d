/** The preview family's op specs: experimental ops of the ai.onnx.preview domain. */
import type { OpSpec } from '../spec.js';
import { FlexAttention } from './flex-attention.js';

export const previewOps: OpSpec<any>[] = [FlexAttention];
