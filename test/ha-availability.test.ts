import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/index.js';
import { Replica } from '../src/components/replica.js';
import { FaultTimeline } from '../src/components/failure/index.js';
import { AvailabilityMonitor, StateTime, SECONDS_PER_365_DAYS } from '../src/metrics/index.js';

/** Drives a monitor through a script of [time, up] changes. */
function scripted(initiallyUp: boolean, script: [number, boolean][], resetAt?: number): { sim: Simulation; mon: AvailabilityMonitor } {
  const sim = new Simulation();
  const mon = new AvailabilityMonitor(sim, initiallyUp);
  for (const [t, up] of script) sim.scheduleAt(t, () => mon.set(up));
  if (resetAt !== undefined) sim.scheduleAt(resetAt, () => mon.resetStats());
  return { sim, mon };
}

describe('AvailabilityMonitor', () => {
  it('time availability, downtime per year, outages, mean outage and MTBF', () => {
    const { sim, mon } = scripted(true, [
      [100, false],
      [130, true],
      [500, false],
      [510, true],
    ]);
    sim.run({ until: 1000 });
    expect(mon.uptime()).toBe(960);
    expect(mon.downtime()).toBe(40);
    expect(mon.availability()).toBe(0.96);
    expect(mon.downtimePerYear()).toBeCloseTo(0.04 * SECONDS_PER_365_DAYS, 6);
    expect(mon.outages).toBe(2);
    expect(mon.failures).toBe(2);
    expect(mon.meanOutageDuration()).toBe(20);
    expect(mon.longestOutage()).toBe(30);
    expect(mon.mtbf()).toBe(480);
  });

  it('an outage in progress at reset counts from the reset (but not as a failure)', () => {
    const { sim, mon } = scripted(true, [
      [100, false],
      [200, true],
      [300, false],
    ], 150);
    sim.run({ until: 400 });
    // window [150, 400]: down 150..200 and 300..400
    expect(mon.observed()).toBe(250);
    expect(mon.downtime()).toBe(150);
    expect(mon.availability()).toBeCloseTo(100 / 250, 12);
    expect(mon.outages).toBe(2);
    expect(mon.failures).toBe(1);
    expect(mon.meanOutageDuration()).toBe(75);
    expect(mon.longestOutage()).toBe(100);
    expect(mon.mtbf()).toBe(100);
  });

  it('a window starting down counts one outage; no failure gives MTBF = Infinity', () => {
    const { sim, mon } = scripted(false, [[50, true]]);
    sim.run({ until: 200 });
    expect([mon.outages, mon.failures, mon.downtime(), mon.mtbf()]).toEqual([1, 0, 50, Infinity]);
    const empty = new AvailabilityMonitor(new Simulation(), true);
    expect([empty.availability(), empty.meanOutageDuration(), empty.outages]).toEqual([1, NaN, 0]);
  });

  it('ignores zero-length outages (down and up at the same instant)', () => {
    const { sim, mon } = scripted(true, [
      [10, false],
      [10, true],
      [20, false],
      [25, true],
    ]);
    sim.run({ until: 100 });
    expect([mon.outages, mon.failures, mon.downtime()]).toEqual([1, 1, 5]);
  });

  it('watches a replica through a fault timeline', () => {
    const sim = new Simulation();
    const r = new Replica(sim, 'db', 0);
    const mon = AvailabilityMonitor.watchUp(sim, r);
    new FaultTimeline(sim, [
      { at: 3600, for: 600, service: 'db', replica: 0 },
      { at: 3900, for: 600, service: 'db', replica: 0 }, // overlaps: one outage 3600..4500
      { at: 7200, for: 60, service: 'db', replica: 0, mode: 'slow', factor: 3 }, // slow is up
    ], { services: new Map([['db', [r]]]) });
    sim.run({ until: 86400 });
    expect([mon.outages, mon.downtime()]).toEqual([1, 900]);
  });
});

describe('StateTime', () => {
  it('time and fraction per replica mode, resettable', () => {
    const sim = new Simulation();
    const r = new Replica(sim, 'db', 0);
    const st = StateTime.watch(sim, r);
    new FaultTimeline(sim, [
      { at: 10, for: 20, service: 'db', replica: 0, mode: 'slow', factor: 2 },
      { at: 20, for: 5, service: 'db', replica: 0 },
      { at: 60, for: 10, service: 'db', replica: 0, mode: 'erroring', errorRate: 0.1 },
    ], { services: new Map([['db', [r]]]) });
    sim.run({ until: 100 });
    expect(Object.fromEntries(st.times())).toEqual({ up: 70, slow: 15, down: 5, erroring: 10 });
    expect(st.fraction('slow')).toBe(0.15);
    expect(st.entriesOf('slow')).toBe(2);
    sim.scheduleAt(100, () => st.resetStats());
    sim.run({ until: 150 });
    expect([st.fraction('up'), st.time('down'), st.entriesOf('up')]).toEqual([1, 0, 1]);
  });
});
