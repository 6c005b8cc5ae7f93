// Availability of replica groups against Markov-chain and closed-form results: R independent
// replications, a 99.9% Student-t interval covering the exact value, and a bound on the 95%
// half-width. Rates: failures λ = 1 per unit time, repairs μ = 2 or 4 (MTTR 0.5 or 0.25).
import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/index.js';
import { RandomStreams, makeSampler } from '../src/random/index.js';
import { kOfN, renewalAvailability, repairableGroupChain, coldStandbyChain } from '../src/analysis/index.js';
import { Replica } from '../src/components/replica.js';
import { FailureProcess, RepairCrews } from '../src/components/failure/index.js';
import { ActiveActiveGroup, ActivePassiveGroup, QuorumGroup, type ActivePassiveConfig } from '../src/components/groups/index.js';
import type { ReplicaGroup } from '../src/components/replica-group.js';
import { AvailabilityMonitor } from '../src/metrics/index.js';
import { replicate, expectCovers } from './helpers/replications.js';
import { activePassivePair } from './helpers/ctmc-chains.js';

const T = 2000;
const WARMUP = 20;
const R = 20;

interface Topology {
  readonly n: number;
  readonly lambda: number;
  readonly mttr: number;
  readonly crews: number;
  readonly group: (sim: Simulation, reps: Replica[], fps: FailureProcess[], streams: RandomStreams) => ReplicaGroup;
}

/** One replication: returns [availability, outages per unit time]. */
function simulate(rep: number, tag: string, t: Topology): [number, number] {
  const sim = new Simulation();
  const streams = new RandomStreams(`${tag}-${rep}`);
  const crews = new RepairCrews(sim, { crews: t.crews });
  const reps = Array.from({ length: t.n }, (_, i) => new Replica(sim, 'svc', i));
  const fps = reps.map(
    (r) =>
      new FailureProcess(sim, r, {
        ttf: makeSampler({ dist: 'exponential', mean: 1 / t.lambda }, streams.stream(`${r.name}.ttf`)),
        ttr: makeSampler({ dist: 'exponential', mean: t.mttr }, streams.stream(`${r.name}.ttr`)),
        crews,
      }),
  );
  const mon = AvailabilityMonitor.watch(sim, t.group(sim, reps, fps, streams));
  sim.run({ until: WARMUP });
  mon.resetStats();
  sim.run({ until: WARMUP + T });
  return [mon.availability(), mon.outages / T];
}

function availability(tag: string, t: Topology) {
  const runs: [number, number][] = [];
  const a = replicate(R, (rep) => {
    const r = simulate(rep, tag, t);
    runs.push(r);
    return r[0];
  });
  const f = replicate(R, (rep) => (runs[rep] as [number, number])[1]);
  return { a, f };
}

const activeActive = (sim: Simulation, reps: Replica[]): ReplicaGroup => new ActiveActiveGroup(sim, { name: 'svc', replicas: reps });

function activePassive(extra: Omit<ActivePassiveConfig, 'name' | 'replicas'>) {
  return (sim: Simulation, reps: Replica[], fps: FailureProcess[], streams: RandomStreams): ReplicaGroup =>
    new ActivePassiveGroup(sim, {
      name: 'svc',
      replicas: reps,
      failureProcesses: fps,
      coverageRng: streams.stream('svc.coverage'),
      ...extra,
    });
}

describe('active-active pair (available while >= 1 up)', () => {
  it('independent repair: A = 1 − (1 − A1)²', () => {
    const exact = 1 - (1 - renewalAvailability(1, 0.5)) ** 2; // 8/9
    const { a } = availability('aa-indep', { n: 2, lambda: 1, mttr: 0.5, crews: Infinity, group: activeActive });
    expectCovers(a, exact, 0.006);
  });

  it('one shared repair crew: P(0 up) = 2ρ² / (1 + 2ρ + 2ρ²)', () => {
    const rho = 1 / 2;
    const exact = 1 - (2 * rho * rho) / (1 + 2 * rho + 2 * rho * rho); // 0.8
    const chain = repairableGroupChain({ n: 2, lambda: 1, mu: 2, crews: 1 });
    expect(chain.atLeast(1)).toBeCloseTo(exact, 12);
    const { a } = availability('aa-shared', { n: 2, lambda: 1, mttr: 0.5, crews: 1, group: activeActive });
    expectCovers(a, exact, 0.008);
    // the shared crew is visibly worse than independent repair (8/9)
    expect(a.ci95High).toBeLessThan(8 / 9 - 0.03);
  });
});

describe('k-of-n quorum', () => {
  it('3-of-5 with independent repair: binomial kOfN', () => {
    const exact = kOfN(3, 5, renewalAvailability(1, 0.5)); // A1 = 2/3
    const { a } = availability('quorum', {
      n: 5,
      lambda: 1,
      mttr: 0.5,
      crews: Infinity,
      group: (sim, reps) => new QuorumGroup(sim, { name: 'svc', replicas: reps, k: 3 }),
    });
    expectCovers(a, exact, 0.008);
  });
});

describe('active-passive pair against CTMCs', () => {
  it('cold standby, one crew, instantaneous failover (src/analysis coldStandbyChain), incl. outage frequency', () => {
    const chain = coldStandbyChain({ n: 2, lambda: 1, mu: 2, crews: 1, coverage: 1 });
    const pair = activePassivePair({ standby: 'cold', lambda: 1, mu: 2, crews: 1, coverage: 1 });
    expect(pair.availability).toBeCloseTo(chain.availability, 12);
    const { a, f } = availability('cold', { n: 2, lambda: 1, mttr: 0.5, crews: 1, group: activePassive({ standby: 'cold' }) });
    expectCovers(a, chain.availability, 0.006);
    expectCovers(f, chain.outageFrequency, 0.02);
  });

  it('cold standby with imperfect coverage and manual recovery (coldStandbyChain stuck states)', () => {
    const chain = coldStandbyChain({ n: 2, lambda: 1, mu: 2, crews: Infinity, coverage: 0.7, manualRate: 4 });
    const pair = activePassivePair({ standby: 'cold', lambda: 1, mu: 2, crews: Infinity, coverage: 0.7, manualRate: 4 });
    expect(pair.availability).toBeCloseTo(chain.availability, 12);
    const { a, f } = availability('cold-cov', {
      n: 2,
      lambda: 1,
      mttr: 0.5,
      crews: Infinity,
      group: (sim, reps, fps, streams) =>
        activePassive({
          standby: 'cold',
          coverage: 0.7,
          manualRecovery: makeSampler({ dist: 'exponential', mean: 0.25 }, streams.stream('svc.manual')),
        })(sim, reps, fps, streams),
    });
    expectCovers(a, chain.availability, 0.006);
    expectCovers(f, chain.outageFrequency, 0.02);
  });

  for (const standby of ['hot', 'cold'] as const) {
    it(`${standby} standby, coverage 0.7, exponential manual recovery and promotion (test-helper chain)`, () => {
      const exact = activePassivePair({ standby, lambda: 1, mu: 2, crews: 1, coverage: 0.7, manualRate: 4, promotionRate: 10 }).availability;
      const { a } = availability(`${standby}-full`, {
        n: 2,
        lambda: 1,
        mttr: 0.5,
        crews: 1,
        group: (sim, reps, fps, streams) =>
          activePassive({
            standby,
            coverage: 0.7,
            manualRecovery: makeSampler({ dist: 'exponential', mean: 0.25 }, streams.stream('svc.manual')),
            promotionDelay: makeSampler({ dist: 'exponential', mean: 0.1 }, streams.stream('svc.promotion')),
          })(sim, reps, fps, streams),
      });
      expectCovers(a, exact, 0.008);
    });
  }
});
