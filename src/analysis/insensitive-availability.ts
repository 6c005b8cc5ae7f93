/**
 * Availability of a k-out-of-n group of independent replicas for ANY distributions of the time
 * to failure and to repair (with a density): each replica alternates up / down independently, so
 * in the long run it is up a fraction a = 1 − p·MTTR / (MTTF + MTTR) of the time (p: share of
 * failures that take it down) and goes down p / (MTTF + MTTR) times per second; the group's
 * availability is the binomial k-of-n sum at a, which depends on the distributions only through
 * their means (insensitivity).
 *
 * Frequency of group failures: the group goes down when an up replica goes down while exactly
 * k − 1 of the others are up; by independence the others are in stationarity at those instants, so
 * ν = n · ν₁ · P(exactly k − 1 of n − 1 up).
 *
 * Applies when the replicas are independent: each is repaired as soon as it fails (a crew for
 * every replica), no zone outage is shared, and the group is up exactly when k replicas are up
 * (no failover delay). With a positive constant (lattice) time, replicas started together fail
 * together forever and never become independent: not covered.
 */
import { lnGamma } from '../stats/special-functions.js';
import { kOfN, kOfNUnavailability } from './availability.js';
import type { UpDownMeasures } from './availability-chain.js';
import { exp, log } from '../base/math/index.js';

export interface IndependentGroup {
  readonly n: number;
  readonly k: number;
  /** Mean time to failure of one replica (seconds, > 0). */
  readonly mttf: number;
  /** Mean time to repair (seconds, ≥ 0). */
  readonly mttr: number;
  /** Share of failures that take a replica down, in [0, 1]. */
  readonly crashFraction: number;
}

export function independentGroupAvailability(g: IndependentGroup): UpDownMeasures {
  const cycle = g.mttf + g.mttr;
  const down = (g.crashFraction * g.mttr) / cycle;
  const a = 1 - down;
  if (down === 0) return { availability: 1, unavailability: 0, failureFrequency: 0 };
  const nu1 = g.crashFraction / cycle;
  // P(exactly k − 1 of n − 1 up).
  const m = g.n - 1;
  const j = g.k - 1;
  const pmf = exp(lnGamma(m + 1) - lnGamma(j + 1) - lnGamma(m - j + 1) + j * log(a) + (m - j) * log(down));
  return {
    availability: kOfN(g.k, g.n, a),
    unavailability: kOfNUnavailability(g.k, g.n, a),
    failureFrequency: g.n * nu1 * pmf,
  };
}
