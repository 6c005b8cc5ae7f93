/**
 * Special functions needed by the distribution code: log-gamma, the regularized incomplete beta
 * function (in log form, so that far tails do not underflow) and the complementary error function.
 * Pure functions, double precision; relative accuracy is ~1e-14 or better for moderate arguments.
 */
import { exp, expm1, log, log1p, sin } from '../base/math/index.js';

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_2PI = 0.5 * log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7); reflection for 0 < x < 0.5. */
export function lnGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0.5) return log(Math.PI / sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * log(t) - t + log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

const TINY = 1e-300;
const EPS = 1e-16;
const MAX_ITER = 100_000;

/** Lentz evaluation of the continued fraction for I_x(a, b) (converges fast for x < (a+1)/(a+b+2)). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}

/**
 * Natural log of the regularized incomplete beta function I_x(a, b), with x given through
 * ln x and ln(1 − x) (pass both so callers can avoid the cancellation in 1 − x).
 * Returns { lower: ln I_x(a,b), upper: ln(1 − I_x(a,b)) }.
 */
export function lnIncompleteBeta(lnX: number, lnY: number, a: number, b: number): { lower: number; upper: number } {
  if (lnX === -Infinity) return { lower: -Infinity, upper: 0 };
  if (lnY === -Infinity) return { lower: 0, upper: -Infinity };
  const x = exp(lnX);
  const y = exp(lnY);
  const lnFront = a * lnX + b * lnY - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = lnFront + log(betaContinuedFraction(x, a, b) / a);
    return { lower, upper: log1p(-exp(lower)) };
  }
  const upper = lnFront + log(betaContinuedFraction(y, b, a) / b);
  return { lower: log1p(-exp(upper)), upper };
}

/** Regularized incomplete beta I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0)) return NaN;
  return exp(lnIncompleteBeta(log(x), log1p(-x), a, b).lower);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a), a > 0, x ≥ 0. */
export function upperIncompleteGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const lnFront = a * log(x) - x - lnGamma(a);
  if (x < a + 1) {
    // Series for the lower function P(a, x).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MAX_ITER; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return -expm1(lnFront + log(sum));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return exp(lnFront) * h;
}

/** Complementary error function erfc(x) = 1 − erf(x), accurate in relative terms for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 0) return upperIncompleteGamma(0.5, x * x);
  return 2 - upperIncompleteGamma(0.5, x * x);
}
