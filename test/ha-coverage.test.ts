// Imperfect coverage of active-active and quorum groups (src/components/groups/imperfect-coverage.ts):
// scripted cases with constant times and exact downtime, then the 1-of-2 active-active group with
// fatal uncovered crashes against the textbook two-unit imperfect-coverage Markov chain.
import { describe, it, expect } from 'vitest';
import { Ctmc, type Transition } from '../src/analysis/index.js';
import { topologyModel } from '../models/topology/model.js';
import { topologyTheory } from '../models/topology/theory.js';
import { outageBoundTerms } from '../models/topology/outage-bound.js';
import { replicate, runOnce } from './helpers/run-model.js';
import { expectCovers } from './helpers/replications.js';

const H = 3600;
const state = (services: Record<string, unknown>) => ({ services });

describe('imperfect coverage, scripted (constant times)', () => {
  // Replica 0 fails at 10h, replica 1 at 10h too (same constant ttf); ttr 2h.
  it('fatal, coverage 0: a crash the pair would survive takes it down for the manual recovery', () => {
    // Both replicas crash at t = 10h (same instant, replica 0 first): the first crash is
    // uncovered and the pair would survive it, so the group is held down for 3h; the second
    // crash (the group is down already) adds nothing. Repairs end at 12h, the hold at 13h: down
    // 10h–13h. Next crashes at 22h (12h + 10h), down 22h–25h; then 34h–37h; run ends at 40h.
    const m = runOnce(
      topologyModel,
      state({
        s: {
          replicas: 2,
          failure: { ttf: '10h', ttr: '2h' },
          coverage: { probability: 0, uncovered: 'fatal', manualRecovery: '3h' },
        },
      }),
      { warmup: 0, duration: 40 * H },
      0,
    );
    expect(m['s_downtime_per_year_s']! / (365 * 86400)).toBeCloseTo(9 / 40, 12);
    expect(m['s_outages_count']).toBe(3);
    expect(m['s_uncovered_failures_count']).toBe(6);
    expect(m['s_uncovered_outages_count']).toBe(3);
  });

  it('fatal, coverage 0, one replica: the crash takes the group down anyway, no hold', () => {
    const m = runOnce(
      topologyModel,
      state({ s: { replicas: 1, failure: { ttf: '10h', ttr: '2h' }, coverage: { probability: 0, uncovered: 'fatal', manualRecovery: '3h' } } }),
      { warmup: 0, duration: 36 * H },
      0,
    );
    expect(m['s_downtime_per_year_s']! / (365 * 86400)).toBeCloseTo(6 / 36, 12); // 10–12, 22–24, 34–36
    expect(m['s_uncovered_outages_count']).toBe(0);
  });

  it('silent, coverage 0: the repair starts only after the detection delay', () => {
    // One replica: crash at 10h, found at 10.5h, repaired at 12.5h; next crash 22.5h, up at 25h.
    const m = runOnce(
      topologyModel,
      state({ s: { replicas: 1, failure: { ttf: '10h', ttr: '2h' }, coverage: { probability: 0, uncovered: 'silent', detection: '30m' } } }),
      { warmup: 0, duration: 25 * H },
      0,
    );
    expect(m['s_downtime_per_year_s']! / (365 * 86400)).toBeCloseTo(5 / 25, 12);
    expect(m['s_uncovered_failures_count']).toBe(2);
  });

  it('coverage 1 changes nothing', () => {
    const base = { replicas: 2, minReplicas: 2, failure: { ttf: { dist: 'exponential', mean: '10h' }, ttr: { dist: 'exponential', mean: '2h' } } };
    const a = runOnce(topologyModel, state({ s: base }), { warmup: 0, duration: 1000 * H }, 3);
    const b = runOnce(topologyModel, state({ s: { ...base, coverage: { probability: 1, uncovered: 'fatal' } } }), { warmup: 0, duration: 1000 * H }, 3);
    expect(b['s_availability_pct']).toBe(a['s_availability_pct']);
    expect(b['s_uncovered_failures_count']).toBe(0);
  });

  it('silent at request level: the dead replica keeps receiving traffic until found', () => {
    // Two replicas, round-robin, replica 0 crashes at 10 min (ttf constant 10m, replica 1 too:
    // both at 10m). Undetected for 1 min: every request in [10m, 11m) fails.
    const input = {
      workload: { rate: '10/s' },
      services: {
        s: {
          replicas: 2,
          serviceTime: '1ms',
          failure: { ttf: '10m', ttr: '1h' },
          coverage: { probability: 0, uncovered: 'silent', detection: '1m' },
        },
      },
    };
    const m = runOnce(topologyModel, input, { warmup: 0, duration: 15 * 60 }, 0);
    // From 11m both are out of rotation (nothing routable): those requests fail too. Before 10m all succeed.
    const failed = m['failed_count']!;
    const completed = m['completed_count']!;
    expect(completed).toBeGreaterThan(8000);
    expect(failed / completed).toBeGreaterThan(0.3);
    expect(failed / completed).toBeLessThan(0.37); // 5 of 15 minutes
    expect(m['errors_error_count']).toBe(failed);
  });

  it('quorum, silent: a concealed crash stays routable but does not count towards the quorum', () => {
    const m = runOnce(
      topologyModel,
      state({ q: { replicas: 3, mode: 'quorum', failure: { ttf: '10h', ttr: '1h' }, coverage: { probability: 0, uncovered: 'silent', detection: '1h' } } }),
      { warmup: 0, duration: 20 * H },
      0,
    );
    // All three crash at 10h: below quorum from 10h until repairs end at 12h.
    expect(m['q_downtime_per_year_s']! / (365 * 86400)).toBeCloseTo(2 / 20, 12);
  });
});

describe('imperfect coverage: 1-of-2 active-active, fatal, against the two-unit chain', () => {
  const lambda = 1 / (100 * H);
  const mu = 1 / (10 * H);
  const delta = 1 / (5 * H);
  const c = 0.8;

  /**
   * States (k, h): k replicas not failed, h = 1 during a manual reconfiguration. Each replica
   * fails at λ and is repaired at μ (unlimited crews); a failure with both up is covered with
   * probability c, else it starts a reconfiguration (rate δ); failures during one, or of the
   * last unit, start none. Up iff h = 0 and k ≥ 1.
   */
  function chainAvailability(): number {
    const t: Transition<string>[] = [];
    const add = (from: string, to: string, rate: number): void => void t.push({ from, to, rate });
    for (const h of [0, 1]) {
      for (const k of [0, 1, 2]) {
        if (k < 2) add(`${k}${h}`, `${k + 1}${h}`, (2 - k) * mu);
        if (h === 1) add(`${k}1`, `${k}0`, delta);
      }
    }
    add('20', '10', 2 * lambda * c);
    add('20', '11', 2 * lambda * (1 - c));
    add('10', '00', lambda);
    add('21', '11', 2 * lambda);
    add('11', '01', lambda);
    const chain = new Ctmc(t);
    return chain.probability((s) => s.endsWith('0') && !s.startsWith('0'));
  }

  it('availability within the 99.9% interval of 24 replications of 200 years', () => {
    const exact = chainAvailability();
    const exp = (mean: number) => ({ dist: 'exponential', mean });
    const input = state({
      s: {
        replicas: 2,
        failure: { ttf: exp(1 / lambda), ttr: exp(1 / mu) },
        coverage: { probability: c, uncovered: 'fatal', manualRecovery: exp(1 / delta) },
      },
    });
    const res = replicate(topologyModel, input, { warmup: 0, duration: 200 * 365 * 86400, seed: 'coverage' }, 24);
    const s = res.ci('s_availability_pct');
    expectCovers(s, 100 * exact, 0.05);
    // the uncovered share of all failures is 1 − c only while both are up: a sanity bound
    const failures = res.runs.reduce((a, r) => a + r['s_replica_failures_count']!, 0);
    const uncovered = res.runs.reduce((a, r) => a + r['s_uncovered_failures_count']!, 0);
    expect(Math.abs(uncovered / failures - (1 - c))).toBeLessThan(0.02);
  });

  it('the exact solver refuses it, naming the feature; the outage bound adds the manual recovery', () => {
    const p = topologyModel.params.parse(
      state({ s: { replicas: 2, failure: { ttf: '100h', ttr: '10h' }, coverage: { probability: 0.8, manualRecovery: '5h' } } }),
    );
    const th = topologyTheory(p);
    expect(th && 'reason' in th ? th.reason : '').toMatch(/services\.s\.coverage .*not modelled by the exact solver/);
    expect(outageBoundTerms(p, 's').coverage).toBe(5 * H);
  });
});
