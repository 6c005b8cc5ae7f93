import { z } from 'zod';
import type { DistFamily } from './family.js';
import { ParamReader, distLiteral, numParam, specObject, timeParam } from './params.js';
import { Z99 } from './special.js';
import { normalPolar } from './normal-polar.js';
import { exp, expm1, log, log1p } from '../../base/math/index.js';

/**
 * Lognormal: X = exp(N(mu, sigma²)); for times, mu is ln(seconds). Parametrisations
 * (z = Φ⁻¹(0.99) = 2.32635):
 *   {mu, sigma}      canonical, sigma > 0
 *   {mean, cv}       sigma² = ln(1 + cv²), mu = ln(mean) − sigma²/2
 *   {median, p99}    mu = ln(median), sigma = ln(p99/median) / z            (p99 > median)
 *   {mean, p99}      with L = ln(p99/mean): sigma = z − √(z² − 2L), mu = ln(mean) − sigma²/2.
 *                    Needs 1 < p99/mean ≤ exp(z²/2) ≈ 14.97. Of the two roots we take the smaller
 *                    sigma (≤ z); the other root (sigma in [z, 2z)) has the same mean and p99 but a
 *                    far heavier tail — give {mu, sigma} if that is what you want.
 * Mean exp(mu + sigma²/2), variance (exp(sigma²) − 1)·exp(2mu + sigma²), median exp(mu).
 */
export interface LognormalSpec {
  readonly dist: 'lognormal';
  readonly mu: number;
  readonly sigma: number;
}

const F = 'lognormal';
const FIELDS = ['mu', 'sigma', 'mean', 'cv', 'median', 'p99'] as const;

export const lognormalSchema = specObject(
  F,
  {
    dist: distLiteral(F),
    mu: numParam(F, 'mu', 'mean of ln X (ln seconds for times)').optional(),
    sigma: numParam(F, 'sigma', 'standard deviation of ln X, > 0').optional(),
    mean: timeParam(F, 'mean').optional(),
    cv: numParam(F, 'cv', 'coefficient of variation sd/mean, > 0').optional(),
    median: timeParam(F, 'median').optional(),
    p99: timeParam(F, 'p99').optional(),
  },
  'lognormal: give {mu, sigma} or {mean, cv} or {median, p99} or {mean, p99}',
).transform((o, ctx): LognormalSpec => {
  const r = new ParamReader(F, o, ctx);
  const which = r.oneOf(
    [
      ['mu', 'sigma'],
      ['mean', 'cv'],
      ['median', 'p99'],
      ['mean', 'p99'],
    ],
    FIELDS,
  );
  let mu = NaN;
  let sigma = NaN;
  if (which === 0) {
    mu = r.num('mu');
    sigma = r.num('sigma', { gt: 0 });
  } else if (which === 1) {
    const mean = r.time('mean', { gt: 0 });
    const cv = r.num('cv', { gt: 0 });
    const s2 = log1p(cv * cv);
    sigma = Math.sqrt(s2);
    mu = log(mean) - s2 / 2;
  } else if (which === 2) {
    const median = r.time('median', { gt: 0 });
    const p99 = r.time('p99', Number.isFinite(median) ? { gt: median } : { gt: 0 });
    mu = log(median);
    sigma = log(p99 / median) / Z99;
  } else if (which === 3) {
    const mean = r.time('mean', { gt: 0 });
    const maxRatio = exp((Z99 * Z99) / 2);
    const p99 = r.time('p99', Number.isFinite(mean) ? { gt: mean, le: mean * maxRatio } : { gt: 0 });
    const L = log(p99 / mean);
    sigma = Z99 - Math.sqrt(Math.max(0, Z99 * Z99 - 2 * L));
    mu = log(mean) - (sigma * sigma) / 2;
  }
  return r.failed ? z.NEVER : { dist: 'lognormal', mu, sigma };
});

export const lognormalFamily: DistFamily<LognormalSpec> = {
  name: 'lognormal',
  schema: lognormalSchema,
  sampler: (s, rng) => {
    const normal = normalPolar(rng, s.mu, s.sigma);
    return () => exp(normal());
  },
  mean: (s) => exp(s.mu + (s.sigma * s.sigma) / 2),
  variance: (s) => expm1(s.sigma * s.sigma) * exp(2 * s.mu + s.sigma * s.sigma),
};
