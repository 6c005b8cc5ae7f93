// The topology model at request level: wiring checked against exact results.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { mmc, mmck } from '../src/analysis/index.js';
import { replicate, runOnce } from './helpers/run-model.js';

describe('topology model, request level', () => {
  it('one service, one replica with c = 3 slots and exponential service = M/M/3: mean latency covers Erlang C', () => {
    const exact = mmc({ lambda: 240, mu: 100, c: 3 });
    const res = replicate(
      topologyModel,
      { workload: { rate: '240/s' }, services: { api: { capacity: 3, serviceTime: { dist: 'exponential', mean: '10ms' } } } },
      { warmup: 20, duration: 400, seed: 'topo-mm3' },
      15,
    );
    const ci = res.ci('latency_mean_ms');
    expect(ci.ci95Low).toBeLessThanOrEqual(1000 * exact.W);
    expect(ci.ci95High).toBeGreaterThanOrEqual(1000 * exact.W);
    expect(ci.halfWidth / (1000 * exact.W)).toBeLessThan(0.03);
    expect(res.ci('request_availability_pct').mean).toBe(100);
  });

  it('a bounded queue rejects as M/M/c/K predicts', () => {
    const exact = mmck({ lambda: 300, mu: 100, c: 2, K: 4 });
    const res = replicate(
      topologyModel,
      { workload: { rate: '300/s' }, services: { api: { capacity: 2, queue: 2, serviceTime: { dist: 'exponential', mean: '10ms' } } } },
      { warmup: 10, duration: 200, seed: 'topo-mmck' },
      15,
    );
    const ci = res.ci('request_availability_pct');
    expect(ci.ci95Low).toBeLessThanOrEqual(100 * (1 - exact.blocking));
    expect(ci.ci95High).toBeGreaterThanOrEqual(100 * (1 - exact.blocking));
    expect(ci.halfWidth).toBeLessThan(1);
  });

  it('a scripted outage of the only db replica fails exactly the requests of that window; time availability matches', () => {
    const m = runOnce(
      topologyModel,
      {
        workload: { rate: '100/s' },
        services: { web: { capacity: 64, serviceTime: '1ms', calls: ['db'] }, db: { capacity: 64, serviceTime: '1ms' } },
        faults: [{ at: '100s', service: 'db', for: '50s' }],
      },
      { warmup: 0, duration: 1000 },
      0,
    );
    expect(m.availability_pct).toBeCloseTo(95, 10);
    expect(m.outages_count).toBe(1);
    // Poisson arrivals: about 5% of them fall in the window; every one of those fails with 'error'
    expect(m.request_availability_pct).toBeGreaterThan(94);
    expect(m.request_availability_pct).toBeLessThan(96);
    expect(m.errors_error_count).toBe(m.failed_count);
    expect(m.db_errors_error_count).toBeGreaterThan(0);
  });

  it('per-class metrics appear with class prefixes, and the optional class has its own SLO', () => {
    const m = runOnce(
      topologyModel,
      {
        workload: { rate: '50/s', classes: { checkout: { share: 0.2, critical: true, slo: '300ms' }, browse: { share: 0.8, slo: '1ms' } } },
        services: { web: { capacity: 8, serviceTime: { dist: 'exponential', mean: '2ms' } } },
      },
      { warmup: 0, duration: 200 },
      0,
    );
    expect(m.checkout_offered_count! + m.browse_offered_count!).toBe(m.offered_count);
    expect(m.checkout_slo_availability_pct).toBeGreaterThan(99);
    expect(m.browse_slo_availability_pct).toBeLessThan(60); // P(S ≤ 1 ms) = 1 − e^(−0.5) ≈ 39%
    expect(m.browse_slo_availability_pct).toBeGreaterThan(30);
  });
});
