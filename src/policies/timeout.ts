import { z } from 'zod';
import { requireConfig } from '../base/config-error.js';
import { duration, parseConfig } from './config.js';

/**
 * Timeout config. `timeout` is per attempt (resilience4j TimeLimiter `timeoutDuration`, default 1 s;
 * Polly's `Timeout` strategy defaults to 30 s). `overallTimeout` bounds the whole logical request including
 * all retries and backoff waits (Envoy's route timeout). `cancelOnTimeout=false` means an abandoned attempt
 * keeps consuming server capacity (Brooker's metastability mechanism); resilience4j's `cancelRunningFuture`
 * default is true, set it explicitly to reproduce that.
 */
export const timeoutConfigSchema = z
  .object({
    timeout: duration(z.number().positive()).default(1).describe('per-attempt timeout, seconds (resilience4j TimeLimiter default 1 s)'),
    overallTimeout: duration(z.number().positive()).optional().describe('budget for the whole request incl. retries, seconds (Envoy route timeout)'),
    cancelOnTimeout: z.boolean().default(false).describe('whether the server stops working on an abandoned attempt'),
  })
  .strict();

export type TimeoutConfigInput = z.input<typeof timeoutConfigSchema>;
export type TimeoutConfig = z.output<typeof timeoutConfigSchema>;

export class TimeoutPolicy {
  readonly config: Readonly<TimeoutConfig>;

  constructor(config: TimeoutConfigInput = {}) {
    this.config = parseConfig('timeout', timeoutConfigSchema, config);
    const o = this.config.overallTimeout;
    // An overall budget shorter than one attempt is legal (it simply wins), so no cross-field check except sanity.
    requireConfig(o === undefined || o > 0, 'timeout', 'overallTimeout', o, 'must be > 0');
  }

  /** Absolute time at which an attempt started at `attemptStart` times out (the earlier of both limits). */
  attemptDeadline(attemptStart: number, requestStart: number): number {
    const perAttempt = attemptStart + this.config.timeout;
    const o = this.config.overallTimeout;
    return o === undefined ? perAttempt : Math.min(perAttempt, requestStart + o);
  }

  /** Absolute time at which the whole logical request is abandoned (Infinity without an overall timeout). */
  requestDeadline(requestStart: number): number {
    const o = this.config.overallTimeout;
    return o === undefined ? Infinity : requestStart + o;
  }

  /** Seconds left in the overall budget at `now` (Infinity without an overall timeout, never negative). */
  remainingBudget(now: number, requestStart: number): number {
    return Math.max(0, this.requestDeadline(requestStart) - now);
  }

  /** May a new attempt (or retry) start at `now`? False once the overall budget is used up. */
  canStartAttempt(now: number, requestStart: number): boolean {
    return now < this.requestDeadline(requestStart);
  }

  /** Classifies an attempt that would take `durationS` if left alone: 'ok' if it finishes strictly before the deadline. */
  classify(attemptStart: number, durationS: number, requestStart: number): 'ok' | 'timeout' {
    return attemptStart + durationS < this.attemptDeadline(attemptStart, requestStart) ? 'ok' : 'timeout';
  }
}
