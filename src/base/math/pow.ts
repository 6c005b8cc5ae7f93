// x^y as ECMAScript defines it (special cases included), computed as e^(y·ln x) with ln x carried
// in double-double precision (about 2⁻⁵⁹ relative), so the result stays within about one ulp
// for |y·ln x| up to ~50 and within a few ulps up to overflow.
import { LN2_HI, LN2_LO } from './constants.js';
import { atanhTail, logExponent } from './log-kernel.js';
import { productError, scaleByTwoTo, sumError } from './bits.js';
import { expOf } from './exp.js';
import { tenTo } from './powers-of-ten.js';

let lnHi = 0;
let lnLo = 0;

/** ln x for a positive finite x into lnHi + lnLo. */
function lnDoubleDouble(x: number): void {
  const k = logExponent(x);
  const f = scaleByTwoTo(x, -k) - 1;
  // s = f / (2 + f) as sh + sl: 2 + f = d + dl exactly, then one correction of the quotient.
  const d = 2 + f;
  const dl = 2 - d + f;
  const sh = f / d;
  const ph = sh * d;
  const sl = (f - ph - productError(sh, d, ph) - sh * dl) / d;
  const z = sh * sh;
  // ln(1 + f) = 2sh + 2sl + sh·R(z); ln x = k·LN2_HI + 2sh + (k·LN2_LO + 2sl + sh·R(z)).
  const a = k * LN2_HI;
  const b = 2 * sh;
  const s = a + b;
  const lo = sumError(a, b, s) + (k * LN2_LO + 2 * sl + sh * atanhTail(z));
  lnHi = s + lo;
  lnLo = lo - (lnHi - s);
}

function isOddInteger(y: number): boolean {
  return y % 2 === 1 || y % 2 === -1;
}

/** x^y, with the results ECMAScript prescribes for zeros, infinities, NaN and negative bases; 10^n correctly rounded. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (y !== y || x !== x) return NaN;
  if (y === 1) return x;
  if (y === 2) return x * x;
  if (y === -1) return 1 / x;
  const ax = x < 0 ? -x : x;
  if (y === Infinity || y === -Infinity) {
    if (ax === 1) return NaN;
    return (ax > 1) === (y > 0) ? Infinity : 0;
  }
  if (ax === 0 || ax === Infinity) {
    const odd = (x < 0 || 1 / x < 0) && isOddInteger(y);
    const big = (ax === Infinity) === (y > 0);
    if (big) return odd ? -Infinity : Infinity;
    return odd ? -0 : 0;
  }
  if (x === 10 && Math.floor(y) === y) return tenTo(y);
  let sign = 1;
  if (x < 0) {
    if (Math.floor(y) !== y) return NaN;
    if (isOddInteger(y)) sign = -1;
  }
  lnDoubleDouble(ax);
  const th = y * lnHi;
  if (th > 710) return sign * Infinity;
  if (th < -746) return sign * 0;
  return sign * expOf(th, productError(y, lnHi, th) + y * lnLo);
}

/** x^n for an integer n: exact whenever x^n is a double (2^k, 3^k < 2^53, …); 10^n correctly rounded. */
export function powInt(x: number, n: number): number {
  return pow(x, n);
}
