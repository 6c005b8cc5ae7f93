// High-precision reference values of the elementary functions, for measuring the accuracy of
// src/base/math. Every step is BigInt arithmetic written from the mathematics, so the reference
// depends on no engine's Math: fixed-point kernels with F fractional bits (Taylor series for exp,
// sin and cos; the atanh series for ln; Machin's formula for π), argument reduction by ln 2 and
// π/2 in that precision, and exact dyadic numbers m · 2^e for values of any magnitude.
//
// Accuracy: every kernel result is within a few hundred units of 2^-F of the true value, relative
// to the result (tiny arguments keep their relative precision by factoring the exact argument out
// of the series), so with F = 224 the reference is about 2^-160 ulp from exact — far below the
// 0.01 ulp resolution at which errors are reported.

/** Fractional bits of the fixed-point kernels. */
export const F = 224;
const FB = BigInt(F);
const ONE = 1n << FB;

/** The exact dyadic rational m · 2^e. */
export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** v · 2^s, truncated toward −∞ when s < 0. */
function shift(v: bigint, s: number): bigint {
  return s >= 0 ? v << BigInt(s) : v >> BigInt(-s);
}

/** a · b in fixed point, truncated toward zero (so alternating series reach 0). */
function mulF(a: bigint, b: bigint): bigint {
  return (a * b) / ONE;
}

/** floor(a / b) (BigInt division truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** The integer nearest to a / b, for b > 0. */
function roundDiv(a: bigint, b: bigint): bigint {
  return floorDiv(2n * a + b, 2n * b);
}

// ---------------------------------------------------------------------------------------------
// Exact conversion between doubles and dyadic numbers.

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double as m · 2^e (subnormals included; ±0 gives m = 0). */
export function fromDouble(x: number): Dyadic {
  if (!Number.isFinite(x)) throw new Error(`fromDouble: ${x} is not finite`);
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  const e = biased === 0 ? -1074 : biased - 1075;
  return { m: negative ? -m : m, e };
}

/** The double with sign bit `negative`, biased exponent field and 52-bit fraction field. */
function composeBits(negative: boolean, biased: number, fraction: bigint): number {
  view.setBigUint64(0, (negative ? 1n << 63n : 0n) | (BigInt(biased) << 52n) | fraction);
  return view.getFloat64(0);
}

/** 2^k as a double (0 below 2^-1074, Infinity from 2^1024), built from its bits. */
export function pow2(k: number): number {
  if (k > 1023) return Infinity;
  if (k >= -1022) return composeBits(false, k + 1023, 0n);
  if (k >= -1074) return composeBits(false, 0, 1n << BigInt(k + 1074));
  return 0;
}

/** The double nearest to d (ties to even), with gradual underflow and overflow to ±Infinity. */
export function toDouble(d: Dyadic): number {
  if (d.m === 0n) return 0;
  const negative = d.m < 0n;
  const m = negative ? -d.m : d.m;
  const top = d.e + bitLength(m) - 1; // exponent of the leading bit
  const lsb = Math.max(top - 52, -1074); // exponent of the last bit the double keeps
  const drop = lsb - d.e;
  let q: bigint;
  if (drop <= 0) {
    q = m << BigInt(-drop);
  } else {
    q = m >> BigInt(drop);
    const rest = m - (q << BigInt(drop));
    const half = 1n << BigInt(drop - 1);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  }
  let exponent = lsb;
  if (q === 1n << 53n) {
    q >>= 1n;
    exponent += 1;
  }
  if (q < 1n << 52n) return composeBits(negative, 0, q); // subnormal: exponent is -1074
  const biased = exponent + 1075;
  if (biased >= 2047) return negative ? -Infinity : Infinity;
  return composeBits(negative, biased, q - (1n << 52n));
}

export function add(a: Dyadic, b: Dyadic): Dyadic {
  const e = Math.min(a.e, b.e);
  return { m: shift(a.m, a.e - e) + shift(b.m, b.e - e), e };
}

export function negate(a: Dyadic): Dyadic {
  return { m: -a.m, e: a.e };
}

/** a / b with at least F + 2 significant bits (truncated). */
export function divide(a: Dyadic, b: Dyadic): Dyadic {
  if (b.m === 0n) throw new Error('divide: division by zero');
  const s = Math.max(0, bitLength(b.m) - bitLength(a.m) + F + 2);
  return { m: (a.m << BigInt(s)) / b.m, e: a.e - b.e - s };
}

/** a with at most `bits` significant bits (truncated), to keep operands small. */
function trim(a: Dyadic, bits = F + 32): Dyadic {
  const excess = bitLength(a.m) - bits;
  return excess > 0 ? { m: a.m / (1n << BigInt(excess)), e: a.e + excess } : a;
}

/** The fixed-point number v · 2^-F as a dyadic. */
function fixed(v: bigint): Dyadic {
  return { m: v, e: -F };
}

/** floor(x · 2^F): exact for every double whose last bit is at or above 2^-F. */
function toFixed(x: number): bigint {
  const d = fromDouble(x);
  return shift(d.m, d.e + F);
}

/**
 * The error of `result` in ulps of the exact value: |result − exact| / ulp, where ulp is the
 * spacing of doubles in the binade of the exact value (2^-1074 in the subnormal range and for 0).
 * A correctly rounded result has error ≤ 0.5. An infinite result counts 0 when the exact value
 * rounds to it and Infinity otherwise; NaN counts Infinity.
 */
export function ulpError(result: number, exact: Dyadic): number {
  if (Number.isNaN(result)) return Infinity;
  if (!Number.isFinite(result)) return toDouble(exact) === result ? 0 : Infinity;
  const top = exact.m === 0n ? -1074 : exact.e + bitLength(exact.m) - 1;
  const ulpExponent = Math.max(top, -1022) - 52;
  const diff = add(fromDouble(result), negate(exact));
  return toDouble({ m: diff.m < 0n ? -diff.m : diff.m, e: diff.e - ulpExponent });
}

// ---------------------------------------------------------------------------------------------
// Fixed-point kernels and constants.

/** atanh(1/n) = Σ 1 / ((2k+1) n^(2k+1)). */
function atanhInverse(n: bigint): bigint {
  const n2 = n * n;
  let power = ONE / n;
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power /= n2;
  }
  return sum;
}

/** atan(1/n) = Σ (−1)^k / ((2k+1) n^(2k+1)). */
function atanInverse(n: bigint): bigint {
  const n2 = n * n;
  let power = ONE / n;
  let sum = 0n;
  for (let k = 1n, sign = 1n; power !== 0n; k += 2n, sign = -sign) {
    sum += (sign * power) / k;
    power /= n2;
  }
  return sum;
}

/** e^r = Σ r^k / k!, for |r| ≤ 1. */
function expSeries(r: bigint): bigint {
  let term = ONE;
  let sum = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = mulF(term, r) / k;
    sum += term;
  }
  return sum;
}

/** atanh(s) / s = Σ s^(2k) / (2k+1), from s² (|s| ≤ 0.2). */
function atanhOverS(s2: bigint): bigint {
  let power = ONE;
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = mulF(power, s2);
  }
  return sum;
}

/** sin(r) / r = Σ (−1)^k r^(2k) / (2k+1)!, from r². */
function sinOverR(r2: bigint): bigint {
  let term = ONE;
  let sum = ONE;
  for (let k = 2n; term !== 0n; k += 2n) {
    term = -mulF(term, r2) / (k * (k + 1n));
    sum += term;
  }
  return sum;
}

/** cos(r) = Σ (−1)^k r^(2k) / (2k)!, from r². */
function cosSeries(r2: bigint): bigint {
  let term = ONE;
  let sum = ONE;
  for (let k = 1n; term !== 0n; k += 2n) {
    term = -mulF(term, r2) / (k * (k + 1n));
    sum += term;
  }
  return sum;
}

/** ln 2 = 2 atanh(1/3). */
export const LN2_FIXED = 2n * atanhInverse(3n);
/** π = 16 atan(1/5) − 4 atan(1/239) (Machin). */
export const PI_FIXED = 16n * atanInverse(5n) - 4n * atanInverse(239n);
const HALF_PI = PI_FIXED / 2n;
/** e = Σ 1/k!. */
export const E_FIXED = expSeries(ONE);

/** ln(m · 2^e) in fixed point, for m > 0: 2^k · f with f ∈ [√2/2, √2], ln f = 2 atanh((f−1)/(f+1)). */
function lnFixed(m: bigint, e: number): bigint {
  if (m <= 0n) throw new Error('ln of a non-positive number');
  const n = bitLength(m);
  let k = e + n - 1;
  let f = shift(m, F - (n - 1)); // m · 2^e / 2^k in [1, 2)
  if (f * f > 2n * ONE * ONE) {
    f >>= 1n;
    k += 1;
  }
  const s = ((f - ONE) << FB) / (f + ONE);
  return BigInt(k) * LN2_FIXED + 2n * mulF(s, atanhOverS(mulF(s, s)));
}

/** ln 10. */
export const LN10_FIXED = lnFixed(10n, 0);

/** e^(T · 2^-F) for a fixed-point T, as a dyadic with relative precision: 2^k · e^r, |r| ≤ ln2/2. */
function expOfFixed(t: bigint): Dyadic {
  const k = roundDiv(t, LN2_FIXED);
  const r = t - k * LN2_FIXED;
  return { m: expSeries(r), e: Number(k) - F };
}

// ---------------------------------------------------------------------------------------------
// Reference functions on doubles. Arguments must be finite and in the function's domain; the
// special values (NaN, infinities, poles) are the tests' business, not the reference's.

export function expRef(x: number): Dyadic {
  return expOfFixed(toFixed(x));
}

export function expm1Ref(x: number): Dyadic {
  if (Math.abs(x) < 0.5) {
    // e^x − 1 = x · Σ x^k / (k+1)!, with the exact x factored out for relative precision.
    const X = toFixed(x);
    let term = ONE;
    let sum = ONE;
    for (let k = 2n; term !== 0n; k++) {
      term = mulF(term, X) / k;
      sum += term;
    }
    const d = fromDouble(x);
    return { m: d.m * sum, e: d.e - F };
  }
  return trim(add(expRef(x), { m: -1n, e: 0 }));
}

export function lnRef(x: number): Dyadic {
  const d = fromDouble(x);
  return fixed(lnFixed(d.m, d.e));
}

export function log1pRef(x: number): Dyadic {
  if (Math.abs(x) <= 0.25) {
    // ln(1+x) = 2 atanh(s), s = x/(2+x): = x · (2/(2+x)) · atanh(s)/s, exact x factored out.
    const X = toFixed(x);
    const q = (2n * ONE * ONE) / (2n * ONE + X);
    const s = (X * ONE) / (2n * ONE + X);
    const d = fromDouble(x);
    return { m: d.m * mulF(q, atanhOverS(mulF(s, s))), e: d.e - F };
  }
  const onePlus = add(fromDouble(x), { m: 1n, e: 0 });
  return fixed(lnFixed(onePlus.m, onePlus.e));
}

export function log2Ref(x: number): Dyadic {
  const d = fromDouble(x);
  return fixed((lnFixed(d.m, d.e) * ONE) / LN2_FIXED);
}

export function log10Ref(x: number): Dyadic {
  const d = fromDouble(x);
  return fixed((lnFixed(d.m, d.e) * ONE) / LN10_FIXED);
}

/** sin x and cos x: x = k·π/2 + r, |r| ≤ π/4, then the quadrant k mod 4 picks ±sin r, ±cos r. */
export function sinCosRef(x: number): { sin: Dyadic; cos: Dyadic } {
  const X = toFixed(x);
  if (Math.abs(x) < 0.78) {
    const x2 = mulF(X, X);
    const d = fromDouble(x);
    return { sin: { m: d.m * sinOverR(x2), e: d.e - F }, cos: fixed(cosSeries(x2)) };
  }
  const k = roundDiv(X, HALF_PI);
  const r = X - k * HALF_PI;
  const r2 = mulF(r, r);
  const s = mulF(r, sinOverR(r2));
  const c = cosSeries(r2);
  const quadrant = Number(((k % 4n) + 4n) % 4n);
  const sin = [s, c, -s, -c][quadrant]!;
  const cos = [c, -s, -c, s][quadrant]!;
  return { sin: fixed(sin), cos: fixed(cos) };
}

export function sinRef(x: number): Dyadic {
  return sinCosRef(x).sin;
}

export function cosRef(x: number): Dyadic {
  return sinCosRef(x).cos;
}

export function tanRef(x: number): Dyadic {
  const { sin, cos } = sinCosRef(x);
  return divide(sin, cos);
}

/** tanh x = t / (t + 2) with t = e^(2x) − 1. */
export function tanhRef(x: number): Dyadic {
  const t = expm1Ref(2 * x);
  return divide(t, add(t, { m: 2n, e: 0 }));
}

/** x^y = e^(y ln|x|), negated for a negative x and an odd integer y; x ≠ 0, and y an integer if x < 0. */
export function powRef(x: number, y: number): Dyadic {
  if (x === 0) throw new Error('powRef: x = 0 is a special value');
  if (x < 0 && !Number.isInteger(y)) throw new Error('powRef: negative base with a non-integer exponent');
  const dx = fromDouble(Math.abs(x));
  const dy = fromDouble(y);
  const t = shift(dy.m * lnFixed(dx.m, dx.e), dy.e);
  const r = expOfFixed(t);
  const odd = x < 0 && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;
  return odd ? negate(r) : r;
}

/** x^n exactly for n ≥ 0 (a dyadic), and 1 / x^|n| to F + 2 bits for n < 0. */
export function powIntRef(x: number, n: number): Dyadic {
  if (!Number.isInteger(n)) throw new Error(`powIntRef: ${n} is not an integer`);
  const d = fromDouble(x);
  const power = { m: d.m ** BigInt(Math.abs(n)), e: d.e * Math.abs(n) };
  return n >= 0 ? power : divide({ m: 1n, e: 0 }, power);
}

/** y · ln|x| as a double (for classifying pow inputs by the size of the exponent of e). */
export function powExponent(x: number, y: number): number {
  const dx = fromDouble(Math.abs(x));
  const dy = fromDouble(y);
  return toDouble({ m: dy.m * lnFixed(dx.m, dx.e), e: dy.e - F });
}

/** floor(|d| · 10^n) in decimal: the digits of |d| up to the n-th after the point. */
export function decimalDigits(d: Dyadic, n: number): string {
  const m = d.m < 0n ? -d.m : d.m;
  return shift(m * 10n ** BigInt(n), d.e).toString();
}
