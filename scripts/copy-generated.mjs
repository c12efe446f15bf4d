// tsc does not copy plain .js sources; the generated protobuf decoder is one, so copy it beside the build.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/src/ir/proto');
mkdirSync(out, { recursive: true });
for (const f of ['onnx-pb.js', 'onnx-pb.d.ts']) copyFileSync(join(root, 'src/ir/proto', f), join(out, f));
