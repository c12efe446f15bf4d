/**
 * `onnx-ts optimize MODEL -o OUT.onnx [--level L]`: applies a graphOptimizationLevel's passes,
 * prints node counts and op histograms before and after, the rewrites per pass and the memory
 * plan, and writes the optimized graph as an ONNX file (importing the com.onnx-ts domain when fused
 * ops are present) that InferenceSession.create loads back.
 */
import { writeFileSync } from 'node:fs';
import { saveModel } from '../ir/save.js';
import { loadModelFile } from '../io/node-files.js';
import { describePlan, planMemory } from '../passes/memory-plan.js';
import { OPTIMIZATION_LEVELS, opHistogram, optimizeModel, type GraphOptimizationLevel } from '../passes/pipelines.js';

export interface OptimizeOptions {
  model: string;
  output?: string;
  level?: string;
}

export async function optimizeCommand(o: OptimizeOptions): Promise<number> {
  const level = (o.level ?? 'all') as GraphOptimizationLevel;
  if (!OPTIMIZATION_LEVELS.includes(level)) {
    console.error(`optimize: --level must be one of ${OPTIMIZATION_LEVELS.join(', ')}, got '${o.level}'`);
    return 2;
  }
  const model = loadModelFile(o.model);
  const before = opHistogram(model);
  const report = optimizeModel(model, level);
  const after = opHistogram(model);
  console.log(`model    ${o.model}`);
  console.log(`level    ${level}`);
  console.log(`nodes    ${report.nodesBefore} → ${report.nodesAfter}`);
  console.log('rewrites ' + (Object.entries(report.rewrites).map(([p, n]) => `${p} ${n}`).join(', ') || 'none'));
  console.log('ops      (before → after)');
  for (const op of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (before[op] !== after[op]) console.log(`  ${String(before[op] ?? 0).padStart(5)} → ${String(after[op] ?? 0).padEnd(5)} ${op}`);
  }
  console.log(`memory   ${describePlan(planMemory(model.graph))}`);
  if (o.output) {
    writeFileSync(o.output, saveModel(model));
    console.log(`wrote    ${o.output}`);
  }
  return 0;
}
