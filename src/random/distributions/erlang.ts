import { z } from 'zod';
import type { DistFamily } from './family.js';
import { gammaMarsagliaTsang } from './gamma-marsaglia-tsang.js';
import { ParamReader, distLiteral, rateParam, specObject, timeParam } from './params.js';

/**
 * Erlang: sum of k (integer ≥ 1) exponential phases, each of rate λ. Give {k, rate}
 * (canonical; `rate` is the PHASE rate λ, so mean = k/λ) or {k, mean} (λ = k/mean).
 * Mean k/λ, variance k/λ². CDF 1 − Σ_{n<k} e^{−λx}(λx)^n/n!.
 */
export interface ErlangSpec {
  readonly dist: 'erlang';
  readonly k: number;
  readonly rate: number;
}

const F = 'erlang';

export const erlangSchema = specObject(
  F,
  {
    dist: distLiteral(F),
    k: z.number({ error: (iss) => `erlang k must be an integer ≥ 1; got ${JSON.stringify(iss.input)}` }).meta({
      description: 'k: number of phases, integer ≥ 1',
    }),
    rate: rateParam(F, 'rate').optional(),
    mean: timeParam(F, 'mean').optional(),
  },
  'erlang: give {k, rate} (rate of each phase) or {k, mean}',
).transform((o, ctx): ErlangSpec => {
  const r = new ParamReader(F, o, ctx);
  const which = r.oneOf([['k', 'rate'], ['k', 'mean']], ['k', 'rate', 'mean']);
  const k = r.num('k', { integer: true, ge: 1 });
  const rate = which === 0 ? r.rate('rate', { gt: 0 }) : which === 1 ? k / r.time('mean', { gt: 0 }) : NaN;
  return r.failed ? z.NEVER : { dist: 'erlang', k, rate };
});

export const erlangFamily: DistFamily<ErlangSpec> = {
  name: 'erlang',
  schema: erlangSchema,
  sampler: (s, rng) => gammaMarsagliaTsang(rng, s.k, 1 / s.rate),
  mean: (s) => s.k / s.rate,
  variance: (s) => s.k / (s.rate * s.rate),
};
