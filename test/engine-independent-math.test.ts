// Accuracy of hasim's engine-independent elementary functions (src/base/math), measured in ulps
// against a BigInt reference (test/helpers/big-reference.ts) on seeded inputs over the ranges the
// simulator uses; their IEEE / ECMAScript special values; the results that must be exact. The
// reference itself is checked against known constants and against Node's Math (V8's
// fdlibm-derived functions are within 1 ulp), so a bound that fails points at src/base/math.
import { afterAll, describe, expect, it } from 'vitest';
import * as hm from '../src/base/math/index.js';
import {
  E_FIXED,
  LN10_FIXED,
  LN2_FIXED,
  PI_FIXED,
  F,
  add,
  divide,
  expRef,
  expm1Ref,
  decimalDigits,
  fromDouble,
  lnRef,
  log10Ref,
  log1pRef,
  log2Ref,
  pow2,
  powExponent,
  powIntRef,
  powRef,
  sinCosRef,
  tanhRef,
  toDouble,
  ulpError,
  type Dyadic,
} from './helpers/big-reference.js';
import { xorshift } from './helpers/xorshift.js';

// Maximum error of src/base/math, in ulps of the exact value.
const MAX_ULP = {
  exp: 1,
  expm1: 1,
  log: 1,
  log1p: 1,
  sin: 1,
  cos: 1,
  log2: 2,
  log10: 2,
  tan: 2,
  tanh: 2,
  /** pow where |y · ln x| ≤ POW_BOUNDED_EXPONENT. */
  pow: 2,
  /** powInt for |n| ≤ 8. */
  powIntSmall: 1,
  /** powInt for |n| ≤ 64 (binary powering accumulates rounding errors). */
  powInt: 2,
} as const;
/** pow over all the sampled inputs, |y · ln x| up to ~37 000 (overflow and underflow included). */
const MAX_ULP_POW_WIDE = 4;
const POW_BOUNDED_EXPONENT = 50;
// Maximum error of Node's Math against the reference, which validates the reference. V8's
// fdlibm-derived functions are within 1 ulp except log10 and tanh, which reach 1.38 and 1.65 ulp
// on these inputs; those two worst cases are pinned to digits computed independently (Python's
// decimal module at 80 digits) in 'the reference' below, so the excess is V8's, not the oracle's.
const ORACLE_MAX_ULP: Partial<Record<Fn, number>> & { default: number } = { default: 1, log10: 2, tanh: 2 };

type Fn = keyof typeof MAX_ULP;
interface Sample {
  readonly args: readonly number[];
  readonly exact: Dyadic;
}

// ---------------------------------------------------------------------------------------------
// Seeded inputs.

function generator(seed: number) {
  const next = xorshift(seed);
  const unit = (): number => (Math.floor(next() * 2 ** 21) * 2 ** 32 + Math.floor(next() * 2 ** 32)) / 2 ** 53;
  const uniform = (a: number, b: number): number => a + (b - a) * unit();
  const integer = (a: number, b: number): number => a + Math.floor(next() * (b - a + 1));
  const sign = (): number => (next() < 0.5 ? -1 : 1);
  const view = new DataView(new ArrayBuffer(8));
  const bitsOf = (x: number): bigint => (view.setFloat64(0, x), view.getBigUint64(0));
  const ofBits = (b: bigint): number => (view.setBigUint64(0, b), view.getFloat64(0));
  /** A positive double uniform in bit pattern between lo and hi: log-uniform across binades. */
  const spread = (lo: number, hi: number): number => {
    const a = bitsOf(lo);
    const span = bitsOf(hi) - a + 1n;
    const r = (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32));
    return ofBits(a + (r % span));
  };
  /** x moved by k ulps along the bit patterns (same sign). */
  const nudge = (x: number, k: number): number => (x === 0 ? x : ofBits(bitsOf(x) + BigInt(k)));
  return { uniform, integer, sign, spread, nudge };
}

function repeat(count: number, make: () => number[]): number[][] {
  return Array.from({ length: count }, make);
}

const TWO_PI = 2 * Math.PI;
const HALF_PI_DOUBLE = Math.PI / 2;

function expInputs(seed: number): number[][] {
  const g = generator(seed);
  return [
    ...repeat(600, () => [g.uniform(-745, 709.7)]),
    ...repeat(100, () => [g.uniform(-745.13, -708.4)]), // subnormal results
    ...repeat(400, () => [g.uniform(-40, 40)]),
    ...repeat(600, () => [g.uniform(-1, 1)]),
    ...repeat(300, () => [g.sign() * g.spread(1e-300, 1e-8)]),
  ];
}

function logInputs(seed: number): number[][] {
  const g = generator(seed);
  return [
    ...repeat(800, () => [g.spread(Number.MIN_VALUE, 1e308)]),
    ...repeat(100, () => [g.spread(Number.MIN_VALUE, 2 ** -1022)]), // subnormal arguments
    ...repeat(800, () => [1 + g.sign() * g.spread(1e-15, 0.5)]),
    ...repeat(300, () => [g.uniform(0, 100)]),
  ];
}

function log1pInputs(seed: number): number[][] {
  const g = generator(seed);
  return [
    ...repeat(700, () => [g.spread(Number.MIN_VALUE, 1e10)]),
    ...repeat(700, () => [-g.spread(Number.MIN_VALUE, 1 - 2 ** -53)]),
    ...repeat(300, () => [g.uniform(-0.5, 0.5)]),
    ...repeat(300, () => [-1 + g.spread(2 ** -53, 0.1)]),
  ];
}

function trigInputs(seed: number): number[][] {
  const g = generator(seed);
  const nearMultiple = (kMax: number): number[] => [g.nudge(g.integer(-kMax, kMax) * HALF_PI_DOUBLE, g.integer(-3, 3))];
  return [
    ...repeat(650, () => [g.uniform(-1e5, 1e5)]),
    ...repeat(700, () => [g.uniform(-TWO_PI, TWO_PI)]),
    ...repeat(200, () => nearMultiple(64)),
    ...repeat(200, () => nearMultiple(63_000)),
    ...repeat(250, () => [g.sign() * g.spread(1e-300, 1e-3)]),
  ].filter(([x]) => x !== 0);
}

function tanhInputs(seed: number): number[][] {
  const g = generator(seed);
  return [
    ...repeat(1200, () => [g.uniform(-30, 30)]),
    ...repeat(500, () => [g.uniform(-1, 1)]),
    ...repeat(300, () => [g.sign() * g.spread(1e-300, 1e-3)]),
  ];
}

/** log2 |x| from the bits, within 1: enough to keep |y · ln x| in a chosen range. */
function roughLn(x: number): number {
  const { m, e } = fromDouble(Math.abs(x));
  return (e + m.toString(2).length - 1) * Math.LN2;
}

function powInputs(seed: number): number[][] {
  const g = generator(seed);
  const bounded = (x: number): number[] => [x, g.uniform(-1, 1) * Math.min(50, 49 / (Math.abs(roughLn(x)) + 0.7))];
  return [
    ...repeat(500, () => [g.spread(Number.MIN_VALUE, 1e6), g.uniform(-50, 50)]),
    ...repeat(700, () => bounded(g.spread(1e-6, 1e6))),
    ...repeat(400, () => [1 + g.sign() * g.spread(1e-15, 0.5), g.uniform(-50, 50)]),
    ...repeat(400, () => [g.sign() * g.spread(1e-3, 1e3), g.integer(-50, 50)]),
  ];
}

function powIntInputs(seed: number, nMax: number, count: number): number[][] {
  const g = generator(seed);
  // |x|^n stays within the doubles for |n| ≤ 64: 10^(±4 · 64).
  return repeat(count, () => [g.sign() * g.spread(1e-4, 1e4), g.integer(-nMax, nMax)]);
}

// ---------------------------------------------------------------------------------------------
// Samples (inputs with their exact values), computed once per function and shared by the
// accuracy test and the reference's validation against Math.

const sampleCache = new Map<string, Sample[]>();

function samples(name: string, inputs: () => number[][], exact: (...args: number[]) => Dyadic): Sample[] {
  return cached(name, () => inputs().map((args) => ({ args, exact: exact(...args) })));
}

/** sin, cos and tan share their inputs and the reduction of each. */
let trigCache: { x: number; sin: Dyadic; cos: Dyadic; tan: Dyadic }[] | undefined;
function trig(): { x: number; sin: Dyadic; cos: Dyadic; tan: Dyadic }[] {
  trigCache ??= trigInputs(7).map(([x]) => {
    const { sin, cos } = sinCosRef(x!);
    return { x: x!, sin, cos, tan: divide(sin, cos) };
  });
  return trigCache;
}

function cached(name: string, make: () => Sample[]): Sample[] {
  let list = sampleCache.get(name);
  if (list === undefined) sampleCache.set(name, (list = make()));
  return list;
}

interface Case {
  readonly fn: Fn;
  readonly impl: (...args: number[]) => number;
  readonly math: (...args: number[]) => number;
  readonly samples: () => Sample[];
}

const cases: Case[] = [
  { fn: 'exp', impl: hm.exp, math: Math.exp, samples: () => samples('exp', () => expInputs(1), expRef) },
  { fn: 'expm1', impl: hm.expm1, math: Math.expm1, samples: () => samples('expm1', () => expInputs(2), expm1Ref) },
  { fn: 'log', impl: hm.log, math: Math.log, samples: () => samples('log', () => logInputs(3), lnRef) },
  { fn: 'log1p', impl: hm.log1p, math: Math.log1p, samples: () => samples('log1p', () => log1pInputs(4), log1pRef) },
  { fn: 'log2', impl: hm.log2, math: Math.log2, samples: () => samples('log2', () => logInputs(5), log2Ref) },
  { fn: 'log10', impl: hm.log10, math: Math.log10, samples: () => samples('log10', () => logInputs(6), log10Ref) },
  { fn: 'sin', impl: hm.sin, math: Math.sin, samples: () => cached('sin', () => trig().map(({ x, sin }) => ({ args: [x], exact: sin }))) },
  { fn: 'cos', impl: hm.cos, math: Math.cos, samples: () => cached('cos', () => trig().map(({ x, cos }) => ({ args: [x], exact: cos }))) },
  { fn: 'tan', impl: hm.tan, math: Math.tan, samples: () => cached('tan', () => trig().map(({ x, tan }) => ({ args: [x], exact: tan }))) },
  { fn: 'tanh', impl: hm.tanh, math: Math.tanh, samples: () => samples('tanh', () => tanhInputs(8), tanhRef) },
  {
    fn: 'pow',
    impl: hm.pow,
    math: Math.pow,
    samples: () =>
      cached('powBounded', () =>
        samples('pow', () => powInputs(9), powRef).filter(({ args }) => Math.abs(powExponent(args[0]!, args[1]!)) <= POW_BOUNDED_EXPONENT),
      ),
  },
  {
    fn: 'powIntSmall',
    impl: hm.powInt,
    math: Math.pow,
    samples: () => samples('powIntSmall', () => powIntInputs(10, 8, 1000), powIntRef),
  },
  {
    fn: 'powInt',
    impl: hm.powInt,
    math: Math.pow,
    samples: () => samples('powInt', () => powIntInputs(11, 64, 1000), powIntRef),
  },
];

// ---------------------------------------------------------------------------------------------
// Accuracy.

interface Stats {
  readonly count: number;
  readonly max: number;
  readonly mean: number;
  readonly worst: readonly number[];
}

function measure(f: (...args: number[]) => number, list: readonly Sample[]): Stats {
  let max = -1;
  let sum = 0;
  let worst: readonly number[] = [];
  for (const { args, exact } of list) {
    const error = ulpError(f(...args), exact);
    sum += error;
    if (error > max) {
      max = error;
      worst = args;
    }
  }
  return { count: list.length, max, mean: sum / list.length, worst };
}

const table = new Map<string, { impl?: Stats; math?: Stats; bound: number }>();
const row = (name: string, bound: number) => {
  let r = table.get(name);
  if (r === undefined) table.set(name, (r = { bound }));
  return r;
};

afterAll(() => {
  if (table.size === 0) return;
  const cell = (s: Stats | undefined): string => (s === undefined ? '—'.padStart(17) : `${s.max.toFixed(3)} / ${s.mean.toFixed(4)}`.padStart(17));
  const lines = [
    'ulp error vs. the BigInt reference: max / mean',
    `${'function'.padEnd(22)}${'n'.padStart(6)}${'bound'.padStart(7)}${'src/base/math'.padStart(17)}${"Node's Math".padStart(17)}`,
    ...[...table].map(
      ([name, r]) => `${name.padEnd(22)}${String((r.impl ?? r.math)?.count ?? 0).padStart(6)}${String(r.bound).padStart(7)}${cell(r.impl)}${cell(r.math)}`,
    ),
  ];
  console.log(lines.join('\n'));
});

const label = (fn: Fn): string =>
  fn === 'pow' ? `pow |y ln x| ≤ ${POW_BOUNDED_EXPONENT}` : fn === 'powIntSmall' ? 'powInt |n| ≤ 8' : fn === 'powInt' ? 'powInt |n| ≤ 64' : fn;

describe('src/base/math is within its ulp bound of the exact value', () => {
  for (const c of cases) {
    it(`${label(c.fn)} ≤ ${MAX_ULP[c.fn]} ulp`, () => {
      const stats = measure(c.impl, c.samples());
      row(label(c.fn), MAX_ULP[c.fn]).impl = stats;
      expect(stats.count).toBeGreaterThan(900);
      expect(stats.max, `worst at (${stats.worst.join(', ')})`).toBeLessThanOrEqual(MAX_ULP[c.fn]);
    });
  }
  it(`pow over the whole range (bases to 1e6, exponents to ±50, overflow and underflow) ≤ ${MAX_ULP_POW_WIDE} ulp`, () => {
    const all = samples('pow', () => powInputs(9), powRef);
    const impl = measure(hm.pow, all);
    const math = measure(Math.pow, all);
    row('pow (all)', MAX_ULP_POW_WIDE).impl = impl;
    row('pow (all)', MAX_ULP_POW_WIDE).math = math;
    expect(impl.max, `worst at (${impl.worst.join(', ')})`).toBeLessThanOrEqual(MAX_ULP_POW_WIDE);
  });
});

describe('the reference', () => {
  it('tells a result 2 ulps off from a correct one, for every function', () => {
    const g = generator(16);
    for (const c of cases) {
      // Math's result moved by ±2 ulps (along the bit patterns, so towards or away from zero).
      const off = (...args: number[]): number => g.nudge(c.math(...args), g.sign() * 2);
      const list = c.samples().filter(({ args }) => Number.isFinite(c.math(...args)) && c.math(...args) !== 0);
      expect(measure(off, list).mean, c.fn).toBeGreaterThan(1.5);
    }
  });

  it('gives π, e and ln 2 to 30 digits and rounds its constants to Math’s', () => {
    const digits = (v: bigint): string => decimalDigits({ m: v, e: -F }, 30);
    expect(digits(PI_FIXED)).toBe('3141592653589793238462643383279');
    expect(digits(E_FIXED)).toBe('2718281828459045235360287471352');
    expect(digits(LN2_FIXED)).toBe('693147180559945309417232121458');
    const round = (v: bigint): number => toDouble({ m: v, e: -F });
    expect(round(PI_FIXED)).toBe(Math.PI);
    expect(round(E_FIXED)).toBe(Math.E);
    expect(round(LN2_FIXED)).toBe(Math.LN2);
    expect(round(LN10_FIXED)).toBe(Math.LN10);
  });

  it("matches independently computed digits where V8's log10 and tanh exceed 1 ulp", () => {
    // log10(1.0086302747397016) and tanh(-0.5358508987372621), Python decimal at 80 digits.
    expect(decimalDigits(log10Ref(1.0086302747397016), 45)).toBe('3731999669898284747498664821163178237404288');
    expect(decimalDigits(tanhRef(-0.5358508987372621), 40)).toBe('4898408318278398095863761605779699228206');
    expect(ulpError(Math.log10(1.0086302747397016), log10Ref(1.0086302747397016))).toBeGreaterThan(1);
    expect(ulpError(Math.tanh(-0.5358508987372621), tanhRef(-0.5358508987372621))).toBeGreaterThan(1);
  });

  it('converts doubles exactly, both ways, subnormals and rounding ties included', () => {
    const g = generator(12);
    for (let i = 0; i < 2000; i++) {
      const x = g.sign() * g.spread(Number.MIN_VALUE, Number.MAX_VALUE);
      expect(toDouble(fromDouble(x))).toBe(x);
    }
    expect(fromDouble(Number.MIN_VALUE)).toEqual({ m: 1n, e: -1074 });
    expect(fromDouble(1)).toEqual({ m: 1n << 52n, e: -52 });
    expect(pow2(-1074)).toBe(Number.MIN_VALUE);
    expect(pow2(1023) * 2).toBe(Infinity);
    // Ties go to even; just above the tie rounds up; halfway below the smallest subnormal is 0.
    expect(toDouble({ m: (1n << 53n) + 1n, e: 0 })).toBe(2 ** 53);
    expect(toDouble({ m: (1n << 53n) + 3n, e: 0 })).toBe(2 ** 53 + 4);
    expect(toDouble({ m: (1n << 106n) + (1n << 53n) + 1n, e: -53 })).toBe(2 ** 53 + 2);
    expect(toDouble({ m: 1n, e: -1075 })).toBe(0);
    expect(toDouble({ m: 3n, e: -1076 })).toBe(Number.MIN_VALUE);
    expect(toDouble({ m: (1n << 54n) - 1n, e: 1024 - 54 })).toBe(Infinity);
    expect(toDouble({ m: -((1n << 53n) - 1n), e: 1024 - 53 })).toBe(-Number.MAX_VALUE);
    // ulpError: half an ulp between neighbours, scaled by the exact value's binade.
    expect(ulpError(1, { m: (1n << 53n) + 1n, e: -53 })).toBe(0.5);
    expect(ulpError(1 - 2 ** -53, { m: 1n, e: 0 })).toBe(0.5);
    expect(ulpError(0, { m: 1n, e: -1075 })).toBe(0.5);
    expect(ulpError(Infinity, { m: 1n, e: 1024 })).toBe(0);
    expect(ulpError(Number.MAX_VALUE, { m: 1n, e: 1024 })).toBe(0.5);
    expect(ulpError(NaN, { m: 1n, e: 0 })).toBe(Infinity);
  });

  it('satisfies identities to far below an ulp: sin² + cos² = 1, e^(ln x) = x, and its series branches', () => {
    const g = generator(13);
    const times = (a: Dyadic, b: Dyadic): Dyadic => ({ m: a.m * b.m, e: a.e + b.e });
    const minus = (a: Dyadic, b: Dyadic): Dyadic => add(a, { m: -b.m, e: b.e });
    /** |a − b| / |b|, as a double. */
    const relative = (a: Dyadic, b: Dyadic): number => Math.abs(toDouble(divide(minus(a, b), b)));
    const tiny = pow2(-180);
    for (let i = 0; i < 60; i++) {
      const x = i % 2 === 0 ? g.uniform(-1e5, 1e5) : g.uniform(-1, 1);
      const { sin, cos } = sinCosRef(x);
      expect(Math.abs(toDouble(minus(add(times(sin, sin), times(cos, cos)), { m: 1n, e: 0 })))).toBeLessThan(tiny);
      const y = g.spread(1e-300, 1e300);
      expect(relative(powRef(y, 1), fromDouble(y)), `e^(ln ${y})`).toBeLessThan(tiny);
      // log1p's series (|z| ≤ 0.25) against ln(1 + z), for z on a grid where 1 + z is exact.
      const z = g.integer(-(2 ** 18), 2 ** 18) / 2 ** 20 || 2 ** -20;
      expect(relative(log1pRef(z), lnRef(1 + z)), `log1p(${z})`).toBeLessThan(tiny);
      // expm1's series (|x| < 0.5) against e^x − 1.
      const w = g.uniform(-0.5, 0.5);
      expect(relative(expm1Ref(w), minus(expRef(w), { m: 1n, e: 0 })), `expm1(${w})`).toBeLessThan(tiny);
    }
  });

  describe("agrees with Node's Math", () => {
    for (const c of cases) {
      const bound = ORACLE_MAX_ULP[c.fn] ?? ORACLE_MAX_ULP.default;
      it(`${label(c.fn)} ≤ ${bound} ulp`, () => {
        const stats = measure(c.math, c.samples());
        row(label(c.fn), MAX_ULP[c.fn]).math = stats;
        expect(stats.max, `worst at (${stats.worst.join(', ')})`).toBeLessThanOrEqual(bound);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Special values: the IEEE / ECMAScript results, each also checked against Node's Math (whose
// special values ECMAScript specifies exactly).

type Special = readonly [fn: keyof typeof hm, args: readonly number[], expected: number];
const mathOf: Record<keyof typeof hm, (...args: number[]) => number> = {
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  log2: Math.log2,
  log10: Math.log10,
  pow: Math.pow,
  powInt: Math.pow,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
};

const specials: Special[] = [
  ...(['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'tanh'] as const).map((fn): Special => [fn, [NaN], NaN]),
  ['exp', [Infinity], Infinity],
  ['exp', [-Infinity], 0],
  ['exp', [0], 1],
  ['exp', [-0], 1],
  ['exp', [709.79], Infinity],
  ['exp', [710], Infinity],
  ['exp', [1000], Infinity],
  ['exp', [-745.13], Number.MIN_VALUE],
  ['exp', [-745.14], 0],
  ['exp', [-746], 0],
  ['exp', [-1000], 0],
  ['expm1', [Infinity], Infinity],
  ['expm1', [-Infinity], -1],
  ['expm1', [0], 0],
  ['expm1', [-0], -0],
  ['expm1', [710], Infinity],
  ['expm1', [-800], -1],
  ['log', [0], -Infinity],
  ['log', [-0], -Infinity],
  ['log', [-1], NaN],
  ['log', [-Number.MIN_VALUE], NaN],
  ['log', [-Infinity], NaN],
  ['log', [Infinity], Infinity],
  ['log', [1], 0],
  ['log1p', [-1], -Infinity],
  ['log1p', [-2], NaN],
  ['log1p', [-Infinity], NaN],
  ['log1p', [Infinity], Infinity],
  ['log1p', [0], 0],
  ['log1p', [-0], -0],
  ['log2', [0], -Infinity],
  ['log2', [-0], -Infinity],
  ['log2', [-1], NaN],
  ['log2', [Infinity], Infinity],
  ['log2', [1], 0],
  ['log10', [0], -Infinity],
  ['log10', [-0], -Infinity],
  ['log10', [-1], NaN],
  ['log10', [Infinity], Infinity],
  ['log10', [1], 0],
  ['sin', [0], 0],
  ['sin', [-0], -0],
  ['sin', [Infinity], NaN],
  ['sin', [-Infinity], NaN],
  ['cos', [0], 1],
  ['cos', [-0], 1],
  ['cos', [Infinity], NaN],
  ['cos', [-Infinity], NaN],
  ['tan', [0], 0],
  ['tan', [-0], -0],
  ['tan', [Infinity], NaN],
  ['tan', [-Infinity], NaN],
  ['tanh', [0], 0],
  ['tanh', [-0], -0],
  ['tanh', [Infinity], 1],
  ['tanh', [-Infinity], -1],
  ['tanh', [20], 1],
  ['tanh', [-25], -1],
  // ECMAScript Number::exponentiate.
  ['pow', [2, NaN], NaN],
  ['pow', [1, NaN], NaN],
  ['pow', [NaN, 0], 1],
  ['pow', [NaN, -0], 1],
  ['pow', [Infinity, 0], 1],
  ['pow', [0, 0], 1],
  ['pow', [NaN, 1], NaN],
  ['pow', [Infinity, 2], Infinity],
  ['pow', [Infinity, -2], 0],
  ['pow', [-Infinity, 3], -Infinity],
  ['pow', [-Infinity, 2], Infinity],
  ['pow', [-Infinity, 0.5], Infinity],
  ['pow', [-Infinity, -3], -0],
  ['pow', [-Infinity, -2], 0],
  ['pow', [0, 1], 0],
  ['pow', [0, -1], Infinity],
  ['pow', [0, -0.5], Infinity],
  ['pow', [-0, 3], -0],
  ['pow', [-0, 2], 0],
  ['pow', [-0, 0.5], 0],
  ['pow', [-0, -1], -Infinity],
  ['pow', [-0, -2], Infinity],
  ['pow', [-0, -0.5], Infinity],
  ['pow', [2, Infinity], Infinity],
  ['pow', [0.5, Infinity], 0],
  ['pow', [-2, Infinity], Infinity],
  ['pow', [1, Infinity], NaN],
  ['pow', [-1, Infinity], NaN],
  ['pow', [2, -Infinity], 0],
  ['pow', [0.5, -Infinity], Infinity],
  ['pow', [1, -Infinity], NaN],
  ['pow', [-1, -Infinity], NaN],
  ['pow', [-2, 0.5], NaN],
  ['pow', [-8, 1 / 3], NaN],
  ['pow', [-Number.MIN_VALUE, 1.5], NaN],
  ['pow', [-2, 3], -8],
  ['pow', [-2, 2], 4],
  ['pow', [-2, -1], -0.5],
  ['pow', [-1, 2 ** 53], 1],
  ['pow', [-1, 2 ** 53 + 2], 1],
  ['pow', [-1, 1e300], 1],
  ['pow', [1, 1e300], 1],
  ['pow', [1, -1e300], 1],
  ['pow', [2, 1024], Infinity],
  ['pow', [2, -1074], Number.MIN_VALUE],
  ['pow', [2, -1075], 0],
  ['pow', [-2, 1025], -Infinity],
  ['pow', [-2, -1075], -0],
  ['pow', [10, 308], 1e308],
  ['pow', [10, 309], Infinity],
  ['powInt', [2, 0], 1],
  ['powInt', [NaN, 0], 1],
  ['powInt', [0, 0], 1],
  ['powInt', [NaN, 1], NaN],
  ['powInt', [0, -1], Infinity],
  ['powInt', [-0, -1], -Infinity],
  ['powInt', [-0, -2], Infinity],
  ['powInt', [-0, 3], -0],
  ['powInt', [Infinity, -1], 0],
  ['powInt', [-Infinity, 3], -Infinity],
  ['powInt', [-2, 3], -8],
  ['powInt', [-3, -3], -1 / 27],
  ['powInt', [2, 1024], Infinity],
  ['powInt', [2, -1074], Number.MIN_VALUE],
  ['powInt', [2, -1075], 0],
  ['powInt', [-2, -1075], -0],
];

describe('special values follow IEEE 754 and ECMAScript', () => {
  const show = (s: Special): string => `${s[0]}(${s[1].map((a) => (Object.is(a, -0) ? '-0' : String(a))).join(', ')}) = ${Object.is(s[2], -0) ? '-0' : s[2]}`;
  it("each expectation is what Node's Math gives", () => {
    for (const s of specials) expect(Object.is(mathOf[s[0]](...s[1]), s[2]), show(s)).toBe(true);
  });
  it('src/base/math gives each of them', () => {
    const wrong = specials.filter((s) => !Object.is((hm[s[0]] as (...a: number[]) => number)(...s[1]), s[2])).map(show);
    expect(wrong).toEqual([]);
  });
  it('exp is finite up to ln(MAX_VALUE) and positive down to ln(MIN_VALUE / 2)', () => {
    expect(hm.exp(709.78)).toBeGreaterThan(1.79e308);
    expect(hm.exp(709.78)).toBeLessThan(Infinity);
    expect(hm.exp(709.782712893384)).toBeLessThan(Infinity);
    expect(hm.exp(-745.1332191019411)).toBe(Number.MIN_VALUE);
  });
});

// ---------------------------------------------------------------------------------------------
// Exact results.

describe('exact results are exact', () => {
  it('exp(0) = 1 and log(1) = log2(1) = log10(1) = +0', () => {
    expect(hm.exp(0)).toBe(1);
    expect(Object.is(hm.log(1), 0)).toBe(true);
    expect(Object.is(hm.log2(1), 0)).toBe(true);
    expect(Object.is(hm.log10(1), 0)).toBe(true);
  });
  it('log10(10^k) = k for k = 0 … 22 (the powers of ten that are doubles)', () => {
    for (let k = 0; k <= 22; k++) expect(hm.log10(Number(`1e${k}`)), `log10(1e${k})`).toBe(k);
  });
  it('the constants a reader checks first: exp(1) = Math.E, √2, ln 2, ln 10, log2 e, log10 e', () => {
    expect(hm.exp(1)).toBe(Math.E);
    expect(hm.pow(2, 0.5)).toBe(Math.SQRT2);
    expect(hm.pow(0.5, 0.5)).toBe(Math.SQRT1_2);
    expect(hm.log(2)).toBe(Math.LN2);
    expect(hm.log(10)).toBe(Math.LN10);
    expect(hm.log2(Math.E)).toBe(Math.LOG2E);
    expect(hm.log10(Math.E)).toBe(Math.LOG10E);
    expect(hm.cos(Math.PI)).toBe(-1);
    expect(hm.sin(Math.PI / 2)).toBe(1);
  });
  it('log10 of the double nearest 10^k is k, and pow(10, k) is that double, for k = −323 … 308', () => {
    for (let k = -323; k <= 308; k++) {
      expect(hm.log10(Number(`1e${k}`)), `log10(1e${k})`).toBe(k);
      expect(hm.pow(10, k), `pow(10, ${k})`).toBe(Number(`1e${k}`));
      expect(hm.powInt(10, k), `powInt(10, ${k})`).toBe(Number(`1e${k}`));
    }
  });
  it('log2(2^k) = k for every power of two, subnormals included', () => {
    for (let k = -1074; k <= 1023; k++) expect(hm.log2(pow2(k)), `log2(2^${k})`).toBe(k);
  });
  it('powInt(2, k) and pow(2, k) are 2^k for every representable power of two', () => {
    for (let k = -1074; k <= 1023; k++) {
      expect(hm.powInt(2, k), `powInt(2, ${k})`).toBe(pow2(k));
      expect(hm.pow(2, k), `pow(2, ${k})`).toBe(pow2(k));
    }
  });
  it('pow(x, 2) = x · x', () => {
    const g = generator(14);
    for (let i = 0; i < 2000; i++) {
      const x = g.sign() * g.spread(1e-200, 1e200);
      expect(hm.pow(x, 2), `pow(${x}, 2)`).toBe(x * x);
    }
  });
  it('pow(x, 1) = x, powInt(x, 1) = x and powInt(x, 2) = x · x', () => {
    const g = generator(15);
    for (let i = 0; i < 500; i++) {
      const x = g.sign() * g.spread(1e-200, 1e200);
      expect(hm.pow(x, 1)).toBe(x);
      expect(hm.powInt(x, 1)).toBe(x);
      expect(hm.powInt(x, 2)).toBe(x * x);
    }
  });
  it('pow of integers is exact when the result is an integer below 2^53', () => {
    for (let b = 2; b <= 30; b++) {
      for (let n = 0; BigInt(b) ** BigInt(n) < 2n ** 53n; n++) {
        const exact = toDouble(powIntRef(b, n));
        expect(hm.pow(b, n), `pow(${b}, ${n})`).toBe(exact);
        expect(hm.powInt(b, n), `powInt(${b}, ${n})`).toBe(exact);
      }
    }
  });
});
