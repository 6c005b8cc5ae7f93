// The bottom of the event queue: a binary min-heap of slots in (time, key) order, the only place
// where the queue keeps its events sorted. The whole queue while it is small; under the ladder
// (ladder.ts), the few events it is about to pop.
//
// An entry is (time, slot): the time in a Float64Array and the slot in an Int32Array, in heap
// order (children of i are 2i+1 and 2i+2). The tie-break key (priority · 2^44 + sequence) is kept
// by slot and read only when two times are equal, which halves the data moved per level.
//
// Deferred root removal: popping (EventQueue.popSlot, which writes it inline, in heaps up to 4096
// entries) takes the root out but leaves a hole there instead of sifting the last entry down.
// The kernel's usual next step is a push (the event just fired schedules its successor), which
// fills the hole by sifting the new entry down from the root: one sift instead of two. Any other
// operation fills the hole the classic way first. The earlier child is chosen by arithmetic
// rather than a branch, which a CPU mispredicts half the time. Measurements behind these choices,
// and what was tried and not kept: bench/NOTES.md.
import { EventSlots } from './event-slots.js';

export class BottomHeap extends EventSlots {
  protected hTime: Float64Array;
  protected hSlot: Int32Array;
  /** Entries in the heap, the root hole included. */
  protected n = 0;
  /** The root was popped and not yet refilled. */
  protected hole = false;

  constructor(capacity: number, maxLive: number) {
    super(capacity, maxLive);
    this.hTime = new Float64Array(Math.min(capacity, 4096));
    this.hSlot = new Int32Array(this.hTime.length);
  }

  /** Puts an event into the heap: into the root hole if there is one, else at the end. */
  protected pushBottom(slot: number, time: number, key: number): void {
    if (this.hole) {
      this.hole = false;
      this.siftDown(0, time, slot, this.n);
    } else {
      if (this.n === this.hTime.length) this.growHeap(this.n + 1);
      this.siftUp(this.n++, time, key, slot);
    }
  }

  protected fillHole(): void {
    this.hole = false;
    this.removeTop();
  }

  protected removeTop(): void {
    const last = --this.n;
    if (last === 0) return;
    this.siftDown(0, this.hTime[last]!, this.hSlot[last]!, last);
  }

  /** Pours a list (linked by slot) into the empty heap and heapifies it. */
  protected pour(head: number): void {
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

  /** Frees every entry (clear()). */
  protected clearHeap(): void {
    if (this.hole) this.fillHole();
    for (let i = 0; i < this.n; i++) this.dropEntry(this.hSlot[i]!);
    this.n = 0;
  }

  /** Drops the cancelled entries (freeing their slots) and restores heap order. */
  protected compactHeap(): void {
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
  }

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
}
