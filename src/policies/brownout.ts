import { z } from 'zod';
import { requireConfig } from '../base/config-error.js';
import { duration, parseConfig } from './config.js';

/**
 * Brownout (Klein et al.): skip optional dependencies/features while the service is overloaded.
 * Enter 'brownout' when utilisation >= enterUtilisation OR queueDelay >= enterQueueDelay;
 * leave it only when utilisation < exitUtilisation AND queueDelay < exitQueueDelay (hysteresis),
 * and never before minDwell seconds in the current state.
 */
export const brownoutConfigSchema = z
  .object({
    enterUtilisation: z.number().min(0).max(1).optional().describe('0..1'),
    exitUtilisation: z.number().min(0).max(1).optional().describe('0..1, default enterUtilisation - 0.1'),
    enterQueueDelay: duration(z.number().min(0)).optional().describe('seconds'),
    exitQueueDelay: duration(z.number().min(0)).optional().describe('seconds, default enterQueueDelay / 2'),
    minDwell: duration(z.number().min(0)).default(0).describe('seconds a state is held at least'),
  })
  .strict();

export type BrownoutConfigInput = z.input<typeof brownoutConfigSchema>;

export interface BrownoutConfig {
  readonly enterUtilisation: number;
  readonly exitUtilisation: number;
  readonly enterQueueDelay: number;
  readonly exitQueueDelay: number;
  readonly minDwell: number;
}

export type BrownoutState = 'normal' | 'brownout';

export interface BrownoutSignals {
  readonly utilisation: number;
  /** seconds (head-of-line age or expected wait) */
  readonly queueDelayS: number;
}

export class Brownout {
  readonly config: BrownoutConfig;
  private current: BrownoutState = 'normal';
  private since: number;
  private readonly acc: Record<BrownoutState, number> = { normal: 0, brownout: 0 };
  private switches = 0;

  constructor(config: BrownoutConfigInput = {}, startTime = 0) {
    const p = parseConfig('brownout', brownoutConfigSchema, config);
    requireConfig(p.enterUtilisation !== undefined || p.enterQueueDelay !== undefined, 'brownout', 'enterUtilisation', p.enterUtilisation, 'give enterUtilisation and/or enterQueueDelay');
    const eu = p.enterUtilisation ?? Infinity;
    const xu = p.exitUtilisation ?? (p.enterUtilisation === undefined ? Infinity : Math.max(0, p.enterUtilisation - 0.1));
    const eq = p.enterQueueDelay ?? Infinity;
    const xq = p.exitQueueDelay ?? (p.enterQueueDelay === undefined ? Infinity : p.enterQueueDelay / 2);
    requireConfig(xu <= eu, 'brownout', 'exitUtilisation', p.exitUtilisation, `must be <= enterUtilisation (${eu})`);
    requireConfig(xq <= eq, 'brownout', 'exitQueueDelay', p.exitQueueDelay, `must be <= enterQueueDelay (${eq})`);
    this.config = Object.freeze({ enterUtilisation: eu, exitUtilisation: xu, enterQueueDelay: eq, exitQueueDelay: xq, minDwell: p.minDwell });
    this.since = startTime;
  }

  /** Feeds current signals; returns the (possibly new) state. */
  update(now: number, s: BrownoutSignals): BrownoutState {
    if (now - this.since < this.config.minDwell) return this.current;
    const c = this.config;
    if (this.current === 'normal' && (s.utilisation >= c.enterUtilisation || s.queueDelayS >= c.enterQueueDelay)) this.switchTo('brownout', now);
    else if (this.current === 'brownout' && s.utilisation < c.exitUtilisation && s.queueDelayS < c.exitQueueDelay) this.switchTo('normal', now);
    return this.current;
  }

  /** update() then: should optional work be skipped now? */
  shouldSkipOptional(now: number, s: BrownoutSignals): boolean {
    return this.update(now, s) === 'brownout';
  }

  get state(): BrownoutState {
    return this.current;
  }
  get switchCount(): number {
    return this.switches;
  }

  stateTime(now: number): Record<BrownoutState, number> {
    const t = { ...this.acc };
    t[this.current] += Math.max(0, now - this.since);
    return t;
  }

  private switchTo(next: BrownoutState, now: number): void {
    this.acc[this.current] += now - this.since;
    this.current = next;
    this.since = now;
    this.switches++;
  }
}
