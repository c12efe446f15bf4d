/**
 * A decoder for the Netpbm formats (PBM, PGM, PPM; magic P1..P6): a whitespace-separated text
 * header, then samples in ASCII or raw binary. Small enough that a package would add more than it
 * saves. Format reference: https://netpbm.sourceforge.net/doc/pnm.html
 */
import type { DecodedImage } from './pixels.js';

/** Reads header tokens, skipping whitespace and `#` comments (which run to the end of the line). */
class HeaderReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  private skipSpaceAndComments(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (c === 0x23) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) this.pos++;
      else break;
    }
  }

  /** The next unsigned decimal integer. */
  int(): number {
    this.skipSpaceAndComments();
    const start = this.pos;
    let v = 0;
    while (this.pos < this.bytes.length && this.bytes[this.pos] >= 0x30 && this.bytes[this.pos] <= 0x39) {
      v = v * 10 + (this.bytes[this.pos++] - 0x30);
    }
    if (this.pos === start) throw new Error(`PNM: expected a number at byte ${start}`);
    return v;
  }

  /** One PBM ASCII pixel: P1 allows the 0/1 digits to run together without separators. */
  bit(): number {
    this.skipSpaceAndComments();
    const c = this.bytes[this.pos++];
    if (c !== 0x30 && c !== 0x31) throw new Error(`PNM: expected 0 or 1 at byte ${this.pos - 1}`);
    return c - 0x30;
  }
}

/** Decodes a P1..P6 stream; samples are scaled to 0..255 (rounded) when `maxval` is not 255. */
export function decodePnm(bytes: Uint8Array): DecodedImage {
  const kind = bytes[1] - 0x30;
  const r = new HeaderReader(bytes);
  r.pos = 2;
  const width = r.int();
  const height = r.int();
  const bitmap = kind === 1 || kind === 4;
  const maxval = bitmap ? 1 : r.int();
  if (width <= 0 || height <= 0 || maxval <= 0 || maxval > 65535) throw new Error(`PNM: bad header ${width}x${height} maxval ${maxval}`);
  const channels = kind === 3 || kind === 6 ? 3 : 1;
  const count = width * height * channels;
  const data = new Uint8Array(count);
  // PBM stores ink: 1 is black. Everything else stores intensity.
  const scale = (v: number) => (bitmap ? (v ? 0 : 255) : maxval === 255 ? v : Math.round((Math.min(v, maxval) * 255) / maxval));

  if (kind <= 3) {
    for (let i = 0; i < count; i++) data[i] = scale(bitmap ? r.bit() : r.int());
    return { width, height, channels, data };
  }
  // Binary raster: exactly one whitespace byte separates the header from it.
  let pos = r.pos + 1;
  if (kind === 4) {
    const stride = Math.ceil(width / 8);
    if (pos + stride * height > bytes.length) throw new Error('PNM: truncated raster');
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data[y * width + x] = scale((bytes[pos + y * stride + (x >> 3)] >> (7 - (x & 7))) & 1);
    }
    return { width, height, channels, data };
  }
  const wide = maxval > 255; // two bytes per sample, most significant first
  if (pos + count * (wide ? 2 : 1) > bytes.length) throw new Error('PNM: truncated raster');
  for (let i = 0; i < count; i++, pos += wide ? 2 : 1) data[i] = scale(wide ? (bytes[pos] << 8) | bytes[pos + 1] : bytes[pos]);
  return { width, height, channels, data };
}
