/**
 * M/G/1 queue (Pollaczek–Khinchine): Poisson arrivals λ, i.i.d. general service times with mean
 * meanS and variance varS, one server, FIFO. M/D/1 is the special case varS = 0.
 */
import { requireNonNegative, requirePositive } from '../stats/validate.js';
import type { QueueMetrics } from './queue-metrics.js';

export interface Mg1Params {
  readonly lambda: number;
  /** Mean service time E[S] (seconds). */
  readonly meanS: number;
  /** Service-time variance Var[S] (seconds²). */
  readonly varS: number;
}

/** Exact mean measures: Wq = λ E[S²] / (2(1 − ρ)). Throws RangeError if ρ = λ·meanS ≥ 1. */
export function mg1(params: Mg1Params): QueueMetrics {
  return pollaczekKhinchine('mg1', params.lambda, params.meanS, params.varS);
}

export interface Md1Params {
  readonly lambda: number;
  /** Deterministic service time (seconds). */
  readonly meanS: number;
}

/** M/D/1: mg1 with zero service-time variance. */
export function md1(params: Md1Params): QueueMetrics {
  return pollaczekKhinchine('md1', params.lambda, params.meanS, 0);
}

/** @internal The Pollaczek–Khinchine measures (also M/M/1's, with var = mean²). */
export function pollaczekKhinchine(where: string, lambdaIn: number, meanSIn: number, varSIn: number): QueueMetrics {
  const lambda = requirePositive(where, 'lambda', lambdaIn);
  const meanS = requirePositive(where, 'meanS', meanSIn);
  const varS = requireNonNegative(where, 'varS', varSIn);
  const rho = lambda * meanS;
  if (rho >= 1) {
    throw new RangeError(`${where}: unstable system, rho = lambda*meanS = ${lambda}*${meanS} = ${rho} must be < 1`);
  }
  const secondMoment = varS + meanS * meanS;
  const Wq = (lambda * secondMoment) / (2 * (1 - rho));
  const W = Wq + meanS;
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
