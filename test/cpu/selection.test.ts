// The selection table's choices (src/kernels/cpu/selection.ts): which generated variant a shape gets.
import { describe, expect, it } from 'vitest';
import { binaryCase, convCase, reduceCase, transposeCase, WINOGRAD4_MIN_SIDE, WINOGRAD_MIN_CHANNELS } from '../../src/kernels/cpu/selection.js';

describe('cpu selection', () => {
  it('binary broadcast cases', () => {
    expect(binaryCase([2, 3], [2, 3], [2, 3])).toEqual({ kind: 'same' });
    expect(binaryCase([1, 6], [6], [1, 6])).toEqual({ kind: 'same' });
    expect(binaryCase([2, 3], [], [2, 3])).toEqual({ kind: 'scalar', aIsScalar: false });
    expect(binaryCase([1, 1], [4, 5], [4, 5])).toEqual({ kind: 'scalar', aIsScalar: true });
    expect(binaryCase([2, 8, 5], [5], [2, 8, 5])).toEqual({ kind: 'trailing', outer: 16, mid: 5, inner: 1, aIsSmall: false });
    expect(binaryCase([1, 64, 7, 7], [64, 1, 1], [1, 64, 7, 7])).toEqual({ kind: 'trailing', outer: 1, mid: 64, inner: 49, aIsSmall: false });
    expect(binaryCase([3, 1], [3, 7], [3, 7])).toEqual({ kind: 'trailing', outer: 1, mid: 3, inner: 7, aIsSmall: true });
    // Both sides broadcast: strided, with dims collapsed where both walk them as one.
    expect(binaryCase([2, 1], [1, 3], [2, 3])).toEqual({ kind: 'strided', dims: [2, 3], sa: [1, 0], sb: [0, 1] });
    expect(binaryCase([2, 3, 1, 4], [1, 1, 5, 4], [2, 3, 5, 4])).toEqual({ kind: 'strided', dims: [6, 5, 4], sa: [4, 0, 1], sb: [0, 4, 1] });
  });

  it('conv paths', () => {
    const c = WINOGRAD_MIN_CHANNELS;
    expect(convCase(32, 32, 32, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1])).toBe('depthwise');
    expect(convCase(64, 128, 1, [1, 1], [1, 1], [0, 0, 0, 0], [1, 1])).toBe('1x1');
    expect(convCase(64, 128, 1, [1, 1], [2, 2], [0, 0, 0, 0], [1, 1])).toBe('im2col');
    expect(convCase(c, c, 1, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1])).toBe('winograd');
    expect(convCase(c, c, 1, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1], [4, 9])).toBe('winograd');
    expect(convCase(c, c, 1, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1], [WINOGRAD4_MIN_SIDE, WINOGRAD4_MIN_SIDE])).toBe('winograd4');
    expect(convCase(c - 1, 64, 1, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1])).toBe('im2col');
    expect(convCase(64, 64, 1, [3, 3], [2, 2], [1, 1, 1, 1], [1, 1])).toBe('im2col');
    expect(convCase(64, 64, 2, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1])).toBe('im2col');
  });

  it('reduce layouts', () => {
    expect(reduceCase([2, 3, 5], [2])).toEqual({ kind: 'lastaxis', outer: 6, len: 5 });
    expect(reduceCase([2, 3, 4, 4], [2, 3])).toEqual({ kind: 'lastaxis', outer: 6, len: 16 });
    expect(reduceCase([2, 3, 5], [1])).toEqual({ kind: 'middle', outer: 2, len: 3, inner: 5 });
    // A size-1 axis in the set changes nothing.
    expect(reduceCase([2, 1, 5], [1, 2])).toEqual({ kind: 'lastaxis', outer: 2, len: 5 });
    expect(reduceCase([2, 3, 4, 5], [0, 2])).toEqual({ kind: 'general' });
    // A size-1 axis between reduced ones, in the set or not, leaves them contiguous.
    expect(reduceCase([57, 1, 384], [0, 1, 2])).toEqual({ kind: 'lastaxis', outer: 1, len: 57 * 384 });
    expect(reduceCase([57, 1, 384], [0, 2])).toEqual({ kind: 'lastaxis', outer: 1, len: 57 * 384 });
    expect(reduceCase([4, 3, 1, 5, 2], [1, 3])).toEqual({ kind: 'middle', outer: 4, len: 15, inner: 2 });
  });

  it('transpose layouts', () => {
    expect(transposeCase([2, 3], [1, 0])).toEqual({ kind: 'swap2d', batch: 1, R: 2, C: 3 });
    expect(transposeCase([4, 2, 3], [0, 2, 1])).toEqual({ kind: 'swap2d', batch: 4, R: 2, C: 3 });
    // [N,H,W,C] -> [N,C,H,W]: H and W stay neighbours and merge.
    expect(transposeCase([1, 5, 6, 3], [0, 3, 1, 2])).toEqual({ kind: 'swap2d', batch: 1, R: 30, C: 3 });
    expect(transposeCase([2, 1, 3], [1, 0, 2])).toEqual({ kind: 'copy' });
    expect(transposeCase([2, 3, 4, 5], [2, 0, 3, 1])).toEqual({ kind: 'general', dims: [4, 2, 5, 3], strides: [5, 60, 1, 20] });
  });
});
