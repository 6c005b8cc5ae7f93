// The kernel against queueing theory: for each queue, Student-t confidence intervals over
// independent replications must cover the exact value, and be tight enough to mean something.
import { describe, it, expect } from 'vitest';
import { mmcModel } from '../models/mmc.js';
import { mm1, mmc, mmck, md1, mg1 } from '../src/analysis/index.js';
import { replicate } from './helpers/run-model.js';
import { expectCovers as expectCoversAbs } from './helpers/replications.js';
import type { Summary } from '../src/stats/index.js';

// Seeds are fixed, so each result is reproducible. Coverage is checked at 99.9% (as in every
// statistical test here: with dozens of intervals, 95% ones would miss somewhere for almost any
// change of the random draws), and every 95% half-width must be small, so that a wrong model
// cannot pass by being noisy.
const spec = { warmup: 2_000, duration: 40_000, seed: 'queueing' };
const R = 20;

function expectCovers(ci: Summary, exact: number, maxRelHalfWidth: number) {
  expectCoversAbs(ci, exact, maxRelHalfWidth * exact);
}

describe('queueing theory (CI over replications covers the exact value)', () => {
  it('M/M/1, ρ = 0.7: mean sojourn W = 1/(μ − λ), mean wait, utilisation', () => {
    const exact = mm1({ lambda: 0.7, mu: 1 });
    const res = replicate(mmcModel, { arrivalRate: 0.7, servers: 1 }, spec, R);
    expectCovers(res.ci('mean_sojourn_s'), exact.W, 0.05);
    expectCovers(res.ci('mean_wait_s'), exact.Wq, 0.07);
    expectCovers(res.ci('utilisation_pct'), 100 * exact.utilisation, 0.02);
    expectCovers(res.ci('mean_in_system'), exact.L, 0.05);
  });

  it('M/M/c (Erlang C), λ = 2.4, μ = 1, c = 3', () => {
    const exact = mmc({ lambda: 2.4, mu: 1, c: 3 });
    const res = replicate(mmcModel, { arrivalRate: 2.4, servers: 3 }, spec, R);
    expectCovers(res.ci('mean_wait_s'), exact.Wq, 0.08);
    expectCovers(res.ci('mean_sojourn_s'), exact.W, 0.03);
  });

  it('M/M/c/K blocking probability, λ = 3, μ = 1, c = 2, K = 5', () => {
    const exact = mmck({ lambda: 3, mu: 1, c: 2, K: 5 });
    const res = replicate(mmcModel, { arrivalRate: 3, servers: 2, queueCapacity: 3 }, spec, R);
    expectCovers(res.ci('blocking_pct'), 100 * exact.blocking, 0.03);
    expectCovers(res.ci('mean_sojourn_s'), exact.W, 0.03);
  });

  it('M/D/1 (Pollaczek–Khinchine with zero variance), ρ = 0.8', () => {
    const exact = md1({ lambda: 0.8, meanS: 1 } as Parameters<typeof md1>[0]);
    const res = replicate(mmcModel, { arrivalRate: 0.8, serviceTime: { dist: 'constant', value: 1 } }, spec, R);
    expectCovers(res.ci('mean_wait_s'), exact.Wq, 0.08);
  });

  it('M/G/1 with lognormal service (mean 1, cv 1.5), ρ = 0.6: Pollaczek–Khinchine', () => {
    const exact = mg1({ lambda: 0.6, meanS: 1, varS: 2.25 });
    const res = replicate(mmcModel, { arrivalRate: 0.6, serviceTime: { dist: 'lognormal', mean: 1, cv: 1.5 } }, spec, R);
    expectCovers(res.ci('mean_wait_s'), exact.Wq, 0.12);
  });

  it('the model reports the exact values as theory_* columns', () => {
    const res = replicate(mmcModel, { arrivalRate: 2.4, servers: 3 }, { warmup: 0, duration: 10 }, 1);
    expect(res.runs[0]!.theory_mean_sojourn_s).toBeCloseTo(mmc({ lambda: 2.4, mu: 1, c: 3 }).W, 12);
  });
});

import { Simulation, Resource } from '../src/engine/index.js';
import { RandomStreams } from '../src/random/index.js';
import { summarize } from '../src/stats/index.js';

describe('generator-style processes against theory', () => {
  it('M/M/2 written with processes and a Resource: mean sojourn covers Erlang C', () => {
    const lambda = 1.5;
    const exact = mmc({ lambda, mu: 1, c: 2 });
    const means: number[] = [];
    for (let r = 0; r < 20; r++) {
      const sim = new Simulation();
      const streams = new RandomStreams(`gen-mm2/${r}`);
      const ra = streams.stream('arrivals');
      const rs = streams.stream('service');
      const server = new Resource(sim, { capacity: 2, name: 'server' });
      let sum = 0;
      let n = 0;
      const warmup = 2_000;
      function* customer() {
        const t0 = sim.now;
        const req = server.request();
        yield req;
        yield -Math.log(1 - rs());
        server.release(req);
        if (t0 >= warmup) { sum += sim.now - t0; n++; }
      }
      sim.process(function* source() {
        for (;;) {
          yield -Math.log(1 - ra()) / lambda;
          sim.process(customer(), 'customer');
        }
      }, 'source');
      sim.run({ until: 30_000 });
      means.push(sum / n);
    }
    const ci = summarize(means);
    expectCovers(ci, exact.W, 0.05);
  });
});

describe('determinism', () => {
  it('the same seed gives an identical event trace; another seed a different one', () => {
    const trace = (seed: string) => {
      const sim = new Simulation();
      const streams = new RandomStreams(seed);
      const ra = streams.stream('arrivals');
      const server = new Resource(sim, { capacity: 1 });
      const log: string[] = [];
      sim.process(function* () {
        for (let i = 0; i < 200; i++) {
          yield -Math.log(1 - ra());
          const id = i;
          sim.process(function* () {
            const req = server.request();
            yield req;
            log.push(`${id}@${sim.now.toFixed(9)}`);
            yield 0.9;
            server.release(req);
          });
        }
      });
      sim.run();
      return log.join(',');
    };
    expect(trace('s1')).toBe(trace('s1'));
    expect(trace('s1')).not.toBe(trace('s2'));
  });
});
