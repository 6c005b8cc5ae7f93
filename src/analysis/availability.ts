/**
 * Steady-state availability algebra: single renewal component, k-out-of-n groups of independent
 * identical replicas, and the usual "nines" / downtime conversions. Times in seconds.
 */
import { lnGamma } from '../stats/special-functions.js';
import { quote } from '../base/config-error.js';
import { requireInteger, requireProbability } from '../stats/validate.js';
import { exp, log, log10, log1p } from '../base/math/index.js';

/** Seconds in the 365-day year used by downtimePerYear. */
export const SECONDS_PER_YEAR = 365 * 24 * 3600;

/**
 * Availability of an alternating up/down renewal process: A = MTTF / (MTTF + MTTR).
 * mttf > 0 (Infinity allowed → 1), mttr ≥ 0 finite.
 */
export function renewalAvailability(mttf: number, mttr: number): number {
  if (typeof mttf !== 'number' || Number.isNaN(mttf) || !(mttf > 0)) {
    throw new RangeError(`renewalAvailability: mttf must be a number > 0 (Infinity allowed), got ${quote(mttf)}`);
  }
  if (typeof mttr !== 'number' || !Number.isFinite(mttr) || !(mttr >= 0)) {
    throw new RangeError(`renewalAvailability: mttr must be a finite number >= 0, got ${quote(mttr)}`);
  }
  if (mttf === Infinity) return 1;
  return mttf / (mttf + mttr);
}

/** Binomial tails of the number of up replicas: [P(up < k), P(up ≥ k)], each summed directly. */
function binomialTails(where: string, k: number, n: number, a: number): [number, number] {
  requireInteger(where, 'n', n, 1);
  requireInteger(where, 'k', k, 0);
  if (k > n) throw new RangeError(`${where}: k must be <= n = ${n}, got ${quote(k)}`);
  requireProbability(where, 'a', a);
  if (a === 1) return [0, 1];
  if (a === 0) return k === 0 ? [0, 1] : [1, 0];
  const lnA = log(a);
  const lnB = log1p(-a);
  const lnNFact = lnGamma(n + 1);
  let lower = 0;
  let upper = 0;
  for (let i = 0; i <= n; i++) {
    const p = exp(lnNFact - lnGamma(i + 1) - lnGamma(n - i + 1) + i * lnA + (n - i) * lnB);
    if (i < k) lower += p;
    else upper += p;
  }
  return [lower, upper];
}

/**
 * Probability that at least k of n independent replicas, each available with probability a,
 * are up (k-out-of-n:G). k = 0 → 1.
 */
export function kOfN(k: number, n: number, a: number): number {
  const [lower, upper] = binomialTails('kOfN', k, n, a);
  return upper >= 0.5 ? 1 - lower : upper;
}

/**
 * 1 − kOfN(k, n, a), computed directly so that very small unavailabilities (1e-20) keep their
 * relative precision (use this for nines of highly redundant groups).
 */
export function kOfNUnavailability(k: number, n: number, a: number): number {
  const [lower, upper] = binomialTails('kOfNUnavailability', k, n, a);
  return lower <= 0.5 ? lower : 1 - upper;
}

/** Number of nines: −log10(1 − a). a = 1 → Infinity, a = 0 → 0. */
export function nines(a: number): number {
  requireProbability('nines', 'a', a);
  return -log10(1 - a);
}

/** Expected downtime per 365-day year, in seconds: (1 − a) · 31 536 000. */
export function downtimePerYear(a: number): number {
  requireProbability('downtimePerYear', 'a', a);
  return (1 - a) * SECONDS_PER_YEAR;
}

