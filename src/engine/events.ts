// Events that processes wait on (SimPy's Event): triggered once with a value or an error, then
// processed by the kernel, which runs their callbacks in the order they were added.
import type { Simulation } from './simulation.js';
import { Priority } from './priorities.js';

export type EventCallback<T> = (event: SimEvent<T>) => void;

const PENDING = 0;
const TRIGGERED = 1;
const PROCESSED = 2;

function fireEvent(ev: SimEvent<any>): void {
  ev._fire();
}

export class SimEvent<T = unknown> {
  readonly sim: Simulation;
  name: string;
  private _state = PENDING;
  private _ok = true;
  private _value: T | undefined = undefined;
  private _error: unknown = undefined;
  /**
   * Callbacks to run when processed. Most events get one or none, so a single callback is held
   * in `_cb` and the array is allocated only when a second one is added (from then on the
   * array holds them all and `_cb` is null).
   */
  private _cb: EventCallback<T> | null = null;
  private _callbacks: EventCallback<T>[] | null = null;

  constructor(sim: Simulation, name = 'event') {
    this.sim = sim;
    this.name = name;
  }

  /** True once succeed() or fail() has been called. */
  get triggered(): boolean {
    return this._state !== PENDING;
  }
  /** True once the callbacks have run. */
  get processed(): boolean {
    return this._state === PROCESSED;
  }
  /** False if the event failed. */
  get ok(): boolean {
    return this._ok;
  }
  get value(): T | undefined {
    return this._value;
  }
  get error(): unknown {
    return this._error;
  }

  /** Triggers the event with a value; its callbacks run at the current instant. */
  succeed(value?: T, priority: number = Priority.NORMAL): this {
    this.ensurePending();
    this._state = TRIGGERED;
    this._value = value;
    this.sim.post(0, fireEvent, this, priority);
    return this;
  }

  /** Triggers the event with an error; a process waiting on it has the error thrown into it. */
  fail(error: unknown, priority: number = Priority.NORMAL): this {
    this.ensurePending();
    this._state = TRIGGERED;
    this._ok = false;
    this._error = error;
    this.sim.post(0, fireEvent, this, priority);
    return this;
  }

  /** Adds a callback; on an already processed event it runs at the current instant. */
  addCallback(cb: EventCallback<T>): void {
    if (this._state === PROCESSED) {
      this.sim.post(0, () => cb(this), undefined, Priority.URGENT);
      return;
    }
    if (this._callbacks !== null) this._callbacks.push(cb);
    else if (this._cb === null) this._cb = cb;
    else {
      this._callbacks = [this._cb, cb];
      this._cb = null;
    }
  }

  removeCallback(cb: EventCallback<T>): void {
    const cbs = this._callbacks;
    if (cbs === null) {
      if (this._cb === cb) this._cb = null; // else none added, or already processed
      return;
    }
    const i = cbs.indexOf(cb);
    if (i >= 0) cbs.splice(i, 1);
  }

  get callbackCount(): number {
    if (this._callbacks !== null) return this._callbacks.length;
    return this._cb === null ? 0 : 1;
  }

  /** @internal Called by the kernel when the event is processed. */
  _fire(): void {
    const cb = this._cb;
    const cbs = this._callbacks;
    this._cb = null;
    this._callbacks = null;
    this._state = PROCESSED;
    if (cb !== null) cb(this);
    else if (cbs !== null) for (let i = 0; i < cbs.length; i++) cbs[i]!(this);
  }

  /** @internal Used by Timeout: marks the event triggered without scheduling it again. */
  protected _markTriggered(value: T | undefined): void {
    this._state = TRIGGERED;
    this._value = value;
  }

  private ensurePending(): void {
    if (this._state !== PENDING) throw new Error(`event "${this.name}" has already been triggered`);
  }
}

/** An event that succeeds after a delay. It can be cancelled while pending. */
export class Timeout<T = undefined> extends SimEvent<T> {
  readonly delay: number;
  private handle: number;

  constructor(sim: Simulation, delay: number, value?: T, priority: number = Priority.NORMAL) {
    super(sim, 'timeout');
    this.delay = delay;
    this.handle = sim.schedule(delay, fireEvent, this, priority);
    this._markTriggered(value);
  }

  /** Cancels the timeout if it has not fired; its callbacks never run. */
  cancel(): boolean {
    const ok = this.sim.cancel(this.handle);
    this.handle = -1;
    return ok;
  }
}

/** The value of an any-of condition: the first event that triggered, its index and value. */
export interface AnyOfValue {
  readonly index: number;
  readonly event: SimEvent<any>;
  readonly value: unknown;
}

/**
 * Succeeds when the first of `events` is processed (or fails with its error). Losing timeouts
 * that nobody else waits on are cancelled, so a timeout race leaves no pending event behind.
 */
export function anyOf(sim: Simulation, events: readonly SimEvent<any>[]): SimEvent<AnyOfValue> {
  const cond = new SimEvent<AnyOfValue>(sim, 'anyOf');
  if (events.length === 0) return cond.succeed({ index: -1, event: cond, value: undefined });
  const callbacks: EventCallback<any>[] = [];
  events.forEach((_ev, index) => {
    const cb: EventCallback<any> = (e) => {
      if (cond.triggered) return;
      events.forEach((other, j) => {
        if (j === index) return;
        other.removeCallback(callbacks[j]!);
        if (other instanceof Timeout && !other.processed && other.callbackCount === 0) other.cancel();
      });
      if (e.ok) cond.succeed({ index, event: e, value: e.value }, Priority.URGENT);
      else cond.fail(e.error, Priority.URGENT);
    };
    callbacks.push(cb);
  });
  events.forEach((ev, i) => ev.addCallback(callbacks[i]!));
  return cond;
}

/** Succeeds with every event's value (in order) when all are processed; fails with the first error. */
export function allOf(sim: Simulation, events: readonly SimEvent<any>[]): SimEvent<unknown[]> {
  const cond = new SimEvent<unknown[]>(sim, 'allOf');
  const values: unknown[] = new Array(events.length);
  let remaining = events.length;
  if (remaining === 0) return cond.succeed(values);
  events.forEach((ev, i) => {
    ev.addCallback((e) => {
      if (cond.triggered) return;
      if (!e.ok) {
        cond.fail(e.error, Priority.URGENT);
        return;
      }
      values[i] = e.value;
      if (--remaining === 0) cond.succeed(values, Priority.URGENT);
    });
  });
  return cond;
}
