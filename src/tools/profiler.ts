/**
 * Per-node profiling in the Chrome trace event format (as onnxruntime writes it): one complete
 * ('X') event per node with its op, provider, kernel variant, input and output shapes. The JSON
 * opens in Perfetto (ui.perfetto.dev) and chrome://tracing.
 */
import { describeValue, type NodeEvent } from '../runtime/executor.js';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: 'X';
  /** Microseconds since the session started. */
  ts: number;
  dur: number;
  pid: number;
  tid: number;
  args: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, unknown>;
}

export class Profiler {
  readonly events: TraceEvent[] = [];
  private readonly origin = performance.now();
  private run = 0;

  constructor(private readonly meta: Record<string, unknown> = {}) {}

  /** Marks the start of a `session.run` (events of each run get their own thread id row). */
  beginRun(): void { this.run++; }

  readonly onNode = (e: NodeEvent): void => {
    this.events.push({
      name: e.node.name,
      cat: 'Node',
      ph: 'X',
      ts: Math.round((e.startMs - this.origin) * 1000),
      dur: Math.max(1, Math.round(e.durationMs * 1000)),
      pid: 1,
      tid: this.run,
      args: {
        op_name: e.node.op,
        domain: e.node.domain || 'ai.onnx',
        provider: e.provider,
        kernel_variant: e.variant ?? '',
        graph: e.graphPath.join('/'),
        input_shapes: e.inputs.map(describeValue),
        output_shapes: e.outputs.map(describeValue),
      },
    });
  };

  toJSON(): ChromeTrace {
    return { traceEvents: this.events, displayTimeUnit: 'ms', otherData: { producer: 'onnx-ts', ...this.meta } };
  }
}

/** Total time per op in a trace, slowest first; `run` keeps only that run's events (1-based). */
export function topOps(trace: ChromeTrace, run?: number): { op: string; count: number; totalMs: number; providers: string[] }[] {
  const byOp = new Map<string, { count: number; totalMs: number; providers: Set<string> }>();
  for (const e of trace.traceEvents) {
    if (run !== undefined && e.tid !== run) continue;
    const op = String(e.args.op_name);
    const entry = byOp.get(op) ?? { count: 0, totalMs: 0, providers: new Set<string>() };
    entry.count++;
    entry.totalMs += e.dur / 1000;
    entry.providers.add(String(e.args.provider));
    byOp.set(op, entry);
  }
  return [...byOp]
    .map(([op, v]) => ({ op, count: v.count, totalMs: v.totalMs, providers: [...v.providers] }))
    .sort((a, b) => b.totalMs - a.totalMs);
}
