// Locality-aware routing: scripted cases where the local replicas take every call until they
// fail or saturate, and the spilled calls pay the cross-region latency.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { runOnce } from './helpers/run-model.js';

/** One request a second; web in zone a (us); db[0] in a, db[1] in c (eu). */
const twoRegions = (extra: Record<string, unknown> = {}, db: Record<string, unknown> = {}) => ({
  workload: { interarrival: '1s' },
  zones: { a: {}, b: {}, c: {} },
  regions: { us: ['a', 'b'], eu: ['c'] },
  network: { sameZone: '1ms', crossZone: '5ms', crossRegion: '40ms' },
  services: {
    web: { capacity: 10, serviceTime: '1ms', zones: ['a'], calls: ['db'] },
    db: { replicas: 2, zones: ['a', 'c'], serviceTime: '2ms', locality: { prefer: 'zone' }, ...db },
  },
  ...extra,
});
const run = (p: unknown, duration = 300) => runOnce(topologyModel, p, { warmup: 0, duration }, 0);

describe('locality-aware routing', () => {
  it('the local replica takes every call: latency = service times + 2 × sameZone', () => {
    const m = run(twoRegions());
    expect(m.latency_max_ms).toBeCloseTo(1 + 2 + 2 * 1, 9);
    expect(m.latency_mean_ms).toBeCloseTo(5, 9);
  });

  it('without locality round-robin alternates and half the calls cross regions', () => {
    const m = run(twoRegions({}, { locality: undefined }));
    expect(m.latency_max_ms).toBeCloseTo(3 + 2 * 40, 9);
    const n = m.offered_count!;
    expect(m.latency_mean_ms).toBeCloseTo((Math.ceil(n / 2) * 5 + Math.floor(n / 2) * 83) / n, 6);
  });

  it('when the local replica fails, calls spill to the other region and pay the cross-region latency', () => {
    // db[0] is down from 100.5 s to 200.5 s: exactly the 100 requests arriving at 101 … 200 s spill over
    const m = run(twoRegions({ faults: [{ at: '100.5s', service: 'db', replica: 0, for: '100s' }] }));
    expect(m.request_availability_pct).toBe(100);
    expect(m.latency_max_ms).toBeCloseTo(3 + 2 * 40, 9);
    const n = m.offered_count!;
    expect(m.latency_mean_ms).toBeCloseTo((100 * 83 + (n - 100) * 5) / n, 6);
  });

  it('prefer region keeps calls in the region before crossing it', () => {
    const p = twoRegions({}, { replicas: 3, zones: ['b', 'c', 'b'], locality: { prefer: 'region' } });
    const m = run(p);
    expect(m.latency_max_ms).toBeCloseTo(3 + 2 * 5, 9);
  });

  it('a saturated local tier spills over', () => {
    // requests 20 ms apart, db takes 30 ms: the single local slot is busy at every other call,
    // which spills to eu (8 ms away: free again at each spilled call, one every 40 ms)
    const near = { workload: { interarrival: '20ms' }, network: { sameZone: '1ms', crossRegion: '8ms' } };
    const m = run(twoRegions(near, { serviceTime: '30ms', locality: { prefer: 'zone', saturation: 1 } }), 10);
    expect(m.latency_max_ms).toBeCloseTo(1 + 30 + 2 * 8, 9);
    const n = m.offered_count!;
    expect(m.latency_mean_ms).toBeCloseTo((Math.ceil(n / 2) * 33 + Math.floor(n / 2) * 47) / n, 6);
    const noSpill = run(twoRegions(near, { serviceTime: '30ms' }), 10);
    // without saturation spill-over the local queue grows without bound
    expect(noSpill.latency_max_ms).toBeGreaterThan(1000);
  });
});
