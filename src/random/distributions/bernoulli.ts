import { z } from 'zod';
import { randomBernoulli } from 'd3-random';
import type { DistFamily } from './family.js';
import { ParamReader, distLiteral, numParam, specObject } from './params.js';

/** 1 with probability p, else 0. Mean p, variance p(1−p). */
export interface BernoulliSpec {
  readonly dist: 'bernoulli';
  readonly p: number;
}

export const bernoulliSchema = specObject(
  'bernoulli',
  { dist: distLiteral('bernoulli'), p: numParam('bernoulli', 'p', 'probability of 1, in [0, 1]') },
  'bernoulli: 1 with probability p, else 0',
).transform((o, ctx): BernoulliSpec => {
  const r = new ParamReader('bernoulli', o, ctx);
  const p = r.num('p', { ge: 0, le: 1 });
  return r.failed ? z.NEVER : { dist: 'bernoulli', p };
});

export const bernoulliFamily: DistFamily<BernoulliSpec> = {
  name: 'bernoulli',
  schema: bernoulliSchema,
  sampler: (s, rng) => randomBernoulli.source(rng)(s.p),
  mean: (s) => s.p,
  variance: (s) => s.p * (1 - s.p),
};
