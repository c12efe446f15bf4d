/**
 * Per-node profiling in the Chrome trace event format (as onnxruntime writes it): one complete
 * ('X') event per node with its op, provider, kernel variant, input and output shapes. The JSON
 * opens in Perfetto (ui.perfetto.dev) and chrome://tracing.
 */
import type { Value } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';
import type { NodeEvent } from '../runtime/executor.js';

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

function shapeOf(v: Value | undefined): string {
  if (v === undefined) return 'absent';
  if (v === null) return 'none';
  if (Array.isArray(v)) return `seq(${v.length})`;
  return v instanceof Tensor ? `${v.type}[${v.dims.join(',')}]` : '?';
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
        input_shapes: e.inputs.map(shapeOf),
        output_shapes: e.outputs.map(shapeOf),
      },
    });
  };

  toJSON(): ChromeTrace {
    return { traceEvents: this.events, displayTimeUnit: 'ms', otherData: { producer: 'onnx-ts', ...this.meta } };
  }

  /** Total time per op, slowest first. */
  topOps(): { op: string; count: number; totalMs: number }[] {
    const byOp = new Map<string, { count: number; totalMs: number }>();
    for (const e of this.events) {
      const op = String(e.args.op_name);
      const entry = byOp.get(op) ?? { count: 0, totalMs: 0 };
      entry.count++;
      entry.totalMs += e.dur / 1000;
      byOp.set(op, entry);
    }
    return [...byOp].map(([op, v]) => ({ op, ...v })).sort((a, b) => b.totalMs - a.totalMs);
  }
}
