// Simulation.post (no handle) and the internal short handles (_scheduleShort / _cancelShort):
// same ordering as schedule, cancellation, stale handles ignored, and handles that stay below
// 2^31 (V8's small integers) however often a queue slot is reused.
import { describe, it, expect } from 'vitest';
import { Simulation, SimulationError } from '../src/engine/index.js';
import { Priority } from '../src/engine/priorities.js';

describe('post', () => {
  it('runs like schedule, in (time, priority, sequence) order, and returns nothing', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const r = sim.post(2, (s: string) => log.push(s), 'b');
    expect(r).toBeUndefined();
    sim.schedule(2, (s: string) => log.push(s), 'c');
    sim.post(1, (s: string) => log.push(s), 'a');
    sim.post(2, (s: string) => log.push(s), 'urgent', Priority.URGENT);
    sim.run();
    expect(log).toEqual(['a', 'urgent', 'b', 'c']);
    expect(sim.now).toBe(2);
  });

  it('rejects a bad delay or priority as schedule does', () => {
    const sim = new Simulation();
    expect(() => sim.post(-1, () => {})).toThrowError(SimulationError);
    expect(() => sim.post(NaN, () => {})).toThrowError(/delay NaN/);
    expect(() => sim.post(1, () => {}, undefined, 2.5)).toThrowError(/priority/);
  });
});

describe('short handles', () => {
  it('cancel a pending event; a fired or cancelled one is ignored', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const h1 = sim._scheduleShort(1, (x: number) => log.push(x), 1, Priority.NORMAL);
    const h2 = sim._scheduleShort(2, (x: number) => log.push(x), 2, Priority.NORMAL);
    expect(sim._cancelShort(h2)).toBe(true);
    expect(sim._cancelShort(h2)).toBe(false);
    sim.run();
    expect(log).toEqual([1]);
    expect(sim._cancelShort(h1)).toBe(false);
    expect(sim._cancelShort(-1)).toBe(false);
  });

  it('stay below 2^31 while a slot is reused many times, and each cancels its own event only', () => {
    const sim = new Simulation();
    let fired = 0;
    let handle = -1;
    // One pending event at a time: the same queue slot is reused on every step.
    const step = (k: number): void => {
      fired++;
      if (k === 0) return;
      const prev = handle;
      handle = sim._scheduleShort(1, step, k - 1, Priority.NORMAL);
      expect(handle).toBeLessThan(2 ** 31);
      expect(Number.isInteger(handle) && handle >= 0).toBe(true);
      // The previous handle (its event is the one running now) no longer cancels anything,
      // within 127 reuses of the slot.
      if (prev >= 0) expect(sim._cancelShort(prev)).toBe(false);
    };
    handle = sim._scheduleShort(1, step, 1000, Priority.NORMAL);
    sim.run();
    expect(fired).toBe(1001);
    expect(sim.now).toBe(1001);
  });

  it('full handles from schedule still tell a stale handle from a new one after any number of reuses', () => {
    const sim = new Simulation();
    const first = sim.schedule(1, () => {});
    sim.run();
    let last = -1;
    const again = (k: number): void => {
      if (k > 0) last = sim.schedule(1, again, k - 1);
    };
    again(300);
    sim.run({ until: sim.now + 200.5 }); // 200 reuses of the slot; one event still pending
    expect(sim.isPending(last)).toBe(true);
    expect(sim.cancel(first)).toBe(false);
    expect(sim.cancel(last)).toBe(true);
  });
});
