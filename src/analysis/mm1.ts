/** M/M/1 queue: Poisson arrivals λ, exponential service rate μ, one server, FIFO, infinite room. */
import { requirePositive } from '../stats/validate.js';
import type { QueueMetrics } from './queue-metrics.js';
import { pollaczekKhinchine } from './mg1.js';

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
  // M/M/1 is M/G/1 with exponential service: mean 1/μ, variance 1/μ².
  return pollaczekKhinchine('mm1', lambda, 1 / mu, 1 / (mu * mu));
}
