/**
 * Typed errors. Every message names what a user needs to find the problem: the node, op, opset,
 * input shapes and dtypes, and the graph path (added as the error unwinds through subgraphs).
 */

/** Where in a model an error happened. */
export interface NodeContext {
  node?: string;
  op?: string;
  domain?: string;
  opset?: number;
  /** e.g. ["float32[2,3]", "int64[2]"] */
  inputs?: string[];
  /** Names of enclosing graphs, outermost first (If/Loop/Scan bodies, functions). */
  graphPath?: string[];
}

export class OnnxTsError extends Error {
  context: NodeContext;
  readonly detail: string;
  constructor(detail: string, context: NodeContext = {}, options?: { cause?: unknown }) {
    super(formatMessage(detail, context), options);
    this.name = new.target.name;
    this.detail = detail;
    this.context = context;
  }

  /** Adds context as the error unwinds (the innermost context wins for node fields). */
  withContext(extra: NodeContext): this {
    const graphPath = [...(extra.graphPath ?? []), ...(this.context.graphPath ?? [])];
    this.context = { ...extra, ...this.context, graphPath: graphPath.length ? graphPath : undefined };
    this.message = formatMessage(this.detail, this.context);
    return this;
  }
}

/** The file is not a valid ONNX model (truncated, garbage, cycles, bad external data, bad IR). */
export class ModelLoadError extends OnnxTsError {}
/** Shapes that cannot work together (found by shape inference or at run time). */
export class ShapeError extends OnnxTsError {}
/** An input's dtype is not allowed by the op's type constraints. */
export class TypeConstraintError extends OnnxTsError {}
/** No spec, or no kernel on the chosen providers, for this op. */
export class UnsupportedOpError extends OnnxTsError {}
/** The model asks for an opset this op's spec does not cover. */
export class OpsetError extends OnnxTsError {}
/** A required attribute is missing or has the wrong type. */
export class AttributeError extends OnnxTsError {}
/** Bad feeds/fetches or options passed to the public API. */
export class InvalidArgumentError extends OnnxTsError {}
/** A kernel failed while running. */
export class KernelError extends OnnxTsError {}

function formatMessage(detail: string, c: NodeContext): string {
  const parts: string[] = [];
  if (c.graphPath?.length) parts.push(`graph ${c.graphPath.join(' > ')}`);
  if (c.op) {
    const where = [c.node !== undefined ? `node '${c.node}'` : '', c.opset !== undefined ? `opset ${c.opset}` : '']
      .filter(Boolean).join(', ');
    const op = c.domain && c.domain !== 'ai.onnx' ? `${c.domain}.${c.op}` : c.op;
    parts.push(`${op}(${where})`);
  } else if (c.node) parts.push(`node '${c.node}'`);
  const head = parts.length ? `${parts.join(': ')}: ` : '';
  const inputs = c.inputs?.length ? ` [inputs: ${c.inputs.join(', ')}]` : '';
  return `${head}${detail}${inputs}`;
}
