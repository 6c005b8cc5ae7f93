import { z } from 'zod';
import { randomUniform } from 'd3-random';
import type { DistFamily } from './family.js';
import { ParamReader, distLiteral, specObject, timeParam } from './params.js';

/** Uniform on [min, max). Mean (min+max)/2, variance (max−min)²/12, median (min+max)/2. */
export interface UniformSpec {
  readonly dist: 'uniform';
  readonly min: number;
  readonly max: number;
}

export const uniformSchema = specObject(
  'uniform',
  { dist: distLiteral('uniform'), min: timeParam('uniform', 'min'), max: timeParam('uniform', 'max') },
  'uniform on [min, max); min < max',
).transform((o, ctx): UniformSpec => {
  const r = new ParamReader('uniform', o, ctx);
  const min = r.time('min');
  const max = r.time('max', Number.isFinite(min) ? { gt: min } : {});
  return r.failed ? z.NEVER : { dist: 'uniform', min, max };
});

export const uniformFamily: DistFamily<UniformSpec> = {
  name: 'uniform',
  schema: uniformSchema,
  sampler: (s, rng) => randomUniform.source(rng)(s.min, s.max),
  mean: (s) => (s.min + s.max) / 2,
  variance: (s) => ((s.max - s.min) * (s.max - s.min)) / 12,
};
