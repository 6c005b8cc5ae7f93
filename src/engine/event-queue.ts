// The pending-event set: a binary min-heap keyed by (time, priority, sequence) whose keys live
// in typed arrays, so that scheduling allocates nothing and the garbage collector never sees a
// per-event object. Payloads (callback and argument) live in slot arrays; a handle names a slot
// and its generation, so cancelling is O(1) (the entry is skipped when it reaches the top) and a
// stale handle (already fired or cancelled) is ignored.

/** A callback run when its event fires. */
export type EventFn = (arg: any) => void;

const SLOT_BITS = 24;
const SLOT_SPACE = 2 ** SLOT_BITS; // at most 16.7 M pending events
const GEN_MASK = 2 ** 29 - 1; // handles stay below 2^53
const SEQ_SPACE = 2 ** 44; // sequence numbers per priority level
/** Cancelled entries are purged when they are this many and more than half of the heap. */
const COMPACT_MIN = 4096;

export class EventQueue {
  // Heap, in heap order.
  private hTime: Float64Array;
  private hKey: Float64Array; // priority * 2^44 + sequence
  private hSlot: Int32Array;
  private n = 0;
  // Slots.
  readonly fns: (EventFn | null)[] = [];
  readonly args: unknown[] = [];
  private gen: Uint32Array;
  private freeSlots: Int32Array;
  private nFree = 0;
  private nSlots = 0;
  private seq = 0;
  private cancelled = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.hTime = new Float64Array(cap);
    this.hKey = new Float64Array(cap);
    this.hSlot = new Int32Array(cap);
    this.gen = new Uint32Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  /** Number of live (not cancelled) pending events. */
  get size(): number {
    return this.n - this.cancelled;
  }

  /** Time of the earliest live event, or Infinity. */
  peekTime(): number {
    while (this.n > 0) {
      const slot = this.hSlot[0]!;
      if (this.fns[slot] !== null) return this.hTime[0]!;
      this.removeTop();
      this.releaseSlot(slot);
      this.cancelled--;
    }
    return Infinity;
  }

  /** Adds an event; returns its handle. `priority` must be an integer in [0, 255]. */
  push(time: number, priority: number, fn: EventFn, arg: unknown): number {
    const slot = this.allocSlot();
    this.fns[slot] = fn;
    this.args[slot] = arg;
    if (this.n === this.hTime.length) this.growHeap();
    const key = priority * SEQ_SPACE + this.seq++;
    this.siftUp(this.n++, time, key, slot);
    return this.gen[slot]! * SLOT_SPACE + slot;
  }

  /**
   * Removes the earliest event (live or cancelled) and returns its slot, or -1 if empty.
   * The caller reads `fns[slot]` (null if cancelled) and `args[slot]`, then calls `release(slot)`.
   */
  popSlot(): number {
    if (this.n === 0) return -1;
    const slot = this.hSlot[0]!;
    this.removeTop();
    if (this.fns[slot] === null) this.cancelled--;
    return slot;
  }

  /** Time of the entry at the top of the heap (live or not); call only when non-empty. */
  topTime(): number {
    return this.hTime[0]!;
  }

  get rawLength(): number {
    return this.n;
  }

  /** Frees a slot returned by popSlot. */
  release(slot: number): void {
    this.releaseSlot(slot);
  }

  /** Cancels a pending event. Returns false if the handle is stale (fired or cancelled). */
  cancel(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const g = (handle - slot) / SLOT_SPACE;
    if (slot >= this.nSlots || this.gen[slot] !== g || this.fns[slot] === null) return false;
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.gen[slot] = (g + 1) & GEN_MASK;
    this.cancelled++;
    if (this.cancelled >= COMPACT_MIN && this.cancelled * 2 > this.n) this.compact();
    return true;
  }

  /** True while the handle's event is pending. */
  isPending(handle: number): boolean {
    const slot = handle % SLOT_SPACE;
    const g = (handle - slot) / SLOT_SPACE;
    return slot < this.nSlots && this.gen[slot] === g && this.fns[slot] !== null;
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) this.releaseSlot(this.hSlot[i]!);
    this.n = 0;
    this.cancelled = 0;
  }

  private allocSlot(): number {
    if (this.nFree > 0) return this.freeSlots[--this.nFree]!;
    const slot = this.nSlots++;
    if (slot >= SLOT_SPACE) throw new RangeError(`more than ${SLOT_SPACE} pending events`);
    if (slot >= this.gen.length) {
      const g = new Uint32Array(this.gen.length * 2);
      g.set(this.gen);
      this.gen = g;
      const f = new Int32Array(this.gen.length);
      f.set(this.freeSlots.subarray(0, this.nFree));
      this.freeSlots = f;
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

  private growHeap(): void {
    const cap = this.hTime.length * 2;
    const t = new Float64Array(cap);
    t.set(this.hTime);
    this.hTime = t;
    const k = new Float64Array(cap);
    k.set(this.hKey);
    this.hKey = k;
    const s = new Int32Array(cap);
    s.set(this.hSlot);
    this.hSlot = s;
  }

  private siftUp(i: number, time: number, key: number, slot: number): void {
    const hTime = this.hTime;
    const hKey = this.hKey;
    const hSlot = this.hSlot;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hTime[p]!;
      if (pt < time || (pt === time && hKey[p]! < key)) break;
      hTime[i] = pt;
      hKey[i] = hKey[p]!;
      hSlot[i] = hSlot[p]!;
      i = p;
    }
    hTime[i] = time;
    hKey[i] = key;
    hSlot[i] = slot;
  }

  private removeTop(): void {
    const last = --this.n;
    if (last === 0) return;
    const hTime = this.hTime;
    const hKey = this.hKey;
    const hSlot = this.hSlot;
    const time = hTime[last]!;
    const key = hKey[last]!;
    const slot = hSlot[last]!;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let ct = hTime[c]!;
      let ck = hKey[c]!;
      const r = c + 1;
      if (r < last) {
        const rt = hTime[r]!;
        const rk = hKey[r]!;
        if (rt < ct || (rt === ct && rk < ck)) {
          c = r;
          ct = rt;
          ck = rk;
        }
      }
      if (time < ct || (time === ct && key < ck)) break;
      hTime[i] = ct;
      hKey[i] = ck;
      hSlot[i] = hSlot[c]!;
      i = c;
    }
    hTime[i] = time;
    hKey[i] = key;
    hSlot[i] = slot;
  }

  /** Drops cancelled entries and rebuilds the heap (Floyd's bottom-up heapify). */
  private compact(): void {
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const slot = this.hSlot[i]!;
      if (this.fns[slot] === null) {
        this.releaseSlotKeepGen(slot);
        continue;
      }
      this.hTime[m] = this.hTime[i]!;
      this.hKey[m] = this.hKey[i]!;
      this.hSlot[m] = slot;
      m++;
    }
    this.n = m;
    this.cancelled = 0;
    for (let i = (m >> 1) - 1; i >= 0; i--) this.siftDownFrom(i);
  }

  private releaseSlotKeepGen(slot: number): void {
    this.args[slot] = undefined;
    this.freeSlots[this.nFree++] = slot;
  }

  private siftDownFrom(i: number): void {
    const n = this.n;
    const hTime = this.hTime;
    const hKey = this.hKey;
    const hSlot = this.hSlot;
    const time = hTime[i]!;
    const key = hKey[i]!;
    const slot = hSlot[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = hTime[c]!;
      let ck = hKey[c]!;
      const r = c + 1;
      if (r < n) {
        const rt = hTime[r]!;
        const rk = hKey[r]!;
        if (rt < ct || (rt === ct && rk < ck)) {
          c = r;
          ct = rt;
          ck = rk;
        }
      }
      if (time < ct || (time === ct && key < ck)) break;
      hTime[i] = ct;
      hKey[i] = ck;
      hSlot[i] = hSlot[c]!;
      i = c;
    }
    hTime[i] = time;
    hKey[i] = key;
    hSlot[i] = slot;
  }
}
