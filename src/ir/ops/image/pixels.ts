/**
 * Decoded pixels in a common 8-bit layout, and their conversion to ImageDecoder's pixel formats.
 * Every format adapter produces a DecodedImage; only this file knows about RGB, BGR and Grayscale.
 */
import { Tensor } from '../../tensor.js';

/** ImageDecoder's `pixel_format` values. */
export type PixelFormat = 'RGB' | 'BGR' | 'Grayscale';

/** The pixel formats the spec allows, for validating the attribute. */
export const PIXEL_FORMATS: readonly PixelFormat[] = ['RGB', 'BGR', 'Grayscale'];

/**
 * An 8-bit image, row-major and channel-last. `channels` says the layout: 1 gray, 2 gray+alpha,
 * 3 RGB, 4 RGBA.
 */
export interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: Uint8Array;
}

/** Output channels for a pixel format: 1 for Grayscale, else 3. */
export function channelsOf(format: PixelFormat): 1 | 3 {
  return format === 'Grayscale' ? 1 : 3;
}

/**
 * Luma of an RGB pixel by ITU-R 601-2 (299/587/114 per mille) in 16-bit fixed point with round-half-up,
 * which is Pillow's `convert('L')` (the ONNX reference evaluator uses Pillow). Checked against
 * test_image_decoder_decode_jpeg_grayscale: equal on all 1024 pixels, where OpenCV's 14-bit
 * cvtColor rounding differs on one pixel.
 */
export function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/**
 * The uint8 [H, W, C] tensor ImageDecoder returns. Alpha is dropped rather than composited:
 * the op has no alpha output and the spec names no background to blend onto.
 */
export function toPixelFormat(img: DecodedImage, format: PixelFormat): Tensor {
  const { width, height, channels, data } = img;
  const n = width * height;
  const outChannels = channelsOf(format);
  const out = new Uint8Array(n * outChannels);
  const color = channels >= 3;
  for (let p = 0; p < n; p++) {
    const s = p * channels;
    const r = data[s];
    const g = color ? data[s + 1] : r;
    const b = color ? data[s + 2] : r;
    if (format === 'Grayscale') out[p] = color ? luma(r, g, b) : r;
    else if (format === 'RGB') { out[3 * p] = r; out[3 * p + 1] = g; out[3 * p + 2] = b; }
    else { out[3 * p] = b; out[3 * p + 1] = g; out[3 * p + 2] = r; }
  }
  return new Tensor('uint8', out, [height, width, outChannels]);
}

/** The spec's "empty matrix" for streams that cannot be decoded: no rows, no columns. */
export function emptyImage(format: PixelFormat): Tensor {
  return new Tensor('uint8', new Uint8Array(0), [0, 0, channelsOf(format)]);
}

/** Wraps RGBA bytes (what the WASM decoders' ImageData holds) as a DecodedImage, without copying. */
export function rgbaImage(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray): DecodedImage {
  return { width, height, channels: 4, data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length) };
}
