/** The sequence family's op specs: sequences of tensors and optionals. */
import type { OpSpec } from '../spec.js';
import { ConcatFromSequence } from './concat-from-sequence.js';
import { Optional, OptionalGetElement, OptionalHasElement } from './optional.js';
import { SequenceAt } from './sequence-at.js';
import { SequenceConstruct } from './sequence-construct.js';
import { SequenceEmpty } from './sequence-empty.js';
import { SequenceErase } from './sequence-erase.js';
import { SequenceInsert } from './sequence-insert.js';
import { SequenceLength } from './sequence-length.js';
import { SequenceMap } from './sequence-map.js';
import { SplitToSequence } from './split-to-sequence.js';

export const sequenceOps: OpSpec<any>[] = [
  SequenceConstruct, SequenceEmpty, SequenceAt, SequenceInsert, SequenceErase, SequenceLength,
  SplitToSequence, ConcatFromSequence, SequenceMap, Optional, OptionalGetElement, OptionalHasElement,
];
