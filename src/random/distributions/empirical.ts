import { z } from 'zod';
import type { DistFamily } from './family.js';
import { quote } from '../../base/config-error.js';
import { ParamReader, distLiteral, specObject } from './params.js';

/**
 * Empirical distribution, either
 *   {values: [x1, x2, ...]}  resampled uniformly (each value has probability 1/n; repeat a
 *                            value to weight it). Mean = average, variance = population variance.
 *   {cdf: [[x0, F0], [x1, F1], ..., [xn, 1]]}  piecewise-linear CDF: x strictly increasing,
 *                            F strictly increasing in [0, 1] and ending at exactly 1. F0 > 0
 *                            puts an atom of mass F0 at x0; between points X is uniform.
 *                            Sampled by inverting the CDF (binary search + interpolation).
 *                            Mean = F0·x0 + Σ ΔF·(a+b)/2; E[X²] = F0·x0² + Σ ΔF·(a²+ab+b²)/3.
 * x values are seconds or duration strings (or any numbers for non-time quantities).
 */
export type EmpiricalSpec =
  | { readonly dist: 'empirical'; readonly values: readonly number[] }
  | { readonly dist: 'empirical'; readonly cdf: readonly (readonly [number, number])[] };

const F = 'empirical';
const timeOrNumber = z.union([z.number(), z.string()]);

export const empiricalSchema = specObject(
  F,
  {
    dist: distLiteral(F),
    values: z
      .array(timeOrNumber, { error: (iss) => `empirical values must be an array of numbers or durations; got ${quote(iss.input)}` })
      .meta({ description: 'values: sample values (seconds, duration strings or numbers), resampled uniformly' })
      .optional(),
    cdf: z
      .array(z.tuple([timeOrNumber, z.number()]), {
        error: (iss) => `empirical cdf must be an array of [x, F] pairs; got ${quote(iss.input)}`,
      })
      .meta({ description: 'cdf: [[x, F], ...] with x and F strictly increasing and the last F = 1' })
      .optional(),
  },
  'empirical: give {values: [...]} or {cdf: [[x, F], ...]}',
).transform((o, ctx): EmpiricalSpec => {
  const r = new ParamReader(F, o, ctx);
  const which = r.oneOf([['values'], ['cdf']], ['values', 'cdf']);
  if (which === 0 && o.values) {
    if (o.values.length === 0) r.fail('values', 'empirical values must contain at least 1 value; got []');
    const values = o.values.map((v, i) => r.timeAt(['values', i], v, `values[${i}]`));
    return r.failed ? z.NEVER : { dist: F, values };
  }
  if (which === 1 && o.cdf) {
    const raw = o.cdf;
    if (raw.length < 2) r.fail('cdf', `empirical cdf needs at least 2 points [x, F]; got ${quote(raw)}`);
    const cdf: [number, number][] = [];
    raw.forEach(([rx, f], i) => {
      const x = r.timeAt(['cdf', i, 0], rx, `cdf[${i}] x`);
      const prev = cdf[i - 1];
      if (prev && Number.isFinite(prev[0]) && !(x > prev[0])) {
        r.failAt(['cdf', i, 0], rx, `empirical cdf[${i}] x must be > ${prev[0]} (x strictly increasing); got ${quote(rx)}`);
      }
      if (!(f >= 0 && f <= 1)) {
        r.failAt(['cdf', i, 1], f, `empirical cdf[${i}] F must be in [0, 1]; got ${quote(f)}`);
      } else if (prev && Number.isFinite(prev[1]) && !(f > prev[1])) {
        r.failAt(['cdf', i, 1], f, `empirical cdf[${i}] F must be > ${prev[1]} (F strictly increasing); got ${quote(f)}`);
      }
      cdf.push([x, f]);
    });
    const last = raw[raw.length - 1];
    if (raw.length >= 2 && last && last[1] !== 1) {
      r.failAt(['cdf', raw.length - 1, 1], last[1], `empirical cdf last F must be exactly 1; got ${quote(last[1])}`);
    }
    return r.failed ? z.NEVER : { dist: F, cdf };
  }
  return z.NEVER;
});

function cdfSampler(cdf: readonly (readonly [number, number])[], rng: () => number): () => number {
  const xs = Float64Array.from(cdf, (p) => p[0]);
  const fs = Float64Array.from(cdf, (p) => p[1]);
  const n = xs.length;
  const f0 = fs[0]!;
  const x0 = xs[0]!;
  return () => {
    const u = rng();
    if (u < f0) return x0;
    // smallest i ≥ 1 with fs[i] > u (exists since fs[n-1] = 1 > u)
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fs[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    const fa = fs[lo - 1]!;
    const xa = xs[lo - 1]!;
    return xa + ((u - fa) / (fs[lo]! - fa)) * (xs[lo]! - xa);
  };
}

function moments(s: EmpiricalSpec): [number, number] {
  if ('values' in s) {
    const n = s.values.length;
    const m = s.values.reduce((a, b) => a + b, 0) / n;
    const v = s.values.reduce((a, b) => a + (b - m) * (b - m), 0) / n;
    return [m, v];
  }
  const [x0, f0] = s.cdf[0]!;
  let m1 = f0 * x0;
  let m2 = f0 * x0 * x0;
  for (let i = 1; i < s.cdf.length; i++) {
    const [a, fa] = s.cdf[i - 1]!;
    const [b, fb] = s.cdf[i]!;
    const df = fb - fa;
    m1 += (df * (a + b)) / 2;
    m2 += (df * (a * a + a * b + b * b)) / 3;
  }
  return [m1, Math.max(0, m2 - m1 * m1)];
}

export const empiricalFamily: DistFamily<EmpiricalSpec> = {
  name: 'empirical',
  schema: empiricalSchema,
  sampler: (s, rng) => {
    if ('cdf' in s) return cdfSampler(s.cdf, rng);
    const values = Float64Array.from(s.values);
    const n = values.length;
    return () => values[Math.floor(rng() * n)]!;
  },
  mean: (s) => moments(s)[0],
  variance: (s) => moments(s)[1],
};
