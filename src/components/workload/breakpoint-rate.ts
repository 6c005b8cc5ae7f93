// The common part of the rates given at breakpoints (StepRate, RampRate): the checked breakpoint
// times and rates, a cursor finding the piece that contains t (amortised O(1) for the
// non-decreasing times of a simulation), and the integral summed piece by piece.
import { requireConfig } from '../../base/config-error.js';
import type { RateProfile } from './rate-profile.js';

/** From time `at` (seconds) on, the rate is `rate` (per second). */
export interface RateStep {
  readonly at: number;
  readonly rate: number;
}

export abstract class BreakpointRate implements RateProfile {
  /** Breakpoint times, strictly increasing. */
  protected readonly times: Float64Array;
  /** rates[lead + i] = the rate of breakpoint i; the first `lead` entries are the subclass's to fill. */
  protected readonly rates: Float64Array;
  private cursor = 0;

  /** Checks `points` (the list `field` of `who`'s config: times finite and strictly increasing, rates finite and ≥ 0) and copies them. */
  protected constructor(who: string, field: string, points: readonly RateStep[], lead: number) {
    this.times = new Float64Array(points.length);
    this.rates = new Float64Array(points.length + lead);
    points.forEach((p, i) => {
      requireConfig(Number.isFinite(p.at) && (i === 0 || p.at > points[i - 1]!.at), who, `${field}[${i}].at`, p.at, 'must be finite and strictly increasing');
      requireConfig(p.rate >= 0 && p.rate < Infinity, who, `${field}[${i}].rate`, p.rate, 'must be a finite rate ≥ 0');
      this.times[i] = p.at;
      this.rates[i + lead] = p.rate;
    });
  }

  abstract rate(t: number): number;
  abstract maxRate(t: number): number;
  /** ∫ λ over [t, end), where [t, end) lies within the piece containing t. */
  protected abstract pieceIntegral(t: number, end: number): number;

  /** Number of breakpoints at or before t: the index of the piece containing t (pieces: (-∞, t0), [t0, t1), ..., [t_{n-1}, ∞)). */
  protected piece(t: number): number {
    const times = this.times;
    let i = this.cursor;
    if (i > 0 && t < times[i - 1]!) i = 0;
    while (i < times.length && t >= times[i]!) i++;
    this.cursor = i;
    return i;
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
      sum += this.pieceIntegral(t, end);
      t = end;
    }
    return sum;
  }
}
