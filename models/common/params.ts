// zod building blocks for model parameters as written in experiment files: durations and rates
// with units, distribution specs, bounded integers. Each converts to plain numbers (seconds,
// per second) and reports a bad value with the allowed form.
import { z } from 'zod';
import { parseDuration, parseRate, UnitError, DURATION_UNITS } from '../../src/random/index.js';
import { MAX_COUNT } from '../../src/policies/config.js';

function convert(parse: (v: string | number, field: string) => number, what: string) {
  return (v: string | number, ctx: { issues: z.core.$ZodRawIssue[] }): number => {
    try {
      return parse(v, what);
    } catch (e) {
      ctx.issues.push({ code: 'custom', message: e instanceof UnitError ? e.message : String(e), input: v, continue: false });
      return z.NEVER;
    }
  };
}

/** Seconds, or a duration string ("250ms", "30s", "2h", "7d", "1y"); non-negative. */
export function duration(description: string) {
  return z
    .union([z.number(), z.string()])
    .transform(convert(parseDuration, 'duration'))
    .pipe(z.number().min(0, 'must be a duration ≥ 0'))
    .meta({ description: `${description} (seconds, or a duration with a unit: ${DURATION_UNITS})` });
}

/** Events per second, or a rate string ("200/s", "5/min", "3/d"); positive. */
export function rate(description: string) {
  return z
    .union([z.number(), z.string()])
    .transform(convert(parseRate, 'rate'))
    .pipe(z.number().positive('must be a rate > 0'))
    .meta({ description: `${description} (per second, or a rate such as "200/s", "5/min")` });
}

// Counts and attempts share the policies' bounds (src/policies/config.ts): one limit per kind.
export { MAX_ATTEMPTS, MAX_COUNT } from '../../src/policies/config.js';

/** An integer in [min, max] (max: MAX_COUNT unless given). */
export function int(description: string, min: number, max = MAX_COUNT) {
  return z.number().int(`must be an integer`).min(min, `must be ≥ ${min}`).max(max, `must be ≤ ${max}`).meta({ description });
}

/** A probability in [0, 1]. */
export function probability(description: string) {
  return z.number().min(0, 'must be a probability in [0, 1]').max(1, 'must be a probability in [0, 1]').meta({ description });
}
