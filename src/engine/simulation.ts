// The simulation: the clock and the pending events. All state of a run hangs off one
// Simulation object; there is no module-level mutable state, so runs can execute side by side.
// One class with its options: `run`'s loop, its guards and the scheduling fast paths all read the
// queue and the clock directly, which is what keeps them inlinable, so they stay together here.
import { EventQueue, type EventFn } from './event-queue.js';
import { MAX_PRIORITY, Priority } from './priorities.js';
import { LimitError, SimulationError } from './errors.js';
import { SimEvent, Timeout, anyOf, allOf, type AnyOfValue } from './events.js';
import { Process, type ProcessGenerator } from './process.js';

export interface SimulationOptions {
  /**
   * Events allowed at one simulated instant before the run stops with an error (default
   * 10 000 000; an integer ≥ 1). Checked every min(1024, limit) events, so the run stops within
   * 2·min(1024, limit) events after the limit is passed.
   */
  readonly sameInstantLimit?: number;
  /** Initial capacity of the event queue (it grows as needed). */
  readonly initialCapacity?: number;
  /**
   * Events this simulation may process over its whole life, all `run` calls together (default
   * unlimited). Checked at `run`'s checkpoints: crossing it stops the run with a SimulationError
   * whose cause is a LimitError('maxEvents').
   */
  readonly maxEvents?: number;
  /**
   * Live entities any one growing structure may hold (default unlimited): pending events in the
   * event queue, and the queues of components that read `sim.maxLive` when they grow. Crossing it
   * throws a LimitError('maxLive') where the structure grows (no per-event cost).
   */
  readonly maxLive?: number;
  /**
   * Called at every checkpoint of `run` (every min(1024, sameInstantLimit) events, counted across
   * `run` calls), e.g. to watch memory or an abort flag; an error it throws stops the run like an
   * error of the event being processed.
   */
  readonly onCheckpoint?: (sim: Simulation) => void;
}

export interface RunOptions {
  /** Run the events strictly before this time, then set the clock to it (default: until no event is left). */
  readonly until?: number;
  /** Stop with an error if this call would process more events than this. */
  readonly maxEvents?: number;
}

/** Names the component behind an event: the argument's `name` when it has one, else the callback's. */
function describeComponent(fn: EventFn | null, arg: unknown): string {
  if (arg !== null && typeof arg === 'object' && typeof (arg as { name?: unknown }).name === 'string') {
    return (arg as { name: string }).name;
  }
  if (fn !== null && fn.name) return fn.name;
  return 'anonymous callback';
}

/** A delay and a priority `schedule` accepts: a finite delay ≥ 0, an integer priority in [0, MAX_PRIORITY]. */
function validTiming(delay: number, priority: number): boolean {
  return delay >= 0 && delay < Infinity && priority >= 0 && priority <= MAX_PRIORITY && Number.isInteger(priority);
}

/** Largest number of events between two checkpoints of `run`'s guards. */
const GUARD_PERIOD = 1024;

/** The guard state of one `run` call: the time and event count at its last checkpoint, and the events counted at that time. */
interface GuardState {
  time: number;
  count: number;
  same: number;
}

export class Simulation {
  private _now = 0;
  private readonly queue: EventQueue;
  private stopped = false;
  private _eventCount = 0;
  private readonly sameInstantLimit: number;
  /** Events between two checkpoints of `run`'s guards: min(GUARD_PERIOD, sameInstantLimit). */
  private readonly guardPeriod: number;
  /** Live entities a growing structure may hold (SimulationOptions.maxLive; Infinity when unlimited). */
  readonly maxLive: number;
  private readonly maxTotalEvents: number;
  private readonly onCheckpoint: ((sim: Simulation) => void) | undefined;
  /** @internal The process whose step is running (read and written directly by Process._step). */
  _active: Process<any> | null = null;

  constructor(options: SimulationOptions = {}) {
    const maxLive = options.maxLive ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (!(maxLive >= 1)) throw new RangeError(`maxLive must be a number ≥ 1, got ${maxLive}`);
    if (!(maxEvents >= 0)) throw new RangeError(`maxEvents must be a number ≥ 0, got ${maxEvents}`);
    this.maxLive = maxLive;
    this.maxTotalEvents = maxEvents;
    this.onCheckpoint = options.onCheckpoint;
    this.queue = new EventQueue(options.initialCapacity ?? 1024, {}, maxLive);
    const limit = options.sameInstantLimit ?? 10_000_000;
    if (!(Number.isInteger(limit) && limit >= 1)) {
      throw new RangeError(`sameInstantLimit must be an integer ≥ 1, got ${limit}`);
    }
    this.sameInstantLimit = limit;
    this.guardPeriod = Math.min(GUARD_PERIOD, limit);
  }

  /** The simulated time, in seconds. */
  get now(): number {
    return this._now;
  }

  /** The process whose step is running, or null (inside a plain callback). */
  get activeProcess(): Process<any> | null {
    return this._active;
  }

  /** Events processed so far by this simulation. */
  get eventCount(): number {
    return this._eventCount;
  }

  /** Live pending events. */
  get pending(): number {
    return this.queue.size;
  }

  /** Time of the next pending event, or Infinity. */
  peek(): number {
    return this.queue.peekTime();
  }

  /**
   * Calls `fn(arg)` after `delay` seconds. Events at the same time run by priority (see
   * priorities.ts), then in scheduling order. Returns a handle for `cancel`. Passing a
   * long-lived function and an argument (rather than a fresh closure) keeps the hot path free
   * of allocation.
   */
  schedule<A>(delay: number, fn: (arg: A) => void, arg?: A, priority: number = Priority.NORMAL): number {
    if (!validTiming(delay, priority)) {
      this.rejectSchedule(delay, priority, fn, arg);
    }
    return this.queue.push(this._now + delay, priority, fn, arg);
  }

  /**
   * `schedule` for an event that will not be cancelled: returns nothing. Cheaper than `schedule`
   * where V8 does not inline the call (a handle past 2^31 is returned boxed, i.e. allocated).
   */
  post<A>(delay: number, fn: (arg: A) => void, arg?: A, priority: number = Priority.NORMAL): void {
    if (!validTiming(delay, priority)) {
      this.rejectSchedule(delay, priority, fn, arg);
    }
    this.queue.pushSlot(this._now + delay, priority, fn, arg);
  }

  /**
   * @internal `schedule` returning a short handle (below 2^31, so never boxed), for `_cancelShort`.
   * A short handle repeats after 128 reuses of its queue slot: only for components that drop it
   * (set it to -1) when its event fires or is cancelled, and so never use a stale one.
   */
  _scheduleShort<A>(delay: number, fn: (arg: A) => void, arg: A, priority: number): number {
    if (!validTiming(delay, priority)) {
      this.rejectSchedule(delay, priority, fn, arg);
    }
    return this.queue.pushShort(this._now + delay, priority, fn, arg);
  }

  /** @internal Cancels the pending event of a short handle from `_scheduleShort`. */
  _cancelShort(handle: number): boolean {
    return handle >= 0 && this.queue.cancelShort(handle);
  }

  /** The error of an invalid `schedule` (out of line: keeps `schedule` small enough to inline). */
  private rejectSchedule(delay: number, priority: number, fn: EventFn, arg: unknown): never {
    if (!(delay >= 0) || delay === Infinity) {
      throw new SimulationError(`cannot schedule with delay ${delay}; expected a finite number ≥ 0`, this._now, describeComponent(fn, arg));
    }
    throw new SimulationError(`invalid priority ${priority}; expected an integer in [0, ${MAX_PRIORITY}]`, this._now, describeComponent(fn, arg));
  }

  /**
   * @internal `schedule` at the default priority for a delay already known to be ≥ 0 (a process
   * that yielded a number); an infinite delay goes through `schedule` for its error.
   */
  _scheduleDelay(delay: number, fn: EventFn, arg: unknown): number {
    if (delay === Infinity) return this.schedule(delay, fn, arg);
    return this.queue.push(this._now + delay, Priority.NORMAL, fn, arg);
  }

  /** Like `schedule`, at an absolute time ≥ now. */
  scheduleAt<A>(time: number, fn: (arg: A) => void, arg?: A, priority: number = Priority.NORMAL): number {
    return this.schedule(time - this._now, fn, arg, priority);
  }

  /** Cancels a pending event in O(1). A stale handle (fired or cancelled) is ignored: returns false. */
  cancel(handle: number): boolean {
    return handle >= 0 && this.queue.cancel(handle);
  }

  isPending(handle: number): boolean {
    return handle >= 0 && this.queue.isPending(handle);
  }

  /** Stops `run` after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Processes the next event. Returns false if there was none. */
  step(): boolean {
    const q = this.queue;
    for (;;) {
      if (q.rawLength === 0) return false;
      const t = q.topTime();
      const slot = q.popSlot();
      const fn = q.fns[slot]!;
      const arg = q.args[slot];
      q.release(slot);
      if (fn === null) continue;
      this._now = t;
      this._eventCount++;
      try {
        fn(arg);
      } catch (e) {
        throw this.wrapError(e, fn, arg);
      }
      return true;
    }
  }

  /**
   * Runs events in (time, priority, sequence) order until none is left, `until` is reached
   * (events at exactly `until` are left pending, and the clock is set to `until`), or `stop()`.
   */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (!(until >= this._now)) throw new RangeError(`run(until=${until}) is before now (${this._now})`);
    if (!(maxEvents >= 0)) throw new RangeError(`run(maxEvents=${maxEvents}): expected a number ≥ 0`);
    const q = this.queue;
    const fns = q.fns;
    const args = q.args;
    this.stopped = false;
    const guards: GuardState = { time: NaN, count: 0, same: 0 }; // this call's own (a nested run has its own)
    let count = 0;
    // This call's event limit: its own maxEvents, or what is left of the simulation's.
    const limit = Math.min(maxEvents, this.maxTotalEvents - this._eventCount);
    // The guards run at checkpoints rather than at every event (see `guard`): one integer
    // comparison per event instead of three (measured: 4-7% of the callback M/M/1's time). The
    // first checkpoint continues the simulation's period, so that many short calls still reach one.
    let checkAt = this.nextCheckpoint(-(this._eventCount % this.guardPeriod), limit);
    let fn: EventFn | null = null;
    let arg: unknown = undefined;
    try {
      while (q.rawLength > 0) {
        const t = q.topTime();
        if (t >= until) break;
        const slot = q.popSlot();
        fn = fns[slot]!;
        arg = args[slot];
        q.release(slot);
        if (fn === null) continue;
        if (++count >= checkAt) checkAt = this.guard(guards, count, t, maxEvents, limit, fn, arg);
        this._now = t;
        fn(arg);
        if (this.stopped) break;
      }
    } catch (e) {
      this._eventCount += count;
      throw this.wrapError(e, fn, arg);
    }
    this._eventCount += count;
    if (!this.stopped && until !== Infinity) this._now = until;
  }

  /**
   * The guards of `run`, at its checkpoints: every `guardPeriod` events and at `maxEvents + 1`.
   * Time never decreases, so when a checkpoint finds the clock where the previous one left it,
   * every event between the two ran at that instant: `g.same` counts them (from the first
   * checkpoint at that instant, a lower bound). A model stuck at one instant is therefore stopped
   * once more than `sameInstantLimit` of its events are counted, at most 2·guardPeriod events
   * after it passes the limit (guardPeriod ≤ the limit, so at most 3× the limit in all).
   * Returns the next checkpoint.
   */
  private guard(g: GuardState, count: number, t: number, maxEvents: number, limit: number, fn: EventFn, arg: unknown): number {
    if (count > limit) {
      if (count > maxEvents) throw new SimulationError(`exceeded maxEvents=${maxEvents}`, t, describeComponent(fn, arg));
      const error = new LimitError(`more than ${this.maxTotalEvents} events in this simulation`, 'maxEvents', this.maxTotalEvents);
      throw new SimulationError(error.message, t, describeComponent(fn, arg), { cause: error });
    }
    if (t === g.time) {
      g.same += count - g.count;
      if (g.same > this.sameInstantLimit) {
        throw new SimulationError(
          `more than ${this.sameInstantLimit} events at the same instant: the model keeps scheduling without advancing time`,
          t,
          describeComponent(fn, arg),
        );
      }
    } else {
      g.time = t;
      g.same = 1;
    }
    g.count = count;
    if (this.onCheckpoint !== undefined) {
      const now = this._now;
      this._now = t; // the hook and its errors see the time of the event at hand
      try {
        this.onCheckpoint(this);
      } catch (e) {
        throw this.wrapError(e, fn, arg);
      } finally {
        this._now = now;
      }
    }
    return this.nextCheckpoint(count, limit);
  }

  /** The event count of the checkpoint after `count`: a guard period on, or just past the limit. */
  private nextCheckpoint(count: number, limit: number): number {
    const next = count + this.guardPeriod;
    return next < limit + 1 ? next : limit + 1;
  }

  /** Starts a process from a generator (or a generator function called with no argument). */
  process<R>(gen: ProcessGenerator<R> | (() => ProcessGenerator<R>), name = 'process'): Process<R> {
    const g = typeof gen === 'function' ? gen() : gen;
    return new Process<R>(this, g, name);
  }

  /** An event that succeeds after `delay` seconds (for conditions; a process may also yield the number). */
  timeout<T = undefined>(delay: number, value?: T): Timeout<T> {
    return new Timeout<T>(this, delay, value);
  }

  /** A fresh untriggered event. */
  event<T = unknown>(name = 'event'): SimEvent<T> {
    return new SimEvent<T>(this, name);
  }

  anyOf(events: readonly SimEvent<any>[]): SimEvent<AnyOfValue> {
    return anyOf(this, events);
  }

  allOf(events: readonly SimEvent<any>[]): SimEvent<unknown[]> {
    return allOf(this, events);
  }

  private wrapError(e: unknown, fn: EventFn | null, arg: unknown): SimulationError {
    if (e instanceof SimulationError) return e;
    const msg = e instanceof Error ? e.message : String(e);
    return new SimulationError(msg, this._now, describeComponent(fn, arg), { cause: e });
  }
}
