/** The text family's op specs: string tensors and n-gram features. */
import type { OpSpec } from '../spec.js';
import { RegexFullMatch } from './regex-full-match.js';
import { StringConcat } from './string-concat.js';
import { StringNormalizer } from './string-normalizer.js';
import { StringSplit } from './string-split.js';
import { TfIdfVectorizer } from './tfidf-vectorizer.js';

export const textOps: OpSpec<any>[] = [StringNormalizer, StringSplit, StringConcat, RegexFullMatch, TfIdfVectorizer];
