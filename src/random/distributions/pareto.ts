import { z } from 'zod';
import { pow } from '../../base/math/index.js';
import type { DistFamily } from './family.js';
import { ParamReader, distLiteral, numParam, specObject, timeParam } from './params.js';

/**
 * Pareto (type I) with tail index α > 0 and minimum xm > 0: P(X > x) = (xm/x)^α for x ≥ xm.
 * Give {alpha, xm} (canonical) or {alpha, mean} with α > 1 (xm = mean(α−1)/α).
 * Mean αxm/(α−1) (Infinity if α ≤ 1); variance xm²α/((α−1)²(α−2)) (Infinity if α ≤ 2);
 * median xm·2^(1/α). Drawn by inversion: xm·(1−U)^(−1/α), one uniform per draw (the variates of
 * d3-random's randomPareto(α) times xm, with base/math's power).
 */
export interface ParetoSpec {
  readonly dist: 'pareto';
  readonly alpha: number;
  readonly xm: number;
}

const F = 'pareto';

export const paretoSchema = specObject(
  F,
  {
    dist: distLiteral(F),
    alpha: numParam(F, 'alpha', 'tail index α > 0 (> 1 for a finite mean, > 2 for a finite variance)'),
    xm: timeParam(F, 'xm').optional(),
    mean: timeParam(F, 'mean').optional(),
  },
  'pareto: give {alpha, xm} or {alpha, mean} (alpha > 1)',
).transform((o, ctx): ParetoSpec => {
  const r = new ParamReader(F, o, ctx);
  const which = r.oneOf([['alpha', 'xm'], ['alpha', 'mean']], ['alpha', 'xm', 'mean']);
  let alpha = NaN;
  let xm = NaN;
  if (which === 0) {
    alpha = r.num('alpha', { gt: 0 });
    xm = r.time('xm', { gt: 0 });
  } else if (which === 1) {
    alpha = r.num('alpha', { gt: 1 });
    xm = (r.time('mean', { gt: 0 }) * (alpha - 1)) / alpha;
  }
  return r.failed ? z.NEVER : { dist: 'pareto', alpha, xm };
});

export const paretoFamily: DistFamily<ParetoSpec> = {
  name: 'pareto',
  schema: paretoSchema,
  sampler: (s, rng) => {
    const xm = s.xm;
    const exponent = 1 / -s.alpha;
    return () => xm * pow(1 - rng(), exponent);
  },
  mean: (s) => (s.alpha > 1 ? (s.alpha * s.xm) / (s.alpha - 1) : Infinity),
  variance: (s) => (s.alpha > 2 ? (s.xm * s.xm * s.alpha) / ((s.alpha - 1) * (s.alpha - 1) * (s.alpha - 2)) : Infinity),
};
