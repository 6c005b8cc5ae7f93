// The topology model's network: call-edge latency, the zone/region latency matrix and loss,
// checked on scripted cases with exact answers.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { topologyParams } from '../models/topology/schema.js';
import { runOnce, replicate } from './helpers/run-model.js';

/** One request a second through web (1 ms) → db (2 ms): never two requests at once. */
const idle = (webCall: Record<string, unknown>, extra: Record<string, unknown> = {}, zones: { web?: string[]; db?: string[] } = {}) => ({
  workload: { interarrival: '1s' },
  services: {
    web: { serviceTime: '1ms', calls: [{ service: 'db', ...webCall }], ...(zones.web ? { zones: zones.web } : {}) },
    db: { serviceTime: '2ms', ...(zones.db ? { zones: zones.db } : {}) },
  },
  ...extra,
});

const run = (params: unknown) => runOnce(topologyModel, params, { warmup: 0, duration: 100 }, 0);

describe('topology network', () => {
  it('an edge latency is paid on the request and on the response: latency = service times + 2 × hop, exactly', () => {
    const m = run(idle({ latency: '5ms' }));
    expect(m.latency_mean_ms).toBeCloseTo(1 + 2 + 2 * 5, 9);
    expect(m.latency_max_ms).toBeCloseTo(13, 9);
    // the callee's view (its callers' view) includes the network too
    expect(m.db_latency_mean_ms).toBeCloseTo(2 + 2 * 5, 9);
    expect(m.request_availability_pct).toBe(100);
  });

  it('zone classes: same zone, cross-zone, cross-region, explicit pairs; added to the edge latency', () => {
    const network = { sameZone: '0.5ms', crossZone: '3ms', crossRegion: '40ms', pairs: [{ between: ['c', 'a'], latency: '25ms' }] };
    const regions = { us: ['a', 'b'], eu: { zones: ['c', 'd'] } };
    const zones = { a: {}, b: {}, c: {}, d: {} };
    const at = (web: string, db: string, edge?: string) => run(idle(edge ? { latency: edge } : {}, { network, regions, zones }, { web: [web], db: [db] })).latency_mean_ms!;
    expect(at('a', 'a')).toBeCloseTo(3 + 2 * 0.5, 9);
    expect(at('a', 'b')).toBeCloseTo(3 + 2 * 3, 9);
    expect(at('b', 'd')).toBeCloseTo(3 + 2 * 40, 9);
    expect(at('a', 'c')).toBeCloseTo(3 + 2 * 25, 9);
    expect(at('c', 'd', '1ms')).toBeCloseTo(3 + 2 * (3 + 1), 9);
  });

  it('without regions every two distinct zones are cross-zone', () => {
    const m = run(idle({}, { network: { crossZone: '3ms', crossRegion: '40ms' } }, { web: ['a'], db: ['b'] }));
    expect(m.latency_mean_ms).toBeCloseTo(3 + 2 * 3, 9);
  });

  it('a timeout counts the network time of both hops', () => {
    // round trip 2 × 5 ms + 2 ms of service = 12 ms
    const late = run(idle({ latency: '5ms', timeout: '11.9ms' }));
    expect(late.request_availability_pct).toBe(0);
    expect(late.db_errors_timeout_count).toBe(late.offered_count);
    const inTime = run(idle({ latency: '5ms', timeout: '12.1ms' }));
    expect(inTime.request_availability_pct).toBe(100);
    expect(inTime.latency_mean_ms).toBeCloseTo(13, 9);
  });

  it('a lost call looks like a timeout to its caller; the loss share matches p', () => {
    const p = 0.2;
    const res = replicate(
      topologyModel,
      {
        workload: { rate: '50/s' },
        services: { web: { capacity: 50, serviceTime: '1ms', calls: [{ service: 'db', loss: p, timeout: '50ms' }] }, db: { capacity: 50, serviceTime: '1ms' } },
      },
      { warmup: 0, duration: 200, seed: 'net-loss' },
      5,
    );
    const failed = res.ci('request_availability_pct');
    expect(failed.ci95Low).toBeLessThanOrEqual(100 * (1 - p));
    expect(failed.ci95High).toBeGreaterThanOrEqual(100 * (1 - p));
    const m = res.runs[0]!;
    expect(m.db_errors_timeout_count).toBe(m.failed_count);
    // Each lost message is one failed request here (no other cause of a timeout), and the edge says so.
    expect(m.web_to_db_messages_lost_count).toBe(m.failed_count);
    expect(m.failed_count).toBeGreaterThan(0);
  });

  it('validation: a lossy edge needs a timeout; region zones must exist and belong to one region', () => {
    const issues = (x: unknown) => {
      const r = topologyParams.safeParse(x);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues(idle({ loss: 0.1 }))).toEqual([expect.stringMatching(/^services\.web\.calls\.0\.loss: a lossy edge needs a timeout/)]);
    expect(issues(idle({ loss: 0.1, policies: [{ type: 'timeout', timeout: 0.1 }] }))).toEqual([]);
    expect(issues({ ...idle({}), zones: { a: {}, b: {} }, regions: { us: ['a', 'x'], eu: ['a'] } })).toEqual([
      expect.stringMatching(/^regions\.us\.1: unknown zone "x"/),
      expect.stringMatching(/^regions\.eu\.0: zone "a" is already in region "us"/),
    ]);
    expect(issues({ ...idle({}), zones: { a: {} }, network: { pairs: [{ between: ['a', 'q'], latency: '1ms' }] } })).toEqual([
      expect.stringMatching(/^network\.pairs\.0\.between\.1: unknown zone "q"/),
    ]);
  });
});
