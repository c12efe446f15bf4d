/**
 * Where the test data lives. Environment variables win; otherwise the `shared/` folder beside the
 * repository (as laid out for developers and CI). Tests skip, saying so, when a folder is absent.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function firstExisting(...candidates: (string | undefined)[]): string | undefined {
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** The ONNX backend suite root (holding node/, simple/, …): ONNX_BACKEND_TESTS or ../shared/onnx/backend-tests. */
export const BACKEND_TESTS_DIR = firstExisting(process.env.ONNX_BACKEND_TESTS, join(REPO_ROOT, '../shared/onnx/backend-tests'));
/** The real-model folder: ONNX_TS_MODELS or ../shared/models. */
export const MODELS_DIR = firstExisting(process.env.ONNX_TS_MODELS, join(REPO_ROOT, '../shared/models'));
