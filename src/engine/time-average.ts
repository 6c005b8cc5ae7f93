// Time-weighted average of a piecewise-constant signal (busy servers, queue length, replicas
// up), kept incrementally: O(1) per change, resettable at the end of a warm-up.

export class TimeAverage {
  private value: number;
  private lastT: number;
  private startT: number;
  private area = 0;
  private _max: number;

  constructor(t0: number, v0 = 0) {
    this.value = v0;
    this.lastT = t0;
    this.startT = t0;
    this._max = v0;
  }

  /** The current value of the signal. */
  get current(): number {
    return this.value;
  }

  /** Largest value seen since the last reset. */
  get max(): number {
    return this._max;
  }

  /** The signal takes value `v` from time `t` on. */
  set(t: number, v: number): void {
    this.area += this.value * (t - this.lastT);
    this.lastT = t;
    this.value = v;
    if (v > this._max) this._max = v;
  }

  add(t: number, dv: number): void {
    this.set(t, this.value + dv);
  }

  /** Integral of the signal from the last reset to `t`. */
  integral(t: number): number {
    return this.area + this.value * (t - this.lastT);
  }

  /** Time average from the last reset to `t` (the current value if no time has passed). */
  mean(t: number): number {
    const span = t - this.startT;
    return span > 0 ? this.integral(t) / span : this.value;
  }

  /** Restarts the statistics at `t`, keeping the current value. */
  reset(t: number): void {
    this.area = 0;
    this.lastT = t;
    this.startT = t;
    this._max = this.value;
  }
}
