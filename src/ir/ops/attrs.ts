/** Resolves a node's attributes against its spec: defaults filled in, types and required ones checked. */
import { AttributeError } from '../errors.js';
import type { Node } from '../model.js';
import { attrExistsAt, type AttrSpec, type OpSpec } from './spec.js';

/** `attrs` for kernels: the node's values, else the spec's defaults (never restated in kernels). */
export function resolveAttrs(spec: OpSpec<any>, node: Node, version: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(spec.attributes as Record<string, AttrSpec>)) {
    const given = node.attributes.get(name);
    if (given) {
      const legacyOk = a.legacyType && given.type === a.legacyType.type && version < a.legacyType.until;
      if (given.type !== a.type && !compatible(given.type, a.type) && !legacyOk) {
        throw new AttributeError(`attribute '${name}' must be ${a.type}, got ${given.type}`);
      }
      out[name] = given.type === 'int' && a.type === 'float' ? Number(given.value) : given.value;
    } else if (attrExistsAt(a, version)) {
      if (a.required) throw new AttributeError(`required attribute '${name}' is missing`);
      out[name] = cloneDefault(defaultAt(a, version));
    }
  }
  return out;
}

function defaultAt(a: AttrSpec, version: number): unknown {
  let value = a.default;
  for (const [since, v] of a.defaultsByVersion ?? []) if (version >= since) value = v;
  return value;
}

/** Producers sometimes write an int where a float is declared (and vice versa for lists). */
function compatible(given: string, declared: string): boolean {
  return (given === 'int' && declared === 'float') || (given === 'ints' && declared === 'floats') || (given === 'floats' && declared === 'ints');
}

function cloneDefault(v: unknown): unknown {
  return Array.isArray(v) ? [...v] : v;
}
