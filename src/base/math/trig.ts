// sin, cos and tan: x = n·π/2 + r with |r| ≲ π/4, r carried as a double-double (π/2 in four
// parts, each product exact for |n| < 2^20, i.e. |x| < 1.6e6; beyond that the reduction loses
// accuracy but stays deterministic), then Taylor kernels to r¹⁹ and r¹⁸ (terms left out below
// 2⁻⁶⁰ relative). Accurate to about one ulp, bit-for-bit the same on every engine.
import { PIO2_1, PIO2_2, PIO2_3, PIO2_4, PI_OVER_4, TWO_OVER_PI } from './constants.js';
import { sumError } from './bits.js';

const S1 = -1 / 6;
const S2 = 1 / 120;
const S3 = -1 / 5040;
const S4 = 1 / 362880;
const S5 = -1 / 39916800;
const S6 = 1 / 6227020800;
const S7 = -1 / 1307674368000;
const S8 = 1 / 355687428096000;
const S9 = -1 / 121645100408832000;

const K2 = 1 / 24;
const K3 = -1 / 720;
const K4 = 1 / 40320;
const K5 = -1 / 3628800;
const K6 = 1 / 479001600;
const K7 = -1 / 87178291200;
const K8 = 1 / 20922789888000;
const K9 = -1 / 6402373705728000;

/** sin(r + c) for |r| ≲ π/4, |c| ≪ ulp(r). */
function sinKernel(r: number, c: number): number {
  const z = r * r;
  const s = S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * (S6 + z * (S7 + z * (S8 + z * S9)))))));
  return r + (c * (1 - 0.5 * z) + r * z * s);
}

/** cos(r + c) for |r| ≲ π/4, |c| ≪ ulp(r): 1 − r²/2 summed with its rounding error. */
function cosKernel(r: number, c: number): number {
  const z = r * r;
  const k = K2 + z * (K3 + z * (K4 + z * (K5 + z * (K6 + z * (K7 + z * (K8 + z * K9))))));
  const hz = 0.5 * z;
  const w = 1 - hz;
  return w + ((1 - w - hz) + (z * z * k - r * c));
}

let quadrant = 0;
let rHi = 0;
let rLo = 0;

/** x = n·π/2 + (rHi + rLo), quadrant = n mod 4. */
function reduce(x: number): void {
  const n = Math.round(x * TWO_OVER_PI);
  const a = x - n * PIO2_1;
  let w = n * PIO2_2;
  let r = a - w;
  let c = sumError(a, -w, r);
  w = n * PIO2_3;
  const t = r;
  r = t - w;
  c += sumError(t, -w, r) - n * PIO2_4;
  rHi = r + c;
  rLo = c - (rHi - r);
  quadrant = ((n % 4) + 4) % 4;
}

const TINY = 7.450580596923828e-9; // 2⁻²⁷: below it sin x and tan x round to x

/** Sine; NaN for ±∞ and NaN, keeps −0. */
export function sin(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax <= PI_OVER_4) return ax < TINY ? x : sinKernel(x, 0);
  if (!(ax < Infinity)) return NaN;
  reduce(x);
  switch (quadrant) {
    case 0:
      return sinKernel(rHi, rLo);
    case 1:
      return cosKernel(rHi, rLo);
    case 2:
      return -sinKernel(rHi, rLo);
    default:
      return -cosKernel(rHi, rLo);
  }
}

/** Cosine; NaN for ±∞ and NaN. */
export function cos(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax <= PI_OVER_4) return cosKernel(x, 0);
  if (!(ax < Infinity)) return NaN;
  reduce(x);
  switch (quadrant) {
    case 0:
      return cosKernel(rHi, rLo);
    case 1:
      return -sinKernel(rHi, rLo);
    case 2:
      return -cosKernel(rHi, rLo);
    default:
      return sinKernel(rHi, rLo);
  }
}

/** Tangent; NaN for ±∞ and NaN, keeps −0. */
export function tan(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax <= PI_OVER_4) return ax < TINY ? x : sinKernel(x, 0) / cosKernel(x, 0);
  if (!(ax < Infinity)) return NaN;
  reduce(x);
  return quadrant % 2 === 0
    ? sinKernel(rHi, rLo) / cosKernel(rHi, rLo)
    : -cosKernel(rHi, rLo) / sinKernel(rHi, rLo);
}
