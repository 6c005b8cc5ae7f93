// The pending-event set: a ladder queue (after Tang, Goh and Thng, 2005) over a binary heap.
// Pop order (time, priority, sequence), ties FIFO; handles generation·2^24 + slot, so cancel is
// O(1) and a stale handle (fired or cancelled, its slot possibly reused) is recognised by its
// generation and ignored; no allocation per event (typed arrays, lists linked by slot).
//
// Why a ladder. Up to a couple of thousand pending events the queue is just the binary heap
// (keys and slots in typed arrays, with a deferred root removal: see "Small queues"). Above, a
// heap's log n levels of unpredictable branches dominate; the ladder keeps only a handful of
// events sorted. Measured (bench/run.ts, bare loop and timeout chain, CPU time, alternating fresh
// processes): +22-48% at 10^4 pending, +4-16% at 10^6, level at 10^2 and at 2; 17% slower than
// the heap on a skewed mix (10^4 pending, 1% ms-scale delays among 1 s ones and months).
//
// Structure. Events are kept by slot (typed arrays, singly linked lists through `next`) in
//   - Top: an unsorted list of events later than `topMax`;
//   - rungs 0..nr-1: arrays of buckets (unsorted lists). Rung 0 spans [its start, topMax], each
//     rung r+1 spans one bucket of rung r, taken from it when the run reached that bucket;
//   - Bottom: a binary min-heap (below), the only place where (time, key) order is kept.
// popSlot() takes from Bottom; when Bottom is empty, the next non-empty bucket of the deepest
// rung is poured into it (heapified), or, if it holds more than `bucketMax` events, spread over a
// new finer rung whose width comes from the bucket's own min and max. When no rung is left, Top
// becomes rung 0 (width from its min and max). So each event is moved a bounded number of times
// (at most MAX_RUNGS + 2) and sits in a heap of about `bucketLoad` entries: O(1) amortised.
//
// Routing. An event goes to rung r if idx_r(t) = floor((t - start_r) · inv_r) ≥ cur_r (the first
// bucket not yet consumed; idx clamped to the last bucket), else to the next rung, else to
// Bottom. idx_r is a non-decreasing function of t even in floating point, and a rung's parameters
// change only while Bottom and all deeper rungs are empty, so everything in Bottom is strictly
// earlier than everything in the rungs, which is strictly earlier than Top: equal times always
// share a structure, hence the exact (time, key) order, for any sequence of push times (not only
// monotone ones). The last bucket of a rung also collects what is pushed beyond the rung's
// initial range, so when it is reached it is re-spread in place (or, if small, poured into
// Bottom and the rung re-opened just after it) rather than nesting ever deeper.
//
// Small queues. While no more than `heapMax` events are pending (and after the queue drains back
// to `heapMin`), the structure is just the Bottom heap (topMax = +Infinity, no rungs). Crossing
// heapMax moves the heap into Top once (amortised: heapMin < heapMax/2).
//
// The heap. An entry is (time, slot), the time in a Float64Array and the slot in an Int32Array,
// in heap order; the tie-break key priority·2^44 + sequence lives by slot (read only when two
// times are equal), which halves the data moved per level (+10-20% measured against keys in the
// heap). popSlot() takes the root out but leaves a hole there instead of sifting the last entry
// down at once: the kernel's usual next step is a push (the event just fired schedules its
// successor), which fills the hole by sifting the new entry down from the root, one sift instead
// of two (+3-14% at 100 pending); any other operation fills the hole the classic way first.
// The earlier child is chosen by arithmetic rather than a branch (a coin flip, mispredicted half
// the time): +13% on the bare loop and +30% on the timeout chain at 100 pending, not slower at 10^6.
// Tried and not kept: a 4-ary heap, (time, slot) interleaved in one array, bottom-up removal,
// per-slot data interleaved in one array.

import { LimitError } from './errors.js';

/** A callback run when its event fires. */
export type EventFn = (arg: any) => void;

const SLOT_BITS = 24;
const SLOT_SPACE = 2 ** SLOT_BITS; // at most 16.7 M pending events
const GEN_MASK = 2 ** 29 - 1; // handles stay below 2^53
const SHORT_GEN_MASK = 127; // short handles stay below 2^31 (see pushShort)
const SEQ_SPACE = 2 ** 44; // sequence numbers per priority level
/** Cancelled entries are purged when they are this many and more than half of all entries. */
const COMPACT_MIN = 4096;
/** popSlot defers the removal (leaves a hole at the root) only in heaps up to this size. */
const HOLE_MAX = 4096;
const MAX_RUNGS = 8;

/** Tuning knobs (defaults measured with bench/queue-compare.ts); tests use small values. */
export interface EventQueueTuning {
  /** Pure heap while this many or fewer events are pending. */
  readonly heapMax?: number;
  /** Back to the pure heap when a rebuild finds this many or fewer events. */
  readonly heapMin?: number;
  /** A bucket with more events than this is spread over a finer rung instead of heapified. */
  readonly bucketMax?: number;
  /** Target events per bucket when a rung is built. */
  readonly bucketLoad?: number;
}

export class EventQueue {
  // Bottom heap, in heap order: children of i are 2i+1 and 2i+2.
  private hTime: Float64Array;
  private hSlot: Int32Array;
  private n = 0;
  private hole = false;
  // Slots.
  readonly fns: (EventFn | null)[] = [];
  readonly args: unknown[] = [];
  private sKey: Float64Array; // priority * 2^44 + sequence
  private sTime: Float64Array;
  private next: Int32Array; // list link (Top, buckets)
  private gen: Uint32Array;
  private freeSlots: Int32Array;
  private nFree = 0;
  private nSlots = 0;
  private seq = 0;
  /** Entries stored anywhere, cancelled ones included. */
  private raw = 0;
  /** Length of the list filterList last returned. */
  private filteredCount = 0;
  private cancelled = 0;
  // Top.
  private topHead = -1;
  private topCount = 0;
  private topMin = Infinity;
  private topMaxSeen = -Infinity;
  /** Events later than this go to Top; +Infinity (with no rung) = pure heap mode. */
  private topMax = Infinity;
  // Rungs.
  private nr = 0;
  private readonly rStart = new Float64Array(MAX_RUNGS);
  private readonly rInv = new Float64Array(MAX_RUNGS);
  private readonly rN = new Int32Array(MAX_RUNGS);
  private readonly rCur = new Int32Array(MAX_RUNGS);
  private readonly rCount = new Int32Array(MAX_RUNGS);
  private readonly rHeads: Int32Array[] = [];
  // Tuning.
  private readonly heapMax: number;
  private readonly heapMin: number;
  private readonly bucketMax: number;
  private readonly bucketLoad: number;
  private spillAt: number;
  /** Pending events (slots in use) at most; crossing it throws a LimitError('maxLive'). */
  private readonly maxLive: number;

  constructor(initialCapacity = 1024, tuning: EventQueueTuning = {}, maxLive = Infinity) {
    this.maxLive = maxLive;
    const cap = Math.max(16, Math.min(initialCapacity, maxLive));
    this.hTime = new Float64Array(Math.min(cap, 4096));
    this.hSlot = new Int32Array(this.hTime.length);
    this.sKey = new Float64Array(cap);
    this.sTime = new Float64Array(cap);
    this.next = new Int32Array(cap);
    this.gen = new Uint32Array(cap);
    this.freeSlots = new Int32Array(cap);
    this.heapMax = tuning.heapMax ?? 2048;
    this.heapMin = Math.min(tuning.heapMin ?? 512, this.heapMax >> 1);
    this.bucketMax = Math.max(2, tuning.bucketMax ?? 48);
    this.bucketLoad = Math.max(1, tuning.bucketLoad ?? 4);
    this.spillAt = this.heapMax;
    for (let r = 0; r < MAX_RUNGS; r++) this.rHeads.push(new Int32Array(16));
  }

  /** Number of live (not cancelled) pending events. */
  get size(): number {
    return this.raw - this.cancelled;
  }

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

  /** Puts an event into the Bottom heap: into the root hole if there is one, else at the end. */
  private pushBottom(slot: number, time: number, key: number): void {
    if (this.hole) {
      this.hole = false;
      this.siftDown(0, time, slot, this.n);
    } else {
      if (this.n === this.hTime.length) this.growHeap(this.n + 1);
      this.siftUp(this.n++, time, key, slot);
    }
  }

  /** push() beyond pure heap mode: spills the heap at its limit, or routes into the ladder. */
  private pushLadder(slot: number, time: number): void {
    this.sTime[slot] = time;
    if (this.topMax === Infinity && this.nr === 0) {
      this.spill();
      this.pushTop(slot, time);
    } else if (time > this.topMax) this.pushTop(slot, time);
    else this.place(slot, time);
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

  /** Cancels the event in `slot`, of generation `g`, if it is pending. */
  private cancelSlot(slot: number, g: number): boolean {
    if (this.fns[slot] === null) return false;
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.gen[slot] = (g + 1) & GEN_MASK;
    this.cancelled++;
    if (this.cancelled >= COMPACT_MIN && this.cancelled * 2 > this.raw) this.compact();
    return true;
  }

  /** True while the handle's event is pending. */
  isPending(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const g = (handle - slot) / SLOT_SPACE;
    return slot < this.nSlots && this.gen[slot] === g && this.fns[slot] !== null;
  }

  clear(): void {
    if (this.hole) this.fillHole();
    for (let i = 0; i < this.n; i++) this.dropEntry(this.hSlot[i]!);
    this.n = 0;
    for (let r = 0; r < this.nr; r++) {
      const heads = this.rHeads[r]!;
      for (let b = this.rCur[r]!; b < this.rN[r]!; b++) {
        for (let s = heads[b]!; s !== -1; s = this.next[s]!) this.dropEntry(s);
        heads[b] = -1;
      }
    }
    this.nr = 0;
    for (let s = this.topHead; s !== -1; s = this.next[s]!) this.dropEntry(s);
    this.resetTop();
    this.topMax = Infinity;
    this.spillAt = this.heapMax;
    this.raw = 0;
    this.cancelled = 0;
  }

  // ---- routing ----

  private pushTop(slot: number, time: number): void {
    this.next[slot] = this.topHead;
    this.topHead = slot;
    this.topCount++;
    if (time < this.topMin) this.topMin = time;
    if (time > this.topMaxSeen) this.topMaxSeen = time;
  }

  /** Puts an event not later than topMax into its rung bucket, or into Bottom. */
  private place(slot: number, time: number): void {
    for (let r = 0; r < this.nr; r++) {
      let i = Math.floor((time - this.rStart[r]!) * this.rInv[r]!);
      const nb = this.rN[r]!;
      if (i >= nb) i = nb - 1; // clamp first: a spent rung (cur = nb) takes nothing
      if (i >= this.rCur[r]!) {
        const heads = this.rHeads[r]!;
        this.next[slot] = heads[i]!;
        heads[i] = slot;
        this.rCount[r] = this.rCount[r]! + 1;
        return;
      }
    }
    this.pushBottom(slot, time, this.sKey[slot]!);
  }

  /** Leaves pure heap mode: moves the heap into Top (the next refill builds rung 0). */
  private spill(): void {
    const hSlot = this.hSlot;
    const hTime = this.hTime;
    for (let i = 0; i < this.n; i++) {
      const s = hSlot[i]!;
      this.sTime[s] = hTime[i]!; // not kept up to date in heap mode
      this.pushTop(s, hTime[i]!);
    }
    this.n = 0;
    this.topMax = -Infinity;
  }

  /** Fills the empty Bottom from the deepest rung, or from Top. */
  private refill(): void {
    const next = this.next;
    const sTime = this.sTime;
    for (;;) {
      const r = this.nr - 1;
      if (r < 0) {
        const k = this.topCount;
        if (k === 0) return;
        const head = this.topHead;
        const lo = this.topMin;
        const hi = this.topMaxSeen;
        this.resetTop();
        if (k <= this.heapMin) {
          this.pour(head);
          this.topMax = Infinity;
          this.spillAt = this.heapMax;
          return;
        }
        this.topMax = hi;
        if (k > this.bucketMax && this.buildRung(0, head, k, lo, hi === Infinity ? this.finiteMax(head) : hi)) {
          this.nr = 1;
          continue;
        }
        this.pour(head);
        // All at one time (or at +Infinity): a plain heap until it drains; no spill before it doubles.
        if (this.topMax === Infinity) this.spillAt = Math.max(this.heapMax, 2 * this.n);
        return;
      }
      if (this.rCount[r] === 0) {
        this.nr--;
        continue;
      }
      const heads = this.rHeads[r]!;
      const nb = this.rN[r]!;
      let b = this.rCur[r]!;
      while (heads[b] === -1) b++;
      this.rCur[r] = b + 1;
      const head = heads[b]!;
      heads[b] = -1;
      let k = 0;
      let lo = Infinity;
      let hi = -Infinity;
      let inf = false;
      for (let s = head; s !== -1; s = next[s]!) {
        k++;
        const t = sTime[s]!;
        if (t < lo) lo = t;
        if (t > hi) {
          if (t === Infinity) inf = true;
          else hi = t;
        }
      }
      this.rCount[r] = this.rCount[r]! - k;
      const last = b === nb - 1;
      if (k > this.bucketMax) {
        if (last) {
          if (this.buildRung(r, head, k, lo, hi)) continue;
        } else if (r + 1 < MAX_RUNGS && this.buildRung(r + 1, head, k, lo, hi)) {
          this.nr++;
          continue;
        }
      }
      this.pour(head);
      // Re-open the rung just after what was poured, so later pushes do not pile into Bottom.
      if (last && !inf && hi > -Infinity) {
        this.rStart[r] = hi;
        this.rCur[r] = 1;
      }
      return;

    }
  }

  /** Spreads a list over rung r: `nb` buckets over [lo, hi] (the last one open-ended). */
  private buildRung(r: number, head: number, k: number, lo: number, hi: number): boolean {
    const nb = Math.ceil(k / this.bucketLoad);
    const inv = nb / (hi - lo);
    if (!(inv > 0 && inv < Infinity)) return false;
    let heads = this.rHeads[r]!;
    if (heads.length < nb) {
      let cap = heads.length;
      while (cap < nb) cap *= 2;
      heads = new Int32Array(cap);
      this.rHeads[r] = heads;
    }
    heads.fill(-1, 0, nb);
    this.rStart[r] = lo;
    this.rInv[r] = inv;
    this.rN[r] = nb;
    this.rCur[r] = 0;
    const next = this.next;
    const sTime = this.sTime;
    let count = 0;
    for (let s = head; s !== -1; ) {
      const nx = next[s]!;
      let i = Math.floor((sTime[s]! - lo) * inv);
      if (i >= nb) i = nb - 1;
      next[s] = heads[i]!;
      heads[i] = s;
      count++;
      s = nx;
    }
    this.rCount[r] = count;
    return true;
  }

  /** Pours a list into the empty Bottom and heapifies it. */
  private pour(head: number): void {
    const next = this.next;
    const sTime = this.sTime;
    let m = 0;
    for (let s = head; s !== -1; ) {
      if (m === this.hTime.length) this.growHeap(m + 1);
      this.hTime[m] = sTime[s]!;
      this.hSlot[m] = s;
      m++;
      s = next[s]!;
    }
    this.n = m;
    this.heapify();
  }

  private finiteMax(head: number): number {
    let hi = -Infinity;
    for (let s = head; s !== -1; s = this.next[s]!) {
      const t = this.sTime[s]!;
      if (t > hi && t !== Infinity) hi = t;
    }
    return hi;
  }

  private resetTop(): void {
    this.topHead = -1;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMaxSeen = -Infinity;
  }

  // ---- slots ----

  private newSlot(): number {
    const slot = this.nSlots++;
    if (slot >= SLOT_SPACE) throw new RangeError(`more than ${SLOT_SPACE} pending events`);
    if (slot >= this.gen.length) {
      // Checked only when the slot arrays grow (capped at the limit): no per-event cost.
      if (slot >= this.maxLive) {
        throw new LimitError(`more than ${this.maxLive} pending events (scheduled timers, in-flight work and retries)`, 'maxLive', this.maxLive);
      }
      const cap = Math.min(this.gen.length * 2, Math.max(this.maxLive, this.gen.length + 1));
      this.gen = grown(new Uint32Array(cap), this.gen);
      this.sKey = grown(new Float64Array(cap), this.sKey);
      this.sTime = grown(new Float64Array(cap), this.sTime);
      this.next = grown(new Int32Array(cap), this.next);
      this.freeSlots = grown(new Int32Array(cap), this.freeSlots.subarray(0, this.nFree));
    }
    this.fns.push(null);
    this.args.push(undefined);
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.gen[slot] = (this.gen[slot]! + 1) & GEN_MASK;
    this.freeSlots[this.nFree++] = slot;
  }

  /** Frees the slot of a cancelled entry found in a list (cancel() advanced its generation). */
  private dropCancelled(slot: number): void {
    this.freeSlots[this.nFree++] = slot;
    this.cancelled--;
    this.raw--;
  }

  /** clear(): frees an entry, live or cancelled. */
  private dropEntry(slot: number): void {
    if (this.fns[slot] === null) this.freeSlots[this.nFree++] = slot;
    else this.releaseSlot(slot);
  }

  // ---- Bottom heap ----

  private growHeap(min: number): void {
    let cap = this.hTime.length * 2;
    while (cap < min) cap *= 2;
    const t = new Float64Array(cap);
    t.set(this.hTime);
    this.hTime = t;
    const s = new Int32Array(cap);
    s.set(this.hSlot);
    this.hSlot = s;
  }

  private siftUp(i: number, time: number, key: number, slot: number): void {
    const hTime = this.hTime;
    const hSlot = this.hSlot;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hTime[p]!;
      if (pt < time || (pt === time && this.sKey[hSlot[p]!]! < key)) break;
      hTime[i] = pt;
      hSlot[i] = hSlot[p]!;
      i = p;
    }
    hTime[i] = time;
    hSlot[i] = slot;
  }

  private fillHole(): void {
    this.hole = false;
    this.removeTop();
  }

  private removeTop(): void {
    const last = --this.n;
    if (last === 0) return;
    this.siftDown(0, this.hTime[last]!, this.hSlot[last]!, last);
  }

  private siftDown(i: number, time: number, slot: number, n: number): void {
    const hTime = this.hTime;
    const hSlot = this.hSlot;
    const sKey = this.sKey;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = hTime[c]!;
      const r = c + 1;
      if (r < n) {
        const rt = hTime[r]!;
        // Which child is earlier is a coin flip: chosen by arithmetic, not a branch (equal times,
        // rare, go by key).
        if (rt !== ct) c += Number(rt < ct);
        else if (sKey[hSlot[r]!]! < sKey[hSlot[c]!]!) c = r;
        ct = hTime[c]!;
      }
      if (time < ct || (time === ct && sKey[slot]! < sKey[hSlot[c]!]!)) break;
      hTime[i] = ct;
      hSlot[i] = hSlot[c]!;
      i = c;
    }
    hTime[i] = time;
    hSlot[i] = slot;
  }

  private heapify(): void {
    const m = this.n;
    const hTime = this.hTime;
    const hSlot = this.hSlot;
    for (let i = (m >> 1) - 1; i >= 0; i--) this.siftDown(i, hTime[i]!, hSlot[i]!, m);
  }

  /** Drops cancelled entries everywhere. */
  private compact(): void {
    if (this.hole) this.fillHole();
    const hTime = this.hTime;
    const hSlot = this.hSlot;
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const slot = hSlot[i]!;
      if (this.fns[slot] === null) {
        this.dropCancelled(slot);
        continue;
      }
      hTime[m] = hTime[i]!;
      hSlot[m] = slot;
      m++;
    }
    this.n = m;
    this.heapify();
    for (let r = 0; r < this.nr; r++) {
      const heads = this.rHeads[r]!;
      let count = 0;
      for (let b = this.rCur[r]!; b < this.rN[r]!; b++) {
        heads[b] = this.filterList(heads[b]!);
        count += this.filteredCount;
      }
      this.rCount[r] = count;
    }
    this.topHead = this.filterList(this.topHead);
    this.topCount = this.filteredCount;
  }

  /** Returns the list without its cancelled entries (freed); its length is left in `filteredCount`. */
  private filterList(head: number): number {
    const next = this.next;
    let out = -1;
    let kept = 0;
    for (let s = head; s !== -1; ) {
      const nx = next[s]!;
      if (this.fns[s] === null) this.dropCancelled(s);
      else {
        next[s] = out;
        out = s;
        kept++;
      }
      s = nx;
    }
    this.filteredCount = kept;
    return out;
  }
}

/** `bigger` with `old` copied to its start. */
function grown<T extends Uint32Array | Float64Array | Int32Array>(bigger: T, old: T): T {
  bigger.set(old as ArrayLike<number>);
  return bigger;
}
