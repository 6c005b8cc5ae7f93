// hasim's own samplers (normal, lognormal, gamma, erlang, weibull, pareto) consume the uniforms of
// their stream in d3-random's order and compute d3's formulas, so a seed gives the variates it
// gave under d3-random: here, draw for draw, against d3-random on a copy of the same stream. The
// samplers use base/math where d3 uses Math, whose last bit differs between engines, so the values
// agree to a few units in the last place (exactly, where base/math returns Math's bits); the count
// of uniforms consumed agrees exactly.
import { describe, expect, test } from 'vitest';
import { randomGamma, randomLogNormal, randomNormal, randomPareto, randomWeibull } from 'd3-random';
import { RandomStreams, makeSampler, type DistSpecInput, type Rng } from '../src/random/index.js';

const DRAWS = 20_000;

function counted(rng: Rng): { rng: Rng; calls: () => number } {
  let n = 0;
  return {
    rng: () => {
      n++;
      return rng();
    },
    calls: () => n,
  };
}

interface Case {
  readonly spec: DistSpecInput;
  readonly d3: (rng: Rng) => () => number;
  /** Size of a typical variate, for the tolerance of a difference near zero. */
  readonly scale: number;
}

const CASES: readonly Case[] = [
  { spec: { dist: 'normal', mean: 5, sd: 2 }, d3: (r) => randomNormal.source(r)(5, 2), scale: 7 },
  { spec: { dist: 'normal', mean: 0, sd: 1 }, d3: (r) => randomNormal.source(r)(0, 1), scale: 1 },
  { spec: { dist: 'lognormal', mu: -1, sigma: 0.8 }, d3: (r) => randomLogNormal.source(r)(-1, 0.8), scale: 0.5 },
  { spec: { dist: 'gamma', shape: 0.3, scale: 2 }, d3: (r) => randomGamma.source(r)(0.3, 2), scale: 0.6 },
  { spec: { dist: 'gamma', shape: 1, scale: 3 }, d3: (r) => randomGamma.source(r)(1, 3), scale: 3 },
  { spec: { dist: 'gamma', shape: 2.5, scale: 0.5 }, d3: (r) => randomGamma.source(r)(2.5, 0.5), scale: 1.25 },
  { spec: { dist: 'gamma', shape: 40, scale: 1 }, d3: (r) => randomGamma.source(r)(40, 1), scale: 40 },
  { spec: { dist: 'erlang', k: 1, rate: 4 }, d3: (r) => randomGamma.source(r)(1, 1 / 4), scale: 0.25 },
  { spec: { dist: 'erlang', k: 3, rate: 2 }, d3: (r) => randomGamma.source(r)(3, 1 / 2), scale: 1.5 },
  { spec: { dist: 'weibull', shape: 0.7, scale: 10 }, d3: (r) => randomWeibull.source(r)(0.7, 0, 10), scale: 10 },
  { spec: { dist: 'weibull', shape: 4, scale: 2 }, d3: (r) => randomWeibull.source(r)(4, 0, 2), scale: 2 },
  {
    spec: { dist: 'pareto', alpha: 0.8, xm: 3 },
    d3: (r) => {
      const standard = randomPareto.source(r)(0.8);
      return () => 3 * standard();
    },
    scale: 3,
  },
  { spec: { dist: 'pareto', alpha: 2.5, xm: 1 }, d3: (r) => randomPareto.source(r)(2.5), scale: 1 },
];

describe('samplers draw as d3-random does', () => {
  for (const c of CASES) {
    test(JSON.stringify(c.spec), () => {
      const name = `d3-order/${JSON.stringify(c.spec)}`;
      const ours = counted(new RandomStreams('d3-order').stream(name));
      const theirs = counted(new RandomStreams('d3-order').stream(name));
      const f = makeSampler(c.spec, ours.rng);
      const g = c.d3(theirs.rng);
      let worst = 0;
      for (let i = 0; i < DRAWS; i++) {
        const a = f();
        const b = g();
        const diff = Math.abs(a - b) / (Math.abs(b) + c.scale);
        if (diff > worst) worst = diff;
        if (!(diff <= 1e-12)) expect.fail(`draw ${i}: ${a} where d3-random gives ${b}`);
      }
      expect(worst).toBeLessThanOrEqual(1e-12);
      expect(ours.calls()).toBe(theirs.calls());
      expect(ours.calls()).toBeGreaterThanOrEqual(DRAWS);
    });
  }
});
