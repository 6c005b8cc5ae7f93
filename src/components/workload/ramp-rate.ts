// Piecewise-linear rate through points (at, rate): linear between consecutive points, constant
// before the first and after the last. Ramps up, ramps down, plateaus.
import { requireConfig } from '../../base/config-error.js';
import { BreakpointRate, type RateStep } from './breakpoint-rate.js';

export class RampRate extends BreakpointRate {
  /** `points`: at least one, times strictly increasing, rates finite and ≥ 0. */
  constructor(points: readonly RateStep[]) {
    requireConfig(Array.isArray(points) && points.length > 0, 'ramp rate', 'points', points, 'must be a non-empty list');
    super('ramp rate', 'points', points, 0);
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
  /** The rate is linear within a piece (trapezoid); beyond the last point it is constant. */
  protected pieceIntegral(t: number, end: number): number {
    return ((this.rate(t) + (end === Infinity ? this.rate(t) : this.rate(end))) / 2) * (end - t);
  }
}
