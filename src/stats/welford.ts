/**
 * Streaming mean / variance (Welford's algorithm), with min/max and merging of two accumulators
 * (Chan et al.). Non-finite observations are rejected with a RangeError: a NaN or ±Infinity fed
 * to an accumulator is a bug upstream and would silently poison every later statistic.
 */
import { quote } from '../base/config-error.js';

export class Welford {
  #n = 0;
  #mean = 0;
  #m2 = 0;
  #min = Infinity;
  #max = -Infinity;

  /** Adds one observation. */
  add(x: number): void {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RangeError(`Welford.add: value must be a finite number, got ${quote(x)}`);
    }
    this.#n += 1;
    const delta = x - this.#mean;
    this.#mean += delta / this.#n;
    this.#m2 += delta * (x - this.#mean);
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
  }

  /** Adds every value of an iterable. */
  addAll(values: Iterable<number>): void {
    for (const v of values) this.add(v);
  }

  /** Folds another accumulator into this one (the other is left unchanged). */
  merge(other: Welford): void {
    const n2 = other.#n;
    if (n2 === 0) return;
    const n1 = this.#n;
    const n = n1 + n2;
    const delta = other.#mean - this.#mean;
    this.#mean += (delta * n2) / n;
    this.#m2 += other.#m2 + (delta * delta * n1 * n2) / n;
    this.#n = n;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** Forgets every observation. */
  reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#m2 = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
  }

  get count(): number {
    return this.#n;
  }

  /** Sample mean; NaN when empty. */
  get mean(): number {
    return this.#n === 0 ? NaN : this.#mean;
  }

  /** Sample variance (divisor n − 1); NaN when n < 2. */
  get variance(): number {
    return this.#n < 2 ? NaN : this.#m2 / (this.#n - 1);
  }

  /** Population variance (divisor n); NaN when empty. */
  get populationVariance(): number {
    return this.#n === 0 ? NaN : this.#m2 / this.#n;
  }

  /** Sample standard deviation; NaN when n < 2. */
  get std(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest observation; NaN when empty. */
  get min(): number {
    return this.#n === 0 ? NaN : this.#min;
  }

  /** Largest observation; NaN when empty. */
  get max(): number {
    return this.#n === 0 ? NaN : this.#max;
  }
}
