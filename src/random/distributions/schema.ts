// The zod schema of a distribution spec, as written in experiment files.
import { z } from 'zod';
import { bernoulliSchema } from './bernoulli.js';
import { constantSchema, type ConstantSpec } from './constant.js';
import { empiricalSchema } from './empirical.js';
import { erlangSchema } from './erlang.js';
import { exponentialSchema } from './exponential.js';
import { gammaSchema } from './gamma.js';
import { lognormalSchema } from './lognormal.js';
import { normalSchema } from './normal.js';
import { paretoSchema } from './pareto.js';
import { quote } from '../../base/config-error.js';
import { TIME_BOUND_TEXT } from './params.js';
import { distNames } from './registry.js';
import { uniformSchema } from './uniform.js';
import { weibullSchema } from './weibull.js';
import { MAX_DURATION_S, parseDuration } from '../units.js';
import { UnitError } from '../unit-error.js';

/** A bare number, or a duration string: shorthand for {dist: constant, value}. */
const shorthandSchema = z
  .union([z.number(), z.string()])
  .meta({ description: 'shorthand for a constant: a number, or a duration string such as "30s"' })
  .transform((v, ctx): ConstantSpec => {
    if (typeof v === 'number') {
      if (Math.abs(v) <= MAX_DURATION_S) return { dist: 'constant', value: v };
      ctx.issues.push({ code: 'custom', message: `constant ${TIME_BOUND_TEXT}; got ${quote(v)}`, input: v, continue: true });
      return z.NEVER;
    }
    try {
      return { dist: 'constant', value: parseDuration(v, 'constant') };
    } catch (e) {
      ctx.issues.push({ code: 'custom', message: e instanceof UnitError ? e.message : String(e), input: v, continue: true });
      return z.NEVER;
    }
  });

const familySchema = z.discriminatedUnion(
  'dist',
  [
    constantSchema,
    uniformSchema,
    exponentialSchema,
    normalSchema,
    lognormalSchema,
    weibullSchema,
    gammaSchema,
    erlangSchema,
    paretoSchema,
    bernoulliSchema,
    empiricalSchema,
  ],
  {
    error: (iss) =>
      `dist must be one of ${distNames.join(', ')}; got ${quote((iss.input as { dist?: unknown } | undefined)?.dist)}`,
  },
);

/**
 * Validates a distribution spec and outputs its resolved canonical form (`DistSpec`).
 * Accepts a number or duration string (constant), or an object with a `dist` field.
 * Parsing is idempotent: a `DistSpec` is itself a valid input.
 * `z.toJSONSchema(distSpecSchema, { io: 'input' })` describes the accepted input.
 */
export const distSpecSchema = z.union([shorthandSchema, familySchema.check(z.superRefine(canonicalReparses))], {
  error: (iss) => {
    // When an object fails with a type error (unknown dist, wrong field type, unknown field),
    // zod reports a bare invalid_union; surface the object branch's own messages instead.
    const objectIssues = iss.code === 'invalid_union' && isObject(iss.input) ? iss.errors[1] : undefined;
    if (objectIssues && objectIssues.length > 0) {
      return objectIssues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
    }
    return `a distribution spec must be a number, a duration string, or an object with a dist field (${distNames.join(', ')}); got ${quote(iss.input)}`;
  },
});

/**
 * The resolved (canonical) spec must itself be valid, as makeSampler parses it again when a run
 * is built: valid inputs can still overflow or underflow on the way to the canonical form (a
 * lognormal with cv = 1e200 has σ = ∞, with cv = 1e-320 σ = 0), which would otherwise fail only
 * at run time.
 */
function canonicalReparses(spec: unknown, ctx: z.core.$RefinementCtx): void {
  // (after a reported issue the transform's output is no spec: nothing more to say)
  if (spec === null || typeof spec !== 'object' || typeof (spec as { dist?: unknown }).dist !== 'string') return;
  const again = familySchema.safeParse(spec);
  if (again.success) return;
  const dist = String((spec as { dist?: unknown }).dist);
  ctx.addIssue({
    code: 'custom',
    message: `${dist}: these parameters give an unusable distribution (${again.error.issues.map((i) => i.message).join('; ')}); use values of a realistic size`,
    input: spec,
  });
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What users may write for a distribution. */
export type DistSpecInput = z.input<typeof distSpecSchema>;
