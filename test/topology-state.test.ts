// The topology model at state level against exact availability results.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { renewalAvailability } from '../src/analysis/index.js';
import { replicate, runOnce } from './helpers/run-model.js';

describe('topology model, state level', () => {
  it('two active-active replicas with independent exponential repair: A = 1 − (1 − a)²', () => {
    const a = renewalAvailability(10 * 86400, 86400);
    const exact = 1 - (1 - a) ** 2;
    const res = replicate(
      topologyModel,
      { services: { db: { replicas: 2, failure: { ttf: { dist: 'exponential', mean: '10d' }, ttr: { dist: 'exponential', mean: '1d' } } } } },
      { warmup: 0, duration: 20 * 365 * 86400, seed: 'topo-aa' },
      20,
    );
    const ci = res.ci('availability_pct');
    expect(ci.ci95Low).toBeLessThanOrEqual(100 * exact);
    expect(ci.ci95High).toBeGreaterThanOrEqual(100 * exact);
    expect(ci.halfWidth).toBeLessThan(0.1);
    const one = res.ci('db_availability_pct');
    expect(one.mean).toBeCloseTo(ci.mean, 12); // a single service: the system is the service
  });

  it('a scripted zone outage gives exact downtime and outage counts; N+1 survives it, the system needs every zone only without spare', () => {
    const base = {
      zones: { a: {}, b: {}, c: {} },
      faults: [{ at: '10d', zone: 'a', for: '2h' }],
    };
    const oneZone = runOnce(topologyModel, { ...base, services: { web: { replicas: 1, zones: ['a'] } } }, { warmup: 0, duration: 365 * 86400 }, 0);
    expect(oneZone.outages_count).toBe(1);
    expect(oneZone.downtime_per_year_s).toBeCloseTo(7200, 6);
    expect(oneZone.longest_outage_s).toBe(7200);
    const spread = runOnce(topologyModel, { ...base, services: { web: { replicas: 3, zones: ['a', 'b', 'c'], minReplicas: 2 } } }, { warmup: 0, duration: 365 * 86400 }, 0);
    expect(spread.outages_count).toBe(0);
    expect(spread.availability_pct).toBe(100);
  });

  it('required services: an optional dependency does not count towards system availability', () => {
    const p = {
      services: {
        web: { replicas: 1, calls: [{ service: 'recs', optional: true }, 'db'] },
        recs: { replicas: 1 },
        db: { replicas: 1 },
      },
      faults: [
        { at: '1h', service: 'recs', for: '1h' },
        { at: '5h', service: 'db', for: '30m' },
      ],
    };
    const m = runOnce(topologyModel, p, { warmup: 0, duration: 86400 }, 0);
    expect(m.recs_downtime_per_year_s).toBeCloseTo((3600 / 86400) * 365 * 86400, 6);
    expect(m.outages_count).toBe(1);
    expect(m.availability_pct).toBeCloseTo(100 * (1 - 1800 / 86400), 10);
  });

  it('rejects bad cross-references with paths inside params', () => {
    const r = topologyModel.params.safeParse({ services: { web: { calls: ['dbx'] }, db: {} } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['services', 'web', 'calls', 0]);
    expect(r.error!.issues[0]!.message).toMatch(/unknown service "dbx"; services are web, db/);
  });
});
