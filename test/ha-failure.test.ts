import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/index.js';
import { RandomStreams, makeSampler } from '../src/random/index.js';
import { renewalAvailability } from '../src/analysis/index.js';
import { Replica } from '../src/components/replica.js';
import { FailureProcess, RepairCrews, Zone, FaultTimeline } from '../src/components/failure/index.js';
import { ActiveActiveGroup } from '../src/components/groups/index.js';
import { AvailabilityMonitor } from '../src/metrics/index.js';
import { replicate, expectCovers } from './helpers/replications.js';

const constant = (v: number) => (): number => v;

function modeLog(sim: Simulation, replicas: Replica[]): string[] {
  const log: string[] = [];
  for (const r of replicas) r.onChange((rep) => log.push(`${sim.now}:${rep.name}:${rep.mode}`));
  return log;
}

describe('FailureProcess (deterministic)', () => {
  it('alternates constant up and repair times; the monitor gives exact downtime, outages and MTBF', () => {
    const sim = new Simulation();
    const r = new Replica(sim, 'web', 0);
    const fp = new FailureProcess(sim, r, { ttf: constant(10), ttr: constant(2) });
    const mon = AvailabilityMonitor.watchUp(sim, r);
    sim.run({ until: 100 });
    // failures at 10, 22, 34, ..., 94; repairs 2 s later
    expect(fp.failures).toBe(8);
    expect(fp.repairs).toBe(8);
    expect(mon.downtime()).toBe(16);
    expect(mon.availability()).toBeCloseTo(0.84, 12);
    expect(mon.outages).toBe(8);
    expect(mon.meanOutageDuration()).toBe(2);
    expect(mon.mtbf()).toBe(84 / 8);
    expect(fp.meanTimeToRestore()).toBe(2);
  });

  it('a limited crew pool makes the second broken replica wait (FIFO)', () => {
    const sim = new Simulation();
    const crews = new RepairCrews(sim, { crews: 1, name: 'ops' });
    const reps = [0, 1, 2].map((i) => new Replica(sim, 'db', i));
    const log = modeLog(sim, reps);
    reps.forEach((r, i) => new FailureProcess(sim, r, { ttf: i === 2 ? constant(10.5) : constant(10), ttr: constant(3), crews }));
    sim.run({ until: 20 });
    expect(log).toEqual([
      '10:db[0]:down',
      '10:db[1]:down',
      '10.5:db[2]:down',
      '13:db[0]:up',
      '16:db[1]:up',
      '19:db[2]:up',
    ]);
    expect(crews.repairsStarted).toBe(3);
    expect(crews.meanWait()).toBeCloseTo((0 + 3 + 5.5) / 3, 12);
    expect(crews.busy).toBe(0);
    expect(() => new RepairCrews(sim, { crews: 0 })).toThrow(/crews must be an integer >= 1 or Infinity, got 0/);
  });

  it('slow and erroring failure modes degrade the replica until repaired', () => {
    const sim = new Simulation();
    const a = new Replica(sim, 'svc', 0);
    const b = new Replica(sim, 'svc', 1);
    new FailureProcess(sim, a, { ttf: constant(5), ttr: constant(1), modes: [{ mode: 'slow', probability: 1, factor: 4 }] });
    new FailureProcess(sim, b, { ttf: constant(5), ttr: constant(1), modes: [{ mode: 'erroring', probability: 1, errorRate: 0.3 }] });
    sim.run({ until: 5.5 });
    expect([a.mode, a.slowFactor, a.isUp]).toEqual(['slow', 4, true]);
    expect([b.mode, b.errorRate]).toEqual(['erroring', 0.3]);
    sim.run({ until: 6.5 });
    expect([a.mode, a.slowFactor, b.mode, b.errorRate]).toEqual(['up', 1, 'up', 0]);
  });

  it('chooses failure modes with the configured probabilities', () => {
    const sim = new Simulation();
    const streams = new RandomStreams(7);
    const r = new Replica(sim, 'svc', 0);
    const fp = new FailureProcess(sim, r, {
      ttf: constant(1),
      ttr: constant(1),
      modes: [
        { mode: 'crash', probability: 0.5 },
        { mode: 'slow', probability: 0.3, factor: 2 },
        { mode: 'erroring', probability: 0.2, errorRate: 0.5 },
      ],
      modeRng: streams.stream('svc[0].mode'),
    });
    sim.run({ until: 20000 });
    const n = fp.failures;
    expect(n).toBe(10000);
    for (const [mode, p] of [['crash', 0.5], ['slow', 0.3], ['erroring', 0.2]] as const) {
      const sd = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(fp.failuresOf(mode) / n - p)).toBeLessThan(4 * sd);
    }
  });

  it('pause freezes the operating-time clock and resume continues it', () => {
    const sim = new Simulation();
    const r = new Replica(sim, 'svc', 0);
    const fp = new FailureProcess(sim, r, { ttf: constant(10), ttr: constant(1) });
    const log = modeLog(sim, [r]);
    sim.schedule(4, () => fp.pause());
    sim.schedule(20, () => fp.resume());
    sim.run({ until: 27.5 });
    expect(log).toEqual(['26:svc[0]:down', '27:svc[0]:up']);
    const paused = new FailureProcess(sim, new Replica(sim, 'x', 0), { ttf: constant(1), ttr: constant(1), paused: true });
    sim.run({ until: 100 });
    expect(paused.failures).toBe(0);
  });

  it('validates its config, naming the field and the value', () => {
    const sim = new Simulation();
    const r = new Replica(sim, 'web', 3);
    expect(() => new FailureProcess(sim, r, { ttf: 5 as unknown as () => number, ttr: constant(1) })).toThrow(
      'failure process "web[3].failure": ttf must be a sampler function () => seconds, got 5',
    );
    expect(() => new FailureProcess(sim, r, { ttf: constant(1), ttr: constant(1), modes: [{ mode: 'crash', probability: 0.5 }] })).toThrow(
      /modes probabilities must sum to 1, got 0.5/,
    );
    expect(
      () =>
        new FailureProcess(sim, r, {
          ttf: constant(1),
          ttr: constant(1),
          modes: [{ mode: 'crash', probability: 0.5 }, { mode: 'slow', probability: 0.5, factor: 3 }],
        }),
    ).toThrow(/modeRng must be a random number generator/);
    expect(() => new FailureProcess(sim, r, { ttf: constant(1), ttr: constant(1), modes: [{ mode: 'slow', probability: 1, factor: 0.5 }] })).toThrow(
      /modes\[0\]\.factor must be a finite number > 1, got 0.5/,
    );
    const bad = new FailureProcess(sim, r, { ttf: constant(1), ttr: constant(-2) });
    expect(bad.state).toBe('up');
    expect(() => sim.run({ until: 5 })).toThrow(/ttr sampler returned -2/);
  });
});

describe('Zone and FaultTimeline (deterministic)', () => {
  it('a zone outage takes down every replica placed in it; an own crash outlasts the outage', () => {
    const sim = new Simulation();
    const zoneA = new Zone(sim, { name: 'a', outage: { ttf: constant(100), ttr: constant(10) } });
    const a0 = new Replica(sim, 'web', 0, 'a');
    const a1 = new Replica(sim, 'web', 1, 'a');
    const b2 = new Replica(sim, 'web', 2, 'b');
    zoneA.add(a0, a1);
    expect(() => zoneA.add(b2)).toThrow('zone "a": replica web[2] is placed in zone "b", not "a"');
    new FaultTimeline(sim, [{ at: 105, for: 10, service: 'web', replica: 0 }], { services: new Map([['web', [a0, a1, b2]]]) });
    const log = modeLog(sim, [a0, a1, b2]);
    sim.run({ until: 150 });
    expect(log).toEqual(['100:web[0]:down', '100:web[1]:down', '110:web[1]:up', '115:web[0]:up']);
    expect(zoneA.outages).toBe(1);
    expect(zoneA.downtime()).toBe(10);
    sim.run({ until: 215 });
    expect(a0.mode).toBe('down');
    expect(a0.downCauses).toEqual(['zone:a']);
    expect(zoneA.outages).toBe(2);
    expect(zoneA.downtime()).toBe(15);
  });

  it('plays a scripted fault timeline: exact downtime and outage counts of an active-active group', () => {
    const sim = new Simulation();
    const zones = new Map([['a', new Zone(sim, { name: 'a' })], ['b', new Zone(sim, { name: 'b' })]]);
    const web = [0, 1, 2].map((i) => new Replica(sim, 'web', i, i === 2 ? 'b' : 'a'));
    for (const r of web) zones.get(r.zone as string)!.add(r);
    const db = [new Replica(sim, 'db', 0), new Replica(sim, 'db', 1)];
    const group = new ActiveActiveGroup(sim, { name: 'web', replicas: web });
    const mon = AvailabilityMonitor.watch(sim, group);
    const tl = new FaultTimeline(
      sim,
      [
        { at: 3600, for: 7200, zone: 'a' },
        { at: 5400, for: 1800, service: 'web', replica: 2 }, // both zones' replicas down 5400..7200
        { at: 9000, for: 600, service: 'web', replica: [0, 1, 2], mode: 'crash' }, // all down 9000..9600
        { at: 100, for: 50, service: 'db', mode: 'slow', factor: 5 },
        { at: 120, for: 100, service: 'db', replica: 1, mode: 'erroring', errorRate: 0.25 },
      ],
      { zones, services: new Map([['web', web], ['db', db]]) },
    );
    sim.run({ until: 130 });
    expect([db[0]!.mode, db[0]!.slowFactor, db[1]!.mode, db[1]!.slowFactor, db[1]!.errorRate]).toEqual(['slow', 5, 'erroring', 5, 0.25]);
    expect(tl.activeFaults()).toEqual([3, 4]);
    sim.run({ until: 200 });
    expect([db[0]!.mode, db[1]!.mode]).toEqual(['up', 'erroring']);
    sim.run({ until: 86400 });
    expect(mon.outages).toBe(2);
    expect(mon.downtime()).toBe(1800 + 600);
    expect(mon.availability()).toBeCloseTo(1 - 2400 / 86400, 12);
    expect(mon.meanOutageDuration()).toBe(1200);
    expect(mon.longestOutage()).toBe(1800);
    expect(tl.started).toBe(5);
    expect(web.every((r) => r.isUp)).toBe(true);
  });

  it('a fault with for: Infinity is never cleared', () => {
    const sim = new Simulation();
    const r = new Replica(sim, 'web', 0);
    new FaultTimeline(sim, [{ at: 0, for: Infinity, service: 'web', replica: 0 }], { services: new Map([['web', [r]]]) });
    sim.run();
    expect([sim.now, r.mode, r.downCauses]).toEqual([0, 'down', ['fault:0']]);
  });

  it('rejects bad faults with the field and the value', () => {
    const sim = new Simulation();
    const web = [new Replica(sim, 'web', 0)];
    const targets = { zones: new Map([['a', new Zone(sim, { name: 'a' })]]), services: new Map([['web', web]]) };
    const mk = (f: object) => () => new FaultTimeline(sim, [f as never], targets);
    expect(mk({ at: 1, for: 1, zone: 'z' })).toThrow('faults[0].zone names an unknown zone "z" (known: a)');
    expect(mk({ at: 1, for: 1, service: 'web', replica: 3 })).toThrow(/faults\[0\]\.replica must be an integer in \[0, 0\].*got 3/);
    expect(mk({ at: 1, for: 1, service: 'web', mode: 'slow' })).toThrow(/faults\[0\]\.factor must be a finite number > 1 for mode 'slow', got undefined/);
    expect(mk({ at: 1, for: 1, service: 'web', mode: 'melt' })).toThrow(/faults\[0\]\.mode must be one of "crash", "slow", "erroring", got "melt"/);
    expect(mk({ at: -1, for: 1, zone: 'a' })).toThrow(/faults\[0\]\.at must be a finite number >= 0, got -1/);
    expect(mk({ at: 1, for: 1, zone: 'a', mode: 'crash' })).toThrow(/faults\[0\]\.mode is not allowed with zone/);
    expect(mk({ at: 1, for: 1 })).toThrow(/faults\[0\] needs a zone or a service/);
  });
});

describe('FailureProcess: alternating renewal availability (CI over replications)', () => {
  const T = 2000;
  const warmup = 10;
  function simulate(rep: number, ttfSpec: object, ttrSpec: object): number {
    const sim = new Simulation();
    const streams = new RandomStreams(`renewal-${rep}`);
    const r = new Replica(sim, 'svc', 0);
    new FailureProcess(sim, r, {
      ttf: makeSampler(ttfSpec as never, streams.stream('svc[0].ttf')),
      ttr: makeSampler(ttrSpec as never, streams.stream('svc[0].ttr')),
    });
    const mon = AvailabilityMonitor.watchUp(sim, r);
    sim.run({ until: warmup });
    mon.resetStats();
    sim.run({ until: warmup + T });
    return mon.availability();
  }
  const exact = renewalAvailability(1, 0.25); // 0.8

  it('exponential failures and repairs: A = MTTF / (MTTF + MTTR)', () => {
    const s = replicate(20, (rep) => simulate(rep, { dist: 'exponential', mean: 1 }, { dist: 'exponential', mean: 0.25 }));
    expectCovers(s, exact, 0.005);
  });

  it('Weibull failures and lognormal repairs of the same means give the same availability', () => {
    const s = replicate(20, (rep) =>
      simulate(rep, { dist: 'weibull', shape: 2, mean: 1 }, { dist: 'lognormal', mean: 0.25, cv: 1.5 }),
    );
    expectCovers(s, exact, 0.005);
  });
});

describe('state-level cost', () => {
  it('a year of 20 replicas with monthly failures takes a few hundred events', () => {
    const sim = new Simulation();
    const streams = new RandomStreams(1);
    const day = 86400;
    const crews = new RepairCrews(sim, { crews: 2 });
    const groups: ActiveActiveGroup[] = [];
    const processes: FailureProcess[] = [];
    for (let s = 0; s < 4; s++) {
      const reps = [0, 1, 2, 3, 4].map((i) => new Replica(sim, `s${s}`, i));
      reps.forEach((r) =>
        processes.push(
          new FailureProcess(sim, r, {
            ttf: makeSampler({ dist: 'exponential', mean: 30 * day }, streams.stream(`${r.name}.ttf`)),
            ttr: makeSampler({ dist: 'lognormal', mean: 3600, cv: 1 }, streams.stream(`${r.name}.ttr`)),
            crews,
          }),
        ),
      );
      groups.push(new ActiveActiveGroup(sim, { name: `s${s}`, replicas: reps, healthCheck: { interval: 10, unhealthyThreshold: 3, healthyThreshold: 2 } }));
    }
    const monitors = groups.map((g) => AvailabilityMonitor.watch(sim, g));
    sim.run({ until: 365 * day });
    const failures = processes.reduce((a, p) => a + p.failures, 0);
    expect(failures).toBeGreaterThan(180);
    expect(failures).toBeLessThan(310);
    // failure + repair + ~3 probes to take out + ~2 to put back per failure
    expect(sim.eventCount).toBeLessThan(8 * failures);
    expect(monitors.every((m) => m.availability() > 0.99)).toBe(true);
  });
});
