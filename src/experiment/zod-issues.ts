// Turns zod issues into SpecIssues: the path inside the file, what was expected, what was
// found, and for an unknown key the closest valid key (from the schema's shape).
import type { z } from 'zod';
import { closestName } from './levenshtein.js';
import { getAtPath, type PathSegment } from './dotted-path.js';
import { objectKeysAt, schemasAt } from './schema-walk.js';

type ZodIssue = z.core.$ZodIssue;

export interface RawIssue {
  /** Path inside the validated data. */
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly suggestion?: string;
  /** Set for an unknown key (the last path segment is the key). */
  readonly unknownKey?: true;
}

/** A short, quoted description of a value found in the file. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object (key: value mapping)',
  array: 'a list',
  record: 'an object (key: value mapping)',
  null: 'null',
  undefined: 'nothing',
  tuple: 'a list',
  nonoptional: 'a value',
};

function sizeBound(issue: { origin: string; inclusive?: boolean; exact?: boolean }, bound: number | bigint, small: boolean): string {
  const n = String(bound);
  if (issue.origin === 'array' || issue.origin === 'set') return issue.exact ? `exactly ${n} items` : `${small ? 'at least' : 'at most'} ${n} items`;
  if (issue.origin === 'string') return issue.exact ? `exactly ${n} characters` : `${small ? 'at least' : 'at most'} ${n} characters`;
  const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
  return `${issue.origin === 'int' ? 'an integer' : 'a number'} ${op} ${n}`;
}

/** True when the schema at `path` is an integer (z.int() and friends). */
function isIntegerAt(schema: z.ZodType, path: readonly PathSegment[]): boolean {
  return schemasAt(schema, path).some((s) => {
    const def = (s as unknown as { _zod: { def: { type: string; format?: string } } })._zod.def;
    return def.type === 'number' && typeof def.format === 'string' && def.format.includes('int');
  });
}

function typeName(expected: string, schema: z.ZodType, path: readonly PathSegment[]): string {
  if (expected === 'number' && isIntegerAt(schema, path)) return TYPE_NAMES['int'] as string;
  return TYPE_NAMES[expected] ?? expected;
}

/**
 * A custom issue about an unknown name may carry `params: { unknownName, candidates }` (a
 * schema's cross-reference check): the closest candidate is its suggestion.
 */
function unknownNameSuggestion(issue: ZodIssue): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const params = issue.params as { unknownName?: unknown; candidates?: unknown } | undefined;
  if (typeof params?.unknownName !== 'string' || !Array.isArray(params.candidates)) return undefined;
  return closestName(params.unknownName, params.candidates.filter((c): c is string => typeof c === 'string'));
}

function depth(issues: readonly ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/**
 * Converts zod issues found when parsing `input` with `schema` into RawIssues (paths relative
 * to `input`).
 */
export function convertZodIssues(issues: readonly ZodIssue[], schema: z.ZodType, input: unknown, base: readonly PathSegment[] = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    const found = getAtPath(input, path);
    const got = `, got ${describeValue(found)}`;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const valid = objectKeysAt(schema, path, getAtPath(input, path));
        for (const key of issue.keys) {
          const suggestion = closestName(key, valid.filter((k) => !issue.keys.includes(k)));
          const message = valid.length > 0 ? `unknown key "${key}" (valid keys: ${valid.join(', ')})` : `unknown key "${key}"`;
          out.push(suggestion !== undefined ? { path: [...path, key], message, suggestion, unknownKey: true } : { path: [...path, key], message, unknownKey: true });
        }
        break;
      }
      case 'invalid_type': {
        const name = typeName(issue.expected, schema, path);
        if (found === undefined) out.push({ path, message: `missing required key (expected ${name})` });
        else out.push({ path, message: `expected ${name}${got}` });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const origin = issue.origin === 'number' && isIntegerAt(schema, path) ? 'int' : issue.origin;
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        out.push({ path, message: `expected ${sizeBound({ ...issue, origin }, bound, issue.code === 'too_small')}${got}` });
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((v) => JSON.stringify(v));
        const suggestion = typeof found === 'string' ? closestName(found, issue.values.filter((v): v is string => typeof v === 'string')) : undefined;
        const message = `expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}${got}`;
        out.push(suggestion !== undefined ? { path, message, suggestion } : { path, message });
        break;
      }
      case 'invalid_format':
        out.push({ path, message: `expected ${issue.format === 'regex' && issue.pattern ? `text matching ${issue.pattern}` : `a valid ${issue.format}`}${got}` });
        break;
      case 'not_multiple_of':
        out.push({ path, message: `expected a multiple of ${issue.divisor}${got}` });
        break;
      case 'invalid_union': {
        const branches = issue.errors;
        const before = out.length;
        if (branches.length === 0) {
          // A discriminated union with no matching discriminator: suggest the closest option.
          const options = (issue as { options?: unknown[] }).options?.filter((v): v is string => typeof v === 'string') ?? [];
          const suggestion = typeof found === 'string' ? closestName(found, options) : undefined;
          const message = found !== undefined && issue.message.includes(describeValue(found)) ? issue.message : `${issue.message}${got}`;
          out.push(suggestion !== undefined ? { path, message, suggestion } : { path, message });
          break;
        }
        // A branch that got further into the value (deeper issues) is the one the user meant.
        // Branch issues' paths are relative to the union's own position.
        const deep = branches.filter((b) => depth(b) > 0);
        if (deep.length > 0) {
          const best = deep.reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a));
          const nested = convertZodIssues(best, schema, input, path);
          out.push(...(nested.length > 0 ? nested : [{ path, message: `${issue.message}${got}` }]));
          break;
        }
        const expected = new Set<string>();
        for (const branch of branches) {
          for (const sub of branch) {
            if (sub.code === 'invalid_type') expected.add(typeName(sub.expected, schema, path));
            else if (sub.code === 'invalid_value') for (const v of sub.values) expected.add(JSON.stringify(v));
            else if (sub.code === 'custom' || sub.code === 'too_small' || sub.code === 'too_big' || sub.code === 'invalid_format') {
              out.push(...convertZodIssues([sub], schema, input, base));
              expected.clear();
              break;
            }
          }
        }
        if (expected.size > 0) {
          const what = [...expected].join(' or ');
          out.push({ path, message: found === undefined ? `missing required key (expected ${what})` : `expected ${what}${got}` });
        } else if (out.length === before) {
          out.push({ path, message: `${issue.message}${got}` });
        }
        break;
      }
      case 'invalid_key':
        out.push({ path, message: `invalid key: ${issue.issues.map((i) => i.message).join('; ')}` });
        break;
      case 'invalid_element':
        out.push({ path, message: `invalid element: ${issue.issues.map((i) => i.message).join('; ')}` });
        break;
      default: {
        // custom refinements and transforms (e.g. unit parsing) carry their own message.
        // (an object or list is not quoted: the path already points at it)
        // (nor is the value under an unknown name: the message is about the name)
        const suggestion = unknownNameSuggestion(issue);
        const plain = found === undefined || typeof found === 'object' || issue.message.includes(describeValue(found)) || suggestion !== undefined;
        const message = plain ? issue.message : `${issue.message}${got}`;
        out.push(suggestion !== undefined ? { path, message, suggestion } : { path, message });
      }
    }
  }
  return out;
}
