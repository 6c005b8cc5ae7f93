// The event queue's ladder (src/engine/event-queue.ts) against a plainly written reference queue:
// randomized differential runs (pushes of many time distributions, equal times, priorities
// 0..255, cancels of live and stale handles, clear, sizes swinging across the heap/ladder
// thresholds both ways) assert the very same sequence of fired events; plus edge cases.
// Seeded (xorshift), so every failure is reproducible.
import { describe, it, expect } from 'vitest';
import { xorshift } from './helpers/xorshift.js';
import { EventQueue, type EventQueueTuning } from '../src/engine/event-queue.js';
import { ReferenceQueue } from './helpers/reference-queue.js';

const noop = (): void => {};

interface Popped {
  readonly time: number;
  readonly id: number;
}

/** Pops the next live event the way the kernel does (skipping cancelled entries). */
function popLive(q: EventQueue | ReferenceQueue): Popped | undefined {
  for (;;) {
    if (q.rawLength === 0) return undefined;
    const time = q.topTime();
    const slot = q.popSlot();
    expect(slot).toBeGreaterThanOrEqual(0);
    const fn = q.fns[slot];
    const id = q.args[slot] as number;
    q.release(slot);
    if (fn !== null) return { time, id };
  }
}

/** A random delay from one of several shapes, many of them producing exactly equal times. */
function delay(rnd: () => number, shape: number): number {
  switch (shape) {
    case 0:
      return Math.floor(rnd() * 4); // coarse grid: heavy ties (incl. 0: the current instant)
    case 1:
      return -Math.log(1 - rnd()); // exponential
    case 2:
      return rnd() < 0.9 ? -0.001 * Math.log(1 - rnd()) : 1e7 * (1 + rnd()); // ms vs months
    case 3:
      return 0; // all at now
    case 4:
      return rnd() < 0.001 ? Infinity : rnd() * 100; // the odd event at +Infinity
    default:
      return Math.floor(-Math.log(1 - rnd()) * 1000) / 1024; // dyadic grid, ties
  }
}

/**
 * Runs `ops` random operations on both queues. The target size swings between 0 and `maxSize`
 * so that the ladder crosses its thresholds (heap → ladder → heap) several times.
 */
function differential(seed: number, ops: number, maxSize: number, tuning: EventQueueTuning): number {
  const rnd = xorshift(seed);
  const a = new ReferenceQueue();
  const b = new EventQueue(16, tuning);
  const live: { ha: number; hb: number }[] = [];
  const liveIndex = new Map<number, number>(); // id -> index in live
  const dead: { ha: number; hb: number }[] = [];
  const ids: number[] = [];
  let now = 0;
  let nextId = 0;
  let fired = 0;
  let shape = seed % 6;
  let target = maxSize;
  const removeLive = (id: number): { ha: number; hb: number } => {
    const i = liveIndex.get(id)!;
    const e = live[i]!;
    const lastId = ids[ids.length - 1]!;
    live[i] = live[live.length - 1]!;
    ids[i] = lastId;
    liveIndex.set(lastId, i);
    live.pop();
    ids.pop();
    liveIndex.delete(id);
    return e;
  };
  const push = (): void => {
    const t = now + delay(rnd, shape);
    const p = Math.floor(rnd() * 256);
    const id = nextId++;
    const ha = a.push(t, p, noop, id);
    const hb = b.push(t, p, noop, id);
    liveIndex.set(id, live.length);
    live.push({ ha, hb });
    ids.push(id);
  };
  const pop = (): void => {
    const x = popLive(a);
    const y = popLive(b);
    expect(y).toEqual(x);
    if (x !== undefined) {
      expect(x.time).toBeGreaterThanOrEqual(now);
      now = x.time === Infinity ? now : x.time;
      dead.push(removeLive(x.id));
      fired++;
    }
  };
  for (let k = 0; k < ops; k++) {
    if (k % 997 === 0) shape = Math.floor(rnd() * 6);
    if (live.length >= target) target = 0;
    else if (live.length === 0) target = 1 + Math.floor(rnd() * maxSize);
    const growing = target > live.length;
    const u = rnd();
    if (u < (growing ? 0.6 : 0.3)) push();
    else if (u < (growing ? 0.7 : 0.4) && live.length > 0) {
      const id = ids[Math.floor(rnd() * ids.length)]!;
      const e = removeLive(id);
      expect(b.isPending(e.hb)).toBe(true);
      expect(a.cancel(e.ha)).toBe(true);
      expect(b.cancel(e.hb)).toBe(true);
      expect(b.isPending(e.hb)).toBe(false);
      dead.push(e);
    } else if (u < (growing ? 0.75 : 0.45) && dead.length > 0) {
      const e = dead[Math.floor(rnd() * dead.length)]!;
      expect(b.cancel(e.hb)).toBe(false);
      expect(b.isPending(e.hb)).toBe(false);
    } else if (u < 0.9995) {
      pop();
      if (rnd() < 0.5) push(); // the fired event schedules its successor
    } else {
      a.clear();
      b.clear();
      for (const e of live) dead.push(e);
      live.length = 0;
      ids.length = 0;
      liveIndex.clear();
    }
    expect(b.size).toBe(live.length);
    if ((k & 31) === 0) expect(b.peekTime()).toBe(a.peekTime());
  }
  for (;;) {
    const before = live.length;
    pop();
    if (live.length === before) break;
  }
  expect(live.length).toBe(0);
  expect(b.size).toBe(0);
  expect(b.peekTime()).toBe(Infinity);
  expect(b.popSlot()).toBe(-1);
  return fired;
}

const SMALL: EventQueueTuning = { heapMax: 16, heapMin: 4, bucketMax: 4, bucketLoad: 2 };

describe('EventQueue against a reference queue (randomized differential, seeded)', () => {
  it('fires the same events in the same order, small thresholds (many rungs, frequent mode switches)', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const fired = differential(seed, 6000, 8 + (seed % 5) * 40, SMALL);
      expect(fired).toBeGreaterThan(1000);
    }
  });

  it('same, with bucketMax 1 (every bucket of two or more becomes a rung, up to the rung limit)', () => {
    for (let seed = 101; seed <= 108; seed++) {
      differential(seed, 5000, 300, { heapMax: 8, heapMin: 2, bucketMax: 1, bucketLoad: 1 });
    }
  });

  it('same, with the default thresholds and sizes crossing them both ways', () => {
    for (let seed = 201; seed <= 203; seed++) {
      const fired = differential(seed, 40000, 6000, {});
      expect(fired).toBeGreaterThan(10000);
    }
  });
});

describe('EventQueue (ladder) edge cases', () => {
  const drain = (q: EventQueue): number[] => {
    const out: number[] = [];
    for (let x = popLive(q); x !== undefined; x = popLive(q)) out.push(x.id);
    return out;
  };

  it('ties: equal times fire by priority, then FIFO, across rungs and Bottom', () => {
    const q = new EventQueue(16, SMALL);
    const expected: { t: number; p: number; id: number }[] = [];
    let id = 0;
    for (let i = 0; i < 500; i++) {
      const t = i % 7 === 0 ? 3 : Math.floor(i / 50);
      const p = (i * 37) % 5;
      q.push(t, p, noop, id);
      expected.push({ t, p, id: id++ });
    }
    expected.sort((x, y) => x.t - y.t || x.p - y.p || x.id - y.id);
    expect(drain(q)).toEqual(expected.map((e) => e.id));
  });

  it('many events at exactly one time, then later ones', () => {
    const q = new EventQueue(16, SMALL);
    for (let i = 0; i < 1000; i++) q.push(5, 4, noop, i);
    const first = popLive(q)!;
    expect(first).toEqual({ time: 5, id: 0 });
    q.push(5, 4, noop, 1000); // same instant, after the others
    q.push(6, 0, noop, 1001);
    q.push(5, 0, noop, 1002); // same instant, higher priority: next
    const out = drain(q);
    expect(out[0]).toBe(1002);
    expect(out.slice(1, 1000)).toEqual(Array.from({ length: 999 }, (_, i) => i + 1));
    expect(out.slice(1000)).toEqual([1000, 1001]);
  });

  it('one or two pending events (M/M/1-like), times interleaving', () => {
    const q = new EventQueue(16, SMALL);
    const rnd = xorshift(9);
    let now = 0;
    let id = 0;
    q.push(rnd(), 4, noop, id++);
    for (let i = 0; i < 2000; i++) {
      if (q.size < 2) q.push(now + rnd(), 4, noop, id++);
      const t = q.peekTime();
      const x = popLive(q)!;
      expect(x.time).toBe(t);
      expect(x.time).toBeGreaterThanOrEqual(now);
      now = x.time;
      q.push(now + rnd(), 4, noop, id++);
    }
    expect(q.size).toBe(2);
  });

  it('stale handles: fired or cancelled handles never cancel a reused slot', () => {
    const q = new EventQueue(16, SMALL);
    const h1 = q.push(1, 4, noop, 1);
    expect(popLive(q)).toEqual({ time: 1, id: 1 });
    const h2 = q.push(2, 4, noop, 2); // reuses the slot
    expect(h2).not.toBe(h1);
    expect(q.cancel(h1)).toBe(false);
    expect(q.isPending(h1)).toBe(false);
    expect(q.isPending(h2)).toBe(true);
    expect(q.cancel(h2)).toBe(true);
    expect(q.cancel(h2)).toBe(false);
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.rawLength).toBe(0);
  });

  it('compaction: mass cancellation in a large ladder keeps the order and frees the entries', () => {
    const q = new EventQueue(16);
    const rnd = xorshift(5);
    const hs: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const t = rnd() < 0.5 ? rnd() * 10 : 1e6 * rnd();
      times.push(t);
      hs.push(q.push(t, 4, noop, i));
    }
    expect(popLive(q)!.time).toBe(Math.min(...times)); // builds the ladder
    const keep = new Set<number>();
    for (let i = 0; i < 20000; i++) {
      if (!q.isPending(hs[i]!)) continue;
      if (i % 7 === 0) keep.add(i);
      else expect(q.cancel(hs[i]!)).toBe(true);
    }
    expect(q.size).toBe(keep.size);
    expect(q.rawLength).toBeLessThan(2 * keep.size + 4096);
    const expected = [...keep].sort((x, y) => times[x]! - times[y]! || x - y);
    expect(drain(q)).toEqual(expected);
  });

  it('clear() empties every structure and the queue works afterwards', () => {
    const q = new EventQueue(16, SMALL);
    const hs: number[] = [];
    for (let i = 0; i < 300; i++) hs.push(q.push(i % 17, 4, noop, i));
    popLive(q);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.rawLength).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    for (const h of hs) expect(q.isPending(h)).toBe(false);
    q.push(2, 4, noop, 'b');
    q.push(1, 4, noop, 'a');
    const s = q.popSlot();
    expect(q.args[s]).toBe('a');
    q.release(s);
    expect(q.size).toBe(1);
  });
});
