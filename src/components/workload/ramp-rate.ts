// Piecewise-linear rate through points (at, rate): linear between consecutive points, constant
// before the first and after the last. Ramps up, ramps down, plateaus.
import { requireConfig } from '../service/config-error.js';
import type { RateProfile } from './rate-profile.js';
import type { RateStep } from './step-rate.js';

export class RampRate implements RateProfile {
  private readonly times: Float64Array;
  private readonly rates: Float64Array;
  private cursor = 0;

  /** `points`: at least one, times strictly increasing, rates finite and ≥ 0. */
  constructor(points: readonly RateStep[]) {
    const who = 'ramp rate';
    requireConfig(Array.isArray(points) && points.length > 0, who, 'points', points, 'must be a non-empty list');
    this.times = new Float64Array(points.length);
    this.rates = new Float64Array(points.length);
    points.forEach((p, i) => {
      requireConfig(Number.isFinite(p.at) && (i === 0 || p.at > points[i - 1]!.at), who, `points[${i}].at`, p.at, 'must be finite and strictly increasing');
      requireConfig(p.rate >= 0 && p.rate < Infinity, who, `points[${i}].rate`, p.rate, 'must be a finite rate ≥ 0');
      this.times[i] = p.at;
      this.rates[i] = p.rate;
    });
  }

  /** Number of points at or before t (0 → before the first point). */
  private piece(t: number): number {
    const times = this.times;
    let i = this.cursor;
    if (i > 0 && t < times[i - 1]!) i = 0;
    while (i < times.length && t >= times[i]!) i++;
    this.cursor = i;
    return i;
  }

  rate(t: number): number {
    const i = this.piece(t);
    const n = this.times.length;
    if (i === 0) return this.rates[0]!;
    if (i === n) return this.rates[n - 1]!;
    const t0 = this.times[i - 1]!;
    const r0 = this.rates[i - 1]!;
    return r0 + ((this.rates[i]! - r0) * (t - t0)) / (this.times[i]! - t0);
  }
  maxRate(t: number): number {
    const i = this.piece(t);
    const n = this.times.length;
    if (i === 0) return this.rates[0]!;
    if (i === n) return this.rates[n - 1]!;
    return Math.max(this.rates[i - 1]!, this.rates[i]!);
  }
  segmentEnd(t: number): number {
    const i = this.piece(t);
    return i < this.times.length ? this.times[i]! : Infinity;
  }
  integral(a: number, b: number): number {
    let sum = 0;
    let t = a;
    while (t < b) {
      const end = Math.min(b, this.segmentEnd(t));
      sum += ((this.rate(t) + this.rateBefore(end, t)) / 2) * (end - t);
      t = end;
    }
    return sum;
  }
  /** λ at `end` approached from within the piece containing `t` (continuous, so just λ(end) unless end = ∞). */
  private rateBefore(end: number, t: number): number {
    return end === Infinity ? this.rate(t) : this.rate(end);
  }
}
