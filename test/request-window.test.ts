// The arrival-window rule of request metrics: every request that arrives in the
// measured window is followed to its end (the run drains after the window), so latency is not
// biased towards short requests; time availability and throughput stay on the time window.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { mmcModel } from '../models/mmc.js';
import { mmc } from '../src/analysis/index.js';
import { Simulation } from '../src/engine/index.js';
import { RandomStreams } from '../src/random/index.js';
import { RequestStats } from '../src/metrics/index.js';
import { executeRun } from '../src/experiment/execute-run.js';
import { DRAIN_LIMIT_DURATIONS } from '../src/experiment/model.js';
import { replicate } from './helpers/run-model.js';

/** Asserts that a 95% confidence interval covers `exact`. */
function expectCovers(ci: { ci95Low: number; ci95High: number; mean: number }, exact: number): void {
  expect(ci.ci95Low, `mean ${ci.mean}, CI [${ci.ci95Low}, ${ci.ci95High}] vs ${exact}`).toBeLessThanOrEqual(exact);
  expect(ci.ci95High, `mean ${ci.mean}, CI [${ci.ci95Low}, ${ci.ci95High}] vs ${exact}`).toBeGreaterThanOrEqual(exact);
}

describe('arrival-window rule: exact means over windows short against the latency', () => {
  it('M/M/∞: 5 s windows, mean service 1 s → mean latency covers 1000 ms, throughput covers λ', () => {
    const res = replicate(
      topologyModel,
      { workload: { rate: '100/s' }, services: { api: { replicas: 1, capacity: 100000, serviceTime: { dist: 'exponential', mean: '1s' } } } },
      { warmup: 20, duration: 5, seed: 'issue-12' },
      40,
    );
    const lat = res.ci('latency_mean_ms');
    expectCovers(lat, 1000); // the old rule (in-flight requests dropped) gave about 760 ms
    expect(lat.halfWidth).toBeLessThan(30);
    // Throughput counts completions in the time window: λ for M/M/∞ in steady state.
    expectCovers(res.ci('throughput_per_s'), 100);
    for (const m of res.runs) {
      expect(m['censored_count']).toBe(0);
      expect(m['completed_count']).toBe(m['offered_count']);
      expect(m['api_censored_count']).toBe(0);
    }
  });

  it('M/G/∞ with lognormal service (cv 1.5): mean latency covers the mean service time', () => {
    const res = replicate(
      topologyModel,
      { workload: { rate: '100/s' }, services: { api: { capacity: 100000, serviceTime: { dist: 'lognormal', mean: '1s', cv: 1.5 } } } },
      { warmup: 30, duration: 4, seed: 'mg-inf' },
      40,
    );
    const lat = res.ci('latency_mean_ms');
    expectCovers(lat, 1000);
    expect(lat.halfWidth).toBeLessThan(60);
  });

  it('M/M/1 at ρ = 0.5 over 0.1 s windows (5 mean sojourns) → the pooled mean latency covers 1/(μ − λ) = 20 ms', () => {
    const res = replicate(
      topologyModel,
      { workload: { rate: '50/s' }, services: { api: { capacity: 1, serviceTime: { dist: 'exponential', mean: '10ms' } } } },
      { warmup: 10, duration: 0.1, seed: 'mm1-short' },
      1000,
    );
    // About 5 requests a run: the mean of per-run means is biased low by itself (a run with more
    // arrivals has longer sojourns but the same weight), so the estimator is the ratio Σ latency /
    // Σ requests over all runs, with its delta-method interval. The old rule gave 15.3 ± 0.7 ms.
    const n = res.runs.map((m) => m['succeeded_count']!);
    const sum = res.runs.map((m, i) => (n[i]! > 0 ? m['latency_mean_ms']! * n[i]! : 0));
    const R = res.runs.length;
    const nBar = n.reduce((a, b) => a + b, 0) / R;
    const ratio = sum.reduce((a, b) => a + b, 0) / (nBar * R);
    const variance = sum.reduce((a, s, i) => a + (s - ratio * n[i]!) ** 2, 0) / (R - 1);
    const halfWidth = (1.96 * Math.sqrt(variance / R)) / nBar;
    expect(halfWidth).toBeLessThan(2);
    expectCovers({ mean: ratio, ci95Low: ratio - halfWidth, ci95High: ratio + halfWidth }, 1000 * mmc({ lambda: 50, mu: 100, c: 1 }).W);
    for (const m of res.runs) expect(m['censored_count']).toBe(0);
  });

  it('the mmc model has no such bias (it measures the customers departing in the window): M/M/∞ over 5 s covers 1 s', () => {
    const res = replicate(mmcModel, { arrivalRate: 100, servers: 100000, serviceTime: { dist: 'exponential', mean: 1 } }, { warmup: 20, duration: 5, seed: 'issue-12' }, 40);
    expectCovers(res.ci('mean_sojourn_s'), 1);
  });
});

describe('drain', () => {
  // Constant inter-arrival 0.5 s from t = 0: requests offered at 0.5, 1, …, 4.5 in the window
  // [0, 5) (the one at 5 s arrives after it closes); each takes exactly 10 s.
  const tenSeconds = { workload: { interarrival: '0.5s' }, services: { api: { capacity: 100, serviceTime: '10s' } } };

  function drained(input: unknown, drainLimit: number | undefined) {
    const params = topologyModel.params.parse(input);
    const sim = new Simulation();
    const run = topologyModel.build({ sim, streams: new RandomStreams('drain'), duration: 5, warmup: 0, trace: undefined }, params);
    sim.run({ until: 5 });
    const until = 5 + (drainLimit ?? DRAIN_LIMIT_DURATIONS * 5);
    run.drain!(until);
    return { sim, until, m: run.metrics() };
  }

  it('counts the requests still running at the drain limit as censored, not as failures, and stops there', () => {
    // Drain limit 7.25 s: the run stops at 12.25 s; requests offered at 0.5 … 2 s have ended.
    const { sim, m } = drained(tenSeconds, 7.25);
    expect(sim.now).toBe(12.25);
    expect(m).toMatchObject({ offered_count: 9, completed_count: 4, succeeded_count: 4, failed_count: 0, censored_count: 5, request_availability_pct: 100 });
    expect(m).toMatchObject({ api_offered_count: 9, api_completed_count: 4, api_censored_count: 5 });
    expect(m['latency_mean_ms']).toBeCloseTo(10000, 6);
    // Throughput stays on the time window [0, 5): nothing completed in it.
    expect(m['throughput_per_s']).toBe(0);
  });

  it('ends at the default limit (10 durations) when measured requests outlast it', () => {
    const { sim, until, m } = drained({ ...tenSeconds, services: { api: { capacity: 100, serviceTime: '1000s' } } }, undefined);
    expect(until).toBe(55);
    expect(sim.now).toBe(55);
    expect(m).toMatchObject({ offered_count: 9, completed_count: 0, censored_count: 9 });
    expect(m['latency_mean_ms']).toBeNaN();
  });

  it('stops soon after the last measured request ends, long before the limit', () => {
    const { sim, m } = drained({ ...tenSeconds, services: { api: { capacity: 100, serviceTime: '1s' } } }, 1000);
    expect(m).toMatchObject({ offered_count: 9, completed_count: 9, censored_count: 0 });
    // The last measured request ends at 5.5 s; the drain steps double from 5/1024 s.
    expect(sim.now).toBeGreaterThanOrEqual(5.5);
    expect(sim.now).toBeLessThan(6.5);
  });

  it('is driven by the runner with the experiment file\'s drain limit', () => {
    const task = { index: 0, configIndex: 0, configId: 'c', replication: 1, seed: '1', streamSeed: 'drain' };
    const rec = executeRun(topologyModel, { task, model: 'topology', params: tenSeconds, duration: 5, warmup: 0, drainLimit: 7.25 });
    expect(rec.metrics).toMatchObject({ offered_count: 9, completed_count: 4, censored_count: 5 });
  });

  it('time availability and utilisation stay on the time window; a measured request failing in the drain still counts', () => {
    // The only replica crashes at 6.25 s, after the window, while the request offered at 4.5 s
    // (each takes 2 s) is still running: it fails, but the window had no downtime.
    const { m } = drained(
      { workload: { interarrival: '0.5s' }, services: { api: { capacity: 100, serviceTime: '2s' } }, faults: [{ at: '6.25s', service: 'api', for: '1s' }] },
      100,
    );
    expect(m['availability_pct']).toBe(100);
    expect(m['outages_count']).toBe(0);
    expect(m).toMatchObject({ offered_count: 9, censored_count: 0, errors_error_count: 1, succeeded_count: 8 });
    // Busy slots over [0, 5): the requests offered at 0.5 … 4.5 s hold a slot for 2 s each, cut at 5 s.
    const busy = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5].reduce((a, t) => a + Math.min(2, 5 - t), 0);
    expect(m['api_utilisation_pct']).toBeCloseTo((100 * busy) / (5 * 100), 9);
  });
});

describe('RequestStats windows', () => {
  it('closeWindow: later offers are not counted; completions after it count for their requests but not for throughput', () => {
    const s = new RequestStats(0, { slo: 1 });
    s.resetStats(10);
    s.complete(9, 10.5, 'ok', false); // offered in the warm-up, ends in the window: throughput only
    s.offer();
    s.offer();
    s.complete(11, 11.5, 'ok', false);
    s.closeWindow(20);
    s.offer(); // after the window: ignored
    s.complete(19, 23, 'ok', false); // offered in the window, ends in the drain: per-request only
    s.complete(21, 21.1, 'ok', false); // offered after the window: ignored
    const r = s.record(30);
    expect(r).toMatchObject({ offered_count: 2, completed_count: 2, succeeded_count: 2, slo_met_count: 1, censored_count: 0 });
    expect(r['throughput_per_s']).toBeCloseTo(2 / 10, 12); // 10.5 and 11.5, over [10, 20)
    expect(r['goodput_per_s']).toBeCloseTo(1 / 10, 12); // the warm-up request took 1.5 s > SLO
    expect(r['latency_max_ms']).toBeCloseTo(4000, 0);
    expect(() => s.closeWindow(30)).toThrow(/already closed/);
  });
});
