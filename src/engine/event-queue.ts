// The pending-event set of the simulation. Pop order (time, priority, sequence), ties FIFO;
// cancel in O(1) by handle, a stale handle (fired or cancelled) ignored; nothing allocated per
// event (typed arrays indexed by slot, lists linked by slot).
//
// Three layers, one file each:
//   - event-slots.ts: the slot store (per-event data, handles and generations, free slots);
//   - bottom-heap.ts: a binary min-heap of slots, the whole queue while it is small;
//   - ladder.ts: the ladder queue over that heap for large queues (top list, rungs of buckets).
// This class puts them together into the queue's API: push routes an event to the heap (pure
// heap mode, inline) or to the ladder (out of line); pop takes the heap's root, refilling the
// heap from the ladder when it runs dry; cancel marks the entry and purges cancelled entries
// once they are the majority.
//
// The layers extend one another (slots ← heap ← ladder ← queue) instead of holding one another,
// so that every array hangs off one object: the event loop's push and pop read `this.field` with
// no second hop, and call small monomorphic methods that V8 inlines. Bench figures: bench/NOTES.md.
import { Ladder, type EventQueueTuning } from './ladder.js';
import { SLOT_BITS, type EventFn } from './event-slots.js';

export type { EventFn } from './event-slots.js';
export type { EventQueueTuning } from './ladder.js';

// The constants of the hot path are this module's own: V8 reads an imported binding with a
// longer bytecode than a local const, and the size counts against its inlining budget.
const SLOT_SPACE = 1 << SLOT_BITS; // 2^SLOT_BITS, exact while SLOT_BITS ≤ 30
const SHORT_GEN_MASK = 127; // short handles stay below 2^31 (see pushShort)
const SEQ_SPACE = 17_592_186_044_416; // 2^44 sequence numbers per priority level
/** popSlot defers the heap's root removal (leaves a hole at the root) only in heaps up to this size. */
const HOLE_MAX = 4096;
/** Cancelled entries are purged when they are this many and more than half of all entries. */
const COMPACT_MIN = 4096;

export class EventQueue extends Ladder {
  private seq = 0;

  constructor(initialCapacity = 1024, tuning: EventQueueTuning = {}, maxLive = Infinity) {
    super(Math.max(16, Math.min(initialCapacity, maxLive)), tuning, maxLive);
  }

  /** Number of live (not cancelled) pending events. */
  get size(): number {
    return this.raw - this.cancelled;
  }

  /** Entries held, cancelled ones included. */
  get rawLength(): number {
    return this.raw;
  }

  /** Time of the earliest live event, or Infinity. */
  peekTime(): number {
    if (this.hole) this.fillHole();
    for (;;) {
      if (this.n === 0) {
        this.refill();
        if (this.n === 0) return Infinity;
      }
      const slot = this.hSlot[0]!;
      if (this.fns[slot] !== null) return this.hTime[0]!;
      this.removeTop();
      this.dropCancelled(slot);
    }
  }

  /** Adds an event; returns its handle. `priority` must be an integer in [0, 255]. */
  push(time: number, priority: number, fn: EventFn, arg: unknown): number {
    const slot = this.pushSlot(time, priority, fn, arg);
    return this.gen[slot]! * SLOT_SPACE + slot;
  }

  /**
   * Like push, but returns a short handle: the slot and the low 7 bits of its generation, below
   * 2^31. V8 returns such a number from a function it did not inline as a small integer, where a
   * full handle (past 2^31 once a slot has been reused 128 times) is boxed, i.e. allocated on
   * every call. A short handle repeats after 128 reuses of its slot, so it is only for holders
   * that drop it when its event fires or is cancelled (never using a stale one).
   */
  pushShort(time: number, priority: number, fn: EventFn, arg: unknown): number {
    const slot = this.pushSlot(time, priority, fn, arg);
    return (this.gen[slot]! & SHORT_GEN_MASK) * SLOT_SPACE + slot;
  }

  /** Adds an event; returns its slot. */
  pushSlot(time: number, priority: number, fn: EventFn, arg: unknown): number {
    // The slot store's free stack and the heap's root removal (in popSlot) are written out here
    // rather than called: V8 inlines push into `schedule` and that into its callers only while the
    // whole inlined body stays under its size budget, which a helper call would cross.
    const slot = this.nFree > 0 ? this.freeSlots[--this.nFree]! : this.newSlot();
    this.fns[slot] = fn;
    this.args[slot] = arg;
    const key = priority * SEQ_SPACE + this.seq++;
    this.sKey[slot] = key;
    this.raw++;
    // Pure heap mode (sTime is written only when leaving it): inline; the rest out of line, so
    // that push stays small enough for V8 to inline it (and `schedule`) into callers.
    if (this.topMax === Infinity && this.nr === 0 && (this.hole || this.n < this.spillAt)) {
      this.pushBottom(slot, time, key);
    } else {
      this.pushLadder(slot, time);
    }
    return slot;
  }

  /**
   * Removes the earliest event (live or cancelled) and returns its slot, or -1 if empty.
   * The caller reads `fns[slot]` (null if cancelled) and `args[slot]`, then calls `release(slot)`.
   */
  popSlot(): number {
    if (this.hole) this.fillHole();
    if (this.n === 0) {
      this.refill();
      if (this.n === 0) return -1;
    }
    const slot = this.hSlot[0]!;
    if (this.n <= HOLE_MAX) this.hole = true;
    else this.removeTop();
    if (this.fns[slot] === null) this.cancelled--;
    this.raw--;
    return slot;
  }

  /** Time of the earliest entry (live or not); call only when non-empty. */
  topTime(): number {
    if (this.hole) this.fillHole();
    if (this.n === 0) this.refill();
    return this.hTime[0]!;
  }

  /** Frees a slot returned by popSlot. */
  release(slot: number): void {
    this.releaseSlot(slot);
  }

  /** Cancels a pending event. Returns false if the handle is stale (fired or cancelled). */
  cancel(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const g = (handle - slot) / SLOT_SPACE;
    if (slot >= this.nSlots || this.gen[slot] !== g) return false;
    return this.cancelSlot(slot, g);
  }

  /** Cancels the pending event of a short handle (see pushShort). */
  cancelShort(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const g = (handle - slot) / SLOT_SPACE;
    if (slot >= this.nSlots || (this.gen[slot]! & SHORT_GEN_MASK) !== g) return false;
    return this.cancelSlot(slot, this.gen[slot]!);
  }

  /** True while the handle's event is pending. */
  isPending(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const g = (handle - slot) / SLOT_SPACE;
    return slot < this.nSlots && this.gen[slot] === g && this.fns[slot] !== null;
  }

  clear(): void {
    this.clearHeap();
    this.clearLadder();
    this.raw = 0;
    this.cancelled = 0;
  }

  /** Cancels the event in `slot`, of generation `g`, if it is pending. */
  private cancelSlot(slot: number, g: number): boolean {
    if (this.fns[slot] === null) return false;
    this.markCancelled(slot, g);
    if (this.cancelled >= COMPACT_MIN && this.cancelled * 2 > this.raw) this.compact();
    return true;
  }

  /** Drops cancelled entries everywhere. */
  private compact(): void {
    this.compactHeap();
    this.compactLadder();
  }
}
