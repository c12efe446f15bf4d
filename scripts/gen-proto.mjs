#!/usr/bin/env node
// Generates the static protobuf decoder/encoder (src/ir/proto/onnx-pb.js + .d.ts) from our own
// schema proto/onnx.proto with protobufjs-cli. With --check it regenerates in a temp folder and
// fails when the committed files differ, so the schema and the code cannot drift apart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/ir/proto');
const check = process.argv.includes('--check');
const tmp = mkdtempSync(join(tmpdir(), 'onnx-ts-proto-'));
const bin = (name) => join(root, 'node_modules/.bin', name);
const header = (tool) =>
  `// generated, do not edit: ${tool} from proto/onnx.proto by scripts/gen-proto.mjs (npm run proto:gen)\n`;

const jsTmp = join(tmp, 'onnx-pb.js');
const dtsTmp = join(tmp, 'onnx-pb.d.ts');
execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--no-verify', '--no-convert', '--no-delimited',
  '--no-service', '--force-long', '-o', jsTmp, join(root, 'proto/onnx.proto')], { stdio: 'inherit' });
execFileSync(bin('pbts'), ['--no-comments', '-o', dtsTmp, jsTmp], { stdio: 'inherit' });

const files = {
  'onnx-pb.js': header('pbjs -t static-module -w es6') + readFileSync(jsTmp, 'utf8'),
  'onnx-pb.d.ts': header('pbts') + readFileSync(dtsTmp, 'utf8'),
};
let drift = false;
for (const [name, text] of Object.entries(files)) {
  const target = join(outDir, name);
  if (check) {
    let current = '';
    try { current = readFileSync(target, 'utf8'); } catch { /* missing counts as drift */ }
    if (current !== text) { console.error(`drift: ${target} differs from what proto/onnx.proto generates`); drift = true; }
  } else {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(target, text);
  }
}
if (drift) { console.error('run `npm run proto:gen` and commit the result'); process.exit(1); }
console.log(check ? 'proto: generated code matches proto/onnx.proto' : `proto: wrote ${Object.keys(files).join(', ')}`);
