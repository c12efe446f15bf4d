/**
 * RegexFullMatch: whether each string of a tensor matches a regular expression in full.
 * https://onnx.ai/onnx/operators/onnx__RegexFullMatch.html
 *
 * ONNX specifies RE2 syntax; we run JavaScript's RegExp (with the `u` flag, so `.` and classes
 * work on code points as RE2 does on UTF-8) after translating the RE2-only spellings below.
 * Remaining differences, by design or by limit:
 * - JS accepts backreferences and lookaround, which RE2 rejects: such patterns run here instead
 *   of failing, and JS backtracking can be slow where RE2 is linear-time.
 * - `\s` is translated to RE2's ASCII set [\t\n\f\r ]; `\w`, `\d` and `\b` are ASCII in both.
 * - `(?U)` (ungreedy by default) and `\C` (any byte) have no JS equivalent and are rejected.
 */
import { AttributeError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';

/** RE2's POSIX classes (only valid inside brackets: `[[:alpha:]]`) as JS class contents. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-/:-@[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
/** Characters JS (in `u` mode) allows after a backslash as an identity escape. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');
const RE2_SPACE = '\\t\\n\\f\\r ';
/** Start and end of the whole input, also under the `m` flag (where ^ and $ match at line breaks). */
const INPUT_START = '(?<![\\s\\S])';
const INPUT_END = '(?![\\s\\S])';

/** Translates an RE2 pattern into JS source and flags; throws AttributeError for what JS cannot express. */
export function re2ToJs(pattern: string): { source: string; flags: string } {
  let flags = '';
  let p = pattern;
  // Leading inline flags, e.g. (?i) or (?is), become RegExp flags.
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    if (lead[1].includes('U')) throw new AttributeError('RegexFullMatch: RE2 flag U (ungreedy) has no JavaScript equivalent');
    flags = [...new Set(lead[1])].join('');
    p = p.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      const e = p[++i];
      if (e === undefined) throw new AttributeError('RegexFullMatch: the pattern ends with a lone backslash');
      if (e === 'Q') {
        // \Q...\E quotes literally.
        const end = p.indexOf('\\E', i + 1);
        const text = p.slice(i + 1, end < 0 ? p.length : end);
        out += text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? p.length : end + 1;
      } else if (e === 'A') out += '^';
      else if (e === 'z') out += '$';
      else if (e === 'C') throw new AttributeError('RegexFullMatch: RE2 \\C (any byte) has no JavaScript equivalent');
      else if (e === 's') out += inClass ? RE2_SPACE : `[${RE2_SPACE}]`;
      else if (e === 'S') out += inClass ? '\\S' : `[^${RE2_SPACE}]`;
      else if ((e === 'p' || e === 'P') && p[i + 1] !== '{') out += `\\${e}{${p[++i]}}`; // \pN → \p{N}
      else if (/[0-9A-Za-z]/.test(e) || JS_SYNTAX.has(e) || (inClass && e === '-')) out += `\\${e}`;
      else out += e; // RE2 lets any punctuation be escaped; JS `u` mode does not.
      continue;
    }
    if (inClass && c === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2);
      const name = end < 0 ? '' : p.slice(i + 2, end);
      const negated = name.startsWith('^');
      const body = POSIX_CLASSES[negated ? name.slice(1) : name];
      if (body === undefined) throw new AttributeError(`RegexFullMatch: unknown POSIX class '[:${name}:]'`);
      if (negated) throw new AttributeError(`RegexFullMatch: negated POSIX class '[:${name}:]' is not supported`);
      out += body;
      i = end + 1;
      continue;
    }
    if (c === '(' && p.startsWith('(?P<', i)) { out += '(?<'; i += 3; continue; }
    if (c === '[' && !inClass) {
      inClass = true;
      out += c;
      // A ']' first in a class (after an optional '^') is a literal in RE2.
      if (p[i + 1] === '^') { out += '^'; i++; }
      if (p[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return { source: out, flags };
}

/** RegexFullMatch: Y[i] is true when all of X[i] matches `pattern` (RE2 syntax, see above). */
export const RegexFullMatch = defineOp({
  name: 'RegexFullMatch',
  versions: [20],
  doc: 'True where the whole string matches `pattern` (RE2 syntax, run as a translated JS RegExp).',
  inputs: [{ name: 'X', type: 'T1' }],
  outputs: [{ name: 'Y', type: 'T2' }],
  types: { T1: ['string'], T2: ['bool'] },
  attributes: { pattern: { type: 'string' } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    compile(attrs.pattern);
    return [{ kind: 'tensor', dtype: 'bool', dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const re = compile(attrs.pattern);
    return [Tensor.fromValues('bool', x.dims, (x.data as string[]).map((s) => re.test(s)))];
  },
});

/** The anchored RegExp for a full match; an invalid pattern is an attribute error. */
function compile(pattern: string | undefined): RegExp {
  if (pattern === undefined) throw new AttributeError('RegexFullMatch: the pattern attribute is missing');
  const { source, flags } = re2ToJs(pattern);
  try {
    return new RegExp(`${INPUT_START}(?:${source})${INPUT_END}`, `${flags}u`);
  } catch (e) {
    throw new AttributeError(`RegexFullMatch: pattern '${pattern}' is not valid: ${(e as Error).message}`);
  }
}
