import fc from 'fast-check';
import { ARBITRARIES } from './src/tools/arbitraries/index.ts';
import { runReference } from './src/tools/fuzz.ts';
const only = process.argv.slice(2);
for (const [op, arb] of ARBITRARIES) {
  if (only.length && !only.includes(op)) continue;
  const t0 = Date.now();
  process.stdout.write(op + ' ');
  const cases = fc.sample(arb, { numRuns: 10 });
  const t1 = Date.now();
  let errs = 0;
  for (const c of cases) { try { await runReference(c); } catch (e) { errs++; } }
  console.log(`gen ${t1 - t0}ms run ${Date.now() - t1}ms errs ${errs}`);
}
