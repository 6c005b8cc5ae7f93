// The slot store under the event queue. Every pending event lives in a slot: an index into
// parallel arrays (callback, argument, tie-break key, time, list link, generation), so queuing an
// event allocates nothing and a handle finds its event in O(1). A handle is
// generation·2^24 + slot; a slot's generation advances whenever its event fires or is
// cancelled, so a stale handle (its slot possibly reused) no longer matches and is ignored.
// The store also counts the entries the structures above it hold, cancelled ones included:
// a cancelled entry stays where it is (its callback set to null) until it is popped or purged.
//
// The bottom heap (bottom-heap.ts), the ladder (ladder.ts) and the queue (event-queue.ts) extend
// this class rather than holding it, so that the hot path reads every array straight off one
// object (see event-queue.ts).
import { LimitError } from './errors.js';

/** A callback run when its event fires. */
export type EventFn = (arg: any) => void;

/** Bits of the slot in a handle: at most 2^24 (16.7 M) pending events. */
export const SLOT_BITS = 24;
const SLOT_SPACE = 1 << SLOT_BITS; // 2^SLOT_BITS, exact while SLOT_BITS ≤ 30
/** Generations wrap at 2^29, so handles stay below 2^53. */
const GEN_MASK = (1 << 29) - 1;

export class EventSlots {
  /** Callback by slot; null when the slot is free or its event was cancelled. */
  readonly fns: (EventFn | null)[] = [];
  /** Argument by slot. */
  readonly args: unknown[] = [];
  /** Tie-break key by slot: priority · 2^44 + sequence. */
  protected sKey: Float64Array;
  /** Time by slot (written only once the queue leaves pure heap mode; see ladder.ts). */
  protected sTime: Float64Array;
  /** List link by slot (the ladder's Top and bucket lists), -1 at a list's end. */
  protected next: Int32Array;
  protected gen: Uint32Array;
  /** Free slots, a stack of `nFree`: the queue pops it inline in its push (see EventQueue.pushSlot). */
  protected freeSlots: Int32Array;
  protected nFree = 0;
  protected nSlots = 0;
  /** Entries held by the structures, cancelled ones included. */
  protected raw = 0;
  /** Cancelled entries still held. */
  protected cancelled = 0;
  /** Pending events (slots in use) at most; crossing it throws a LimitError('maxLive'). */
  private readonly maxLive: number;

  constructor(capacity: number, maxLive: number) {
    this.maxLive = maxLive;
    this.sKey = new Float64Array(capacity);
    this.sTime = new Float64Array(capacity);
    this.next = new Int32Array(capacity);
    this.gen = new Uint32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
  }

  /** Frees a slot whose event fired (or is dropped): its handles become stale. */
  protected releaseSlot(slot: number): void {
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.gen[slot] = (this.gen[slot]! + 1) & GEN_MASK;
    this.freeSlots[this.nFree++] = slot;
  }

  /**
   * Marks the event in `slot`, of generation `g`, cancelled: its handles become stale, and the
   * entry stays held until it is popped or purged (then `dropCancelled` frees the slot).
   */
  protected markCancelled(slot: number, g: number): void {
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.gen[slot] = (g + 1) & GEN_MASK;
    this.cancelled++;
  }

  /** Frees the slot of a cancelled entry taken out of the structures (its generation already advanced). */
  protected dropCancelled(slot: number): void {
    this.freeSlots[this.nFree++] = slot;
    this.cancelled--;
    this.raw--;
  }

  /** clear(): frees an entry, live or cancelled (the counts are reset by the caller). */
  protected dropEntry(slot: number): void {
    if (this.fns[slot] === null) this.freeSlots[this.nFree++] = slot;
    else this.releaseSlot(slot);
  }

  /** A slot never used before; grows the arrays when full. */
  protected newSlot(): number {
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
}

/** `bigger` with `old` copied to its start. */
function grown<T extends Uint32Array | Float64Array | Int32Array>(bigger: T, old: T): T {
  bigger.set(old as ArrayLike<number>);
  return bigger;
}
