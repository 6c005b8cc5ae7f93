/** M/M/1 queue: Poisson arrivals λ, exponential service rate μ, one server, FIFO, infinite room. */
import { requirePositive } from '../stats/validate.js';
import type { QueueMetrics } from './queue-metrics.js';

export interface Mm1Params {
  readonly lambda: number;
  readonly mu: number;
}

/** Exact steady-state measures; throws RangeError if ρ = λ/μ ≥ 1. */
export function mm1(params: Mm1Params): QueueMetrics {
  const lambda = requirePositive('mm1', 'lambda', params.lambda);
  const mu = requirePositive('mm1', 'mu', params.mu);
  const rho = lambda / mu;
  if (rho >= 1) {
    throw new RangeError(`mm1: unstable system, rho = lambda/mu = ${lambda}/${mu} = ${rho} must be < 1`);
  }
  const W = 1 / (mu - lambda);
  const Wq = rho * W;
  return {
    lambda,
    throughput: lambda,
    utilisation: rho,
    pWait: rho,
    p0: 1 - rho,
    Lq: lambda * Wq,
    L: lambda * W,
    Wq,
    W,
  };
}
