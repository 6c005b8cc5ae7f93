/**
 * Erlang B (loss) and Erlang C (delay) formulas, computed with the stable recursion
 * B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)) — no factorials or powers, so c in the millions is fine.
 */
import { requireInteger, requireNonNegative } from '../stats/validate.js';

/** Erlang B: blocking probability of an M/M/c/c loss system with offered load a = λ/μ erlangs. */
export function erlangB(c: number, a: number): number {
  requireInteger('erlangB', 'c', c, 0);
  requireNonNegative('erlangB', 'a', a);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ.
 * Requires a < c (otherwise the queue is unstable): throws RangeError.
 */
export function erlangC(c: number, a: number): number {
  requireInteger('erlangC', 'c', c, 1);
  requireNonNegative('erlangC', 'a', a);
  if (a >= c) {
    throw new RangeError(`erlangC: unstable system, offered load a = ${a} must be < c = ${c}`);
  }
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}
