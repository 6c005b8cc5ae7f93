// The exponential ziggurat (src/random/exp-ziggurat.ts): its layer table is the one the method
// requires, and its draws follow Exp(1) (moments, Kolmogorov–Smirnov, equiprobable bins, tail).
import { describe, expect, test } from 'vitest';
import { RandomStreams } from '../src/random/streams.js';
import { expZiggurat, ZIGGURAT_TABLE } from '../src/random/exp-ziggurat.js';

const { layers, tailStart: R, area: V, widths: X, heights: F } = ZIGGURAT_TABLE;

describe('exponential ziggurat: the table', () => {
  test('every layer has area V, and the layers close at the top (x = 0, f = 1)', () => {
    // Base layer: the rectangle [0, R] × [0, f(R)] and the tail beyond R.
    expect(R * Math.exp(-R) + Math.exp(-R)).toBeCloseTo(V, 15);
    expect(X[0]! * Math.exp(-R)).toBeCloseTo(V, 15);
    for (let k = 1; k < layers; k++) {
      expect(X[k]! * (F[k + 1]! - F[k]!)).toBeCloseTo(V, 12);
      expect(X[k + 1]!).toBeLessThan(X[k]!);
    }
    // The recursion continued one more step lands on 0: the top layer is [0, X[255]] × [f(X[255]), 1].
    const next = -Math.log(Math.exp(-X[layers - 1]!) + V / X[layers - 1]!);
    expect(Math.abs(next)).toBeLessThan(1e-10);
    expect(F[layers]).toBe(1);
  });
});

describe('exponential ziggurat: the draws', () => {
  const n = 1_000_000;
  const rng = new RandomStreams('ziggurat-tests').stream('exp');
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = expZiggurat(rng);

  test('mean 1, variance 1, within 4 standard errors', () => {
    let s = 0;
    for (const x of xs) s += x;
    const mean = s / n;
    let m2 = 0;
    for (const x of xs) m2 += (x - mean) ** 2;
    const variance = m2 / (n - 1);
    expect(Math.abs(mean - 1)).toBeLessThan(4 * Math.sqrt(1 / n));
    // Var of the sample variance of Exp(1): (mu4 - sigma^4)/n = (9 - 1)/n.
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(8 / n));
    expect(Math.min(...xs.subarray(0, 1000))).toBeGreaterThanOrEqual(0);
  });

  test('Kolmogorov–Smirnov distance to 1 − e^−x below the 0.1% critical value', () => {
    const s = Float64Array.from(xs).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const cdf = 1 - Math.exp(-s[i]!);
      d = Math.max(d, Math.abs(cdf - i / n), Math.abs((i + 1) / n - cdf));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  test('chi-square over 200 equiprobable bins (the wedges and the tail included)', () => {
    const bins = 200;
    const counts = new Float64Array(bins);
    for (const x of xs) counts[Math.min(bins - 1, Math.floor((1 - Math.exp(-x)) * bins))]!++;
    const e = n / bins;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - e) ** 2 / e;
    // 199 degrees of freedom: the 99.9% quantile is about 267.
    expect(chi2).toBeLessThan(267);
  });

  test('the tail beyond R and beyond the top of the wedges has the exact probability', () => {
    let beyond = 0;
    let beyond3 = 0;
    for (const x of xs) {
      if (x > 3) beyond3++;
      if (x > 5) beyond++;
    }
    const p3 = Math.exp(-3);
    const p5 = Math.exp(-5);
    expect(Math.abs(beyond3 / n - p3)).toBeLessThan(4 * Math.sqrt((p3 * (1 - p3)) / n));
    expect(Math.abs(beyond / n - p5)).toBeLessThan(4 * Math.sqrt((p5 * (1 - p5)) / n));
    // Draws past R come from the tail branch: memoryless, mean R + 1.
    const rngT = new RandomStreams('ziggurat-tail').stream('exp');
    let m = 0;
    let k = 0;
    for (let i = 0; i < 20_000_000 && k < 2000; i++) {
      const x = expZiggurat(rngT);
      if (x > R) {
        m += x;
        k++;
      }
    }
    expect(k).toBeGreaterThan(1000);
    expect(Math.abs(m / k - (R + 1))).toBeLessThan(4 / Math.sqrt(k));
  });

  test('same stream, same draws', () => {
    const a = new RandomStreams(7).stream('s');
    const b = new RandomStreams(7).stream('s');
    for (let i = 0; i < 1000; i++) expect(expZiggurat(a)).toBe(expZiggurat(b));
  });
});
