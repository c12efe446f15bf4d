import { fuzz, summarizeFuzz } from './src/tools/fuzz.ts';
const ops = process.argv.slice(2);
const rep = await fuzz({ backend: 'ort-node', ops: ops.length ? ops : undefined, runs: 15, out: '/tmp/fuzz-dev', log: (l) => console.log(l) });
console.log(summarizeFuzz(rep));
