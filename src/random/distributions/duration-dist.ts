// A distribution used for a duration (a time to failure, a service time, a step of a runbook)
// must not draw negative values: the run would stop with "the sampler drew -0.3" after other
// runs had finished. A family that can go below 0 with the given parameters is refused when the
// file is validated, with the way out named (a lognormal or gamma, or parameters ≥ 0).
import { z } from 'zod';
import type { DistSpec } from './registry.js';
import { distSpecSchema } from './schema.js';

/** The smallest value `spec` can draw (−Infinity for a normal, which is unbounded below). */
export function lowestDraw(spec: DistSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return spec.min;
    case 'normal':
      return -Infinity;
    case 'empirical':
      return 'values' in spec ? Math.min(...spec.values) : Math.min(...spec.cdf.map(([x]) => x));
    default:
      // exponential, lognormal, weibull, gamma, erlang, pareto, bernoulli: support within [0, ∞)
      return 0;
  }
}

/** distSpecSchema, refusing distributions that can draw a negative duration. */
export const durationDistSchema = distSpecSchema.check(
  z.superRefine((spec, ctx) => {
    // (after a reported issue the output is no spec: nothing more to say)
    if (spec === null || typeof spec !== 'object' || typeof (spec as { dist?: unknown }).dist !== 'string') return;
    const lowest = lowestDraw(spec as DistSpec);
    if (lowest >= 0) return;
    const n = spec as { dist: string; mean?: number; sd?: number };
    const alternative =
      n.mean !== undefined && n.sd !== undefined && n.mean > 0
        ? `{ dist: lognormal, mean: ${n.mean}, cv: ${Number((n.sd / n.mean).toPrecision(3))} } has the same mean and sd`
        : 'a lognormal or gamma distribution cannot';
    const message =
      spec.dist === 'normal'
        ? `a normal distribution can draw negative durations (it is not truncated); ${alternative}`
        : `${spec.dist} can draw ${lowest}, a negative duration; durations must be ≥ 0`;
    ctx.addIssue({ code: 'custom', message, input: spec });
  }),
);
