import { z } from 'zod';
import { invalidConfig } from '../base/config-error.js';
import { parseDuration } from '../random/units.js';

const zod = z;

/**
 * Counts (concurrent calls, queue places, thresholds, tokens per period, hosts) at most, here and
 * in the models' parameters: each sizes something a run holds in memory or loops over.
 */
export const MAX_COUNT = 1_000_000;

/** Attempts of one call at most, the first included (retries: at most MAX_ATTEMPTS − 1). */
export const MAX_ATTEMPTS = 1000;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Deep-freezes plain objects and arrays (configs are readonly at run time too). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * Parses `input` with `schema` (defaults merged by zod) and returns a frozen copy. On failure throws a
 * ConfigError naming the first offending field and quoting its value.
 */
export function parseConfig<S extends z.ZodType>(policy: string, schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    if (issue === undefined) throw invalidConfig(policy, '(config)', input, 'invalid');
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      const base = issue.path.map(String).join('.');
      const field = base === '' ? (keys[0] ?? '(config)') : `${base}.${keys[0] ?? ''}`;
      throw invalidConfig(policy, field, valueAt(input, [...issue.path, keys[0] ?? '']), `unknown field(s) ${keys.join(', ')}`);
    }
    const field = issue.path.length === 0 ? '(config)' : issue.path.map(String).join('.');
    throw invalidConfig(policy, field, valueAt(input, issue.path), issue.message);
  }
  return deepFreeze(r.data);
}


/**
 * A duration field: seconds as a number, or a string with a unit ("250ms", "1.5h") parsed by
 * random/units.parseDuration; then checked by `inner` (e.g. z.number().positive()).
 * JSON schema: the input side is number | string, the output side is `inner`.
 */
export function duration<T extends z.ZodNumber>(inner: T) {
  return zod
    .union([zod.number(), zod.string()])
    .transform((v, ctx) => {
      try {
        return parseDuration(v, 'duration');
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^duration: /, '') });
        return zod.NEVER;
      }
    })
    .pipe(inner);
}
