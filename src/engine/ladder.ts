// The ladder of the event queue (a ladder queue, after Tang, Goh and Thng, 2005): above a couple
// of thousand pending events, a heap's log n levels of unpredictable branches dominate; the
// ladder keeps only a handful of events sorted, in the bottom heap (bottom-heap.ts), and the rest
// in unsorted lists linked by slot (event-slots.ts).
//
// Structure. Events are kept by slot in
//   - Top: an unsorted list of events later than `topMax`;
//   - rungs 0..nr-1: arrays of buckets (unsorted lists). Rung 0 spans [its start, topMax], each
//     rung r+1 spans one bucket of rung r, taken from it when the run reached that bucket;
//   - Bottom: the binary min-heap, the only place where (time, key) order is kept.
// The queue pops from Bottom; when Bottom is empty, `refill` pours the next non-empty bucket of
// the deepest rung into it (heapified), or, if it holds more than `bucketMax` events, spreads it
// over a new finer rung whose width comes from the bucket's own min and max. When no rung is
// left, Top becomes rung 0 (width from its min and max). So each event is moved a bounded number
// of times (at most MAX_RUNGS + 2) and sits in a heap of about `bucketLoad` entries: O(1)
// amortised.
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
import { BottomHeap } from './bottom-heap.js';

const MAX_RUNGS = 8;

/** Tuning knobs (defaults measured with the bench, bench/NOTES.md); tests use small values. */
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

export class Ladder extends BottomHeap {
  /** Length of the list filterList last returned. */
  private filteredCount = 0;
  // Top.
  private topHead = -1;
  private topCount = 0;
  private topMin = Infinity;
  private topMaxSeen = -Infinity;
  /** Events later than this go to Top; +Infinity (with no rung) = pure heap mode. */
  protected topMax = Infinity;
  // Rungs.
  protected nr = 0;
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
  /** Pure heap mode ends when a push finds this many entries in the heap. */
  protected spillAt: number;

  constructor(capacity: number, tuning: EventQueueTuning, maxLive: number) {
    super(capacity, maxLive);
    this.heapMax = tuning.heapMax ?? 2048;
    this.heapMin = Math.min(tuning.heapMin ?? 512, this.heapMax >> 1);
    this.bucketMax = Math.max(2, tuning.bucketMax ?? 48);
    this.bucketLoad = Math.max(1, tuning.bucketLoad ?? 4);
    this.spillAt = this.heapMax;
    for (let r = 0; r < MAX_RUNGS; r++) this.rHeads.push(new Int32Array(16));
  }

  /** A push beyond pure heap mode: spills the heap at its limit, or routes into the ladder. */
  protected pushLadder(slot: number, time: number): void {
    this.sTime[slot] = time;
    if (this.topMax === Infinity && this.nr === 0) {
      this.spill();
      this.pushTop(slot, time);
    } else if (time > this.topMax) this.pushTop(slot, time);
    else this.place(slot, time);
  }

  /** Fills the empty Bottom from the deepest rung, or from Top. */
  protected refill(): void {
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

  /** Frees every entry of the rungs and Top (clear()) and returns to pure heap mode. */
  protected clearLadder(): void {
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
  }

  /** Drops the cancelled entries of the rungs and Top, freeing their slots. */
  protected compactLadder(): void {
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
