// Exact powers of two and error-free sums and
// products: the building blocks that let the elementary functions use only +, −, ×, ÷ (each
// correctly rounded by IEEE 754, hence the same on every engine).

/** 2^k for k in [−1074, 1023] (subnormals included), built by exact doublings and halvings. */
const POW2 = new Float64Array(2098);
const BIAS = 1074;
POW2[BIAS] = 1;
for (let k = 1; k <= 1023; k++) POW2[BIAS + k] = POW2[BIAS + k - 1]! * 2;
for (let k = -1; k >= -1074; k--) POW2[BIAS + k] = POW2[BIAS + k + 1]! * 0.5;

/** 2^k, exactly, for an integer k in [−1074, 1023]. */
export function twoTo(k: number): number {
  return POW2[k + BIAS]!;
}

/** y · 2^k with a single rounding (none unless the result is subnormal or overflows). */
export function scaleByTwoTo(y: number, k: number): number {
  if (k > 1023) return y * POW2[BIAS + 1023]! * POW2[BIAS + k - 1023]!;
  if (k < -1022) return y * POW2[BIAS + k + 1000]! * POW2[BIAS - 1000]!;
  return y * POW2[BIAS + k]!;
}

/** Veltkamp's splitter 2^27 + 1: a = hi + lo with hi and lo of at most 26 significant bits. */
const SPLITTER = 134217729;

/** The rounding error of a × b (Dekker's product without fused multiply-add): a·b = fl(a·b) + err. */
export function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** The rounding error of a + b (Knuth's TwoSum, any magnitudes): a + b = fl(a + b) + err. */
export function sumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return (a - (s - bb)) + (b - bb);
}
