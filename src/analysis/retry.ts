/**
 * Retry algebra for independent attempts that each fail with probability f, with at most m
 * attempts in total (first try included). m may be Infinity.
 */
import { quote } from '../base/config-error.js';
import { requireProbability } from '../stats/validate.js';
import { expm1, log1p } from '../base/math/index.js';

function checkAttempts(where: string, m: number): void {
  if (m !== Infinity && (typeof m !== 'number' || !Number.isInteger(m) || m < 1)) {
    throw new RangeError(`${where}: maxAttempts must be an integer >= 1 or Infinity, got ${quote(m)}`);
  }
}

/** 1 − f^m computed as −expm1(m·ln f), exact-ish for f near 1 as well. */
function oneMinusPow(f: number, m: number): number {
  if (f === 0) return 1;
  if (f === 1) return 0;
  if (m === Infinity) return 1;
  return -expm1(m * log1p(f - 1));
}

/** Probability that some attempt succeeds: 1 − f^m. */
export function retrySuccess(f: number, maxAttempts: number): number {
  requireProbability('retrySuccess', 'f', f);
  checkAttempts('retrySuccess', maxAttempts);
  return oneMinusPow(f, maxAttempts);
}

/**
 * Expected number of attempts made (stopping at the first success or after m attempts):
 * Σ_{i=0}^{m−1} f^i = (1 − f^m)/(1 − f); equals m when f = 1 (Infinity if also m = Infinity).
 */
export function retryExpectedAttempts(f: number, maxAttempts: number): number {
  requireProbability('retryExpectedAttempts', 'f', f);
  checkAttempts('retryExpectedAttempts', maxAttempts);
  if (f === 1) return maxAttempts;
  return oneMinusPow(f, maxAttempts) / (1 - f);
}
