/**
 * One adapter per image format, from the decoder that handles it to a DecodedImage. The decoders
 * are optional npm packages, imported lazily on first use so that the core loads, runs and bundles
 * without them; a missing one becomes an UnsupportedOpError naming the package to install.
 *
 * Choice of packages (each checked bit-exact against the ONNX ImageDecoder test data):
 * - JPEG: @jsquash/jpeg, MozJPEG (a libjpeg-turbo fork) built to WASM. The spec requires
 *   libjpeg-turbo's "fancy" chroma upsampling; jpeg-js replicates chroma samples instead and was
 *   off by up to 64 on test_image_decoder_decode_jpeg_rgb, where MozJPEG matches exactly.
 * - PNG: fast-png (pure JS, inflate by fflate).
 * - BMP: bmp-ts (pure TS; palettes, RLE, bitfields, top-down rows). It reads with Node's Buffer
 *   methods, so in a browser it needs a Buffer polyfill; fast-bmp, the Buffer-free option, reads
 *   8-bit palette indices as gray and ignores top-down (negative-height) bitmaps.
 * - TIFF: utif (pure JS, Photopea's decoder).
 * - WebP: @jsquash/webp, libwebp built to WASM (no pure-JS WebP decoder is maintained).
 * - JPEG 2000: jpeg2000, pdf.js's pure-JS JPX decoder (also reads with Node's Buffer methods).
 * - PNM: our own (pnm.ts); the format is a text header and raw samples.
 */
import { UnsupportedOpError } from '../../errors.js';
import type { ImageFormat } from './detect.js';
import { rgbaImage, type DecodedImage } from './pixels.js';
import { decodePnm } from './pnm.js';

/** Decodes one stream; throws when the stream is corrupt or uses a variant the decoder lacks. */
export type Decode = (bytes: Uint8Array) => DecodedImage | Promise<DecodedImage>;

interface Adapter {
  /** The npm package that decodes the format; undefined when built in. */
  package?: string;
  /** Imports and initialises the decoder; throws when it is not installed or cannot start. */
  load(): Promise<Decode>;
}

/**
 * A copy of `bytes` as a standalone ArrayBuffer (the WASM and TIFF decoders take whole buffers).
 * Not `bytes.slice()`: on a Node Buffer that is a view, whose `.buffer` is the shared pool.
 */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** `bytes` as a Node Buffer over the same memory, for the decoders that read with Buffer methods. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Load-time check for the decoders that read with Buffer methods (bmp-ts, jpeg2000). */
function requireBuffer(pkg: string): void {
  if (typeof Buffer === 'undefined') throw new Error(`${pkg} needs Node's Buffer (or a Buffer polyfill)`);
}

/**
 * The .wasm file of an Emscripten codec, read from node_modules when running under Node. The
 * Emscripten glue fetches `new URL('x.wasm', import.meta.url)`, which bundlers serve in browsers
 * but Node's fetch cannot load from a file: URL, so Node gets the bytes handed in as `wasmBinary`.
 */
async function wasmBinaryInNode(specifier: string): Promise<Uint8Array | undefined> {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  const [{ createRequire }, { readFile }] = await Promise.all([import('node:module'), import('node:fs/promises')]);
  return readFile(createRequire(import.meta.url).resolve(specifier));
}

/**
 * Options for an Emscripten module factory: no main() to run, the wasm bytes when we have them,
 * and libjpeg's warnings ("Premature end of JPEG file") kept off stderr: a stream that cannot be
 * decoded already shows as the spec's empty output.
 */
async function emscriptenOptions(wasmSpecifier: string): Promise<{ noInitialRun: boolean; wasmBinary?: Uint8Array; printErr: (s: string) => void }> {
  return { noInitialRun: true, wasmBinary: await wasmBinaryInNode(wasmSpecifier), printErr: () => {} };
}

/** PNG samples of any bit depth as 8-bit: 16-bit keeps its high byte, 1/2/4-bit are unpacked and stretched. */
function png8(data: ArrayLike<number>, depth: number, rowSamples: number, height: number): Uint8Array {
  if (depth === 8) return data instanceof Uint8Array ? data : Uint8Array.from(data);
  const out = new Uint8Array(rowSamples * height);
  if (depth === 16) {
    // Pillow and OpenCV both reduce 16-bit samples to 8 bits by dropping the low byte.
    for (let i = 0; i < out.length; i++) out[i] = data[i] >> 8;
    return out;
  }
  // Sub-byte samples are packed most significant bit first, each row starting on a byte.
  const stride = Math.ceil((rowSamples * depth) / 8);
  const max = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < rowSamples; x++) {
      const bit = x * depth;
      const v = (data[y * stride + (bit >> 3)] >> (8 - depth - (bit & 7))) & max;
      out[y * rowSamples + x] = (v * 255) / max;
    }
  }
  return out;
}

/** The adapters, by format. */
export const ADAPTERS: Readonly<Record<ImageFormat, Adapter>> = {
  pnm: { load: async () => decodePnm },

  png: {
    package: 'fast-png',
    load: async () => {
      const { decode, convertIndexedToRgb } = await import('fast-png');
      return (bytes) => {
        const png = decode(bytes);
        if (png.palette) {
          // Indexed colour: expand through the palette (RGBA entries when tRNS gave alpha).
          return { width: png.width, height: png.height, channels: png.palette[0].length === 4 ? 4 : 3, data: convertIndexedToRgb(png) };
        }
        const channels = png.channels as DecodedImage['channels'];
        return { width: png.width, height: png.height, channels, data: png8(png.data, png.depth, png.width * channels, png.height) };
      };
    },
  },

  bmp: {
    package: 'bmp-ts',
    load: async () => {
      const { decode } = await import('bmp-ts');
      requireBuffer('bmp-ts');
      return (bytes) => {
        const bmp = decode(asBuffer(bytes), { toRGBA: true });
        return rgbaImage(bmp.width, bmp.height, bmp.data);
      };
    },
  },

  tiff: {
    package: 'utif',
    load: async () => {
      const { default: UTIF } = await import('utif');
      return (bytes) => {
        // A multi-page TIFF decodes to its first page, as OpenCV's imdecode and Pillow's open do.
        const buffer = ownBuffer(bytes);
        const [page] = UTIF.decode(buffer);
        if (!page) throw new Error('TIFF: no image directory');
        // utif reads past the end of a truncated stream as zeros; libtiff (behind OpenCV and
        // Pillow) rejects such a file, so check that every strip (273/279) or tile (324/325) fits.
        const offsets = (page.t273 ?? page.t324) as number[] | undefined;
        const counts = (page.t279 ?? page.t325) as number[] | undefined;
        if (offsets?.some((o, i) => o + (counts?.[i] ?? 0) > bytes.length)) throw new Error('TIFF: image data runs past the end of the stream');
        UTIF.decodeImage(buffer, page);
        return rgbaImage(page.width, page.height, UTIF.toRGBA8(page));
      };
    },
  },

  jpeg2000: {
    package: 'jpeg2000',
    load: async () => {
      const { JpxImage } = await import('jpeg2000');
      requireBuffer('jpeg2000');
      return (bytes) => {
        const jpx = new JpxImage();
        jpx.parse(asBuffer(bytes));
        const { width, height, componentsCount: c, tiles } = jpx;
        if (c < 1 || c > 4) throw new Error(`JPEG 2000: ${c} components`);
        // Tiles sit on the codestream's reference grid, which may start at an offset: the
        // top-left tile marks the image origin.
        const left0 = Math.min(...tiles.map((t) => t.left));
        const top0 = Math.min(...tiles.map((t) => t.top));
        const data = new Uint8Array(width * height * c);
        for (const t of tiles) {
          const x0 = t.left - left0;
          const y0 = t.top - top0;
          if (x0 + t.width > width || y0 + t.height > height) throw new Error('JPEG 2000: tile outside the image');
          for (let y = 0; y < t.height; y++) {
            data.set(t.items.subarray(y * t.width * c, (y + 1) * t.width * c), ((y0 + y) * width + x0) * c);
          }
        }
        return { width, height, channels: c as DecodedImage['channels'], data };
      };
    },
  },

  jpeg: {
    package: '@jsquash/jpeg',
    load: async () => {
      const { default: factory } = await import('@jsquash/jpeg/codec/dec/mozjpeg_dec.js');
      const codec = await factory(await emscriptenOptions('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'));
      return (bytes) => {
        // EXIF orientation is not applied: the spec does not mention it, and Pillow (the ONNX
        // reference evaluator) does not apply it on open either.
        const img = codec.decode(ownBuffer(bytes), false);
        if (!img) throw new Error('JPEG: MozJPEG could not decode the stream');
        return rgbaImage(img.width, img.height, img.data);
      };
    },
  },

  webp: {
    package: '@jsquash/webp',
    load: async () => {
      const { default: factory } = await import('@jsquash/webp/codec/dec/webp_dec.js');
      const codec = await factory(await emscriptenOptions('@jsquash/webp/codec/dec/webp_dec.wasm'));
      return (bytes) => {
        const img = codec.decode(ownBuffer(bytes));
        if (!img) throw new Error('WebP: libwebp could not decode the stream');
        return rgbaImage(img.width, img.height, img.data);
      };
    },
  },
};

const loaded = new Map<ImageFormat, Promise<Decode>>();

/**
 * The decoder for `format`, loaded once and then reused. Throws UnsupportedOpError naming the
 * package when it is missing or fails to start (a failed load is retried on the next call).
 */
export async function decoderFor(format: ImageFormat): Promise<Decode> {
  const adapter = ADAPTERS[format];
  let pending = loaded.get(format);
  if (!pending) {
    pending = adapter.load();
    loaded.set(format, pending);
  }
  try {
    return await pending;
  } catch (e) {
    loaded.delete(format);
    const pkg = adapter.package ?? '(built in)';
    throw new UnsupportedOpError(
      `ImageDecoder: ${format} streams are decoded by the optional package '${pkg}', which could not be loaded ` +
      `(${(e as Error).message}); install it with \`npm install ${pkg}\``, {}, { cause: e });
  }
}
