// e^x and e^x − 1, accurate to under one ulp and bit-for-bit the same on every engine.
import { HALF_LN2, INV_LN2, LN2_HI, LN2_LO } from './constants.js';
import { expTail } from './exp-kernel.js';
import { scaleByTwoTo, sumError, twoTo } from './bits.js';

/** Above it e^x overflows, below the other it is 0 (the limits leave a margin; rounding decides). */
const OVERFLOW = 709.8;
const UNDERFLOW = -745.2;

/**
 * e^(x + xlo) for a double-double argument with x in [−746, 710]: reduced as
 * x + xlo = k·ln2 + (hi − lo) with hi = x − k·LN2_HI exact, then scaled by 2^k once.
 */
export function expOf(x: number, xlo: number): number {
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO - xlo;
  // The tail at the rounded r = hi − lo, corrected to first order for r's rounding error
  // (its derivative e^r − 1 ≈ r + r²/2).
  const r = hi - lo;
  const p = expTail(r);
  // e^r = 1 + hi + (p − lo) + correction: each addition's rounding error is carried to the end,
  // so the result is rounded about once (0.5 ulp) rather than three times.
  const q = p - lo;
  const qe = sumError(p, -lo, q) + (r + 0.5 * r * r) * sumError(hi, -lo, r);
  const s = hi + q;
  const y = 1 + s;
  return scaleByTwoTo(y + (s - (y - 1) + (sumError(hi, q, s) + qe)), k);
}

/** e^x; ±∞ and NaN as Math.exp. */
export function exp(x: number): number {
  if (!(x <= OVERFLOW)) return x === x ? Infinity : x;
  if (x < UNDERFLOW) return 0;
  return expOf(x, 0);
}

const TINY = 5.551115123125783e-17; // 2⁻⁵⁴: below it e^x − 1 rounds to x
const MINUS_ONE_BELOW = -37.42994775023705; // ln 2⁻⁵⁴: below it e^x − 1 rounds to −1

/** e^x − 1, accurate near 0 (keeps −0); as Math.expm1. */
export function expm1(x: number): number {
  if (!(x <= OVERFLOW)) return x === x ? Infinity : x;
  if (x < MINUS_ONE_BELOW) return -1;
  const ax = x < 0 ? -x : x;
  if (ax < TINY) return x;
  if (ax <= HALF_LN2) return x + expTail(x);
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const p = expTail(hi - lo);
  if (k > 53 || k < -53) return scaleByTwoTo(1 + (hi + (p - lo)), k) - 1;
  // e^x − 1 = (2^k − 1) + 2^k·hi + 2^k·(p − lo): the first two summed without error.
  const t = twoTo(k);
  const a = t - 1;
  const b = t * hi;
  const s = a + b;
  return s + (sumError(a, b, s) + t * (p - lo));
}
