import { describe, it, expect } from 'vitest';
import { Simulation, Priority, SimulationError } from '../src/engine/index.js';
import { EventQueue } from '../src/engine/event-queue.js';

describe('event ordering', () => {
  it('orders by time, then priority, then insertion sequence', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const rec = (s: string) => log.push(`${sim.now}:${s}`);
    sim.schedule(2, rec, 'b-normal');
    sim.schedule(1, rec, 'a');
    sim.schedule(2, rec, 'b-arrival', Priority.ARRIVAL);
    sim.schedule(2, rec, 'b-release', Priority.RELEASE);
    sim.schedule(2, rec, 'b-normal-2');
    sim.schedule(2, rec, 'b-repair', Priority.REPAIR);
    sim.schedule(0, rec, 'zero');
    sim.run();
    expect(log).toEqual(['0:zero', '1:a', '2:b-repair', '2:b-release', '2:b-normal', '2:b-normal-2', '2:b-arrival']);
  });

  it('keeps FIFO order among many equal-time events (heap stability through the sequence key)', () => {
    const sim = new Simulation();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) sim.schedule(i % 3, (x: number) => out.push(x), i);
    sim.run();
    const expected = [...Array(5000).keys()].sort((a, b) => (a % 3) - (b % 3) || a - b);
    expect(out).toEqual(expected);
  });

  it('cancels in O(1); stale handles are ignored; pending count excludes cancelled', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const h1 = sim.schedule(1, (x: number) => log.push(x), 1);
    const h2 = sim.schedule(2, (x: number) => log.push(x), 2);
    sim.schedule(3, (x: number) => log.push(x), 3);
    expect(sim.pending).toBe(3);
    expect(sim.cancel(h2)).toBe(true);
    expect(sim.cancel(h2)).toBe(false);
    expect(sim.pending).toBe(2);
    sim.run();
    expect(log).toEqual([1, 3]);
    expect(sim.cancel(h1)).toBe(false); // already fired
  });

  it('a stale handle never cancels a newer event that reuses its slot', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const h = sim.schedule(1, () => log.push('first'));
    sim.run();
    sim.schedule(1, () => log.push('second')); // reuses the slot
    expect(sim.cancel(h)).toBe(false);
    sim.run();
    expect(log).toEqual(['first', 'second']);
  });

  it('survives heavy cancellation (compaction) with the right order', () => {
    const q = new EventQueue(16);
    const handles: number[] = [];
    const noop = () => {};
    for (let i = 0; i < 20000; i++) handles.push(q.push((i * 7919) % 10007, 4, noop, i));
    for (let i = 0; i < 20000; i++) if (i % 4 !== 0) q.cancel(handles[i]!);
    expect(q.size).toBe(5000);
    const seen: number[] = [];
    for (;;) {
      const s = q.popSlot();
      if (s < 0) break;
      const fn = q.fns[s];
      if (fn !== null) seen.push(q.args[s] as number);
      q.release(s);
    }
    expect(seen.length).toBe(5000);
    const keys = seen.map((i) => (i * 7919) % 10007);
    for (let i = 1; i < keys.length; i++) expect(keys[i]! >= keys[i - 1]!).toBe(true);
    expect(seen.every((i) => i % 4 === 0)).toBe(true);
  });

  it('run(until) leaves events at until pending and sets the clock; step() processes one', () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (const t of [1, 2, 3]) sim.schedule(t, () => log.push(t));
    sim.run({ until: 2 });
    expect(log).toEqual([1]);
    expect(sim.now).toBe(2);
    expect(sim.step()).toBe(true);
    expect(log).toEqual([1, 2]);
    sim.run();
    expect(log).toEqual([1, 2, 3]);
    expect(sim.step()).toBe(false);
  });

  it('stop() ends the run after the current event', () => {
    const sim = new Simulation();
    const log: number[] = [];
    sim.schedule(1, () => { log.push(1); sim.stop(); });
    sim.schedule(2, () => log.push(2));
    sim.run({ until: 10 });
    expect(log).toEqual([1]);
    expect(sim.now).toBe(1);
  });
});

describe('guards', () => {
  it('stops a model that keeps scheduling at the same instant, naming time and component', () => {
    const sim = new Simulation({ sameInstantLimit: 1000 });
    function spinner(): void { sim.schedule(0, spinner); }
    sim.schedule(5, spinner);
    expect(() => sim.run()).toThrowError(SimulationError);
    try {
      const s2 = new Simulation({ sameInstantLimit: 1000 });
      function looper(): void { s2.schedule(0, looper); }
      s2.schedule(5, looper);
      s2.run();
    } catch (e) {
      const err = e as SimulationError;
      expect(err.simTime).toBe(5);
      expect(err.component).toBe('looper');
      expect(err.message).toMatch(/same instant.*t=5 s in looper/);
    }
  });

  it('the same-instant guard: never before the limit, and within 2·min(1024, limit) events after it', () => {
    for (const limit of [1, 7, 1000, 5000]) {
      // Exactly `limit` events at t=5 (then time moves on): allowed, whatever the checkpoint phase.
      for (const before of [0, 3, limit - 1, 1023]) {
        const ok = new Simulation({ sameInstantLimit: limit });
        let n = 0;
        const tick = (): void => { if (++n < before) ok.schedule(1, tick); };
        if (before > 0) ok.schedule(0.5, tick);
        let k = 0;
        const burst = (): void => { if (++k < limit) ok.schedule(0, burst); else ok.schedule(1, () => {}); };
        ok.schedule(5000, burst);
        ok.run();
        expect(k).toBe(limit);
      }
      // An endless storm at t=5: stopped no earlier than its (limit+1)-th event, and at most 2·period events later.
      const sim = new Simulation({ sameInstantLimit: limit });
      let spins = 0;
      function spin(): void { spins++; sim.schedule(0, spin); }
      sim.schedule(5, spin);
      expect(() => sim.run()).toThrowError(/same instant/);
      const period = Math.min(1024, limit);
      expect(spins).toBeGreaterThanOrEqual(limit);
      expect(spins).toBeLessThanOrEqual(limit + 2 * period);
      expect(sim.now).toBe(5);
    }
  });

  it('rejects a maxEvents that is not a number ≥ 0 (NaN would switch every guard off)', () => {
    const sim = new Simulation();
    sim.schedule(1, () => {});
    expect(() => sim.run({ maxEvents: NaN })).toThrowError(/maxEvents/);
    expect(() => sim.run({ maxEvents: -1 })).toThrowError(/maxEvents/);
    sim.run({ maxEvents: 1 });
    expect(sim.now).toBe(1);
  });

  it('rejects a sameInstantLimit that is not an integer ≥ 1', () => {
    expect(() => new Simulation({ sameInstantLimit: 0 })).toThrowError(/sameInstantLimit/);
    expect(() => new Simulation({ sameInstantLimit: 2.5 })).toThrowError(/sameInstantLimit/);
  });

  it('maxEvents is exact: the (maxEvents+1)-th event does not run', () => {
    for (const maxEvents of [1, 1023, 1024, 1025, 5000]) {
      const sim = new Simulation();
      let ran = 0;
      const fire = (): void => { ran++; sim.schedule(0.001, fire); };
      sim.schedule(1, fire);
      expect(() => sim.run({ maxEvents })).toThrowError(/maxEvents/);
      expect(ran).toBe(maxEvents);
    }
  });

  it('stops when maxEvents is exceeded', () => {
    const sim = new Simulation();
    const tick = { name: 'ticker', go: () => {} };
    const fire = (x: typeof tick) => { sim.schedule(1, fire, x); };
    sim.schedule(1, fire, tick);
    expect(() => sim.run({ maxEvents: 100 })).toThrowError(/maxEvents=100.*t=101 s in ticker/);
  });

  it('an error in a callback stops the run with the time and the component', () => {
    const sim = new Simulation();
    sim.schedule(3.5, function breaker() { throw new Error('boom'); });
    expect(() => sim.run()).toThrowError(/boom \(at t=3.5 s in breaker\)/);
  });

  it('rejects negative, NaN and infinite delays', () => {
    const sim = new Simulation();
    expect(() => sim.schedule(-1, () => {})).toThrowError(/delay -1/);
    expect(() => sim.schedule(NaN, () => {})).toThrowError(/delay NaN/);
    expect(() => sim.schedule(Infinity, () => {})).toThrowError(/delay Infinity/);
  });
});
