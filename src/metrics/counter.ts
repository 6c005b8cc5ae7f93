// A resettable event counter (requests offered, rejected, cancelled, ...).

export class Counter {
  private _value = 0;

  /** The count since construction or the last `resetStats()`. */
  get value(): number {
    return this._value;
  }

  /** Adds one. */
  inc(): void {
    this._value++;
  }

  /** Adds `n` (may be fractional or negative; the caller decides what it counts). */
  add(n: number): void {
    this._value += n;
  }

  /** Restarts the count at 0 (end of warm-up). */
  resetStats(): void {
    this._value = 0;
  }
}
