import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { log } from '../src/base/math/index.js';
import {
  RandomStreams,
  distSpecSchema,
  makeSampler,
  distMean,
  distVariance,
  resolveDist,
  DistSpecError,
  distNames,
  logGamma,
  gammaFn,
  Z99,
  type DistSpecInput,
} from '../src/random/index.js';

const N = 200_000;
const streams = new RandomStreams('dist-tests');

interface Sample {
  readonly xs: Float64Array;
  readonly mean: number;
  readonly variance: number;
  readonly m4: number; // 4th central moment
}

function sample(spec: DistSpecInput, label: string, n = N): Sample {
  const f = makeSampler(spec, streams.stream(label));
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = f();
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return { xs, mean, variance: m2 / n, m4: m4 / n };
}

/** |x̄ − μ| < 5σ/√n and |s² − σ²| < 5·√((m4 − s⁴)/n); returns the sample. */
function checkMoments(spec: DistSpecInput, label: string, mu: number, sigma2: number): Sample {
  expect(distMean(spec)).toBeCloseTo(mu, 9);
  expect(distVariance(spec) / sigma2).toBeCloseTo(1, 9);
  const s = sample(spec, label);
  expect(Math.abs(s.mean - mu)).toBeLessThan(5 * Math.sqrt(sigma2 / N));
  expect(Math.abs(s.variance - sigma2)).toBeLessThan(5 * Math.sqrt((s.m4 - s.variance ** 2) / N));
  return s;
}

/** Empirical P(X ≤ q) equals p within 5 binomial standard errors. */
function checkCdf(s: Sample, q: number, p: number): void {
  let k = 0;
  for (const x of s.xs) if (x <= q) k++;
  expect(Math.abs(k / s.xs.length - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / s.xs.length) + 1e-12);
}

const DAY = 86400;

describe('families: mean, variance and a quantile against theory (n = 200k, 5σ)', () => {
  test('constant, including shorthands', () => {
    const spec = { dist: 'constant', value: '30s' } as const;
    expect([distMean(spec), distVariance(spec)]).toEqual([30, 0]);
    expect(sample(spec, 'const', 1000).xs.every((x) => x === 30)).toBe(true);
    expect(makeSampler(7, streams.stream('c1'))()).toBe(7);
    expect(makeSampler('250ms', streams.stream('c2'))()).toBe(0.25);
    expect(distVariance('1h')).toBe(0);
  });
  test('uniform {min: 20s, max: 40s}', () => {
    const s = checkMoments({ dist: 'uniform', min: '20s', max: '40s' }, 'unif', 30, 400 / 12);
    checkCdf(s, 30, 0.5);
    expect(s.xs.every((x) => x >= 20 && x < 40)).toBe(true);
  });
  test('exponential by mean (30d) and by rate (5/min)', () => {
    const m = 30 * DAY;
    const s = checkMoments({ dist: 'exponential', mean: '30d' }, 'exp1', m, m * m);
    checkCdf(s, m * Math.LN2, 0.5);
    const r = checkMoments({ dist: 'exponential', rate: '5/min' }, 'exp2', 12, 144);
    checkCdf(r, 12, 1 - Math.exp(-1));
  });
  test('normal {mean: 10, sd: 2}', () => {
    const s = checkMoments({ dist: 'normal', mean: 10, sd: 2 }, 'norm', 10, 4);
    checkCdf(s, 10, 0.5);
    checkCdf(s, 10 + 2 * Z99, 0.99);
  });
  test('lognormal {mean: 20ms, cv: 0.5}', () => {
    const s = checkMoments({ dist: 'lognormal', mean: '20ms', cv: 0.5 }, 'ln1', 0.02, 0.01 ** 2);
    // median = mean / sqrt(1 + cv²)
    checkCdf(s, 0.02 / Math.sqrt(1.25), 0.5);
  });
  test('lognormal {mu, sigma}', () => {
    const mu = 1;
    const sg = 0.8;
    const s = checkMoments({ dist: 'lognormal', mu, sigma: sg }, 'ln2', Math.exp(mu + sg * sg / 2), Math.expm1(sg * sg) * Math.exp(2 * mu + sg * sg));
    checkCdf(s, Math.E, 0.5);
  });
  test('lognormal {median: 10ms, p99: 100ms}', () => {
    const spec = { dist: 'lognormal', median: '10ms', p99: '100ms' } as const;
    const r = resolveDist(spec);
    // μ and σ are computed with hasim's own logarithm (the same bits on every engine).
    expect(r).toEqual({ dist: 'lognormal', mu: log(0.01), sigma: log(10) / Z99 });
    const s = sample(spec, 'ln3');
    checkCdf(s, 0.01, 0.5);
    checkCdf(s, 0.1, 0.99);
  });
  test('lognormal {mean: 20ms, p99: 100ms}', () => {
    const spec = { dist: 'lognormal', mean: 0.02, p99: 0.1 } as const;
    const sg = Z99 - Math.sqrt(Z99 * Z99 - 2 * Math.log(5));
    const v = Math.expm1(sg * sg) * 0.02 ** 2;
    const s = checkMoments(spec, 'ln4', 0.02, v);
    checkCdf(s, 0.1, 0.99);
  });
  test('weibull {shape: 1.2, mean: 30d} and {shape: 0.7, scale: 100}', () => {
    const k = 1.2;
    const m = 30 * DAY;
    const lam = m / gammaFn(1 + 1 / k);
    const s = checkMoments({ dist: 'weibull', shape: k, mean: '30d' }, 'wb1', m, lam * lam * (gammaFn(1 + 2 / k) - gammaFn(1 + 1 / k) ** 2));
    checkCdf(s, lam * Math.LN2 ** (1 / k), 0.5);
    const k2 = 0.7;
    const s2 = checkMoments({ dist: 'weibull', shape: k2, scale: 100 }, 'wb2', 100 * gammaFn(1 + 1 / k2), 1e4 * (gammaFn(1 + 2 / k2) - gammaFn(1 + 1 / k2) ** 2));
    checkCdf(s2, 100, 1 - Math.exp(-1));
  });
  test('gamma {shape: 2.5, mean: 10} and {shape: 0.5, scale: 2}', () => {
    checkMoments({ dist: 'gamma', shape: 2.5, mean: 10 }, 'g1', 10, 2.5 * 16);
    const s = checkMoments({ dist: 'gamma', shape: 0.5, scale: 2 }, 'g2', 1, 2);
    // shape ½, scale 2 is chi-square(1) = Z²: P(X ≤ z²) = 2Φ(z) − 1; at z = Z99: 0.98
    checkCdf(s, Z99 * Z99, 0.98);
  });
  test('erlang {k: 3, mean: 1h} and {k: 2, rate: 1/min}', () => {
    const s = checkMoments({ dist: 'erlang', k: 3, mean: '1h' }, 'er1', 3600, 3600 ** 2 / 3);
    // CDF at the mean (λx = k = 3): 1 − e⁻³(1 + 3 + 9/2)
    checkCdf(s, 3600, 1 - Math.exp(-3) * 8.5);
    checkMoments({ dist: 'erlang', k: 2, rate: '1/min' }, 'er2', 120, 7200);
  });
  test('pareto {alpha: 5, xm: 1}; {alpha: 1.5, mean: 3}; infinite moments', () => {
    const s = checkMoments({ dist: 'pareto', alpha: 5, xm: 1 }, 'par1', 1.25, 5 / (16 * 3));
    checkCdf(s, 2 ** (1 / 5), 0.5);
    expect(s.xs.every((x) => x >= 1)).toBe(true);
    const heavy = { dist: 'pareto', alpha: 1.5, mean: 3 } as const;
    expect(resolveDist(heavy)).toEqual({ dist: 'pareto', alpha: 1.5, xm: 1 });
    expect(distMean(heavy)).toBeCloseTo(3, 12);
    expect(distVariance(heavy)).toBe(Infinity);
    checkCdf(sample(heavy, 'par2'), 2 ** (1 / 1.5), 0.5);
    expect(distMean({ dist: 'pareto', alpha: 0.8, xm: 1 })).toBe(Infinity);
  });
  test('bernoulli {p: 0.3}, p = 0 and p = 1', () => {
    const s = checkMoments({ dist: 'bernoulli', p: 0.3 }, 'b1', 0.3, 0.21);
    expect(s.xs.every((x) => x === 0 || x === 1)).toBe(true);
    expect(sample({ dist: 'bernoulli', p: 0 }, 'b0', 1000).mean).toBe(0);
    expect(sample({ dist: 'bernoulli', p: 1 }, 'b2', 1000).mean).toBe(1);
  });
  test('empirical {values}', () => {
    const s = checkMoments({ dist: 'empirical', values: [1, 2, 2, '7s'] }, 'emp1', 3, 5.5);
    expect(s.xs.every((x) => x === 1 || x === 2 || x === 7)).toBe(true);
    checkCdf(s, 1, 0.25);
  });
  test('empirical {cdf}: piecewise linear, with and without an atom', () => {
    // mean = ½·5 + ½·20; E[X²] = ½·100/3 + ½·(100+300+900)/3
    const ex2 = 50 / 3 + 1300 / 6;
    const s = checkMoments({ dist: 'empirical', cdf: [[0, 0], [10, 0.5], ['30s', 1]] }, 'emp2', 12.5, ex2 - 12.5 ** 2);
    checkCdf(s, 10, 0.5);
    checkCdf(s, 20, 0.75);
    // atom of mass 0.2 at 5, then uniform on (5, 15)
    const a = checkMoments({ dist: 'empirical', cdf: [[5, 0.2], [15, 1]] }, 'emp3', 0.2 * 5 + 0.8 * 10, 0.2 * 25 + 0.8 * (25 + 75 + 225) / 3 - 81);
    let atoms = 0;
    for (const x of a.xs) if (x === 5) atoms++;
    expect(Math.abs(atoms / N - 0.2)).toBeLessThan(5 * Math.sqrt(0.16 / N));
  });
});

describe('spec parsing', () => {
  test('YAML specs from the issue resolve to canonical specs', () => {
    const doc = parseYaml(`
a: { dist: exponential, mean: 30d }
b: { dist: lognormal, mean: 20ms, cv: 0.5 }
c: { dist: weibull, shape: 1.2, mean: 30d }
d: { dist: uniform, min: 20s, max: 40s }
e: 250ms
f: 3
`) as Record<string, unknown>;
    const r = z.record(z.string(), distSpecSchema).parse(doc);
    expect(r.a).toEqual({ dist: 'exponential', rate: 1 / (30 * DAY) });
    expect(r.b).toEqual({ dist: 'lognormal', mu: Math.log(0.02) - Math.log(1.25) / 2, sigma: Math.sqrt(Math.log(1.25)) });
    expect(r.c).toEqual({ dist: 'weibull', shape: 1.2, scale: (30 * DAY) / gammaFn(1 + 1 / 1.2) });
    expect(r.d).toEqual({ dist: 'uniform', min: 20, max: 40 });
    expect(r.e).toEqual({ dist: 'constant', value: 0.25 });
    expect(r.f).toEqual({ dist: 'constant', value: 3 });
  });
  test('parsing is idempotent (a canonical spec is a valid input)', () => {
    const specs: DistSpecInput[] = [
      '1h',
      { dist: 'uniform', min: 1, max: 2 },
      { dist: 'exponential', mean: '2h' },
      { dist: 'normal', mean: 1, sd: 1 },
      { dist: 'lognormal', median: 1, p99: 9 },
      { dist: 'weibull', shape: 2, mean: 10 },
      { dist: 'gamma', shape: 2, mean: 10 },
      { dist: 'erlang', k: 2, mean: 10 },
      { dist: 'pareto', alpha: 3, mean: 10 },
      { dist: 'bernoulli', p: 0.1 },
      { dist: 'empirical', values: [1, '2s'] },
      { dist: 'empirical', cdf: [[0, 0], ['1m', 1]] },
    ];
    for (const spec of specs) {
      const once = resolveDist(spec);
      expect(resolveDist(once)).toEqual(once);
      expect(distMean(once)).toBe(distMean(spec));
    }
    expect(new Set(specs.map((s) => resolveDist(s).dist)).size).toBe(distNames.length);
  });

  const issuesOf = (spec: unknown): [string, string][] => {
    const r = distSpecSchema.safeParse(spec);
    expect(r.success).toBe(false);
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  test.each([
    [{ dist: 'exponential', mean: -5 }, 'mean', 'exponential mean must be > 0; got -5'],
    [{ dist: 'exponential', rate: '0/s' }, 'rate', 'exponential rate must be a rate > 0; got "0/s"'],
    [{ dist: 'exponential' }, '', 'exponential needs exactly one of {rate} or {mean}; got {}'],
    [{ dist: 'exponential', rate: 1, mean: 1 }, '', 'exponential needs exactly one of {rate} or {mean}; got {rate, mean}'],
    [{ dist: 'lognormal', mean: '20ms', cv: 0 }, 'cv', 'lognormal cv must be > 0; got 0'],
    [{ dist: 'lognormal', mu: 0, sigma: -1 }, 'sigma', 'lognormal sigma must be > 0; got -1'],
    [{ dist: 'lognormal', median: 10, p99: 5 }, 'p99', 'lognormal p99 must be > 10; got 5'],
    [{ dist: 'lognormal', mean: 10, p99: 1000 }, 'p99', 'lognormal p99 must be > 10 and ≤ 149.685; got 1000'],
    [{ dist: 'lognormal', mean: 10, cv: 1, p99: 30 }, '', 'lognormal needs exactly one of {mu, sigma} or {mean, cv} or {median, p99} or {mean, p99}; got {mean, cv, p99}'],
    [{ dist: 'bernoulli', p: 1.5 }, 'p', 'bernoulli p must be ≥ 0 and ≤ 1; got 1.5'],
    [{ dist: 'weibull', shape: 0, mean: 10 }, 'shape', 'weibull shape must be > 0; got 0'],
    [{ dist: 'gamma', shape: -2, scale: 1 }, 'shape', 'gamma shape must be > 0; got -2'],
    [{ dist: 'erlang', k: 2.5, mean: 3 }, 'k', 'erlang k must be an integer and ≥ 1; got 2.5'],
    [{ dist: 'pareto', alpha: 1, mean: 3 }, 'alpha', 'pareto alpha must be > 1; got 1'],
    [{ dist: 'pareto', alpha: 2, xm: 0 }, 'xm', 'pareto xm must be > 0; got 0'],
    [{ dist: 'uniform', min: 5, max: 1 }, 'max', 'uniform max must be > 5; got 1'],
    [{ dist: 'normal', mean: 5, sd: 0 }, 'sd', 'normal sd must be > 0; got 0'],
    [{ dist: 'empirical', values: [] }, 'values', 'empirical values must contain at least 1 value; got []'],
    [{ dist: 'empirical', cdf: [[0, 0], [10, 0.6], [20, 0.5], [30, 1]] }, 'cdf.2.1', 'empirical cdf[2] F must be > 0.6 (F strictly increasing); got 0.5'],
    [{ dist: 'empirical', cdf: [[0, 0], [10, 0.6], [5, 1]] }, 'cdf.2.0', 'empirical cdf[2] x must be > 10 (x strictly increasing); got 5'],
    [{ dist: 'empirical', cdf: [[0, 0], [10, 0.9]] }, 'cdf.1.1', 'empirical cdf last F must be exactly 1; got 0.9'],
    [{ dist: 'empirical', cdf: [[0, -0.1], [10, 1]] }, 'cdf.0.1', 'empirical cdf[0] F must be in [0, 1]; got -0.1'],
  ])('%j → %s: %s', (spec, path, message) => {
    expect(issuesOf(spec)).toContainEqual([path, message]);
  });

  test('type errors, unknown dist, unknown fields, bad units', () => {
    const all = 'constant, uniform, exponential, normal, lognormal, weibull, gamma, erlang, pareto, bernoulli, empirical';
    expect(issuesOf({ dist: 'expo' })).toEqual([['', `dist: dist must be one of ${all}; got "expo"`]]);
    expect(issuesOf({ dist: 'exponential', mean: true })).toEqual([
      ['', 'mean: exponential mean must be seconds or a duration string like "30s"; got true'],
    ]);
    expect(issuesOf({ dist: 'exponential', mena: 3 })[0]).toEqual(['', 'exponential: unknown field(s) mena; allowed fields: dist, rate, mean']);
    expect(issuesOf(true)).toEqual([['', `a distribution spec must be a number, a duration string, or an object with a dist field (${all}); got true`]]);
    const [[path, msg]] = issuesOf({ dist: 'exponential', mean: '30 parsecs' }) as [[string, string]];
    expect(path).toBe('mean');
    expect(msg).toContain('exponential mean: invalid duration "30 parsecs" (unknown unit "parsecs")');
    expect(msg).toContain('ns, us (µs), ms, s, m (min), h, d, w, y (=365 d)');
    expect(issuesOf('soon')[0]?.[1]).toContain('constant: invalid duration "soon"');
  });

  test('makeSampler/distMean throw DistSpecError naming the path', () => {
    const rng = streams.stream('err');
    expect(() => makeSampler({ dist: 'exponential', mean: -5 }, rng)).toThrow(DistSpecError);
    expect(() => distMean({ dist: 'exponential', mean: -5 })).toThrow('invalid distribution spec: mean: exponential mean must be > 0; got -5');
  });

  test('embedded paths: issues are reported under the embedding field', () => {
    const r = z.object({ failure: distSpecSchema }).safeParse({ failure: { dist: 'bernoulli', p: 2 } });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['failure.p']);
  });

  test('z.toJSONSchema works (io: input), standalone and embedded', () => {
    const js = z.toJSONSchema(distSpecSchema, { io: 'input' });
    const text = JSON.stringify(js);
    for (const name of distNames) expect(text).toContain(`"const":"${name}"`);
    expect(text).toContain('"additionalProperties":false');
    const anyOf = (js as { anyOf?: unknown[] }).anyOf;
    expect(anyOf?.[0]).toMatchObject({ type: ['number', 'string'] });
    const embedded = z.toJSONSchema(z.object({ repair: distSpecSchema }), { io: 'input' }) as unknown as {
      properties: { repair: unknown };
    };
    expect(embedded.properties.repair).toBeDefined();
  });
});

describe('special functions', () => {
  test('logGamma / gammaFn', () => {
    expect(gammaFn(5)).toBeCloseTo(24, 10);
    expect(gammaFn(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gammaFn(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
    expect(gammaFn(0.1) / 9.513507698668732).toBeCloseTo(1, 12);
    expect(logGamma(101) / 363.73937555556347).toBeCloseTo(1, 12); // ln(100!)
  });
});
