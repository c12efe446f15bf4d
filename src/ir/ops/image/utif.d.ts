/**
 * The part of utif's API that the TIFF adapter uses (the package ships no type declarations).
 * https://github.com/photopea/UTIF.js
 */
declare module 'utif' {
  /** One image file directory (a page); `width` and `height` are set by decodeImage. */
  interface IFD {
    width: number;
    height: number;
    [tag: string]: unknown;
  }
  const UTIF: {
    /** The pages of a TIFF file, with their tags but not yet their pixels. */
    decode(buffer: ArrayBuffer): IFD[];
    /** Decodes one page's pixels into the IFD. */
    decodeImage(buffer: ArrayBuffer, ifd: IFD): void;
    /** The decoded page as 8-bit RGBA. */
    toRGBA8(ifd: IFD): Uint8Array;
  };
  export default UTIF;
}
