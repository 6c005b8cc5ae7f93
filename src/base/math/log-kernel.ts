// The shared core of log, log1p, log2, log10 and pow: x = 2^k · (1 + f) with 1 + f in [√2/2, √2),
// and log(1 + f) = 2·atanh(s), s = f / (2 + f), |s| ≤ 0.1716, summed as the series
// 2s + 2s³/3 + 2s⁵/5 + … (terms to s²¹ leave a relative error below 2⁻⁶⁰).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HIGH = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const TWO_54 = 18014398509481984;
/** The top 20 fraction bits of √2: above them the significand is halved, so 1 + f < 1.41422. */
const SQRT2_TOP = 0x6a09e;

/**
 * The k of x = 2^k · (1 + f) with 1 + f in [√2/2, √2), for a positive finite x (subnormals
 * included); f is then `scaleByTwoTo(x, −k) − 1`, exactly. (Writing the exponent field instead
 * would make the next read wait on the store: several times slower.)
 */
export function logExponent(x: number): number {
  f64[0] = x;
  let hx = u32[HIGH]!;
  let k = 0;
  if (hx < 0x00100000) {
    f64[0] = x * TWO_54;
    hx = u32[HIGH]!;
    k = -54;
  }
  k += (hx >>> 20) - 1023;
  return (hx & 0xfffff) > SQRT2_TOP ? k + 1 : k;
}

const A1 = 2 / 3;
const A2 = 2 / 5;
const A3 = 2 / 7;
const A4 = 2 / 9;
const A5 = 2 / 11;
const A6 = 2 / 13;
const A7 = 2 / 15;
const A8 = 2 / 17;
const A9 = 2 / 19;
const A10 = 2 / 21;

/** R(z) = 2z/3 + 2z²/5 + … + 2z¹⁰/21, z = s²: log(1 + f) = 2s + s·R. */
export function atanhTail(z: number): number {
  // Estrin's scheme: independent pairs, so the multiplications overlap.
  const z2 = z * z;
  const z4 = z2 * z2;
  const low = A1 + z * A2 + z2 * (A3 + z * A4);
  const high = A5 + z * A6 + z2 * (A7 + z * A8) + z4 * (A9 + z * A10);
  return z * (low + z4 * high);
}

/** log(1 + f) for f in [√2/2 − 1, √2 − 1], to within about half an ulp: f − (f²/2 − s·(f²/2 + R)). */
export function log1pKernel(f: number): number {
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  return f - (hfsq - s * (hfsq + atanhTail(s * s)));
}
