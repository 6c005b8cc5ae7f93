// Regions: groups of zones that go out together (random outages and scheduled faults), checked
// on deterministic cases; the exact theory refuses them by name.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { topologyParams } from '../models/topology/schema.js';
import { topologyTheory } from '../models/topology/theory.js';
import { topologyWarnings } from '../models/topology/warnings.js';
import { runOnce } from './helpers/run-model.js';

const HOUR = 3600;
/** api has a replica in each zone of us; db sits in eu: only a region outage takes api down. */
const base = {
  zones: { a: {}, b: {}, c: {} },
  services: { api: { replicas: 2, zones: ['a', 'b'] }, db: { zones: ['c'] } },
};

describe('topology regions', () => {
  it('a region outage takes every zone of the region down at once: availability is exact', () => {
    const p = { ...base, regions: { us: { zones: ['a', 'b'], outage: { ttf: '9h', ttr: '1h' } }, eu: ['c'] } };
    const m = runOnce(topologyModel, p, { warmup: 0, duration: 100 * HOUR }, 0);
    expect(m.api_availability_pct).toBeCloseTo(90, 9);
    expect(m.api_outages_count).toBe(10);
    expect(m.db_availability_pct).toBe(100);
    expect(m.availability_pct).toBeCloseTo(90, 9);
  });

  it('a scheduled region fault is a fault on each of its zones', () => {
    const p = { ...base, regions: { us: ['a', 'b'], eu: ['c'] }, faults: [{ at: '10h', region: 'us', for: '5h' }] };
    const m = runOnce(topologyModel, p, { warmup: 0, duration: 100 * HOUR }, 0);
    expect(m.api_availability_pct).toBeCloseTo(95, 9);
    expect(m.api_outages_count).toBe(1);
    expect(m.db_availability_pct).toBe(100);
  });

  it('exact theory refuses a region outage by name; warnings count it as a failure source', () => {
    const p = topologyParams.parse({ ...base, regions: { us: { zones: ['a', 'b'], outage: { ttf: '30d', ttr: '1h' } } } });
    expect((topologyTheory(p) as { reason: string }).reason).toMatch(/regions\.us\.outage: a region outage takes several zones down at once/);
    expect(topologyWarnings(p, { duration: 10 * 86400, warmup: 0, replications: 1 })).toEqual([
      expect.stringMatching(/region "us" fails every 30d/),
    ]);
  });

  it('validation: a region fault names a known region', () => {
    const r = topologyParams.safeParse({ ...base, faults: [{ at: '1h', region: 'mars', for: '1h' }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([expect.stringMatching(/^faults\.0\.region: unknown region "mars"/)]);
  });
});
