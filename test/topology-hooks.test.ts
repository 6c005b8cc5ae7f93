// The topology model's hooks: the outage-length bound, the derived metrics, metric specs,
// the headline by question and the configuration warnings.
import { describe, expect, test } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { topologyParams } from '../models/topology/schema.js';
import { outageBoundTerms, outageLengthBounds, serviceOutageBound } from '../models/topology/outage-bound.js';
import { callsPerRequest, expectedFailures } from '../models/topology/warnings.js';
import { defaultMetricSpec } from '../src/base/metric-spec.js';
import { runOnce } from './helpers/run-model.js';

const parse = (x: unknown) => topologyParams.parse(x);
const H = 3600;
const D = 86_400;
const YEAR = 365 * D;
const exp = (mean: number) => ({ dist: 'exponential', mean });
const failing = (ttr: unknown = exp(2 * H)) => ({ ttf: exp(30 * D), ttr });

describe('outage_length_bound_s', () => {
  test('active-active: the mean time to repair', () => {
    const p = parse({ services: { db: { replicas: 3, failure: failing() } } });
    expect(serviceOutageBound(p, 'db')).toBeCloseTo(2 * H, 6);
    expect(outageLengthBounds(p).system).toBeCloseTo(2 * H, 6);
  });

  test('active-passive: + mean detection + promotion (+ start-up of a warm standby) + manual recovery when coverage < 1', () => {
    const failover = {
      heartbeat: { interval: '5s', missed: 3 },
      promotion: { dist: 'uniform', min: '20s', max: '60s' },
      coverage: 0.95,
      manualRecovery: { dist: 'lognormal', mean: '1h', cv: 0.5 },
    };
    const ap = parse({ services: { db: { replicas: 2, mode: 'active-passive', failure: failing(), failover } } });
    const t = outageBoundTerms(ap, 'db');
    expect(t.failover).toBeCloseTo(15 + 40, 9);
    expect(t.manualRecovery).toBeCloseTo(H, 6);
    expect(serviceOutageBound(ap, 'db')).toBeCloseTo(2 * H + 55 + H, 6);
    // Full coverage: no manual recovery; a warm standby adds its mean start-up; a detection distribution its mean.
    const warm = parse({
      services: { db: { replicas: 2, mode: 'active-passive', failure: failing(), failover: { detection: exp(10), promotion: 5, standby: 'warm', startup: '30s' } } },
    });
    expect(outageBoundTerms(warm, 'db')).toMatchObject({ failover: 10 + 5 + 30, manualRecovery: 0 });
    // The same failover settings are ignored outside active-passive.
    expect(serviceOutageBound(parse({ services: { db: { replicas: 2, failure: failing(), failover } } }), 'db')).toBeCloseTo(2 * H, 6);
  });

  test('limited repair crews add the worst-case wait for a crew', () => {
    const p = parse({
      repairCrews: 1,
      services: { a: { replicas: 2, failure: failing(exp(H)), calls: ['b'] }, b: { replicas: 2, failure: failing(exp(3 * H)) } },
    });
    // 4 replicas share 1 crew: up to ⌈(4 − 1) / 1⌉ = 3 repairs of the longest mean (3 h) ahead.
    expect(outageBoundTerms(p, 'a').crewWait).toBeCloseTo(9 * H, 6);
    expect(serviceOutageBound(p, 'a')).toBeCloseTo(H + 9 * H, 6);
    // A service with its own crews, enough for its replicas, waits for none.
    const own = parse({ repairCrews: 1, services: { a: { replicas: 2, repairCrews: 2, failure: failing(exp(H)) } } });
    expect(outageBoundTerms(own, 'a').crewWait).toBe(0);
  });

  test('health checks, zones and scheduled faults', () => {
    const p = parse({
      zones: { a: { outage: { ttf: exp(YEAR), ttr: exp(2 * H) } }, b: {}, c: { outage: { ttf: exp(YEAR), ttr: exp(9 * H) } } },
      services: {
        web: { replicas: 2, zones: ['a', 'b', 'c'], healthCheck: { interval: '10s', healthyThreshold: 2 }, failure: failing(exp(H)) },
      },
      faults: [
        { at: '1d', service: 'web', mode: 'crash', for: '30m' },
        { at: '2d', service: 'web', mode: 'slow', for: '5h' },
      ],
    });
    // Replicas sit in a and b only (round-robin): zone c's outages cannot touch them.
    expect(outageBoundTerms(p, 'web')).toMatchObject({ readmission: 20, zone: expect.closeTo(2 * H, 6), fault: 1800 });
    expect(serviceOutageBound(p, 'web')).toBeCloseTo(H + 20 + 2 * H + 1800, 6);
  });

  test('nothing can fail: bound 0; the system takes the largest of its required services, not optional ones', () => {
    const p = parse({
      workload: { rate: 10 },
      services: {
        web: { calls: ['db', { service: 'recs', optional: true }] },
        db: { failure: failing(exp(H)) },
        recs: { failure: failing(exp(50 * H)) },
      },
    });
    const b = outageLengthBounds(p);
    expect(b.services.get('web')).toBe(0);
    expect(b.services.get('recs')).toBeCloseTo(50 * H, 6);
    expect(b.system).toBeCloseTo(H, 6);
  });

  test('an infinite mean repair time claims no finite bound', () => {
    const p = parse({ services: { db: { failure: failing({ dist: 'pareto', alpha: 0.9, xm: 60 }) } } });
    expect(serviceOutageBound(p, 'db')).toBe(Infinity);
  });

  test('emitted at both fidelities, with slo_missed_count = completed − SLO met for every request record', () => {
    const state = runOnce(topologyModel, { services: { db: { replicas: 2, failure: failing(exp(H)) } } }, { warmup: 0, duration: 30 * D }, 0);
    expect(state['outage_length_bound_s']).toBeCloseTo(H, 6);
    expect(state['db_outage_length_bound_s']).toBeCloseTo(H, 6);
    const req = runOnce(
      topologyModel,
      {
        workload: { rate: 200, classes: { fast: { share: 0.5, slo: '5ms' }, slow: { share: 0.5, slo: '1s' } } },
        services: { web: { capacity: 4, serviceTime: exp(0.004), calls: ['db'] }, db: { capacity: 8, serviceTime: exp(0.002), failure: failing(exp(60)) } },
      },
      { warmup: 0, duration: 120 },
      0,
    );
    expect(req['outage_length_bound_s']).toBeCloseTo(60, 9);
    expect(req['web_outage_length_bound_s']).toBe(0);
    expect(req['db_outage_length_bound_s']).toBeCloseTo(60, 9);
    for (const prefix of ['', 'fast_', 'slow_', 'web_', 'db_']) {
      expect(req[`${prefix}slo_missed_count`], prefix).toBe(req[`${prefix}completed_count`]! - req[`${prefix}slo_met_count`]!);
    }
    // The 5 ms SLO is missed by some requests, the 1 s one by none that succeeded.
    expect(req['fast_slo_missed_count']).toBeGreaterThan(req['slow_slo_missed_count']!);
  });
});

describe('metric specs', () => {
  const spec = (m: string) => topologyModel.metricSpec!(m) ?? defaultMetricSpec(m);

  test('time availability and downtime rest on outages, bounded by the stated outage length', () => {
    expect(spec('availability_pct')).toEqual({
      range: 'pct',
      better: 'higher',
      rare: { events: 'outages_count', exposure: 'duration_s', perEvent: 'outage_length_bound_s', scale: 100, side: 'low', event: 'outage' },
    });
    expect(spec('db_availability_pct').rare).toMatchObject({ events: 'db_outages_count', perEvent: 'db_outage_length_bound_s', side: 'low' });
    expect(spec('downtime_per_year_s')).toMatchObject({ range: 'nonneg', better: 'lower', rare: { scale: YEAR, side: 'high', perEvent: 'outage_length_bound_s' } });
    expect(spec('web_downtime_per_year_s').rare?.events).toBe('web_outages_count');
    expect(spec('outages_per_year').rare).toMatchObject({ events: 'outages_count', exposure: 'duration_s', scale: YEAR, side: 'high' });
    expect(spec('outages_per_year').rare?.perEvent).toBeUndefined();
  });

  test('request and SLO availability rest on failed and SLO-missing requests among the completed', () => {
    expect(spec('request_availability_pct').rare).toEqual({ events: 'failed_count', exposure: 'completed_count', scale: 100, side: 'low', event: 'failed request' });
    expect(spec('checkout_slo_availability_pct').rare).toMatchObject({ events: 'checkout_slo_missed_count', exposure: 'checkout_completed_count', side: 'low' });
    expect(spec('web_request_availability_pct').rare?.events).toBe('web_failed_count');
  });

  test('levels, volumes, nines and bounds get no rare rule; directions where one is better', () => {
    for (const m of ['in_flight_count', 'web_in_flight_count', 'offered_count', 'completed_count', 'succeeded_count', 'availability_nines', 'db_availability_nines', 'outage_length_bound_s', 'system_up']) {
      expect(spec(m).rare, m).toBeUndefined();
    }
    expect(spec('in_flight_count')).toEqual({ range: 'nonneg' });
    expect(spec('availability_nines').better).toBe('higher');
    expect(spec('latency_p99_ms')).toEqual({ range: 'nonneg', better: 'lower' });
    expect(spec('goodput_per_s').better).toBe('higher');
    expect(spec('client_retries_count')).toMatchObject({ better: 'lower', rare: { events: 'client_retries_count' } });
    expect(spec('errors_timeout_count').better).toBe('lower');
    expect(spec('db_failed_failovers_count').better).toBe('lower');
    expect(spec('mtbf_s').better).toBe('higher');
    // Not named by the model: the default from the name.
    expect(topologyModel.metricSpec!('web_to_recs_hedges_sent_count')).toBeUndefined();
  });
});

describe('headline by question', () => {
  test('request level leads with request and SLO availability and latency; time availability after', () => {
    const h = topologyModel.headlineFor!(parse({ workload: { rate: 10 }, services: { web: {} } }));
    expect(h).toEqual(['request_availability_pct', 'slo_availability_pct', 'latency_p50_ms', 'latency_p99_ms', 'availability_pct']);
    const classes = topologyModel.headlineFor!(
      parse({ workload: { rate: 10, classes: { a: { share: 0.5 }, b: { share: 0.5 } } }, fidelity: 'request', services: { web: {} } }),
    );
    expect(classes.slice(0, 4)).toEqual(['request_availability_pct', 'slo_availability_pct', 'a_slo_availability_pct', 'b_slo_availability_pct']);
  });

  test('state level (no workload, or fidelity state) leads with time availability and downtime, then their exact values if any', () => {
    const expected = ['availability_pct', 'downtime_per_year_s', 'outages_count', 'theory_availability_pct', 'theory_downtime_per_year_s'];
    expect(topologyModel.headlineFor!(parse({ services: { db: {} } }))).toEqual(expected);
    expect(topologyModel.headlineFor!(parse({ fidelity: 'state', workload: { rate: 10 }, services: { db: {} } }))).toEqual(expected);
    const scheduled = parse({ services: { db: {} }, faults: [{ at: '1d', service: 'db', for: '1h' }] });
    expect(topologyModel.headlineFor!(scheduled)).toEqual(expected.slice(0, 3));
  });
});

describe('warnings', () => {
  const warn = (params: unknown, run = { duration: YEAR, warmup: 0, replications: 10 }) => topologyModel.warnings!(parse(params), run);
  const short = { duration: 600, warmup: 0, replications: 5 };

  test('calls per request follow the call graph, fan-out and error rates', () => {
    const p = parse({
      workload: { rate: 100 },
      services: {
        web: { calls: ['db', 'cache', 'db'], errorRate: 0.5, callMode: 'parallel' },
        cache: { calls: ['db'] },
        db: {},
      },
    });
    expect(Object.fromEntries(callsPerRequest(p))).toEqual({ web: 1, cache: 0.5, db: 1.5 });
  });

  test('an offered load at or above capacity', () => {
    const base = { workload: { rate: 400 }, services: { web: { replicas: 2, capacity: 2, serviceTime: exp(0.01), calls: ['db', 'db'] }, db: { capacity: 8, serviceTime: exp(0.01) } } };
    const w = warn(base, short);
    // web: 400/s vs 2 × 2 ÷ 10 ms = 400/s (at capacity); db: 800/s vs 800/s.
    expect(w).toEqual([
      'service "web": offered load 400/s (workload 400/s × 1 call per request, retries not counted) is at or above its capacity 400/s (2 replicas × 2 slots ÷ 10ms mean service time): its queue cannot be stable and grows with the run length unless callers shed the excess',
      'service "db": offered load 800/s (workload 400/s × 2 calls per request, retries not counted) is at or above its capacity 800/s (1 replica × 8 slots ÷ 10ms mean service time): its queue cannot be stable and grows with the run length unless callers shed the excess',
    ]);
    expect(warn({ ...base, workload: { rate: 399 } }, short).filter((x) => x.includes('"web"'))).toEqual([]);
    // A closed loop cannot overload; a bounded queue rejects instead.
    expect(warn({ ...base, workload: { clients: { count: 1000, thinkTime: 0 } } }, short)).toEqual([]);
    expect(warn({ workload: { rate: 500 }, services: { api: { queue: 10, serviceTime: 0.01 } } }, short)[0]).toContain('it will reject the excess once its queues (10 per replica) fill');
  });

  test('the load is averaged over the measured window of a profile', () => {
    const spike = (duration: number) => warn({ workload: { rate: 50, profile: { kind: 'spike', at: 0, for: 60, rate: 500 } }, services: { api: { capacity: 1, serviceTime: 0.01 } } }, { duration, warmup: 0, replications: 1 });
    expect(spike(60)).toHaveLength(1); // 500/s all run long
    expect(spike(3600)).toEqual([]); // 57.5/s on average
  });

  test('fewer than 3 failures expected in all runs', () => {
    const p = { workload: { rate: 10 }, services: { web: { replicas: 2, failure: failing(exp(H)) } } };
    expect(warn(p, short)).toEqual([
      'only 0.00231 failures are expected in all 5 runs of 10m (replicas of "web" fail every 30d, on average): no outage will likely be seen and availability will read 100%; use state level (no workload) or a longer duration',
    ]);
    expect(expectedFailures(parse(p), short).total).toBeCloseTo((2 * 5 * 600) / (30 * D + H), 12);
    // A year of 10 runs: 240 failures expected.
    expect(warn(p)).toEqual([]);
    // Per service: one service fails often, another rarely.
    const mixed = warn({ services: { a: { calls: ['b'], failure: failing() }, b: { failure: { ttf: exp(100 * YEAR), ttr: exp(H) } } } });
    expect(mixed).toEqual([
      'service "b": only 0.1 replica failures are expected in all 10 runs of 1y (mean time to failure 100y): its own availability will most likely read 100%; use a longer duration or more replications',
    ]);
    // Zone outages count as failures.
    expect(expectedFailures(parse({ zones: { a: { outage: { ttf: exp(YEAR), ttr: exp(H) } } }, services: { w: { zones: ['a'] } } }), { duration: YEAR, warmup: 0, replications: 1 }).total).toBeCloseTo(YEAR / (YEAR + H), 12);
  });

  test('nothing can fail at state level; at request level and with scheduled faults that is the point', () => {
    expect(warn({ services: { db: {} } })).toEqual([
      'nothing in this configuration can fail (no service has a failure process, no zone an outage process, no fault a crash or zone outage): availability will read 100%',
    ]);
    expect(warn({ workload: { rate: 10 }, services: { db: {} } }, short)).toEqual([]);
    expect(warn({ services: { db: {} }, faults: [{ at: '1d', service: 'db', for: '1h' }] })).toEqual([]);
  });

  test('request-level settings ignored at state level', () => {
    const state = warn({
      services: {
        web: { failure: failing(), capacity: 8, calls: [{ service: 'db', policies: [{ type: 'retry', maxAttempts: 3 }] }] },
        db: { failure: failing(), serviceTime: exp(0.005) },
      },
    });
    expect(state).toEqual([
      'state level (no workload) ignores request-level settings: services.web.capacity, services.web.calls[0].policies, services.db.serviceTime; add a workload to simulate them',
    ]);
    const forced = warn({ fidelity: 'state', workload: { rate: 10 }, services: { db: { failure: failing() } } });
    expect(forced).toEqual(['state level (fidelity: state) ignores request-level settings: workload; set fidelity: request (or auto) to simulate them']);
    // At request level the same settings are simulated.
    expect(warn({ workload: { rate: 10 }, services: { db: { failure: failing(), capacity: 8 } } }).some((x) => x.includes('ignores'))).toBe(false);
  });

  test('downtime per year extrapolated from short runs with a fault that takes something down', () => {
    const p = (mode: string) => ({ workload: { rate: 10 }, services: { web: {} }, faults: [{ at: '2m', service: 'web', mode, for: '5m' }] });
    expect(warn(p('crash'), short)).toEqual([
      'downtime_per_year_s is extrapolated from runs of 10m that contain a scheduled fault (× 52600): it is the scenario scaled to a year, not a yearly estimate',
    ]);
    expect(warn(p('slow'), short)).toEqual([]);
    expect(warn(p('crash'), { duration: 2 * D, warmup: 0, replications: 1 })).toEqual([]);
  });

  test('scheduled faults outside the measured window', () => {
    const p = { services: { web: { zones: ['a'], failure: failing() } }, faults: [{ at: '90d', zone: 'a', for: '4h' }, { at: 0, service: 'web', for: '10m' }] };
    expect(warn(p, { duration: 30 * D, warmup: H, replications: 10 })).toEqual([
      'faults[0] (zone "a" outage at 90d) starts after the run ends at 30d 1h: it has no effect',
      'faults[1] (crash fault of "web" at 0s) ends before the warm-up does (1h): it is not measured',
    ]);
  });
});
