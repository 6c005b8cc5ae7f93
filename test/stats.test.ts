import { describe, expect, it } from 'vitest';
import {
  batchMeans,
  erfc,
  incompleteBeta,
  lnGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  summarize,
  TimeWeighted,
  Welford,
} from '../src/stats/index.js';

function expectRel(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('special functions', () => {
  it('lnGamma matches factorials and Γ(1/2) = √π', () => {
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-14);
    expectRel(lnGamma(11), Math.log(3628800), 1e-14);
    expectRel(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectRel(lnGamma(101), 363.73937555556347, 1e-13);
  });
  it('incompleteBeta has closed forms I_x(1,1)=x, I_x(a,1)=x^a, I_x(1,b)=1-(1-x)^b', () => {
    expectRel(incompleteBeta(0.3, 1, 1), 0.3, 1e-13);
    expectRel(incompleteBeta(0.3, 2.5, 1), 0.3 ** 2.5, 1e-13);
    expectRel(incompleteBeta(0.7, 1, 3), 1 - 0.3 ** 3, 1e-13);
    expectRel(incompleteBeta(0.4, 3, 5) + incompleteBeta(0.6, 5, 3), 1, 1e-14);
  });
  it('erfc is accurate in the far tail', () => {
    expectRel(erfc(0), 1, 1e-15);
    expectRel(erfc(1), 0.15729920705028513, 1e-13);
    expectRel(erfc(5), 1.5374597944280349e-12, 1e-12);
    expectRel(erfc(-1), 2 - 0.15729920705028513, 1e-14);
  });
});

describe('normal distribution', () => {
  it('quantiles match tables, including far tails', () => {
    expectRel(normalQuantile(0.975), 1.959963984540054, 1e-13);
    expectRel(normalQuantile(0.999), 3.090232306167813, 1e-12);
    expectRel(normalQuantile(0.1), -1.2815515655446004, 1e-12);
    expectRel(normalQuantile(1e-10), -6.361340902404056, 1e-12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
  it('cdf inverts the quantile', () => {
    for (const p of [1e-300, 1e-20, 0.01, 0.3, 0.7, 0.99]) expectRel(normalCdf(normalQuantile(p)), p, 1e-12);
  });
  it('rejects p outside [0, 1]', () => {
    expect(() => normalQuantile(1.5)).toThrow(/p must be in \[0, 1\], got 1.5/);
  });
});

describe('studentTQuantile', () => {
  const table975: [number, number][] = [
    [1, 12.706205],
    [2, 4.302653],
    [4, 2.776445],
    [9, 2.262157],
    [29, 2.04523],
    [Infinity, 1.959964],
  ];
  it.each(table975)('p = 0.975, df = %s matches the t table', (df, t) => {
    expectRel(studentTQuantile(0.975, df), t, 1e-6);
  });
  it('matches tables for other p', () => {
    expectRel(studentTQuantile(0.95, 10), 1.812461123, 1e-8);
    expectRel(studentTQuantile(0.99, 5), 3.364929997, 1e-8);
    expectRel(studentTQuantile(0.995, 20), 2.84533971, 1e-8);
    expectRel(studentTQuantile(0.9, 3), 1.637744354, 1e-8);
    expectRel(studentTQuantile(0.999, 1), 318.3088389, 1e-8);
    expectRel(studentTQuantile(0.995, 100), 2.625890521, 1e-8);
  });
  it('is antisymmetric and 0 at the median', () => {
    for (const df of [1, 3, 12.5, 200]) {
      expect(studentTQuantile(0.5, df)).toBe(0);
      expectRel(studentTQuantile(0.025, df), -studentTQuantile(0.975, df), 1e-12);
    }
  });
  it('inverts the CDF (non-integer df, far tails, closed-form df = 1, 2)', () => {
    for (const df of [1, 2, 1.5, 3, 7.5, 50, 5000]) {
      for (const p of [1e-12, 0.001, 0.3, 0.6, 0.999]) {
        expectRel(studentTCdf(studentTQuantile(p, df), df), p, 1e-10);
      }
    }
  });
  it('df = 1 far tail equals the Cauchy quantile', () => {
    expectRel(studentTQuantile(1e-10, 1), -1 / Math.tan(Math.PI * 1e-10), 1e-12);
  });
  it('converges to the normal quantile and agrees with Cornish–Fisher at large df', () => {
    const z = normalQuantile(0.975);
    const cf = (df: number): number => {
      const g1 = (z ** 3 + z) / 4;
      const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
      const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
      return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
    };
    expectRel(studentTQuantile(0.975, 5e4), cf(5e4), 1e-10); // incomplete-beta path
    expectRel(studentTQuantile(0.975, 1e6), cf(1e6), 1e-14); // Cornish–Fisher path
    expect(studentTQuantile(0.975, 1e6)).toBeGreaterThan(z);
  });
  it('rejects bad arguments naming the value', () => {
    expect(() => studentTQuantile(0.5, 0)).toThrow(/df must be .* got 0/);
    expect(() => studentTQuantile(Number.NaN, 3)).toThrow(/p must be in \[0, 1\], got NaN/);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });
});

describe('summarize', () => {
  it('computes mean, sample std and the t interval', () => {
    const s = summarize([1, 2, 3, 4, 5]);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expectRel(s.std, Math.sqrt(2.5), 1e-15);
    expectRel(s.halfWidth, (2.776445 * Math.sqrt(2.5)) / Math.sqrt(5), 1e-6);
    expectRel(s.ci95Low, 3 - s.halfWidth, 1e-15);
    expectRel(s.ci95High, 3 + s.halfWidth, 1e-15);
  });
  it('skips non-finite values and counts only finite ones', () => {
    const s = summarize([Number.NaN, 10, Infinity, 12, -Infinity]);
    expect(s.n).toBe(2);
    expect(s.mean).toBe(11);
    expectRel(s.std, Math.SQRT2, 1e-15);
    expectRel(s.halfWidth, (12.706205 * Math.SQRT2) / Math.SQRT2, 1e-6);
  });
  it('n = 1 gives NaN spread, n = 0 gives NaN mean', () => {
    const one = summarize([4]);
    expect(one).toMatchObject({ n: 1, mean: 4 });
    expect([one.std, one.halfWidth, one.ci95Low, one.ci95High].every(Number.isNaN)).toBe(true);
    const none = summarize([]);
    expect(none.n).toBe(0);
    expect(Number.isNaN(none.mean)).toBe(true);
  });
  it('constant data gives a zero-width interval', () => {
    const s = summarize([7, 7, 7]);
    expect(s.std).toBe(0);
    expect(s.ci95Low).toBe(7);
    expect(s.ci95High).toBe(7);
  });
});

describe('Welford', () => {
  it('is stable with a large offset and matches a two-pass computation', () => {
    const xs = [4, 7, 13, 16].map((x) => x + 1e9);
    const w = new Welford();
    w.addAll(xs);
    expect(w.count).toBe(4);
    expect(w.mean).toBe(1e9 + 10);
    expect(w.variance).toBe(30);
    expect(w.populationVariance).toBe(22.5);
    expect(w.min).toBe(1e9 + 4);
    expect(w.max).toBe(1e9 + 16);
  });
  it('merge equals adding everything to one accumulator', () => {
    const a = new Welford();
    const b = new Welford();
    const all = new Welford();
    [1, 5, 2, 8].forEach((x) => (a.add(x), all.add(x)));
    [3, 9, 4].forEach((x) => (b.add(x), all.add(x)));
    a.merge(b);
    expect(a.count).toBe(7);
    expectRel(a.mean, all.mean, 1e-15);
    expectRel(a.variance, all.variance, 1e-14);
    expect(a.max).toBe(9);
    expect(a.min).toBe(1);
  });
  it('empty and single-value edge cases, rejection of NaN', () => {
    const w = new Welford();
    expect(Number.isNaN(w.mean)).toBe(true);
    w.add(3);
    expect(w.mean).toBe(3);
    expect(Number.isNaN(w.variance)).toBe(true);
    expect(() => w.add(Number.NaN)).toThrow(/value must be a finite number, got NaN/);
    w.reset();
    expect(w.count).toBe(0);
  });
});

describe('TimeWeighted', () => {
  it('integrates a piecewise-constant signal', () => {
    const tw = new TimeWeighted(0, 0);
    tw.update(2, 3);
    tw.update(5, 1);
    expect(tw.integral(10)).toBe(14);
    expect(tw.mean(10)).toBe(1.4);
    expect(tw.min).toBe(0);
    expect(tw.max).toBe(3);
    expect(tw.value).toBe(1);
  });
  it('reset keeps the current value and starts a new window', () => {
    const tw = new TimeWeighted(100, 2);
    tw.update(110, 5);
    tw.update(110, 0); // zero-duration spike still counts for max
    tw.reset(120);
    expect(tw.startTime).toBe(120);
    expect(tw.min).toBe(0);
    expect(tw.max).toBe(0);
    tw.update(125, 4);
    expect(tw.integral(130)).toBe(20);
    expect(tw.mean(130)).toBe(2);
    expect(tw.max).toBe(4);
  });
  it('zero-length window returns the current value; time cannot go backwards', () => {
    const tw = new TimeWeighted(5, 3);
    expect(tw.mean(5)).toBe(3);
    tw.update(10, 1);
    expect(() => tw.update(9, 0)).toThrow(/t must be >= last update time 10, got 9/);
    expect(() => tw.mean(9)).toThrow(RangeError);
    expect(() => new TimeWeighted(0, Number.NaN)).toThrow(/v0 must be a finite number, got NaN/);
  });
  it('does not drift over many small updates', () => {
    const tw = new TimeWeighted(0, 0);
    for (let i = 1; i <= 1_000_000; i++) tw.update(i * 0.1, i % 2);
    // value 1 held on every other 0.1 s interval: 500 000 intervals, 0.1 s each
    expectRel(tw.integral(100_000), 50_000, 1e-12);
  });
});

describe('batchMeans', () => {
  it('averages equal batches, dropping the leading remainder', () => {
    const series = Array.from({ length: 103 }, (_, i) => i - 3); // first 3 dropped → 0..99
    const r = batchMeans(series, 20);
    expect(r.batchSize).toBe(5);
    expect(r.batchMeans[0]).toBe(2);
    expect(r.batchMeans[19]).toBe(97);
    expect(r.n).toBe(20);
    expect(r.mean).toBe(49.5);
  });
  it('rejects too-short series', () => {
    expect(() => batchMeans([1, 2, 3], 5)).toThrow(/series length must be >= batches \(5\), got 3/);
  });
});
