// A traffic spike: `base` rate, `peak` rate on [at, at + duration), then `base` again.
import { requireConfig } from '../../base/config-error.js';
import { StepRate } from './step-rate.js';

export interface SpikeConfig {
  /** Rate outside the spike, per second. */
  readonly base: number;
  /** Rate during the spike, per second. */
  readonly peak: number;
  /** Start of the spike, seconds. */
  readonly at: number;
  /** Length of the spike, seconds (> 0). */
  readonly duration: number;
}

export function spikeRate(c: SpikeConfig): StepRate {
  requireConfig(c.duration > 0 && c.duration < Infinity, 'spike rate', 'duration', c.duration, 'must be a finite number of seconds > 0');
  return new StepRate({ initial: c.base, steps: [{ at: c.at, rate: c.peak }, { at: c.at + c.duration, rate: c.base }] });
}
