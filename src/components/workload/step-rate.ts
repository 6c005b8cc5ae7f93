// Piecewise-constant rate: `initial` until the first step, then each step's rate from its time on.
import { requireConfig } from '../service/config-error.js';
import type { RateProfile } from './rate-profile.js';

/** From time `at` (seconds) on, the rate is `rate` (per second). */
export interface RateStep {
  readonly at: number;
  readonly rate: number;
}

export interface StepRateConfig {
  /** Rate before the first step, per second. */
  readonly initial: number;
  /** Steps in strictly increasing time order. */
  readonly steps: readonly RateStep[];
}

export class StepRate implements RateProfile {
  private readonly times: Float64Array;
  private readonly rates: Float64Array; // rates[i] holds on [times[i-1], times[i]); rates[0] before times[0]
  private cursor = 0;

  constructor(config: StepRateConfig) {
    const who = 'step rate';
    requireConfig(config.initial >= 0 && config.initial < Infinity, who, 'initial', config.initial, 'must be a finite rate ≥ 0');
    const steps = config.steps;
    this.times = new Float64Array(steps.length);
    this.rates = new Float64Array(steps.length + 1);
    this.rates[0] = config.initial;
    steps.forEach((s, i) => {
      requireConfig(Number.isFinite(s.at) && (i === 0 || s.at > steps[i - 1]!.at), who, `steps[${i}].at`, s.at, 'must be finite and strictly increasing');
      requireConfig(s.rate >= 0 && s.rate < Infinity, who, `steps[${i}].rate`, s.rate, 'must be a finite rate ≥ 0');
      this.times[i] = s.at;
      this.rates[i + 1] = s.rate;
    });
  }

  /** Index of the piece containing t (pieces: (-∞, t0), [t0, t1), ..., [t_{n-1}, ∞)). */
  private piece(t: number): number {
    const times = this.times;
    let i = this.cursor;
    if (i > 0 && t < times[i - 1]!) i = 0;
    while (i < times.length && t >= times[i]!) i++;
    this.cursor = i;
    return i;
  }

  rate(t: number): number {
    return this.rates[this.piece(t)]!;
  }
  maxRate(t: number): number {
    return this.rates[this.piece(t)]!;
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
      sum += this.rate(t) * (end - t);
      t = end;
    }
    return sum;
  }
}
