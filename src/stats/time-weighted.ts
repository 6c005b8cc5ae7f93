/**
 * Time-weighted statistics of a piecewise-constant signal (queue length, busy servers, "is up"
 * indicator...). The signal holds value v from the time it is set until the next update.
 *
 * - `integral(t)` = ∫ v dt over [windowStart, t]; `mean(t)` = integral / (t − windowStart).
 *   For a zero-length window `mean` returns the current value (the limit of the mean as the
 *   window shrinks), so callers never divide by zero.
 * - `min` / `max` are over every value the signal took in the current window, including values
 *   held for zero time (two updates at the same instant): a queue that reached 5 and drained in
 *   the same instant did reach 5.
 * - `reset(t)` starts a new window at t keeping the current value (e.g. after warm-up).
 * Time never goes backwards: an update or query before the last update time throws RangeError.
 * The integral uses Neumaier-compensated summation, so millions of updates do not drift.
 */
import { quote } from '../base/config-error.js';

function checkValue(where: string, field: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`TimeWeighted.${where}: ${field} must be a finite number, got ${quote(x)}`);
  }
}

export class TimeWeighted {
  #start: number;
  #last: number;
  #value: number;
  #sum = 0;
  #compensation = 0;
  #min: number;
  #max: number;

  constructor(t0: number, v0: number) {
    checkValue('constructor', 't0', t0);
    checkValue('constructor', 'v0', v0);
    this.#start = t0;
    this.#last = t0;
    this.#value = v0;
    this.#min = v0;
    this.#max = v0;
  }

  #advance(where: string, t: number): void {
    checkValue(where, 't', t);
    if (t < this.#last) {
      throw new RangeError(`TimeWeighted.${where}: t must be >= last update time ${this.#last}, got ${quote(t)}`);
    }
    const add = this.#value * (t - this.#last);
    const s = this.#sum + add;
    this.#compensation += Math.abs(this.#sum) >= Math.abs(add) ? this.#sum - s + add : add - s + this.#sum;
    this.#sum = s;
    this.#last = t;
  }

  /** The signal changes to v at time t. */
  update(t: number, v: number): void {
    checkValue('update', 'v', v);
    this.#advance('update', t);
    this.#value = v;
    if (v < this.#min) this.#min = v;
    if (v > this.#max) this.#max = v;
  }

  /** ∫ v dt from the window start to t (t ≥ last update time). */
  integral(t: number): number {
    checkValue('integral', 't', t);
    if (t < this.#last) {
      throw new RangeError(`TimeWeighted.integral: t must be >= last update time ${this.#last}, got ${quote(t)}`);
    }
    return this.#sum + this.#compensation + this.#value * (t - this.#last);
  }

  /** Time average over [window start, t]; the current value if the window has zero length. */
  mean(t: number): number {
    const total = this.integral(t);
    const span = t - this.#start;
    return span > 0 ? total / span : this.#value;
  }

  /** Starts a new window at t, keeping the current value. */
  reset(t: number): void {
    this.#advance('reset', t);
    this.#start = t;
    this.#sum = 0;
    this.#compensation = 0;
    this.#min = this.#value;
    this.#max = this.#value;
  }

  /** Current value of the signal. */
  get value(): number {
    return this.#value;
  }

  /** Start of the current window. */
  get startTime(): number {
    return this.#start;
  }

  /** Time of the last update (or reset). */
  get lastTime(): number {
    return this.#last;
  }

  /** Smallest value taken in the current window. */
  get min(): number {
    return this.#min;
  }

  /** Largest value taken in the current window. */
  get max(): number {
    return this.#max;
  }
}
