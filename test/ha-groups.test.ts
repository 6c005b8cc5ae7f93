import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/index.js';
import { Replica } from '../src/components/replica.js';
import { FailureProcess, FaultTimeline, type ScheduledFault } from '../src/components/failure/index.js';
import { ActiveActiveGroup, ActivePassiveGroup, QuorumGroup, type ActivePassiveConfig } from '../src/components/groups/index.js';
import type { ReplicaGroup } from '../src/components/replica-group.js';
import { AvailabilityMonitor } from '../src/metrics/index.js';

const constant = (v: number) => (): number => v;

function replicas(sim: Simulation, service: string, n: number): Replica[] {
  return Array.from({ length: n }, (_, i) => new Replica(sim, service, i));
}

function faults(sim: Simulation, service: string, reps: Replica[], list: Omit<ScheduledFault, 'service'>[]): void {
  new FaultTimeline(sim, list.map((f) => ({ ...f, service })), { services: new Map([[service, reps]]) });
}

/** Logs `time:routable names:available` after every change of the group. */
function groupLog(sim: Simulation, g: ReplicaGroup): string[] {
  const log: string[] = [];
  g.onChange(() => log.push(`${+sim.now.toFixed(9)}:[${g.routable().map((r) => r.index).join(',')}]:${g.available ? 'up' : 'down'}`));
  return log;
}

describe('ActiveActiveGroup', () => {
  it('without health checks, routes to exactly the up replicas', () => {
    const sim = new Simulation();
    const reps = replicas(sim, 'web', 2);
    const g = new ActiveActiveGroup(sim, { name: 'web', replicas: reps });
    const log = groupLog(sim, g);
    faults(sim, 'web', reps, [
      { at: 10, for: 5, replica: 0 },
      { at: 12, for: 1, replica: 1 },
      { at: 20, for: 5, replica: 1, mode: 'slow', factor: 3 },
    ]);
    sim.run();
    expect(log).toEqual(['10:[1]:up', '12:[]:down', '13:[1]:up', '15:[0,1]:up']);
  });

  it('health checks: a dead replica keeps receiving traffic until unhealthyThreshold failed probes', () => {
    const sim = new Simulation();
    const reps = replicas(sim, 'web', 3);
    const g = new ActiveActiveGroup(sim, {
      name: 'web',
      replicas: reps,
      minHealthy: 3,
      healthCheck: { interval: 10, unhealthyThreshold: 3, healthyThreshold: 2 },
    });
    const log = groupLog(sim, g);
    const mon = AvailabilityMonitor.watch(sim, g);
    // Probes at 30, 40, 50 fail -> out at 50; repaired at 125, probes 130, 140 pass -> back at 140.
    faults(sim, 'web', reps, [{ at: 25, for: 100, replica: 0 }]);
    sim.run({ until: 200 });
    expect(log).toEqual(['25:[0,1,2]:down', '50:[1,2]:down', '140:[0,1,2]:up']);
    expect(mon.downtime()).toBe(115);
    expect(g.removals).toBe(1);
    // Probes run only while they can change something: 3 + 2 probes.
    expect(sim.eventCount).toBe(2 + 5);
  });

  it('health checks are exact for flapping replicas (a passed probe resets the count)', () => {
    const run = (upAgainAt: number, downAgainAt: number): string[] => {
      const sim = new Simulation();
      const reps = replicas(sim, 'web', 2);
      const g = new ActiveActiveGroup(sim, { name: 'web', replicas: reps, healthCheck: { interval: 10, unhealthyThreshold: 3, phase: 0 } });
      const log: string[] = [];
      g.onChange(() => log.push(`${sim.now}:[${g.routable().map((r) => r.index).join(',')}]`));
      faults(sim, 'web', reps, [
        { at: 30, for: upAgainAt - 30, replica: 0 }, // a failure at a probe instant: that probe sees it
        { at: downAgainAt, for: 1000, replica: 0 },
      ]);
      sim.run({ until: 500 });
      return log;
    };
    // No probe between 33 and 37: failed probes at 30, 40, 50 -> out at 50.
    expect(run(33, 37)).toEqual(['50:[1]']);
    // Probe at 40 passes: the count restarts at 50 -> out at 70.
    expect(run(35, 45)).toEqual(['70:[1]']);
  });

  it('validates minHealthy and the health-check config', () => {
    const sim = new Simulation();
    const reps = replicas(sim, 'web', 2);
    expect(() => new ActiveActiveGroup(sim, { name: 'web', replicas: reps, minHealthy: 3 })).toThrow(
      'active-active group "web": minHealthy must be <= the number of replicas 2, got 3',
    );
    expect(() => new ActiveActiveGroup(sim, { name: 'web', replicas: reps, healthCheck: { interval: 0 } })).toThrow(
      'active-active group "web": healthCheck.interval must be a finite number > 0, got 0',
    );
  });
});

describe('ActivePassiveGroup (deterministic)', () => {
  function setup(config: Omit<ActivePassiveConfig, 'name' | 'replicas'>, list: Omit<ScheduledFault, 'service'>[], n = 2) {
    const sim = new Simulation();
    const reps = replicas(sim, 'db', n);
    const g = new ActivePassiveGroup(sim, { name: 'db', replicas: reps, ...config });
    const log = groupLog(sim, g);
    const mon = AvailabilityMonitor.watch(sim, g);
    faults(sim, 'db', reps, list);
    return { sim, reps, g, log, mon };
  }

  it('heartbeat detection at the missed-th missed beat, then promotion; the dead primary is routable until detected', () => {
    const { sim, g, log, mon } = setup(
      { detection: { kind: 'heartbeat', interval: 1, missed: 3 }, promotionDelay: constant(5) },
      [{ at: 100.3, for: 3600, replica: 0 }],
    );
    sim.run({ until: 10000 });
    // beats at 101, 102, 103 missed -> detected at 103; promoted at 108
    expect(log).toEqual(['100.3:[0]:down', '103:[]:down', '108:[1]:up']);
    expect(g.failovers).toBe(1);
    expect(g.meanFailoverTime()).toBeCloseTo(7.7, 9);
    expect(mon.downtime()).toBeCloseTo(7.7, 9);
    expect(mon.outages).toBe(1);
    expect(g.primary?.index).toBe(1); // non-revertive: the repaired replica 0 is a standby
  });

  it('a failure at a heartbeat instant is detected after exactly (missed − 1)·interval', () => {
    const { sim, log } = setup({ detection: { kind: 'heartbeat', interval: 2, missed: 3, phase: 0.5 } }, [{ at: 100.5, for: 50, replica: 0 }]);
    sim.run({ until: 1000 });
    expect(log).toEqual(['100.5:[0]:down', '104.5:[]:down', '104.5:[1]:up']);
  });

  it('a primary back before detection causes no failover; a flap without a received beat keeps the missed count', () => {
    const a = setup({ detection: { kind: 'heartbeat', interval: 1, missed: 3 } }, [{ at: 100.3, for: 1.5, replica: 0 }]);
    a.sim.run({ until: 1000 });
    expect(a.log).toEqual(['100.3:[0]:down', '101.8:[0]:up']);
    expect(a.g.failovers).toBe(0);
    // down 100.3, up 101.2, down 101.6 (no beat in between): beats 101, (102), 103 missed -> detected at 103
    const b = setup({ detection: { kind: 'heartbeat', interval: 1, missed: 3 } }, [
      { at: 100.3, for: 0.9, replica: 0 },
      { at: 101.6, for: 10, replica: 0 },
    ]);
    b.sim.run({ until: 1000 });
    expect(b.log.at(-2)).toBe('103:[]:down');
  });

  it('a random detection delay is drawn afresh at each failure of the primary', () => {
    const delays = [7, 30, 2];
    let i = 0;
    const { sim, g, log } = setup({ detection: { kind: 'random', delay: () => delays[i++]! }, failback: 'none' }, [
      { at: 100, for: 1000, replica: 0 },
      { at: 2000, for: 100, replica: 1 },
      { at: 4000, for: 100, replica: 0 },
    ]);
    sim.run({ until: 6000 });
    expect(i).toBe(3);
    expect(log.filter((l) => l.endsWith(':up'))).toEqual(['107:[1]:up', '2030:[0]:up', '4002:[1]:up']);
    expect(g.failovers).toBe(3);
    expect(g.meanFailoverTime()).toBeCloseTo((7 + 30 + 2) / 3, 12);
    expect(() => setup({ detection: { kind: 'random', delay: 5 as unknown as () => number } }, [])).toThrow(/detection\.delay/);
  });

  it('a failed failover (coverage 0) waits for manual recovery', () => {
    const { sim, g, mon } = setup(
      { detection: { kind: 'fixed', delay: 10 }, coverage: 0, manualRecovery: constant(600) },
      [{ at: 1000, for: 60, replica: 0 }],
    );
    sim.run({ until: 5000 });
    expect(g.failovers).toBe(1);
    expect(g.failedFailovers).toBe(1);
    expect(mon.downtime()).toBe(610);
    expect(g.meanFailoverTime()).toBe(610);
    // manual recovery puts the first up replica in service: replica 0 came back at 1060
    expect(g.primary?.index).toBe(0);
  });

  it('with no standby up the service waits for a repair, then promotes the repaired replica', () => {
    const { sim, g, log, mon } = setup({ detection: { kind: 'fixed', delay: 10 }, promotionDelay: constant(5) }, [
      { at: 50, for: 1000, replica: 1 },
      { at: 100, for: 200, replica: 0 },
    ]);
    sim.run({ until: 5000 });
    expect(log).toEqual(['100:[0]:down', '110:[]:down', '305:[0]:up']);
    expect(g.noStandbyFailures).toBe(1);
    expect(g.failovers).toBe(0);
    expect(mon.downtime()).toBe(205);
  });

  it('warm standbys add a start-up delay; automatic failback switches back with an outage', () => {
    const { sim, g, log, mon } = setup(
      {
        standby: 'warm',
        startupDelay: constant(20),
        detection: { kind: 'fixed', delay: 10 },
        promotionDelay: constant(5),
        failback: 'auto',
        failbackDelay: constant(60),
        failbackOutage: constant(2),
      },
      [{ at: 1000, for: 3600, replica: 0 }],
    );
    sim.run({ until: 10000 });
    expect(log).toEqual(['1000:[0]:down', '1010:[]:down', '1035:[1]:up', '4660:[]:down', '4662:[0]:up']);
    expect(g.failbacks).toBe(1);
    expect(mon.outages).toBe(2);
    expect(mon.downtime()).toBe(37);
    expect(g.meanFailoverTime()).toBe(35);
  });

  it('cold standbys do not fail while idle; the promoted one starts its failure clock', () => {
    const sim = new Simulation();
    const reps = replicas(sim, 'db', 2);
    const fps = reps.map((r, i) => new FailureProcess(sim, r, { ttf: constant(i === 0 ? 100 : 30), ttr: constant(1000) }));
    const g = new ActivePassiveGroup(sim, { name: 'db', replicas: reps, standby: 'cold', failureProcesses: fps });
    const log = groupLog(sim, g);
    sim.run({ until: 1200 });
    // replica 1 idles until 100 (no failure at 30), then serves and fails at 130; replica 0 is back
    // at 1100. (Detection and promotion take no time: each instant shows the intermediate states.)
    expect(log).toEqual(['100:[0]:down', '100:[]:down', '100:[1]:up', '130:[1]:down', '130:[]:down', '1100:[0]:up']);
    expect(fps[1]!.failures).toBe(1);
    expect(g.noStandbyFailures).toBe(1);
  });

  it('validates its config', () => {
    const sim = new Simulation();
    const reps = replicas(sim, 'db', 2);
    expect(() => new ActivePassiveGroup(sim, { name: 'db', replicas: reps, coverage: 0.9 })).toThrow(
      'active-passive group "db": coverageRng must be a random number generator () => [0, 1), got undefined',
    );
    expect(() => new ActivePassiveGroup(sim, { name: 'db', replicas: reps, coverage: 0 })).toThrow(
      'active-passive group "db": manualRecovery is required when coverage < 1, got coverage 0',
    );
    expect(() => new ActivePassiveGroup(sim, { name: 'db', replicas: reps, detection: { kind: 'heartbeat', interval: 1, missed: 0 } })).toThrow(
      'active-passive group "db": detection.missed must be an integer >= 1, got 0',
    );
    expect(() => new ActivePassiveGroup(sim, { name: 'db', replicas: reps, startupDelay: constant(1) })).toThrow(/startupDelay is only allowed/);
  });
});

describe('QuorumGroup', () => {
  it('is available while at least k replicas are up; routes to up replicas only then', () => {
    const sim = new Simulation();
    const reps = replicas(sim, 'kv', 5);
    const g = new QuorumGroup(sim, { name: 'kv', replicas: reps, k: 3 });
    const log = groupLog(sim, g);
    faults(sim, 'kv', reps, [
      { at: 10, for: 100, replica: [0, 1] },
      { at: 20, for: 10, replica: 4 },
      { at: 40, for: 10, replica: 2, mode: 'slow', factor: 2 },
    ]);
    sim.run();
    // a fault on two replicas takes them down (and back) one after the other at the same instant
    expect(log).toEqual(['10:[1,2,3,4]:up', '10:[2,3,4]:up', '20:[]:down', '30:[2,3,4]:up', '110:[0,2,3,4]:up', '110:[0,1,2,3,4]:up']);
    expect(() => new QuorumGroup(sim, { name: 'kv', replicas: reps, k: 6 })).toThrow('quorum group "kv": k must be <= the number of replicas 5, got 6');
  });
});
