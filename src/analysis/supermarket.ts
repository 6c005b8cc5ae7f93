/**
 * Supermarket model (Mitzenmacher; Vvedenskaya–Dobrushin–Karpelevich): N → ∞ FIFO servers of rate 1,
 * Poisson arrivals at rate λ per server, each job joins the shortest of d queues chosen uniformly
 * at random. In the fixed point the fraction of queues with at least i jobs is
 * s_i = λ^{(d^i − 1)/(d − 1)} (s_i = λ^i for d = 1), and by Little's law the mean sojourn time is
 * T = (1/λ) Σ_{i≥1} s_i. For d = 1 this is the M/M/1 value 1/(1 − λ).
 */
import { quote } from '../base/config-error.js';
import { requireInteger } from '../stats/validate.js';
import { exp, log, pow, powInt } from '../base/math/index.js';

function checkLambda(where: string, lambda: number): void {
  if (typeof lambda !== 'number' || !(lambda >= 0 && lambda < 1)) {
    throw new RangeError(`${where}: lambda must be in [0, 1) (load per unit-rate server), got ${quote(lambda)}`);
  }
}

/** s_i: limiting fraction of queues holding at least i jobs (i ≥ 0; s_0 = 1). */
export function supermarketTail(lambda: number, d: number, i: number): number {
  checkLambda('supermarketTail', lambda);
  requireInteger('supermarketTail', 'd', d, 1);
  requireInteger('supermarketTail', 'i', i, 0);
  if (i === 0) return 1;
  const exponent = d === 1 ? i : (powInt(d, i) - 1) / (d - 1);
  return pow(lambda, exponent);
}

/** Mean sojourn time T (in units of the mean service time 1) for load λ ∈ [0, 1) and d ≥ 1 choices. */
export function supermarketMeanSojourn(lambda: number, d: number): number {
  checkLambda('supermarketMeanSojourn', lambda);
  requireInteger('supermarketMeanSojourn', 'd', d, 1);
  if (lambda === 0) return 1;
  if (d === 1) return 1 / (1 - lambda);
  // T = Σ_{i≥1} λ^{e_i − 1} with e_i − 1 = d + d² + … + d^{i−1}; terms decay doubly exponentially.
  const lnLambda = log(lambda);
  let sum = 0;
  let exponent = 0; // e_i − 1
  let power = 1; // d^{i−1}
  for (let i = 1; i < 10_000; i++) {
    const term = exp(exponent * lnLambda);
    sum += term;
    if (term < 1e-17 * sum) break;
    exponent += power * d;
    power *= d;
  }
  return sum;
}
