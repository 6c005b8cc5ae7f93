// Natural, binary and decimal logarithms and log(1 + x), from the shared kernel: accurate to
// about one ulp and bit-for-bit the same on every engine.
import { INV_LN2, INV_LN10, LN2_HI, LN2_LO, LOG10_2_HI, LOG10_2_LO } from './constants.js';
import { atanhTail, log1pKernel, logExponent } from './log-kernel.js';
import { scaleByTwoTo, sumError } from './bits.js';
import { tenTo } from './powers-of-ten.js';

/** Natural logarithm; log(±0) = −∞, log(x < 0) = NaN, as Math.log. */
export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  const k = logExponent(x);
  const f = scaleByTwoTo(x, -k) - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  return k * LN2_HI - ((hfsq - (s * (hfsq + atanhTail(s * s)) + k * LN2_LO)) - f);
}

const TINY = 5.551115123125783e-17; // 2⁻⁵⁴: below it, log(1 + x) rounds to x

/** log(1 + x), accurate for small x; log1p(−1) = −∞, NaN below −1, as Math.log1p. */
export function log1p(x: number): number {
  if (!(x > -1)) return x === -1 ? -Infinity : NaN;
  if (x === Infinity) return x;
  if (x < TINY && x > -TINY) return x;
  const u = 1 + x;
  // 1 + x = u + c exactly; log(u + c) = log(u) + c/u to far below an ulp.
  const c = sumError(1, x, u);
  const k = logExponent(u);
  const f = scaleByTwoTo(u, -k) - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  return k * LN2_HI - ((hfsq - (s * (hfsq + atanhTail(s * s)) + (k * LN2_LO + c / u))) - f);
}

/** Base-2 logarithm, exact for powers of two. */
export function log2(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  const k = logExponent(x);
  const f = scaleByTwoTo(x, -k) - 1;
  return f === 0 ? k : k + log1pKernel(f) * INV_LN2;
}

/** Base-10 logarithm, exactly n for the double nearest 10^n. */
export function log10(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  const k = logExponent(x);
  const r = k * LOG10_2_HI + (k * LOG10_2_LO + log1pKernel(scaleByTwoTo(x, -k) - 1) * INV_LN10);
  const n = Math.round(r);
  return tenTo(n) === x ? n : r;
}
