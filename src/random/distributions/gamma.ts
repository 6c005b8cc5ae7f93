import { z } from 'zod';
import type { DistFamily } from './family.js';
import { gammaMarsagliaTsang } from './gamma-marsaglia-tsang.js';
import { ParamReader, distLiteral, numParam, specObject, timeParam } from './params.js';

/**
 * Gamma with shape k > 0 and scale θ > 0. Give {shape, scale} (canonical) or {shape, mean}
 * (θ = mean/k). Mean kθ, variance kθ², cv = 1/√k. No closed-form median.
 */
export interface GammaSpec {
  readonly dist: 'gamma';
  readonly shape: number;
  readonly scale: number;
}

const F = 'gamma';

export const gammaSchema = specObject(
  F,
  {
    dist: distLiteral(F),
    shape: numParam(F, 'shape', 'shape k > 0'),
    scale: timeParam(F, 'scale').optional(),
    mean: timeParam(F, 'mean').optional(),
  },
  'gamma: give {shape, scale} or {shape, mean}',
).transform((o, ctx): GammaSpec => {
  const r = new ParamReader(F, o, ctx);
  const which = r.oneOf([['shape', 'scale'], ['shape', 'mean']], ['shape', 'scale', 'mean']);
  const shape = r.num('shape', { gt: 0 });
  const scale = which === 0 ? r.time('scale', { gt: 0 }) : which === 1 ? r.time('mean', { gt: 0 }) / shape : NaN;
  return r.failed ? z.NEVER : { dist: 'gamma', shape, scale };
});

export const gammaFamily: DistFamily<GammaSpec> = {
  name: 'gamma',
  schema: gammaSchema,
  sampler: (s, rng) => gammaMarsagliaTsang(rng, s.shape, s.scale),
  mean: (s) => s.shape * s.scale,
  variance: (s) => s.shape * s.scale * s.scale,
};
