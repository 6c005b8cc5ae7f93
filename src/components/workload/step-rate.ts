// Piecewise-constant rate: `initial` until the first step, then each step's rate from its time on.
import { requireConfig } from '../../base/config-error.js';
import { BreakpointRate, type RateStep } from './breakpoint-rate.js';

export type { RateStep } from './breakpoint-rate.js';

export interface StepRateConfig {
  /** Rate before the first step, per second. */
  readonly initial: number;
  /** Steps in strictly increasing time order. */
  readonly steps: readonly RateStep[];
}

/** rates[i] holds on [times[i-1], times[i]); rates[0] (= initial) before times[0]. */
export class StepRate extends BreakpointRate {
  constructor(config: StepRateConfig) {
    requireConfig(config.initial >= 0 && config.initial < Infinity, 'step rate', 'initial', config.initial, 'must be a finite rate ≥ 0');
    super('step rate', 'steps', config.steps, 1);
    this.rates[0] = config.initial;
  }

  rate(t: number): number {
    return this.rates[this.piece(t)]!;
  }
  maxRate(t: number): number {
    return this.rates[this.piece(t)]!;
  }
  protected pieceIntegral(t: number, end: number): number {
    return this.rate(t) * (end - t);
  }
}
