import { runTest } from './runner.js';
for (const id of process.argv.slice(2)) {
  const r = await runTest('/work/shared/models', id, 'reference' as never);
  console.log(id, r.status, Math.round(r.ms), 'ms', r.message ?? '');
}
