/**
 * n identical replicas, each failing at rate λ while up (exponential), repaired at rate μ by
 * `crews` repair crews (at most min(failed, crews) repairs in progress; crews = Infinity means
 * independent repair). Birth–death CTMC over the number of up replicas k = 0..n:
 *   k → k−1 at rate k·λ,   k → k+1 at rate min(n − k, crews)·μ.
 */
import { requireInteger, requireIntegerOrInfinity, requirePositive } from '../stats/validate.js';
import { Ctmc, type Transition } from './ctmc.js';

export interface RepairableGroupParams {
  /** Number of replicas (≥ 1). */
  readonly n: number;
  /** Failure rate of one up replica (per second). */
  readonly lambda: number;
  /** Repair rate of one crew (per second). */
  readonly mu: number;
  /** Number of repair crews (integer ≥ 1, or Infinity for independent repair). */
  readonly crews: number;
}

export interface RepairableGroupResult {
  /** The CTMC; states are the numbers of up replicas 0..n. */
  readonly chain: Ctmc<number>;
  /** pi[k] = stationary P(exactly k replicas up), k = 0..n. */
  readonly pi: readonly number[];
  /** P(at least k replicas up): availability of a k-out-of-n group. */
  atLeast(k: number): number;
  /** Mean number of up replicas. */
  readonly meanUp: number;
}

export function repairableGroupChain(params: RepairableGroupParams): RepairableGroupResult {
  const n = requireInteger('repairableGroupChain', 'n', params.n, 1);
  const lambda = requirePositive('repairableGroupChain', 'lambda', params.lambda);
  const mu = requirePositive('repairableGroupChain', 'mu', params.mu);
  const crews = requireIntegerOrInfinity('repairableGroupChain', 'crews', params.crews, 1);
  const transitions: Transition<number>[] = [];
  for (let k = 0; k <= n; k++) {
    if (k > 0) transitions.push({ from: k, to: k - 1, rate: k * lambda });
    if (k < n) transitions.push({ from: k, to: k + 1, rate: Math.min(n - k, crews) * mu });
  }
  const states = Array.from({ length: n + 1 }, (_, k) => k);
  const chain = new Ctmc(transitions, { states });
  const pi = chain.steadyStateVector();
  return {
    chain,
    pi,
    atLeast: (k: number) => {
      requireInteger('repairableGroupChain.atLeast', 'k', k, 0);
      let p = 0;
      for (let i = Math.min(k, n + 1); i <= n; i++) p += pi[i] as number;
      return p;
    },
    meanUp: pi.reduce((s, p, k) => s + p * k, 0),
  };
}
