// The importance-sampling estimator of state-level availability (estimator: importance-sampling;
// src/components/rare-event, models/topology/rare-event.ts): over a family of k-of-n designs whose
// unavailability runs from ~1e-4 to ~1e-10, with one repair crew or one per replica, its 95%
// interval over replications covers the exact value of the Markov chain (part 1's solver) and its
// relative half-width is within 10%; with lognormal repairs (no Markov chain) it covers the
// insensitive closed form; it is deterministic per seed; and it refuses what it cannot estimate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './helpers/cli-sandbox.js';
import { models } from '../models/index.js';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { SpecError } from '../src/experiment/spec-error.js';
import { resolveEstimator } from '../src/experiment/spec-schema.js';
import { topologyModel } from '../models/topology/model.js';
import { topologyParams } from '../models/topology/schema.js';
import { topologyTheory } from '../models/topology/theory.js';
import { rareEventRefusal } from '../models/topology/rare-event.js';
import { Simulation } from '../src/engine/index.js';
import { RandomStreams } from '../src/random/index.js';
import { summarize } from '../src/stats/index.js';
import type { Estimator, MetricRecord } from '../src/experiment/model.js';

const YEAR = 365 * 86400;

function isRun(input: unknown, seed: string, cycles: number, failureBias = 0.3): MetricRecord {
  const params = topologyModel.params.parse(input);
  const estimator: Estimator = { kind: 'importance-sampling', cycles, failureBias };
  const run = topologyModel.build({ sim: new Simulation(), streams: new RandomStreams(seed), duration: YEAR, warmup: 0, trace: undefined, estimator }, params);
  run.resetStats();
  return run.metrics();
}

function exactDowntime(input: unknown): number {
  const t = topologyTheory(topologyParams.parse(input));
  if (t === undefined || !('values' in t)) throw new Error(`no exact value: ${JSON.stringify(t)}`);
  return t.values['theory_downtime_per_year_s']!;
}

const expo = (mean: string) => ({ dist: 'exponential', mean });
const design = (replicas: number, k: number, crews: number | 'unlimited', ttf: string, ttr: unknown) => ({
  fidelity: 'state',
  repairCrews: crews,
  services: { db: { replicas, mode: 'quorum', quorum: k, failure: { ttf: expo(ttf), ttr } } },
});

/** Replications × cycles of each case: the interval is the Student-t interval over the replications, as in summary.csv. */
const REPLICATIONS = 10;
const CYCLES = 10_000;

function estimate(input: unknown, seed: string): { mean: number; low: number; high: number; relHalfWidth: number } {
  const runs = Array.from({ length: REPLICATIONS }, (_, r) => isRun(input, `${seed}/${r}`, CYCLES));
  const s = summarize(runs.map((m) => m['downtime_per_year_s']!));
  return { mean: s.mean, low: s.ci95Low, high: s.ci95High, relHalfWidth: s.halfWidth / s.mean };
}

describe('importance sampling covers the exact unavailability', () => {
  // Unavailability from ~1e-4 to ~1e-10 (the exact value is checked to lie in the stated decade).
  const cases: [string, unknown, number][] = [
    ['1-of-2, a crew per replica', design(2, 1, 'unlimited', '30d', expo('7h')), 1e-4],
    ['1-of-3, one crew', design(3, 1, 1, '60d', expo('6h')), 1e-6],
    ['2-of-4, a crew per replica', design(4, 2, 'unlimited', '90d', expo('3h')), 1e-8],
    ['1-of-4, one crew', design(4, 1, 1, '120d', expo('4h')), 1e-10],
    ['1-of-3, a crew per replica', design(3, 1, 'unlimited', '120d', expo('2h')), 1e-10],
    ['1-of-4, a crew per replica', design(4, 1, 'unlimited', '60d', expo('4h')), 1e-10],
  ];
  it.each(cases)('%s', (_name, input, decade) => {
    const exact = exactDowntime(input);
    expect(exact / YEAR).toBeGreaterThan(decade / 10);
    expect(exact / YEAR).toBeLessThan(decade * 10);
    const e = estimate(input, 'rare');
    expect(e.low).toBeLessThanOrEqual(exact);
    expect(e.high).toBeGreaterThanOrEqual(exact);
    expect(e.relHalfWidth).toBeLessThanOrEqual(0.1);
  });

  it('zones with outages, a crew shared by two services, active-passive: covers the Markov chain', () => {
    const input = {
      fidelity: 'state',
      repairCrews: 1,
      zones: { a: { outage: { ttf: expo('1y'), ttr: expo('2h') } }, b: { outage: { ttf: expo('1y'), ttr: expo('2h') } } },
      services: {
        web: { replicas: 2, zones: ['a', 'b'], calls: ['db'], failure: { ttf: expo('30d'), ttr: expo('6h') } },
        db: { replicas: 2, zones: ['a', 'b'], mode: 'active-passive', failure: { ttf: expo('45d'), ttr: expo('8h') } },
      },
    };
    const t = topologyTheory(topologyParams.parse(input));
    expect(t !== undefined && 'method' in t ? t.method : undefined).toBe('markov chain');
    const exact = exactDowntime(input);
    const e = estimate(input, 'zones');
    expect(e.low).toBeLessThanOrEqual(exact);
    expect(e.high).toBeGreaterThanOrEqual(exact);
    expect(e.relHalfWidth).toBeLessThanOrEqual(0.1);
  });

  it('lognormal repairs (no Markov chain): covers the insensitive closed form', () => {
    const input = design(3, 1, 'unlimited', '60d', { dist: 'lognormal', mean: '6h', cv: 0.5 });
    const t = topologyTheory(topologyParams.parse(input));
    expect(t !== undefined && 'method' in t ? t.method : undefined).toBe('insensitive');
    const exact = exactDowntime(input);
    const e = estimate(input, 'lognormal');
    expect(e.low).toBeLessThanOrEqual(exact);
    expect(e.high).toBeGreaterThanOrEqual(exact);
    expect(e.relHalfWidth).toBeLessThanOrEqual(0.1);
  });
});

describe('importance sampling runs', () => {
  const input = {
    fidelity: 'state',
    zones: { a: { outage: { ttf: expo('2y'), ttr: { dist: 'constant', value: '2h' } } }, b: {} },
    services: {
      web: { replicas: 3, zones: ['a', 'b'], minReplicas: 2, failure: { ttf: expo('30d'), ttr: { dist: 'uniform', min: '1h', max: '3h' } } },
      db: { replicas: 2, mode: 'active-passive', repairCrews: 1, failure: { ttf: expo('60d'), ttr: expo('6h') } },
    },
  };

  it('are deterministic per seed and differ across seeds', () => {
    const a = isRun(input, 'same', 2000);
    expect(JSON.stringify(isRun(input, 'same', 2000))).toBe(JSON.stringify(a));
    expect(isRun(input, 'other', 2000)['downtime_per_year_s']).not.toBe(a['downtime_per_year_s']);
    expect(a['is_cycles_count']).toBe(2000);
    expect(a['outages_count']).toBeGreaterThan(0);
    expect(a['unavailability_ppb']! / 1e9).toBeCloseTo(1 - a['availability_pct']! / 100, 12);
    expect(a['db_downtime_per_year_s']).toBeGreaterThan(0);
  });

  it('refuse what they cannot estimate, naming it', () => {
    const base = { fidelity: 'state', services: { db: { replicas: 2, failure: { ttf: expo('30d'), ttr: expo('1h') } } } };
    const refusal = (patch: object) => rareEventRefusal(topologyParams.parse({ ...base, ...patch }));
    expect(refusal({})).toBeUndefined();
    expect(refusal({ services: { db: { replicas: 2, failure: { ttf: { dist: 'weibull', shape: 1.5, mean: '30d' }, ttr: expo('1h') } } } })).toMatch(
      /^services\.db\.failure\.ttf is weibull; .*regeneration point/,
    );
    expect(refusal({ fidelity: 'request', workload: { rate: 1 } })).toMatch(/request level/);
    expect(refusal({ faults: [{ at: '1d', service: 'db', for: '1h' }] })).toMatch(/^faults: /);
    expect(refusal({ services: { db: { replicas: 2, mode: 'active-passive', failover: { detection: expo('10s') }, failure: { ttf: expo('30d'), ttr: expo('1h') } } } })).toMatch(
      /^services\.db\.failover\.detection delays the failover/,
    );
    expect(refusal({ services: { db: { replicas: 2, mode: 'active-passive', failover: { coverage: 0.9 }, failure: { ttf: expo('30d'), ttr: expo('1h') } } } })).toMatch(/coverage is below 1/);
    expect(refusal({ services: { db: { replicas: 2, mode: 'active-passive', failover: { standby: 'cold' }, failure: { ttf: expo('30d'), ttr: expo('1h') } } } })).toMatch(/standby is cold/);
    expect(() => isRun({ ...base, services: { db: { replicas: 2, healthCheck: {}, failure: { ttf: expo('30d'), ttr: expo('1h') } } } }, 's', 100)).toThrow(/healthCheck/);
  });
});

describe('estimator: importance-sampling in an experiment file', () => {
  const { tmp, hasim, file, remove } = cliSandbox('hasim-rare-');
  afterAll(remove);
  const resolve = (text: string) => resolveExperiment(parseSource('exp.yaml', text), models);
  const errorOf = (text: string): string => {
    try {
      resolve(text);
      return '';
    } catch (err) {
      if (err instanceof SpecError) return err.message;
      throw err;
    }
  };
  const topology = (estimator: string, params: string) => `name: rare
model: topology
duration: 1y
estimator: ${estimator}
params: ${params}
`;
  const good = '{ fidelity: state, services: { db: { replicas: 3, mode: quorum, quorum: 1, failure: { ttf: { dist: exponential, mean: 60d }, ttr: { dist: constant, value: 6h } } } } }';

  it('resolves, with defaults and with options; plain and absent are the same', () => {
    expect(resolveEstimator(resolve(topology('importance-sampling', good)).spec.estimator)).toEqual({ kind: 'importance-sampling', cycles: 10_000, failureBias: 0.3 });
    expect(resolveEstimator(resolve(topology('{ method: importance-sampling, cycles: 500, failureBias: 0.2 }', good)).spec.estimator)).toEqual({
      kind: 'importance-sampling',
      cycles: 500,
      failureBias: 0.2,
    });
    expect(resolveEstimator(resolve(topology('plain', good)).spec.estimator)).toEqual({ kind: 'plain' });
    expect(resolveEstimator(undefined)).toEqual({ kind: 'plain' });
  });

  it('is refused, at `estimator`, for another model, request level and non-exponential failures', () => {
    expect(errorOf(`name: q\nmodel: mmc\nduration: 1h\nestimator: importance-sampling\nparams: { lambda: 1, mu: 2 }\n`)).toMatch(
      /estimator.*model "mmc" has no importance-sampling estimator/,
    );
    expect(errorOf(topology('importance-sampling', '{ workload: { rate: 5 }, services: { web: { replicas: 2 } } }'))).toMatch(/estimator.*request level/);
    expect(
      errorOf(topology('importance-sampling', '{ fidelity: state, services: { db: { replicas: 2, failure: { ttf: { dist: weibull, shape: 2, mean: 30d }, ttr: 1h } } } }')),
    ).toMatch(/estimator.*services\.db\.failure\.ttf is weibull.*regeneration point/);
    expect(errorOf(topology('{ method: importance-sampling, cycles: 10 }', good))).toMatch(/estimator/);
  });

  it('`hasim run` prints the estimates beside the exact value, the same bytes on 1 or 2 workers', () => {
    const exp = file('rare.yaml', `name: rare\nmodel: topology\nreplications: 4\nduration: 1y\nestimator: { method: importance-sampling, cycles: 2000 }\nheadline: [downtime_per_year_s, theory_downtime_per_year_s, unavailability_ppb]\nparams: ${good.replace('{ dist: constant, value: 6h }', '{ dist: exponential, mean: 6h }')}\n`);
    const one = hasim('run', exp, '--workers', '1', '--out', 'w1');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/downtime_per_year_s\s+theory_downtime_per_year_s\s+unavailability_ppb/);
    expect(one.stdout).toMatch(/\n\S+\s+[\d.]+ ± [\d.]+\s+[\d.]+\s+[\d.]+ ± [\d.]+\n/);
    expect(one.stdout).toMatch(/\(importance sampling: relative 95% half-width of the unavailability: c[0-9a-f]{10} [\d.]+%/);
    expect(hasim('run', exp, '--workers', '2', '--out', 'w2', '--quiet').code).toBe(0);
    const runs = (dir: string) => readFileSync(join(tmp, dir, 'rare', 'runs.csv'), 'utf8');
    expect(runs('w2')).toBe(runs('w1'));
    // Outages are observed in the biased cycles: the summary's intervals are two-sided, never a "none observed" bound.
    const summary = readFileSync(join(tmp, 'w1', 'rare', 'summary.csv'), 'utf8');
    expect(summary).toMatch(/,downtime_per_year_s,/);
    expect(summary).not.toMatch(/none observed/);
  });
});
