// The topology model's exact values (models/topology/theory.ts): the translation of the
// parameters, the theory columns of a state-level run, the reason when none exist, and a long
// simulation whose 95% interval covers the exact value.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { topologyParams } from '../models/topology/schema.js';
import { topologyTheory } from '../models/topology/theory.js';
import { replicate, runOnce } from './helpers/run-model.js';

const YEAR = 365 * 86400;
const expo = (mean: string) => ({ dist: 'exponential', mean });

describe('topology theory columns', () => {
  it('a state-level run reports theory_* for the system and <service>_theory_* per service, equal to the closed form', () => {
    // Two independent services: db 1-of-2 with independent repair, api 1 replica; the system needs both (api calls db).
    const input = {
      services: {
        api: { replicas: 1, calls: ['db'], failure: { ttf: expo('100d'), ttr: expo('1d') } },
        db: { replicas: 2, failure: { ttf: expo('10d'), ttr: expo('1d') } },
      },
    };
    const rec = runOnce(topologyModel, input, { warmup: 0, duration: YEAR }, 0);
    const aApi = 100 / 101;
    const aDb = 1 - (1 / 11) ** 2;
    expect(rec['api_theory_availability_pct']).toBeCloseTo(100 * aApi, 10);
    expect(rec['db_theory_availability_pct']).toBeCloseTo(100 * aDb, 10);
    expect(rec['theory_availability_pct']).toBeCloseTo(100 * aApi * aDb, 10);
    expect(rec['theory_downtime_per_year_s']! / ((1 - aApi * aDb) * YEAR)).toBeCloseTo(1, 10);
    // db: mean up time A/ν with ν = 2·a·λ·(1 − a), a = 10/11, λ = 1/10 d.
    const a = 10 / 11;
    expect(rec['db_theory_mtbf_s']! / (aDb / (2 * a * (1 / (10 * 86400)) * (1 - a)))).toBeCloseTo(1, 10);
  });

  it('no exact value: every theory column is NaN (an empty cell) and the reason names the feature', () => {
    const input = {
      repairCrews: 1,
      services: { db: { replicas: 2, failure: { ttf: { dist: 'weibull', shape: 1.5, mean: '10d' }, ttr: expo('1d') } } },
    };
    const rec = runOnce(topologyModel, input, { warmup: 0, duration: YEAR }, 0);
    for (const k of ['theory_availability_pct', 'theory_downtime_per_year_s', 'theory_mtbf_s', 'db_theory_availability_pct', 'db_theory_mtbf_s']) {
      expect(rec[k]).toBeNaN();
    }
    expect(Number.isFinite(rec['availability_pct'])).toBe(true);
    expect(topologyTheory(topologyParams.parse(input))).toEqual({
      reason: 'services.db.failure.ttf is weibull, not exponential, and repair crews are limited (repairCrews: 1 for 2 replicas), so repairs wait for each other',
    });
  });

  it('scheduled faults, health checks and heartbeats are named; request level has no theory', () => {
    const base = { services: { web: { replicas: 2, failure: { ttf: expo('10d'), ttr: expo('1h') } } } };
    const reason = (extra: object) => (topologyTheory(topologyParams.parse({ ...base, ...extra })) as { reason: string }).reason;
    expect(reason({ faults: [{ at: '1d', service: 'web', for: '1h' }] })).toMatch(/^faults: /);
    expect(reason({ services: { web: { ...base.services.web, healthCheck: {} } } })).toMatch(/^services\.web\.healthCheck /);
    expect(reason({ services: { web: { ...base.services.web, mode: 'active-passive', failover: { heartbeat: {} } } } })).toMatch(/^services\.web\.failover\.heartbeat /);
    expect(topologyTheory(topologyParams.parse({ ...base, workload: { rate: 10 } }))).toBeUndefined();
  });

  it('a long simulation covers the exact value: active-passive across two zones with outages, one crew, detection, promotion, coverage', () => {
    const input = {
      repairCrews: 1,
      zones: {
        a: { outage: { ttf: expo('60d'), ttr: expo('6h') } },
        b: { outage: { ttf: expo('60d'), ttr: expo('6h') } },
      },
      services: {
        db: {
          replicas: 2,
          zones: ['a', 'b'],
          mode: 'active-passive',
          failure: { ttf: expo('20d'), ttr: expo('1d') },
          failover: { detection: expo('10m'), promotion: expo('5m'), coverage: 0.9, manualRecovery: expo('2h') },
        },
      },
    };
    const theory = topologyTheory(topologyParams.parse(input));
    if (theory === undefined || !('values' in theory)) throw new Error(`no exact value: ${JSON.stringify(theory)}`);
    const exact = theory.values['theory_availability_pct']!;
    expect(100 - exact).toBeGreaterThan(0.3); // unavailable ~1e-2: the simulation sees many outages
    expect(100 - exact).toBeLessThan(3);
    const res = replicate(topologyModel, input, { warmup: 0, duration: 40 * YEAR, seed: 'theory-ap-zones' }, 20);
    const ci = res.ci('availability_pct');
    expect(ci.ci95Low).toBeLessThanOrEqual(exact);
    expect(ci.ci95High).toBeGreaterThanOrEqual(exact);
    expect(ci.halfWidth).toBeLessThan(0.1 * (100 - exact));
    const mtbf = res.ci('mtbf_s');
    const exactMtbf = theory.values['theory_mtbf_s']!;
    expect(mtbf.ci95Low).toBeLessThanOrEqual(exactMtbf);
    expect(mtbf.ci95High).toBeGreaterThanOrEqual(exactMtbf);
  }, 30_000);
});
