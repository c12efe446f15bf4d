// Optional peer dependencies the tests use when present (resolved, not loaded, so no native code runs).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function resolvable(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** onnxruntime-node is installed (it is an optional peer; tests that need it skip without it). */
export const HAS_ORT_NODE = resolvable('onnxruntime-node');
