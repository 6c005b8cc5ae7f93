// Checks that a swept path names something that exists: a value the base experiment's params
// have (as written or after defaults), or a field the model's schema allows at that point (an
// optional field not given, a field with a default). A path that names nothing would otherwise
// be written into the parameters as a new, unused entry (e.g. `services.apii.replicas`, a typo
// for `api`, adds a service "apii" to a record) and every configuration would be the same.
// Entries of records (services by name, ...) and of lists are named by the data, not by the
// schema: a sweep may vary an entry the base has, but not add one.
import type { z } from 'zod';
import { splitDottedPath, type PathSegment } from './dotted-path.js';
import { closestName } from './levenshtein.js';
import { defOf, unwrap } from './schema-walk.js';
import type { RawIssue } from './zod-issues.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isIndex(seg: string): boolean {
  return /^\d+$/.test(seg);
}

/** What one segment of the path leads to. */
type Step =
  | { readonly kind: 'found'; readonly schemas: z.ZodType[] }
  /** The schema accepts anything there (any, unknown, custom): nothing more can be checked. */
  | { readonly kind: 'open' }
  | { readonly kind: 'missing'; readonly message: string; readonly candidates: string[] };

/**
 * Checks the swept `column` (a dotted path) against the model's `schema`, the base `params` as
 * written and `resolved`, the same after defaults (undefined when the base alone does not parse).
 * Returns the issue to report at `at` (where the sweep entry is written), or undefined.
 */
export function sweepPathIssue(schema: z.ZodType, params: unknown, resolved: unknown, column: string, at: readonly PathSegment[]): RawIssue | undefined {
  const segs = splitDottedPath(column);
  let schemas = unwrap(schema);
  // The values found so far along the path: as written and after defaults.
  let values: unknown[] = [params, resolved];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const where = i === 0 ? 'params' : segs.slice(0, i).join('.');
    const step = stepInto(schemas, values, seg, where);
    if (step.kind === 'open') return undefined;
    if (step.kind === 'missing') {
      const best = closestName(seg, step.candidates);
      const message = `sweep path "${column}": ${step.message}`;
      if (best === undefined) return { path: at, message, unknownKey: true };
      return { path: at, message, suggestion: [...segs.slice(0, i), best, ...segs.slice(i + 1)].join('.'), unknownKey: true };
    }
    schemas = step.schemas;
    values = values.map((v) => (isPlainObject(v) && Object.hasOwn(v, seg) ? v[seg] : Array.isArray(v) && isIndex(seg) ? v[Number(seg)] : undefined));
  }
  return undefined;
}

function stepInto(schemas: readonly z.ZodType[], values: readonly unknown[], seg: string, where: string): Step {
  const entries = new Set<string>();
  let listLength = -1;
  for (const v of values) {
    if (isPlainObject(v)) for (const k of Object.keys(v)) entries.add(k);
    else if (Array.isArray(v)) listLength = Math.max(listLength, v.length);
  }
  const inData = entries.has(seg) || (isIndex(seg) && Number(seg) < listLength);
  const next: z.ZodType[] = [];
  const fields = new Set<string>();
  let record = false;
  let list = false;
  for (const s of schemas) {
    const def = defOf(s);
    switch (def.type) {
      case 'any':
      case 'unknown':
      case 'custom':
        return { kind: 'open' };
      case 'object': {
        const shape = def.shape ?? {};
        for (const k of Object.keys(shape)) fields.add(k);
        if (Object.hasOwn(shape, seg)) next.push(...unwrap(shape[seg]!));
        else if (def.catchall !== undefined && defOf(def.catchall).type !== 'never') next.push(...unwrap(def.catchall));
        break;
      }
      case 'record': {
        record = true;
        const keys = def.keyType !== undefined && defOf(def.keyType).type === 'enum' ? Object.values(defOf(def.keyType).entries ?? {}).map(String) : [];
        if ((inData || keys.includes(seg)) && def.valueType) next.push(...unwrap(def.valueType));
        break;
      }
      case 'array':
        list = true;
        if (inData && def.element) next.push(...unwrap(def.element));
        break;
      case 'tuple': {
        list = true;
        const item = isIndex(seg) ? def.items?.[Number(seg)] : undefined;
        if (item) next.push(...unwrap(item));
        else if (inData && def.rest) next.push(...unwrap(def.rest));
        break;
      }
      default:
        break;
    }
  }
  if (next.length > 0) return { kind: 'found', schemas: next };
  if (record) {
    const have = [...entries];
    return {
      kind: 'missing',
      message:
        `the base experiment has no entry "${seg}" in ${where} (${have.length > 0 ? `it has: ${have.join(', ')}` : 'it has none'}); ` +
        `a sweep varies existing entries and cannot add one: add "${seg}" under params to sweep it`,
      candidates: have,
    };
  }
  if (list) {
    const n = Math.max(listLength, 0);
    const has = n === 0 ? 'has no entries' : n === 1 ? 'has 1 entry (index 0)' : `has ${n} entries (indices 0 to ${n - 1})`;
    return {
      kind: 'missing',
      message: `${where} ${has}; a sweep varies existing entries and cannot add one: expected an index below ${n}, got "${seg}"`,
      candidates: [],
    };
  }
  if (fields.size > 0) {
    const valid = [...fields];
    return { kind: 'missing', message: `unknown key "${seg}" in ${where} (valid keys: ${valid.join(', ')})`, candidates: valid };
  }
  return { kind: 'missing', message: `${where} is a single value, not a mapping with a key "${seg}"`, candidates: [] };
}
