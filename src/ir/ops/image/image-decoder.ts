/**
 * ImageDecoder: decodes an encoded image (BMP, JPEG, JPEG 2000, TIFF, PNG, WebP, PNM) held in a
 * uint8 tensor into uint8 pixels, [H, W, C].
 * https://onnx.ai/onnx/operators/onnx__ImageDecoder.html
 */
import { AttributeError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { decoderFor } from './decoders.js';
import { detectFormat } from './detect.js';
import { PIXEL_FORMATS, channelsOf, emptyImage, toPixelFormat, type DecodedImage, type PixelFormat } from './pixels.js';

function pixelFormat(value: string): PixelFormat {
  if (!(PIXEL_FORMATS as readonly string[]).includes(value)) {
    throw new AttributeError(`ImageDecoder pixel_format must be one of ${PIXEL_FORMATS.join(', ')}, got '${value}'`);
  }
  return value as PixelFormat;
}

/** ImageDecoder: the pixels of an encoded image, channel-last, as RGB, BGR or Grayscale. */
export const ImageDecoder = defineOp({
  name: 'ImageDecoder',
  versions: [20],
  doc: 'Decodes an encoded image stream (BMP, JPEG, JPEG 2000, TIFF, PNG, WebP, PNM) into uint8 [H, W, C] pixels.',
  inputs: [{ name: 'encoded_stream', type: 'T1' }],
  outputs: [{ name: 'image', type: 'T2' }],
  types: { T1: ['uint8'], T2: ['uint8'] },
  attributes: { pixel_format: { type: 'string', default: 'RGB' } },
  // Every decoder used is bit-exact on the ONNX test images (see decoders.ts); JPEG is exact
  // because MozJPEG implements the spec's libjpeg-turbo upsampling and its default integer IDCT.
  tolerance: 'exact',
  // Height and width live in the stream, so only the channel count is known statically.
  inferShape: ({ attrs }) => [{ kind: 'tensor', dtype: 'uint8', dims: [undefined, undefined, channelsOf(pixelFormat(attrs.pixel_format))] }],
  reference: async ({ inputs, attrs }) => {
    const format = pixelFormat(attrs.pixel_format);
    const bytes = (inputs[0] as Tensor).data as Uint8Array;
    const kind = detectFormat(bytes);
    // The spec: "If it can't decode for any reason (e.g. corrupted encoded stream, invalid
    // format), it will return an empty matrix."
    if (!kind) return [emptyImage(format)];
    // Outside the try: a missing decoder package is our limitation, not a bad stream.
    const decode = await decoderFor(kind);
    let image: DecodedImage;
    try {
      image = await decode(bytes);
    } catch {
      return [emptyImage(format)];
    }
    return [toPixelFormat(image, format)];
  },
});
