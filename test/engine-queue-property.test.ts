// Randomized property test of the event queue against a sorted reference: many equal times and
// priorities, cancels (fresh and stale handles), interleaved pushes and pops, enough cancels to
// trigger compaction, and pushes right after a pop (the queue's deferred-removal path).
// Seeded (a small xorshift generator), so every failure is reproducible.
import { describe, it, expect } from 'vitest';
import { xorshift } from './helpers/xorshift.js';
import { EventQueue } from '../src/engine/event-queue.js';

interface Ref {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly id: number;
  readonly handle: number;
}

const byOrder = (a: Ref, b: Ref): number => a.time - b.time || a.priority - b.priority || a.seq - b.seq;

/** Runs `ops` random operations; returns the ids popped, checked against the reference as it goes. */
function runScenario(seed: number, ops: number, distinctTimes: number, cancelRate: number): number {
  const rnd = xorshift(seed);
  const q = new EventQueue(16);
  const live: Ref[] = [];
  const dead: number[] = []; // handles of fired or cancelled events
  const noop = (): void => {};
  let now = 0;
  let seq = 0;
  let popped = 0;
  const pop = (): void => {
    live.sort(byOrder);
    const expected = live.shift();
    // Skip cancelled entries the way the kernel does.
    let slot = q.popSlot();
    while (slot >= 0 && q.fns[slot] === null) {
      q.release(slot);
      slot = q.popSlot();
    }
    if (expected === undefined) {
      expect(slot).toBe(-1);
      return;
    }
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(q.args[slot]).toBe(expected.id);
    q.release(slot);
    now = expected.time;
    dead.push(expected.handle);
    popped++;
  };
  const push = (): void => {
    // Times on a coarse grid ahead of now: many ties in time, and in priority within a time.
    const time = now + Math.floor(rnd() * distinctTimes);
    const priority = Math.floor(rnd() * 3) * 2; // 0, 2, 4
    const id = seq;
    const handle = q.push(time, priority, noop, id);
    live.push({ time, priority, seq: seq++, id, handle });
  };
  for (let k = 0; k < ops; k++) {
    const u = rnd();
    if (u < 0.45) push();
    else if (u < 0.45 + cancelRate && live.length > 0) {
      const i = Math.floor(rnd() * live.length);
      const victim = live[i]!;
      live.splice(i, 1);
      expect(q.isPending(victim.handle)).toBe(true);
      expect(q.cancel(victim.handle)).toBe(true);
      expect(q.isPending(victim.handle)).toBe(false);
      dead.push(victim.handle);
    } else if (u < 0.5 + cancelRate && dead.length > 0) {
      // A stale handle never cancels anything, even when its slot has been reused.
      const h = dead[Math.floor(rnd() * dead.length)]!;
      expect(q.cancel(h)).toBe(false);
    } else {
      pop();
      if (rnd() < 0.5) push(); // the fired event schedules its successor
    }
    expect(q.size).toBe(live.length);
    if ((k & 63) === 0) {
      const min = live.length === 0 ? Infinity : Math.min(...live.map((r) => r.time));
      expect(q.peekTime()).toBe(min);
    }
  }
  while (live.length > 0) pop();
  pop(); // empty: -1
  expect(q.size).toBe(0);
  expect(q.peekTime()).toBe(Infinity);
  return popped;
}

describe('EventQueue against a sorted reference (randomized, seeded)', () => {
  it('pops in (time, priority, insertion) order with heavy ties, interleaved pushes, pops and cancels', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const popped = runScenario(seed, 3000, 1 + (seed % 5), 0.1);
      expect(popped).toBeGreaterThan(500);
    }
  });

  it('stays ordered through compaction (many cancels in a large queue)', () => {
    const rnd = xorshift(7);
    const q = new EventQueue(16);
    const noop = (): void => {};
    const refs: Ref[] = [];
    for (let i = 0; i < 20000; i++) {
      const time = Math.floor(rnd() * 50);
      const priority = Math.floor(rnd() * 4);
      refs.push({ time, priority, seq: i, id: i, handle: q.push(time, priority, noop, i) });
    }
    // Pop one first, then cancel enough to trigger compaction.
    const first = [...refs].sort(byOrder)[0]!;
    const s0 = q.popSlot();
    expect(q.args[s0]).toBe(first.id);
    q.release(s0);
    const kept = refs.filter((r) => r !== first && (r.id % 5 === 0 || rnd() < 0.2));
    const keptIds = new Set(kept.map((r) => r.id));
    for (const r of refs) if (r !== first && !keptIds.has(r.id)) expect(q.cancel(r.handle)).toBe(true);
    expect(q.size).toBe(kept.length);
    kept.sort(byOrder);
    const out: number[] = [];
    for (;;) {
      const s = q.popSlot();
      if (s < 0) break;
      if (q.fns[s] !== null) out.push(q.args[s] as number);
      q.release(s);
    }
    expect(out).toEqual(kept.map((r) => r.id));
  });
});
