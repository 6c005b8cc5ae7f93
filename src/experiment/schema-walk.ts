// Walks a zod 4 schema along a data path, to find the keys an object accepts there (for the
// "did you mean …?" hint on an unknown key and the check of swept paths) and to describe
// parameters.
import type { z } from 'zod';
import type { PathSegment } from './dotted-path.js';

export interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly rest?: z.ZodType | null;
  readonly valueType?: z.ZodType;
  readonly keyType?: z.ZodType;
  /** Object: the schema of keys not in the shape (never: strict; absent: stripped). */
  readonly catchall?: z.ZodType;
  /** Enum: its values by name. */
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly options?: readonly z.ZodType[];
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
  readonly getter?: () => z.ZodType;
  readonly schema?: z.ZodType;
  readonly values?: readonly unknown[];
}

export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips wrappers (optional, default, pipe input side, lazy, readonly, …) down to the structural schema(s). */
export function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
    case 'readonly':
    case 'success':
      return def.innerType ? unwrap(def.innerType) : [schema];
    case 'pipe':
      return def.in ? unwrap(def.in) : [schema];
    case 'lazy':
      return def.getter ? unwrap(def.getter()) : [schema];
    case 'union':
      return (def.options ?? []).flatMap(unwrap);
    case 'intersection':
      return [...(def.left ? unwrap(def.left) : []), ...(def.right ? unwrap(def.right) : [])];
    default:
      return [schema];
  }
}

/** The schemas that may apply to the value at `path` below `schema`. */
export function schemasAt(schema: z.ZodType, path: readonly PathSegment[]): z.ZodType[] {
  let current = unwrap(schema);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const def = defOf(s);
      if (def.type === 'object' && def.shape && typeof seg === 'string' && seg in def.shape) {
        next.push(...unwrap(def.shape[seg] as z.ZodType));
      } else if (def.type === 'record' && def.valueType) {
        next.push(...unwrap(def.valueType));
      } else if (def.type === 'array' && def.element) {
        next.push(...unwrap(def.element));
      } else if (def.type === 'tuple' && def.items) {
        const item = typeof seg === 'number' ? def.items[seg] : undefined;
        if (item) next.push(...unwrap(item));
        else if (def.rest) next.push(...unwrap(def.rest));
      }
    }
    current = next;
  }
  return current;
}

/**
 * Keys accepted by the object schema(s) at `path`, in declaration order. When the value found
 * there is given, object branches whose literal fields (e.g. `type: retry`) contradict it are
 * left out, so that a union of many kinds lists only the keys of the kind the user wrote.
 */
export function objectKeysAt(schema: z.ZodType, path: readonly PathSegment[], value?: unknown): string[] {
  const objects = schemasAt(schema, path).filter((s) => {
    const def = defOf(s);
    return def.type === 'object' && def.shape !== undefined;
  });
  const given = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const matching =
    given === undefined
      ? objects
      : objects.filter((s) =>
          Object.entries(defOf(s).shape!).every(([k, child]) => {
            if (!(k in given)) return true;
            const lits = unwrap(child).map(defOf).filter((d) => d.type === 'literal');
            return lits.length === 0 || lits.some((d) => (d.values ?? []).includes(given[k]));
          }),
        );
  const keys = new Set<string>();
  for (const s of matching.length > 0 ? matching : objects) for (const k of Object.keys(defOf(s).shape!)) keys.add(k);
  return [...keys];
}

/** Dotted paths of every object key reachable without records/arrays (for editor completion and docs). */
export function dottedParamPaths(schema: z.ZodType, prefix = '', depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const s of unwrap(schema)) {
    const def = defOf(s);
    if (def.type !== 'object' || !def.shape) continue;
    for (const [k, child] of Object.entries(def.shape)) {
      const p = prefix === '' ? k : `${prefix}.${k}`;
      if (!out.includes(p)) out.push(p);
      for (const sub of dottedParamPaths(child, p, depth + 1)) if (!out.includes(sub)) out.push(sub);
    }
  }
  return out;
}
