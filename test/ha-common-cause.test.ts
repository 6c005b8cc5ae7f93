// Common-cause failures (src/components/failure/common-cause.ts, models/topology/common-cause-scope.ts):
// scripted cases with exact downtime, the beta-factor 1-of-2 pair against its Markov chain, and
// the checks of the section.
import { describe, it, expect } from 'vitest';
import { Ctmc, type Transition } from '../src/analysis/index.js';
import { topologyModel } from '../models/topology/model.js';
import { topologyTheory } from '../models/topology/theory.js';
import { outageBoundTerms } from '../models/topology/outage-bound.js';
import { topologyWarnings } from '../models/topology/warnings.js';
import { replicate, runOnce } from './helpers/run-model.js';
import { expectCovers } from './helpers/replications.js';

const H = 3600;
const YEAR = 365 * 86400;

describe('common cause, scripted (constant times)', () => {
  it('with a ttr: every member is held down for it at each event, failure process or not', () => {
    const m = runOnce(
      topologyModel,
      { services: { a: { replicas: 2 }, b: { replicas: 1 } }, commonCause: [{ scope: ['a', 'b[0]'], every: '10h', ttr: '1h' }] },
      { warmup: 0, duration: 35 * H },
      0,
    );
    expect((m['a_downtime_per_year_s']! / YEAR) * 35 * H).toBeCloseTo(3 * H, 6); // 10–11, 20–21, 30–31
    expect((m['downtime_per_year_s']! / YEAR) * 35 * H).toBeCloseTo(3 * H, 6);
    expect(m['common_cause_events_count']).toBe(3);
  });

  it('without a ttr: each member crashes and is repaired as usual (its crews, its ttr, a fresh ttf)', () => {
    // Own ttf 100h never comes: crashes at 10h (repaired 12h), 20h (22h), 30h (32h).
    const m = runOnce(
      topologyModel,
      { services: { a: { replicas: 2, failure: { ttf: '100h', ttr: '2h' } } }, commonCause: [{ scope: ['a'], every: '10h' }] },
      { warmup: 0, duration: 35 * H },
      0,
    );
    expect((m['a_downtime_per_year_s']! / YEAR) * 35 * H).toBeCloseTo(6 * H, 6);
    expect(m['a_replica_failures_count']).toBe(6);
  });

  it('a member failed already is not crashed again; one repair crew serialises the repairs', () => {
    // Replica 1 only (scope a[1]); replica 0 is not touched. One crew: irrelevant here (one member).
    const m = runOnce(
      topologyModel,
      { services: { a: { replicas: 2, minReplicas: 2, failure: { ttf: '15h', ttr: '10h' } } }, commonCause: [{ scope: ['a[1]'], every: '10h' }] },
      { warmup: 0, duration: 30 * H },
      0,
    );
    // a[1]: crash at 10h (event), repaired 20h; the event at 20h crashes it again (repair ends 30h).
    // a[0]: own crash at 15h, repaired 25h. The pair needs both: down 10h–30h.
    expect((m['a_downtime_per_year_s']! / YEAR) * 30 * H).toBeCloseTo(20 * H, 6);
    expect(m['a_replica_failures_count']).toBe(3);
  });
});

describe('beta factor: a 1-of-2 pair against its chain', () => {
  const lambda = 1 / (100 * H);
  const mu = 1 / (10 * H);
  const beta = 0.2;

  /**
   * States: replicas down (0, 1, 2), unlimited repair. Independent failures at (1 − β)λ each,
   * common events at βλ take every up replica down; repairs at μ each.
   */
  function chainUnavailability(b: number): number {
    const t: Transition<number>[] = [
      { from: 0, to: 1, rate: 2 * (1 - b) * lambda },
      { from: 0, to: 2, rate: b * lambda },
      { from: 1, to: 2, rate: (1 - b) * lambda + b * lambda },
      { from: 1, to: 0, rate: mu },
      { from: 2, to: 1, rate: 2 * mu },
    ];
    return new Ctmc(t).probability((s) => s === 2);
  }

  it('availability within the 99.9% interval of 24 replications of 200 years; the small-λ formula agrees', () => {
    const exact = chainUnavailability(beta);
    // the beta-factor approximation β·λ·MTTR + ((1 − β)·λ·MTTR)² (to first order in λ·MTTR)
    const approx = beta * lambda * (1 / mu) / 2 + ((1 - beta) * lambda / mu) ** 2;
    expect(Math.abs(approx - exact) / exact).toBeLessThan(0.25);
    const exp = (mean: number) => ({ dist: 'exponential', mean });
    const res = replicate(
      topologyModel,
      { services: { a: { replicas: 2, failure: { ttf: exp(1 / lambda), ttr: exp(1 / mu) } } }, commonCause: [{ scope: ['a'], fraction: beta }] },
      { warmup: 0, duration: 200 * YEAR, seed: 'beta' },
      24,
    );
    expectCovers(res.ci('a_availability_pct'), 100 * (1 - exact), 0.05);
    // and far from the independent pair's
    expect(Math.abs(res.ci('a_availability_pct').mean - 100 * (1 - chainUnavailability(0)))).toBeGreaterThan(0.3);
  });
});

describe('the commonCause section', () => {
  const err = (input: unknown): string => {
    const r = topologyModel.params.safeParse(input);
    return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };
  const svc = { a: { replicas: 2, failure: { ttf: '100h', ttr: '1h' } }, b: { replicas: 1, failure: { ttf: '50h', ttr: '1h' } } };

  it('names the bad entry', () => {
    expect(err({ services: svc, commonCause: [{ scope: ['a'], every: '1y', fraction: 0.1 }] })).toMatch(/commonCause\.0: give either every .* or fraction/);
    expect(err({ services: svc, commonCause: [{ scope: ['c'], every: '1y' }] })).toMatch(/commonCause\.0\.scope\.0: unknown service "c"/);
    expect(err({ services: svc, commonCause: [{ scope: ['a[2]'], every: '1y' }] })).toMatch(/replica 2 does not exist/);
    expect(err({ services: svc, commonCause: [{ scope: ['a', 'b'], fraction: 0.1 }] })).toMatch(/commonCause\.0\.fraction: a beta factor needs members with the same mean ttf/);
    expect(err({ services: { a: { replicas: 2 } }, commonCause: [{ scope: ['a'], every: '1y' }] })).toMatch(/has no failure process: give a ttr/);
    expect(err({ services: svc, commonCause: [{ scope: ['a'], fraction: 0.1 }, { scope: ['a[0]'], fraction: 0.2 }] })).toMatch(/already in commonCause\[0\]/);
    expect(err({ services: svc, commonCause: [{ scope: ['a', 'b'], every: '1y', ttr: '1h' }] })).toBe('');
  });

  it('the exact solver refuses it; the outage bound, warnings and estimate count it', () => {
    const p = topologyModel.params.parse({ services: { a: { replicas: 2 } }, commonCause: [{ scope: ['a'], every: '30d', ttr: '2h' }] });
    const th = topologyTheory(p);
    expect(th && 'reason' in th ? th.reason : '').toMatch(/commonCause\[0\] \(common-cause failures\) is not modelled by the exact solver/);
    expect(outageBoundTerms(p, 'a').commonCause).toBe(2 * H);
    // nothing else fails, but the common cause does: no "nothing can fail" warning
    expect(topologyWarnings(p, { warmup: 0, duration: YEAR, replications: 10 }).join('\n')).not.toMatch(/nothing in this configuration can fail/);
    expect(topologyWarnings(p, { warmup: 0, duration: 30 * 86400, replications: 1 }).join('\n')).toMatch(/common cause 0 strikes every/);
  });
});
