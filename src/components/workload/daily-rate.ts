// A daily (sinusoidal) cycle: λ(t) = mean + amplitude · cos(2π (t − peakAt) / period), with
// amplitude ≤ mean so that λ ≥ 0. For thinning, time is cut into 24 pieces per period, aligned
// on multiples of period/24 from t = 0; on each piece the bound is the exact maximum of λ there,
// so at most ~1.4% of the candidates are rejected for a full-amplitude cycle.
import { requireConfig } from '../../base/config-error.js';
import type { RateProfile } from './rate-profile.js';
import { cos, sin } from '../../base/math/index.js';

export interface DailyRateConfig {
  /** Mean rate over a period, per second (> 0). */
  readonly mean: number;
  /** Half the peak-to-trough swing, per second, in [0, mean]. */
  readonly amplitude: number;
  /** Length of the cycle, seconds (default 86 400: a day). */
  readonly period?: number;
  /** Time of a peak, seconds (default period / 2: noon when t = 0 is midnight). */
  readonly peakAt?: number;
}

const PIECES_PER_PERIOD = 24;

export class DailyRate implements RateProfile {
  readonly mean: number;
  readonly amplitude: number;
  readonly period: number;
  readonly peakAt: number;
  private readonly piece: number;
  private readonly omega: number;

  constructor(c: DailyRateConfig) {
    const who = 'daily rate';
    requireConfig(c.mean > 0 && c.mean < Infinity, who, 'mean', c.mean, 'must be a finite rate > 0');
    requireConfig(c.amplitude >= 0 && c.amplitude <= c.mean, who, 'amplitude', c.amplitude, `must be in [0, mean = ${c.mean}]`);
    const period = c.period ?? 86_400;
    requireConfig(period > 0 && period < Infinity, who, 'period', period, 'must be a finite number of seconds > 0');
    const peakAt = c.peakAt ?? period / 2;
    requireConfig(Number.isFinite(peakAt), who, 'peakAt', peakAt, 'must be a finite time in seconds');
    this.mean = c.mean;
    this.amplitude = c.amplitude;
    this.period = period;
    this.peakAt = peakAt;
    this.piece = period / PIECES_PER_PERIOD;
    this.omega = (2 * Math.PI) / period;
  }

  /** ω·(t − peakAt) reduced to one period first (`%` is exact), so years of simulated time keep cos accurate. */
  private phase(t: number): number {
    return this.omega * ((t - this.peakAt) % this.period);
  }

  rate(t: number): number {
    return this.mean + this.amplitude * cos(this.phase(t));
  }

  segmentEnd(t: number): number {
    const h = this.piece;
    let end = (Math.floor(t / h) + 1) * h;
    if (end <= t) end += h; // rounding guard
    return end;
  }

  maxRate(t: number): number {
    const end = this.segmentEnd(t);
    const start = end - this.piece;
    // A peak inside [start, end) gives the global maximum; otherwise λ is monotone there.
    const m = Math.ceil((start - this.peakAt) / this.period);
    if (this.peakAt + m * this.period < end) return this.mean + this.amplitude;
    return Math.max(this.rate(start), this.rate(end));
  }

  integral(a: number, b: number): number {
    const w = this.omega;
    return this.mean * (b - a) + (this.amplitude / w) * (sin(this.phase(b)) - sin(this.phase(a)));
  }
}
