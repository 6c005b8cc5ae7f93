/**
 * M/M/c/K queue: Poisson arrivals λ, c exponential servers of rate μ, system capacity K (customers
 * in service included, K ≥ c); arrivals finding K customers are blocked (lost). Always stable.
 */
import { quote } from '../base/config-error.js';
import { requireInteger, requirePositive } from '../stats/validate.js';
import type { QueueMetrics } from './queue-metrics.js';
import { exp, log } from '../base/math/index.js';

export interface MmckParams {
  readonly lambda: number;
  readonly mu: number;
  readonly c: number;
  /** System capacity including customers in service (K ≥ c). */
  readonly K: number;
}

export interface MmckMetrics extends QueueMetrics {
  /** Probability an arrival is blocked (= P(n = K) by PASTA). */
  readonly blocking: number;
  /** distribution[n] = P(n customers in system), n = 0..K. */
  readonly distribution: readonly number[];
}

/**
 * Exact steady-state measures. Waiting times (W, Wq) and pWait are for admitted customers;
 * utilisation = mean busy servers / c (= throughput / (cμ)). Probabilities are computed from log weights, so large c and K
 * and ρ ≫ 1 do not overflow.
 */
export function mmck(params: MmckParams): MmckMetrics {
  const lambda = requirePositive('mmck', 'lambda', params.lambda);
  const mu = requirePositive('mmck', 'mu', params.mu);
  const c = requireInteger('mmck', 'c', params.c, 1);
  const K = requireInteger('mmck', 'K', params.K, 1);
  if (K < c) throw new RangeError(`mmck: K must be >= c = ${c}, got ${quote(K)}`);
  const logWeights = new Array<number>(K + 1);
  logWeights[0] = 0;
  let maxLog = 0;
  for (let n = 1; n <= K; n++) {
    const lw = (logWeights[n - 1] as number) + log(lambda / (Math.min(n, c) * mu));
    logWeights[n] = lw;
    if (lw > maxLog) maxLog = lw;
  }
  const weights = logWeights.map((lw) => exp(lw - maxLog));
  const total = weights.reduce((s, w) => s + w, 0);
  const distribution = weights.map((w) => w / total);
  let L = 0;
  let Lq = 0;
  let waiting = 0;
  let admitted = 0; // Σ_{n<K} p_n summed directly: no cancellation when blocking ≈ 1
  let busy = 0; // mean number of busy servers
  for (let n = 0; n <= K; n++) {
    const p = distribution[n] as number;
    L += n * p;
    busy += Math.min(n, c) * p;
    if (n > c) Lq += (n - c) * p;
    if (n < K) admitted += p;
    if (n >= c && n < K) waiting += p;
  }
  const blocking = distribution[K] as number;
  const throughput = lambda * admitted;
  return {
    lambda,
    throughput,
    utilisation: Math.min(1, busy / c),
    pWait: waiting / admitted,
    p0: distribution[0] as number,
    Lq,
    L,
    Wq: Lq / throughput,
    W: L / throughput,
    blocking,
    distribution,
  };
}
