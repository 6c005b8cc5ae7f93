import { z } from 'zod';
import type { DistFamily } from './family.js';
import { ParamReader, distLiteral, specObject, timeParam } from './params.js';
import { normalPolar } from './normal-polar.js';

/**
 * Normal(mean, sd), NOT truncated: it can return negative values, so do not use it for
 * durations unless mean ≫ sd (P(X<0) = Φ(−mean/sd)); prefer lognormal or gamma for times.
 */
export interface NormalSpec {
  readonly dist: 'normal';
  readonly mean: number;
  readonly sd: number;
}

export const normalSchema = specObject(
  'normal',
  { dist: distLiteral('normal'), mean: timeParam('normal', 'mean'), sd: timeParam('normal', 'sd') },
  'normal(mean, sd > 0), untruncated (can be negative)',
).transform((o, ctx): NormalSpec => {
  const r = new ParamReader('normal', o, ctx);
  const mean = r.time('mean');
  const sd = r.time('sd', { gt: 0 });
  return r.failed ? z.NEVER : { dist: 'normal', mean, sd };
});

export const normalFamily: DistFamily<NormalSpec> = {
  name: 'normal',
  schema: normalSchema,
  sampler: (s, rng) => normalPolar(rng, s.mean, s.sd),
  mean: (s) => s.mean,
  variance: (s) => s.sd * s.sd,
};
