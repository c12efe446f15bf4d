/**
 * Which image format an encoded stream holds, read from its leading "magic" bytes. The file
 * extension is not available to ImageDecoder (its input is a bare byte tensor), so the signature is
 * all there is to go on; every format ImageDecoder lists has a fixed one.
 */

/** The formats ImageDecoder-20 lists. */
export type ImageFormat = 'bmp' | 'jpeg' | 'jpeg2000' | 'png' | 'pnm' | 'tiff' | 'webp';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// JP2 files open with a 12-byte signature box ('jP  ' + CR LF 0x87 LF); bare codestreams (.j2k)
// open with the SOC marker followed by SIZ.
const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const J2K_SIGNATURE = [0xff, 0x4f, 0xff, 0x51];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;

/** The format of `bytes`, or undefined when no known signature matches. */
export function detectFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, JP2_SIGNATURE) || startsWith(bytes, J2K_SIGNATURE)) return 'jpeg2000';
  if (startsWith(bytes, ascii('II*\0')) || startsWith(bytes, ascii('MM\0*'))) return 'tiff';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('BM'))) return 'bmp';
  // P1..P6 (PBM, PGM, PPM in ASCII and binary); the magic must be followed by whitespace.
  if (bytes[0] === 0x50 && bytes[1] >= 0x31 && bytes[1] <= 0x36 && isSpace(bytes[2])) return 'pnm';
  return undefined;
}
