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

describe('topology model with resilience policies', () => {
  it('retry algebra end to end: errorRate f, maxAttempts m → success 1 − f^m, attempts 1 + f + … + f^(m−1)', () => {
    const f = 0.3;
    const res = replicate(
      topologyModel,
      {
        workload: { rate: '100/s', policies: [{ type: 'retry', maxAttempts: 3, waitDuration: 0.001 }] },
        services: { api: { capacity: 16, errorRate: f, serviceTime: { dist: 'exponential', mean: '5ms' } } },
      },
      { warmup: 1, duration: 100, seed: 'retry-algebra' },
      12,
    );
    const success = 100 * (1 - f ** 3);
    const attempts = 1 + f + f * f;
    const a = res.ci('request_availability_pct');
    expect(a.ci95Low).toBeLessThanOrEqual(success);
    expect(a.ci95High).toBeGreaterThanOrEqual(success);
    expect(a.halfWidth).toBeLessThan(0.3);
    const n = res.ci('client_attempts_per_request');
    expect(n.ci95Low).toBeLessThanOrEqual(attempts);
    expect(n.ci95High).toBeGreaterThanOrEqual(attempts);
    expect(n.halfWidth).toBeLessThan(0.01);
    // the service sees every attempt: its own availability is 1 − f
    const s = res.ci('api_request_availability_pct');
    expect(s.ci95Low).toBeLessThanOrEqual(100 * (1 - f));
    expect(s.ci95High).toBeGreaterThanOrEqual(100 * (1 - f));
  });

  it('a circuit breaker on the db edge opens when db fails and answers circuit-open without calling it', () => {
    const m = runOnce(
      topologyModel,
      {
        workload: { rate: '50/s' },
        services: {
          web: {
            capacity: 64,
            serviceTime: '1ms',
            calls: [{ service: 'db', policies: [{ type: 'circuitBreaker', slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenState: 5 }] }],
          },
          db: { capacity: 64, serviceTime: '1ms' },
        },
        faults: [{ at: '100s', service: 'db', mode: 'erroring', errorRate: 1, for: '60s' }],
      },
      { warmup: 0, duration: 300 },
      0,
    );
    expect(m.web_to_db_breaker_transitions_count).toBeGreaterThanOrEqual(3); // closed → open → half-open → …
    expect(m.web_to_db_calls_not_permitted_count).toBeGreaterThan(1000);
    expect(m.web_to_db_breaker_open_pct).toBeGreaterThan(10);
    expect(m.db_offered_count).toBeLessThan(m.web_offered_count! - 1000);
  });

  it('requests failed by an open breaker on a dependency count as circuit-open, at request and class level', () => {
    const input = (policies: unknown[]) => ({
      workload: { rate: '50/s', classes: { checkout: { share: 0.3, critical: true }, browse: { share: 0.7 } } },
      services: {
        web: { capacity: 64, serviceTime: '1ms', calls: [{ service: 'db', policies }] },
        db: { capacity: 64, serviceTime: '1ms' },
      },
      faults: [{ at: '100s', service: 'db', mode: 'erroring', errorRate: 1, for: '60s' }],
    });
    const breaker = { type: 'circuitBreaker', slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenState: 5 };
    const m = runOnce(topologyModel, input([breaker]), { warmup: 0, duration: 300 }, 0);
    const refused = m.web_to_db_calls_not_permitted_count!;
    expect(refused).toBeGreaterThan(1000);
    // every refusal fails one request (no caller timeout, nothing in flight at a refusal)
    expect(m.errors_circuit_open_count).toBe(refused);
    expect(m.web_errors_circuit_open_count).toBe(refused);
    expect(m.errors_error_count).toBeLessThan(refused / 10); // db's own errors only, before the breaker opens and in its probes
    expect(m.checkout_errors_circuit_open_count! + m.browse_errors_circuit_open_count!).toBe(refused);
    expect(m.checkout_errors_circuit_open_count).toBeGreaterThan(200);
    expect(m.browse_errors_circuit_open_count).toBeGreaterThan(500);
    expect(m.checkout_errors_error_count! + m.browse_errors_error_count!).toBe(m.errors_error_count);
    // a fallback inside the breaker's caller answers the refused calls: no request fails circuit-open
    const f = runOnce(topologyModel, input([{ type: 'fallback', latency: 0.001 }, breaker]), { warmup: 0, duration: 300 }, 0);
    expect(f.web_to_db_calls_not_permitted_count).toBeGreaterThan(1000);
    expect(f.errors_circuit_open_count).toBe(0);
    expect(f.checkout_errors_circuit_open_count).toBe(0);
    expect(f.browse_errors_circuit_open_count).toBe(0);
  });

  it('priority load shedding drops optional requests first; brownout skips the optional dependency', () => {
    const base = {
      workload: {
        rate: '900/s',
        classes: { checkout: { share: 0.3, critical: true }, browse: { share: 0.7, critical: false } },
      },
      services: {
        web: {
          replicas: 2,
          capacity: 4,
          serviceTime: { dist: 'exponential', mean: '8ms' },
          calls: [{ service: 'recs', optional: true }],
        },
        recs: { capacity: 4, serviceTime: { dist: 'exponential', mean: '4ms' } },
      },
    };
    const shed = runOnce(
      topologyModel,
      { ...base, services: { ...base.services, web: { ...base.services.web, loadShedding: { priority: { utilisationThreshold: 0.8 } } } } },
      { warmup: 5, duration: 60 },
      0,
    );
    expect(shed.browse_errors_shed_count).toBeGreaterThan(1000);
    expect(shed.checkout_errors_shed_count).toBe(0);
    const brown = runOnce(
      topologyModel,
      { ...base, services: { ...base.services, web: { ...base.services.web, brownout: { enterUtilisation: 0.7 } } } },
      { warmup: 5, duration: 60 },
      0,
    );
    expect(brown.web_optional_skipped_count).toBeGreaterThan(1000);
    expect(brown.web_brownout_pct).toBeGreaterThan(5);
    expect(brown.degraded_count).toBeGreaterThan(1000);
  });
});

describe('outlier detection in the balancer', () => {
  it('ejects a replica that keeps failing, so far fewer requests fail than without it', () => {
    const base = {
      workload: { rate: '200/s' },
      services: { api: { replicas: 4, balancer: 'round-robin', capacity: 16, serviceTime: '2ms' } },
      faults: [{ at: '10s', service: 'api', replica: 0, mode: 'erroring', errorRate: 1, for: '200s' }],
    };
    const without = runOnce(topologyModel, base, { warmup: 0, duration: 300 }, 0);
    const withOd = runOnce(
      topologyModel,
      { ...base, services: { api: { ...base.services.api, outlierDetection: { consecutive5xx: 5, interval: 10, baseEjectionTime: 30, maxEjectionPercent: 25 } } } },
      { warmup: 0, duration: 300 },
      0,
    );
    // without: a quarter of the requests of the 200 s fault fail (round-robin over 4 replicas)
    expect(without.failed_count! / without.offered_count!).toBeGreaterThan(0.15);
    expect(withOd.api_outlier_ejections_count).toBeGreaterThanOrEqual(3); // re-ejected after each ejection ends
    expect(withOd.failed_count!).toBeLessThan(without.failed_count! / 10);
  });

  it('success-rate ejection catches a replica failing half its requests, which consecutive 5xx never sees', () => {
    const api = { replicas: 5, balancer: 'round-robin', capacity: 32, serviceTime: '1ms' };
    const faults = [{ at: '20s', service: 'api', replica: 2, mode: 'erroring', errorRate: 0.5, for: '200s' }];
    const run = (od: Record<string, number>) =>
      runOnce(topologyModel, { workload: { rate: '1000/s' }, services: { api: { ...api, outlierDetection: od } }, faults }, { warmup: 0, duration: 300 }, 0);
    const none = run({ consecutive5xx: 1000, enforcingSuccessRate: 0 });
    const sr = run({ consecutive5xx: 1000, maxEjectionPercent: 20 });
    expect(none.api_outlier_ejections_count).toBe(0);
    // Rates {50, 100, 100, 100, 100} %: threshold 52 %: ejected at the first sweep of the fault,
    // then again after each ejection (30 s, 60 s, 90 s ...) while the fault lasts.
    expect(sr.api_outlier_ejections_count).toBeGreaterThanOrEqual(3);
    expect(sr.failed_count!).toBeLessThan(none.failed_count! / 3);
  });
});

import { Simulation } from '../src/engine/index.js';
import { RandomStreams } from '../src/random/index.js';

describe('time-varying workloads', () => {
  it('a daily profile with relative amplitude 0.8 swings the hourly rate between 0.2× and 1.8× the mean', () => {
    const input = {
      workload: { rate: '20/s', profile: { kind: 'daily', amplitude: 0.8, peakAt: '14h' } },
      services: { api: { capacity: 8, serviceTime: '1ms' } },
    };
    const sim = new Simulation();
    const run = topologyModel.build({ sim, streams: new RandomStreams('daily'), duration: 86400, warmup: 0, trace: undefined }, topologyModel.params.parse(input));
    const hourly: number[] = [];
    for (let h = 1; h <= 24; h++) {
      sim.run({ until: h * 3600 });
      hourly.push(run.sample!()['offered_per_s']!);
    }
    // λ(t) = 20 + 16 cos(2π (t − 14 h) / 24 h): the hour ending at 14:30 is near 36/s, 02:30 near 4/s
    expect(hourly[14]!).toBeGreaterThan(33);
    expect(hourly[2]!).toBeLessThan(7);
    const mean = hourly.reduce((a, b) => a + b, 0) / 24;
    expect(Math.abs(mean - 20)).toBeLessThan(0.3);
  });
});

describe('timeouts seen from both sides of an edge', () => {
  it("a caller's timeout is counted as a timeout by the callee too (not as an abandoned call)", () => {
    const m = runOnce(
      topologyModel,
      {
        workload: { rate: '10/s' },
        services: {
          web: { capacity: 100, serviceTime: '1ms', calls: [{ service: 'db', timeout: '100ms' }] },
          db: { capacity: 100, serviceTime: '1s' },
        },
      },
      { warmup: 0, duration: 100 },
      0,
    );
    expect(m.web_to_db_timeouts_count).toBeGreaterThan(900);
    expect(m.db_errors_timeout_count).toBe(m.web_to_db_timeouts_count);
    expect(m.db_request_availability_pct).toBe(0);
    expect(m.db_abandoned_count).toBe(0);
    expect(m.db_orphaned_work_count).toBeGreaterThan(900); // the server keeps working for nobody
  });
});
