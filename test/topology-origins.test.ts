// Where the workload's requests come from (`workload.origins`): scripted cases with exact answers
// for the client's network hops and the entry service's locality, the origin shares, the client
// timeout over both hops, validation lines, and the same bytes with 1 or 2 workers.
import { afterAll, describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { topologyEstimateEvents } from '../models/topology/estimate.js';
import { topologyWarnings } from '../models/topology/warnings.js';
import { runOnce } from './helpers/run-model.js';
import { specErrorOf } from './helpers/spec-error-of.js';
import { cliSandbox } from './helpers/cli-sandbox.js';

const network = { sameZone: '0.5ms', crossRegion: '35ms' };
const zones = { use1: {}, euw1: {} };
const regions = { us: ['use1'], eu: ['euw1'] };

/** One request a second (never two at once) to web (2 ms), placed in `webZones`, users at `origins`. */
const idle = (origins: Record<string, number>, web: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  workload: { interarrival: '1s', origins, ...((extra.workload as object | undefined) ?? {}) },
  zones,
  regions,
  network,
  services: { web: { serviceTime: '2ms', zones: ['use1'], ...web } },
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'workload')),
});

const run = (params: unknown, duration = 1000) => runOnce(topologyModel, params, { warmup: 0, duration }, 0);

/** web in both regions, routed by region. */
const bothRegions = { replicas: 2, zones: ['use1', 'euw1'], locality: { prefer: 'region' } };

describe('workload origins', () => {
  it('users in another region pay the cross-region latency on the request and on the response', () => {
    const far = run(idle({ euw1: 1 }));
    expect(far.latency_max_ms).toBeCloseTo(2 + 2 * 35, 9);
    expect(far.latency_mean_ms).toBeCloseTo(72, 9);
    // the entry service's view (its caller, the client) includes the hops too
    expect(far.web_latency_mean_ms).toBeCloseTo(72, 9);
    const near = run(idle({ use1: 1 }));
    expect(near.latency_max_ms).toBeCloseTo(2 + 2 * 0.5, 9);
    expect(near.latency_mean_ms).toBeCloseTo(3, 9);
    // a region's share goes to its zones
    expect(run(idle({ eu: 1 })).latency_mean_ms).toBeCloseTo(72, 9);
  });

  it('without origins the client pays no network latency', () => {
    const params = idle({ euw1: 1 });
    delete (params.workload as { origins?: unknown }).origins;
    expect(run(params).latency_max_ms).toBeCloseTo(2, 9);
  });

  it('with locality by region no request crosses regions while both are up', () => {
    const m = run(idle({ us: 0.5, eu: 0.5 }, bothRegions));
    expect(m.latency_max_ms).toBeCloseTo(3, 9);
    expect(m.latency_mean_ms).toBeCloseTo(3, 9);
    expect(m.request_availability_pct).toBe(100);
    // without locality round-robin sends about half of them across
    const spread = run(idle({ us: 0.5, eu: 0.5 }, { ...bothRegions, locality: undefined }));
    expect(spread.latency_max_ms).toBeCloseTo(72, 9);
  });

  it('in an outage of eu its users spill to us and pay the cross-region round trip, during the outage only', () => {
    // eu is down from 300.5 s to 400.5 s: exactly the 100 requests arriving at 301 … 400 s from eu spill over
    const faults = [{ region: 'eu', at: '300.5s', for: '100s' }];
    const euOnly = run(idle({ eu: 1 }, bothRegions, { faults }));
    expect(euOnly.request_availability_pct).toBe(100);
    expect(euOnly.latency_max_ms).toBeCloseTo(72, 9);
    const n = euOnly.offered_count!;
    expect(n).toBe(999); // arrivals at 1 … 999 s
    expect(euOnly.latency_mean_ms).toBeCloseTo((100 * 72 + (n - 100) * 3) / n, 9);
    // half the users in each region: the k eu users among those 100 requests spill, nobody else
    const half = run(idle({ us: 0.5, eu: 0.5 }, bothRegions, { faults }));
    expect(half.request_availability_pct).toBe(100);
    expect(half.latency_max_ms).toBeCloseTo(72, 9);
    const k = (half.latency_mean_ms! * n - 3 * n) / 69;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
    // binomial(100, 0.5): within 3.3 standard deviations (5)
    expect(Math.abs(k - 50)).toBeLessThanOrEqual(16.5);
  });

  it('each origin sends its share of the requests (binomial interval)', () => {
    // web only in us, no queueing: a us request takes 3 ms, an eu one 72 ms, so the mean gives the eu share
    const m = run(idle({ us: 0.6, eu: 0.4 }, { capacity: 1000 }, { workload: { interarrival: undefined, rate: '100/s' } }), 200);
    const n = m.completed_count!;
    expect(n).toBeGreaterThan(15_000);
    const eu = (m.latency_mean_ms! - 3) / 69;
    expect(eu * n).toBeCloseTo(m.origin_eu_completed_count!, 6);
    // 99.9% interval: z = 3.29
    const halfWidth = 3.29 * Math.sqrt((0.4 * 0.6) / n);
    expect(Math.abs(eu - 0.4)).toBeLessThan(halfWidth);
  });

  it('two origin keys or more: the requests of each key are reported apart (origin_<key>_…)', () => {
    // web only in us, a client timeout of 50 ms: every eu request (72 ms round trip) times out
    const m = run(idle({ us: 0.5, eu: 0.5 }, {}, { workload: { timeout: '50ms' } }));
    expect(m.origin_us_latency_max_ms).toBeCloseTo(3, 9);
    expect(m.origin_us_request_availability_pct).toBe(100);
    expect(m.origin_eu_request_availability_pct).toBe(0);
    expect(m.origin_eu_errors_timeout_count).toBe(m.origin_eu_completed_count);
    expect(m.origin_us_offered_count! + m.origin_eu_offered_count!).toBe(m.offered_count);
    expect(m.origin_us_completed_count! + m.origin_eu_completed_count!).toBe(m.completed_count);
    expect(m.request_availability_pct).toBeCloseTo((100 * m.origin_us_completed_count!) / m.completed_count!, 9);
    // one key: the totals say it all, nothing is reported apart
    expect(Object.keys(run(idle({ eu: 1 }), 10)).some((k) => k.startsWith('origin_'))).toBe(false);
  });

  it('per-origin counts follow the request classes of the workload and their SLOs', () => {
    const classes = { fast: { share: 0.5, slo: '10ms' }, slow: { share: 0.5, slo: '100ms' } };
    const m = run(idle({ us: 0.5, eu: 0.5 }, {}, { workload: { classes } }));
    // us requests (3 ms) meet both SLOs; eu requests (72 ms) meet only the slow class's
    expect(m.origin_us_slo_availability_pct).toBe(100);
    expect(m.origin_eu_slo_met_count! + m.origin_us_slo_met_count!).toBe(m.slo_met_count);
    expect(m.origin_eu_slo_met_count).toBeGreaterThan(0);
    expect(m.origin_eu_slo_met_count).toBeLessThan(m.origin_eu_completed_count!);
  });

  it('the client timeout counts both hops', () => {
    // round trip 2 × 35 ms + 2 ms of service = 72 ms
    const late = run(idle({ euw1: 1 }, {}, { workload: { timeout: '71.9ms' } }), 100);
    expect(late.request_availability_pct).toBe(0);
    expect(late.errors_timeout_count).toBe(late.offered_count);
    const inTime = run(idle({ euw1: 1 }, {}, { workload: { timeout: '72.1ms' } }), 100);
    expect(inTime.request_availability_pct).toBe(100);
    expect(inTime.latency_mean_ms).toBeCloseTo(72, 9);
  });

  it('a warning when origins change nothing (no network, no locality at the entry service)', () => {
    const shape = { warmup: 0, duration: 1000, replications: 1 };
    const warn = (x: unknown) => topologyWarnings(topologyModel.params.parse(x), shape).filter((l) => l.includes('origins'));
    const params = idle({ eu: 1 }) as Record<string, unknown>;
    expect(warn(params)).toEqual([]);
    delete params.network;
    expect(warn(params)).toEqual(['workload.origins change nothing: there is no network (zone latencies) and the entry service "web" has no locality']);
    expect(warn({ ...params, services: { web: { zones: ['use1'], locality: { prefer: 'zone' } } } })).toEqual([]);
  });

  it('the work estimate counts the client hop', () => {
    const shape = { warmup: 0, duration: 1000, replications: 1 };
    const withOrigins = topologyEstimateEvents(topologyModel.params.parse(idle({ eu: 1 })), shape);
    const params = idle({ eu: 1 });
    delete (params.workload as { origins?: unknown }).origins;
    const without = topologyEstimateEvents(topologyModel.params.parse(params), shape);
    expect(withOrigins - without).toBeCloseTo(2 * 1000, 6);
  });
});

describe('workload origins: validation', () => {
  const file = (origins: string, web = '{ zones: [us-east-1a] }') =>
    `name: t\nmodel: topology\nduration: 1h\nparams:\n  zones: { us-east-1a: {}, eu-west-1a: {} }\n  regions: { us: [us-east-1a], eu: [eu-west-1a] }\n  workload: { rate: 1, origins: ${origins} }\n  services:\n    web: ${web}\n`;

  it('an unknown zone or region, with a did-you-mean', () => {
    expect(specErrorOf(file('{ us: 0.5, eu-west-1b: 0.5 }'))).toBe(
      'exp.yaml:7:56: params.workload.origins.eu-west-1b: unknown zone or region "eu-west-1b"; regions are us, eu; zones are us-east-1a, eu-west-1a; did you mean "eu-west-1a"?',
    );
  });

  it('shares that do not sum to 1, and shares out of (0, 1]', () => {
    expect(specErrorOf(file('{ us: 0.5, eu: 0.4 }'))).toBe('exp.yaml:7:33: params.workload.origins: origin shares must sum to 1; they sum to 0.9');
    expect(specErrorOf(file('{ us: 1, eu: 0 }'))).toMatch(/^exp\.yaml:7:\d+: params\.workload\.origins\.eu: expected a number > 0, got 0$/);
  });

  it('a zone named both itself and through its region', () => {
    expect(specErrorOf(file('{ us: 0.5, us-east-1a: 0.5 }'))).toMatch(
      /^exp\.yaml:7:\d+: params\.workload\.origins: zone "us-east-1a" is an origin both itself and through its region "us"; give its share to one of them$/,
    );
  });

  it('an entry service not placed in zones', () => {
    expect(specErrorOf(file('{ us: 1 }', '{ replicas: 2 }'))).toBe(
      'exp.yaml:7:33: params.workload.origins: origins need the entry service "web" placed in zones (services.web.zones)',
    );
  });
});

describe('workload origins: determinism', () => {
  const sandbox = cliSandbox('hasim-origins-');
  afterAll(() => sandbox.remove());

  it('same bytes with 1 or 2 workers', () => {
    const exp = sandbox.file(
      'origins.yaml',
      `name: origins
model: topology
duration: 60
replications: 4
params:
  zones: { use1: {}, use2: {}, euw1: {} }
  regions: { us: [use1, use2], eu: [euw1] }
  network: { sameZone: { dist: exponential, mean: 0.5ms }, crossZone: 2ms, crossRegion: 35ms }
  workload: { rate: 50, origins: { us: 0.7, euw1: 0.3 }, timeout: 200ms }
  faults: [{ region: eu, at: 20, for: 10 }]
  services:
    web: { replicas: 3, capacity: 4, zones: [use1, use2, euw1], locality: { prefer: zone, saturation: 0.8 }, serviceTime: { dist: exponential, mean: 5ms } }
`,
    );
    expect(sandbox.hasim('run', exp, '--workers', '1', '--out', 'w1', '--quiet')).toMatchObject({ code: 0 });
    expect(sandbox.hasim('run', exp, '--workers', '2', '--out', 'w2', '--quiet')).toMatchObject({ code: 0 });
    const one = sandbox.read('w1', 'origins', 'runs.csv');
    expect(one.split('\n').length).toBeGreaterThan(4);
    expect(sandbox.read('w2', 'origins', 'runs.csv')).toBe(one);
  });
});
