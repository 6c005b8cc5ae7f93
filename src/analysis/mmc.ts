/** M/M/c queue: Poisson arrivals λ, c exponential servers of rate μ each, FIFO, infinite room. */
import { lnGamma } from '../stats/special-functions.js';
import { requireInteger, requirePositive } from '../stats/validate.js';
import { erlangC } from './erlang.js';
import type { QueueMetrics } from './queue-metrics.js';
import { exp, log, log1p } from '../base/math/index.js';

export interface MmcParams {
  readonly lambda: number;
  readonly mu: number;
  readonly c: number;
}

/**
 * Exact steady-state measures (Erlang C). Stable for large c. Throws RangeError if λ ≥ cμ.
 * p0 is computed in log space and may underflow to 0 for very large c (it is then truly < 1e-308).
 */
export function mmc(params: MmcParams): QueueMetrics {
  const lambda = requirePositive('mmc', 'lambda', params.lambda);
  const mu = requirePositive('mmc', 'mu', params.mu);
  const c = requireInteger('mmc', 'c', params.c, 1);
  const a = lambda / mu;
  const rho = a / c;
  if (rho >= 1) {
    throw new RangeError(`mmc: unstable system, rho = lambda/(c*mu) = ${lambda}/(${c}*${mu}) = ${rho} must be < 1`);
  }
  const pWait = erlangC(c, a);
  const Wq = pWait / (c * mu - lambda);
  const W = Wq + 1 / mu;
  // P(n = c) = p0 a^c / c! and pWait = P(n = c) / (1 − ρ)  ⇒  ln p0 = ln pWait + ln(1−ρ) + ln c! − c ln a.
  const p0 = exp(log(pWait) + log1p(-rho) + lnGamma(c + 1) - c * log(a));
  return {
    lambda,
    throughput: lambda,
    utilisation: rho,
    pWait,
    p0,
    Lq: lambda * Wq,
    L: lambda * W,
    Wq,
    W,
  };
}
