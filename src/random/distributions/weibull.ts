import { z } from 'zod';
import type { DistFamily } from './family.js';
import { ParamReader, distLiteral, numParam, specObject, timeParam } from './params.js';
import { logGamma } from './special.js';
import { exp, expm1, log1p, pow } from '../../base/math/index.js';

/**
 * Weibull with shape k > 0 and scale λ > 0: F(x) = 1 − exp(−(x/λ)^k).
 * Give {shape, scale} (canonical) or {shape, mean}: λ = mean / Γ(1 + 1/k).
 * Mean λΓ(1+1/k), variance λ²[Γ(1+2/k) − Γ(1+1/k)²], median λ(ln 2)^(1/k).
 * Drawn by inversion: λ·(−ln(1−U))^(1/k), one uniform per draw (the variates of d3-random's
 * randomWeibull(k, 0, λ), with base/math's logarithm and power).
 */
export interface WeibullSpec {
  readonly dist: 'weibull';
  readonly shape: number;
  readonly scale: number;
}

const F = 'weibull';

export const weibullSchema = specObject(
  F,
  {
    dist: distLiteral(F),
    shape: numParam(F, 'shape', 'shape k > 0 (k < 1: decreasing hazard, k > 1: wear-out)'),
    scale: timeParam(F, 'scale').optional(),
    mean: timeParam(F, 'mean').optional(),
  },
  'weibull: give {shape, scale} or {shape, mean}',
).transform((o, ctx): WeibullSpec => {
  const r = new ParamReader(F, o, ctx);
  const which = r.oneOf([['shape', 'scale'], ['shape', 'mean']], ['shape', 'scale', 'mean']);
  const shape = r.num('shape', { gt: 0 });
  let scale = NaN;
  if (which === 0) scale = r.time('scale', { gt: 0 });
  else if (which === 1) {
    const mean = r.time('mean', { gt: 0 });
    if (shape > 0) scale = mean / exp(logGamma(1 + 1 / shape));
  }
  if (!r.failed && !(Number.isFinite(scale) && scale > 0)) r.fail('shape', `${F} shape ${shape} is too small for the given mean (scale underflows)`);
  return r.failed ? z.NEVER : { dist: 'weibull', shape, scale };
});

export const weibullFamily: DistFamily<WeibullSpec> = {
  name: 'weibull',
  schema: weibullSchema,
  sampler: (s, rng) => {
    const scale = s.scale;
    const invShape = 1 / s.shape;
    return () => scale * pow(-log1p(-rng()), invShape);
  },
  mean: (s) => s.scale * exp(logGamma(1 + 1 / s.shape)),
  variance: (s) => {
    const lg1 = logGamma(1 + 1 / s.shape);
    const lg2 = logGamma(1 + 2 / s.shape);
    return s.scale * s.scale * exp(2 * lg1) * expm1(lg2 - 2 * lg1);
  },
};
