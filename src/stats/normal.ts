/**
 * Standard normal distribution: CDF and quantile (inverse CDF), accurate to ~1e-14 relative,
 * including far tails (down to p ≈ 1e-300).
 */
import { erfc } from './special-functions.js';
import { quote } from '../base/config-error.js';
import { exp, log } from '../base/math/index.js';

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Φ(z) = P(Z ≤ z) for Z ~ N(0, 1). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 0.5 * erfc(-z * SQRT1_2);
}

/** Upper tail Q(x) = P(Z > x). */
function upperTail(x: number): number {
  return 0.5 * erfc(x * SQRT1_2);
}

/**
 * Returns x > 0 with P(Z > x) = q, for 0 < q < 0.5: rational initial guess
 * (Abramowitz & Stegun 26.2.23, |error| < 4.5e-4) refined by Halley steps on the exact tail.
 */
function upperTailQuantile(q: number): number {
  const t = Math.sqrt(-2 * log(q));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  if (!(x > 0)) x = 1e-3;
  for (let i = 0; i < 50; i++) {
    const e = upperTail(x) - q;
    // Q'(x) = −φ(x); Halley step for f(x) = Q(x) − q.
    const u = e * SQRT_2PI * exp(0.5 * x * x);
    const step = u / (1 + 0.5 * x * u);
    x += step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return x;
}

/** Inverse standard normal CDF. p = 0 → −Infinity, p = 1 → +Infinity; p outside [0, 1] throws RangeError. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${quote(p)}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p < 0.5 ? -upperTailQuantile(p) : upperTailQuantile(1 - p);
}
