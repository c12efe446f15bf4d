/**
 * The Node-only loader: reads a model file and resolves its external data next to it. This is the
 * only module of the core that imports Node built-ins; everything else runs unchanged in browsers.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ModelLoadError } from '../ir/errors.js';
import { loadModel } from '../ir/load.js';
import type { Model } from '../ir/model.js';
import { checkExternalLocation, type ExternalDataReader } from '../ir/tensor-proto.js';

export interface ModelFile {
  bytes: Uint8Array;
  readExternal: ExternalDataReader;
}

/** Reads `path`; external data must resolve inside the model's folder (symlinks included). */
export function readModelFile(path: string): ModelFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ModelLoadError(`cannot read model file '${path}': ${(e as Error).message}`, {}, { cause: e });
  }
  return { bytes, readExternal: externalReader(dirname(resolve(path))) };
}

/** Reads and decodes a model file, with its external data resolved next to it. */
export function loadModelFile(path: string): Model {
  const { bytes, readExternal } = readModelFile(path);
  return loadModel(bytes, { readExternal });
}

/** An ExternalDataReader confined to `folder`. */
export function externalReader(folder: string): ExternalDataReader {
  const root = realpathSync(folder);
  return (location, offset, length) => {
    checkExternalLocation(location, location);
    const target = resolve(root, location);
    let real: string;
    try {
      real = realpathSync(target);
    } catch (e) {
      throw new ModelLoadError(`external data file '${location}' not found next to the model`, {}, { cause: e });
    }
    const rel = relative(root, real);
    if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
      throw new ModelLoadError(`external data location '${location}' escapes the model's folder (resolves to '${real}')`);
    }
    const fd = openSync(real, 'r');
    try {
      const size = fstatSync(fd).size;
      const len = length ?? size - offset;
      if (offset + len > size) {
        throw new ModelLoadError(`external data '${location}' has ${size} bytes; offset ${offset} + length ${len} is past its end`);
      }
      const out = new Uint8Array(len);
      let done = 0;
      while (done < len) {
        const n = readSync(fd, out, done, len - done, offset + done);
        if (n <= 0) break;
        done += n;
      }
      return out;
    } finally {
      closeSync(fd);
    }
  };
}

/** Writes a text file (profiles). */
export function writeTextFile(path: string, text: string): void {
  writeFileSync(path, text);
}
