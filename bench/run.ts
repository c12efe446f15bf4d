/**
 * `npm run bench`: onnx-ts (wasm provider first, then cpu and reference, 1 and 2 intra-op threads)
 * against onnxruntime-web (wasm backend in Node, `env.wasm.numThreads`) and onnxruntime-node
 * (`intraOpNumThreads`), in the same run, on the real models in ../shared/models plus two
 * microbenchmarks (MatMul 1024³ with a constant B; Conv 3×3 64→64 on 56×56 with pads 1).
 *
 *   npm run bench [-- --time MS] [--rounds N] [--runtimes onnx-ts,onnx-ts-cpu,ort-web,ort-node] [--threads 1,2] [--reference] [--cases a,b]
 *
 * Each (runtime, threads) pair runs in its own child process: ORT-web fixes its thread count when
 * its wasm first initializes, and separate processes keep one runtime's memory out of another's
 * timings; the whole list runs `--rounds` times (default 2) and each row keeps its best median.
 * Reports the median latency (tinybench p50), GFLOP/s for the microbenchmarks and the ratio to
 * ORT-web at the same thread count. `onnx-ts-cpu` (the generated TypeScript kernels, providers
 * ['cpu', 'reference']) runs once at 1 thread and shows in the first thread row with its
 * slowdown against ORT-web ("cpu / ORT-web"). Not a test: timings depend on the machine and its load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { MODELS_DIR } from '../conformance/paths.js';
import type { Value } from '../src/ir/ops/spec.js';
import { Tensor } from '../src/ir/tensor.js';
import { loadModelFile } from '../src/io/node-files.js';
import { readDataSets } from '../src/io/test-folder.js';
import { InferenceSession, type SessionOptions } from '../src/runtime/inference-session.js';
import { buildModelBytes } from '../src/tools/model-builder.js';

/** A case; with `inputSets`, successive runs take the sets in turn (inputs whose dims change). */
interface Case { name: string; bytes: () => Uint8Array; inputs: () => Record<string, Tensor>; inputSets?: () => Record<string, Tensor>[]; flops?: number }
interface Row { caseName: string; runtime: string; threads: number; p50?: number; runs?: number; error?: string }

// tinybert_dyn is the same network exported with dynamic batch and sequence axes (fed batch 2):
// the form transformer exports usually take, which runs through shape-specialized plans.
// unet_tiny is a segmentation decoder's ops: ConvTranspose, bilinear Resize, skip Concat.
const MODEL_CASES = ['resnet18_opset17', 'mobilenet_v2_opset13', 'squeezenet1_1_opset13', 'tinybert_opset17', 'tinybert_dyn_opset17', 'lstm_bidi2_opset13',
  'unet_tiny_opset13'];

function seeded(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; a[i] = s / 2 ** 32 - 0.5; }
  return a;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const name of MODEL_CASES) {
    const folder = MODELS_DIR ? join(MODELS_DIR, name) : '';
    if (!folder || !existsSync(join(folder, 'model.onnx'))) continue;
    out.push({
      name,
      bytes: () => readFileSync(join(folder, 'model.onnx')),
      inputs: () => {
        const model = loadModelFile(join(folder, 'model.onnx'));
        const [set] = readDataSets(folder, model);
        return set.inputs as Record<string, Tensor>;
      },
    });
  }
  // Text of changing length: batch 1, 24 sequence lengths from 8 to 64 in turn, so every run
  // meets other dims than the last (the generic plan, its run-time shape checks, no specialized plan).
  const dyn = MODELS_DIR ? join(MODELS_DIR, 'tinybert_dyn_opset17') : '';
  if (dyn && existsSync(join(dyn, 'model.onnx'))) {
    const lengths = Array.from({ length: 24 }, (_, i) => 8 + ((i * 7) % 57));
    const sets = () => lengths.map((T) => ({
      input_ids: new Tensor('int64', BigInt64Array.from({ length: T }, (_, i) => BigInt((i * 131) % 1000)), [1, T]),
      attention_mask: new Tensor('int64', new BigInt64Array(T).fill(1n), [1, T]),
    }));
    out.push({ name: 'tinybert_dyn, lengths 8–64', bytes: () => readFileSync(join(dyn, 'model.onnx')), inputs: () => sets()[0], inputSets: sets });
  }
  const n = 1024;
  out.push({
    name: 'MatMul 1024³',
    flops: 2 * n ** 3,
    bytes: () => buildModelBytes({
      opset: 17, nodes: [{ op: 'MatMul', inputs: ['a', 'b'], outputs: ['y'] }],
      inputs: [['a', 'float32', [n, n]]], outputs: [['y', 'float32', [n, n]]],
      initializers: { b: new Tensor('float32', seeded(n * n, 2), [n, n]) },
    }),
    inputs: () => ({ a: new Tensor('float32', seeded(n * n, 1), [n, n]) }),
  });
  out.push({
    name: 'Conv 3×3 64→64 56×56',
    flops: 2 * 64 * 64 * 9 * 56 * 56,
    bytes: () => buildModelBytes({
      opset: 17, nodes: [{ op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['y'], attrs: { pads: [1, 1, 1, 1], kernel_shape: [3, 3] } }],
      inputs: [['x', 'float32', [1, 64, 56, 56]]], outputs: [['y', 'float32', [1, 64, 56, 56]]],
      initializers: { w: new Tensor('float32', seeded(64 * 64 * 9, 3).map((v) => v * 0.1), [64, 64, 3, 3]), b: new Tensor('float32', seeded(64, 4), [64]) },
    }),
    inputs: () => ({ x: new Tensor('float32', seeded(64 * 56 * 56, 5), [1, 64, 56, 56]) }),
  });
  return out;
}

/**
 * The onnx-ts runtimes: the default providers (wasm first), the generated TypeScript kernels
 * alone (`cpu`, with the reference for ops it lacks; it has no threads, so it runs at 1 only),
 * and the reference provider alone.
 */
const ONNX_TS_OPTIONS: Record<string, (threads: number) => SessionOptions> = {
  'onnx-ts': (threads) => ({ intraOpNumThreads: threads }),
  'onnx-ts-cpu': () => ({ executionProviders: ['cpu', 'reference'] }),
  'onnx-ts-reference': () => ({ executionProviders: ['reference'] }),
};
/** Runtimes whose speed does not depend on the thread count: measured once, in the 1-thread row. */
const SINGLE_THREADED = new Set(['onnx-ts-cpu', 'onnx-ts-reference']);

/** A runtime behind one shape: create a session from bytes, then a run function. */
async function makeRunner(runtime: string, threads: number, c: Case): Promise<() => Promise<unknown>> {
  const sets = c.inputSets?.() ?? [c.inputs()];
  let next = 0;
  const pick = <T>(list: T[]) => list[next++ % list.length];
  if (runtime.startsWith('onnx-ts')) {
    const s = await InferenceSession.create(c.bytes(), ONNX_TS_OPTIONS[runtime](threads));
    return () => s.run(pick(sets) as Record<string, Value> as never);
  }
  const ort = (await import(runtime === 'ort-web' ? 'onnxruntime-web' : 'onnxruntime-node')) as typeof import('onnxruntime-web');
  if (runtime === 'ort-web') {
    ort.env.wasm.numThreads = threads;
    ort.env.logLevel = 'error';
  }
  const s = await ort.InferenceSession.create(c.bytes(), runtime === 'ort-node'
    ? { intraOpNumThreads: threads, interOpNumThreads: 1, executionProviders: ['cpu'] } as never
    : { executionProviders: ['wasm'] });
  const ortSets = sets.map((feeds) => Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ort.Tensor(t.type as never, t.data as never, t.dims)])));
  return () => s.run(pick(ortSets));
}

/** Child: runs every case on one runtime and prints one JSON line per case. */
async function child(runtime: string, threads: number, timeMs: number, only?: string[]): Promise<void> {
  for (const c of cases()) {
    if (only && !only.some((o) => c.name.toLowerCase().includes(o.toLowerCase()))) continue;
    const row: Row = { caseName: c.name, runtime, threads };
    try {
      const run = await makeRunner(runtime, threads, c);
      // The reference provider takes seconds per model: a single timed run is enough to place it.
      const bench = new Bench({ time: runtime === 'onnx-ts-reference' ? 0 : timeMs, iterations: runtime === 'onnx-ts-reference' ? 1 : 5,
        warmupIterations: 2, warmupTime: 0, throws: true });
      bench.add(c.name, run);
      await bench.run();
      const r = bench.tasks[0].result as { state: string; latency?: { p50: number }; error?: Error };
      if (r.state !== 'completed' || !r.latency) throw r.error ?? new Error(`task ${r.state}`);
      row.p50 = r.latency.p50;
      row.runs = (r.latency as unknown as { samplesCount?: number }).samplesCount;
    } catch (e) {
      row.error = String((e as Error)?.message ?? e).split('\n')[0].slice(0, 120);
    }
    console.log(`ROW ${JSON.stringify(row)}`);
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    await child(arg('--runtime')!, Number(arg('--threads')), Number(arg('--time')), arg('--cases')?.split(','));
    process.exit(0);
  }
  const timeMs = Number(arg('--time') ?? 1500);
  const runtimes = (arg('--runtimes') ?? 'onnx-ts,onnx-ts-cpu,ort-web,ort-node').split(',');
  const threadList = (arg('--threads') ?? '1,2').split(',').map(Number);
  // Rounds: the whole list again, so that a burst of load from other processes during one child
  // does not decide a row alone; each row keeps its best (lowest) median over the rounds.
  const rounds = Number(arg('--rounds') ?? 2);
  const jobs: { runtime: string; threads: number; round: number }[] = [];
  for (let r = 0; r < rounds; r++) for (const threads of threadList) for (const runtime of runtimes) {
    if (!SINGLE_THREADED.has(runtime) || threads === threadList[0]) jobs.push({ runtime, threads: SINGLE_THREADED.has(runtime) ? 1 : threads, round: r });
  }
  if (process.argv.includes('--reference')) jobs.push({ runtime: 'onnx-ts-reference', threads: 1, round: 0 });
  const self = fileURLToPath(import.meta.url);
  const rows: Row[] = [];
  // Every round's rows too, for the per-round ratios printed under the table.
  const byRound: (Row & { round: number })[] = [];
  const started = Date.now();
  for (const [i, job] of jobs.entries()) {
    process.stderr.write(`[${i + 1}/${jobs.length}] ${job.runtime} ${job.threads}t … `);
    const t0 = Date.now();
    const res = spawnSync(process.execPath, [...process.execArgv, self, '--child', '--runtime', job.runtime, '--threads', String(job.threads),
      '--time', String(timeMs), ...(arg('--cases') ? ['--cases', arg('--cases')!] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const got = (res.stdout ?? '').split('\n').filter((l) => l.startsWith('ROW ')).map((l) => JSON.parse(l.slice(4)) as Row);
    for (const row of got) {
      byRound.push({ ...row, round: job.round });
      const i = rows.findIndex((r) => r.caseName === row.caseName && r.runtime === row.runtime && r.threads === row.threads);
      if (i < 0) rows.push(row);
      else if (row.p50 !== undefined && (rows[i].p50 === undefined || row.p50 < rows[i].p50!)) rows[i] = row;
    }
    process.stderr.write(`${got.length} cases in ${((Date.now() - t0) / 1000).toFixed(0)} s (total ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    if (res.status !== 0 && !got.length) process.stderr.write(`${res.stderr?.split('\n').slice(-5).join('\n')}\n`);
  }
  printTable(rows, threadList);
  printRounds(byRound, threadList, rounds);
}

/**
 * The ratios of each round on its own (the table pairs each runtime's best round): on a loaded
 * host their spread shows how far one table's ratios can be trusted.
 */
function printRounds(rows: readonly (Row & { round: number })[], threadList: number[], rounds: number): void {
  if (rounds < 2) return;
  const p50 = (c: string, rt: string, t: number, r: number) => rows.find((x) => x.caseName === c && x.runtime === rt && x.threads === t && x.round === r)?.p50;
  const perRound = (f: (r: number) => number | undefined) => Array.from({ length: rounds }, (_, r) => f(r)).filter((v): v is number => v !== undefined);
  const list = (v: number[]) => v.map((x) => `${x.toFixed(2)}×`).join(', ');
  console.log('\nper round:');
  for (const c of [...new Set(rows.map((r) => r.caseName))]) {
    const parts: string[] = [];
    for (const t of threadList) {
      const web = perRound((r) => { const o = p50(c, 'onnx-ts', t, r), w = p50(c, 'ort-web', t, r); return o && w ? w / o : undefined; });
      if (web.length) parts.push(`ORT-web / onnx-ts at ${t}t ${list(web)}`);
    }
    const scale = perRound((r) => { const one = p50(c, 'onnx-ts', 1, r), two = p50(c, 'onnx-ts', 2, r); return one && two ? one / two : undefined; });
    if (scale.length) parts.push(`onnx-ts 2t over 1t ${list(scale)}`);
    if (parts.length) console.log(`- ${c}: ${parts.join('; ')}`);
  }
}

function printTable(rows: Row[], threadList: number[]): void {
  const caseNames = [...new Set(rows.map((r) => r.caseName))];
  const flops = new Map(cases().map((c) => [c.name, c.flops]));
  const get = (c: string, rt: string, t: number) => rows.find((r) => r.caseName === c && r.runtime === rt && r.threads === t);
  const fmt = (r: Row | undefined) => (!r ? '–' : r.error ? `error: ${r.error}` : `${r.p50!.toFixed(r.p50! < 10 ? 2 : 1)}`);
  // Which engine and processor made the numbers: both ORT-web and onnx-ts moved 10–25% between
  // Node 20 and 24 on the same box (2026-11-27), and the ratios with them.
  console.log(`\nNode ${process.version} (V8 ${process.versions.v8}), ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} logical CPUs`);
  console.log(`\nbest median (ms) over ${Number(arg('--rounds') ?? 2)} rounds`);
  console.log(`\n| case | threads | onnx-ts wasm ms | onnx-ts cpu ms | ORT-web ms | ORT-node ms | ORT-web / onnx-ts | ORT-node / onnx-ts | cpu / ORT-web | onnx-ts GFLOP/s | ORT-web GFLOP/s |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of caseNames) {
    for (const t of threadList) {
      const ours = get(c, 'onnx-ts', t), web = get(c, 'ort-web', t), node = get(c, 'ort-node', t), cpu = t === threadList[0] ? get(c, 'onnx-ts-cpu', 1) : undefined;
      const ratio = (o: Row | undefined) => (ours?.p50 && o?.p50 ? `${(o.p50 / ours.p50).toFixed(2)}×` : '–');
      const gf = (r: Row | undefined) => (flops.get(c) && r?.p50 ? (flops.get(c)! / r.p50 / 1e6).toFixed(1) : '');
      // The cpu provider's target is stated as a slowdown (issue #4: within 4× of ORT-web), so this ratio is cpu / ORT-web.
      const cpuRatio = cpu?.p50 && web?.p50 ? `${(cpu.p50 / web.p50).toFixed(2)}×` : '–';
      console.log(`| ${c} | ${t} | ${fmt(ours)} | ${fmt(cpu)} | ${fmt(web)} | ${fmt(node)} | ${ratio(web)} | ${ratio(node)} | ${cpuRatio} | ${gf(ours)} | ${gf(web)} |`);
    }
  }
  const refRows = rows.filter((r) => r.runtime === 'onnx-ts-reference');
  if (refRows.length) console.log(`\nreference provider (1 thread): ${refRows.map((r) => `${r.caseName} ${fmt(r)} ms`).join(', ')}`);
  for (const c of caseNames) {
    const one = get(c, 'onnx-ts', 1)?.p50, two = get(c, 'onnx-ts', 2)?.p50;
    if (one && two) console.log(`onnx-ts ${c}: 2 threads ${(one / two).toFixed(2)}× over 1`);
  }
}

await main();
