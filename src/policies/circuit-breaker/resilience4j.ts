import { z } from 'zod';
import { requireConfig } from '../../base/config-error.js';
import { duration, parseConfig, MAX_COUNT } from '../config.js';
import { resilience4jExponentialMs } from '../backoff.js';
import { FAILURE_OUTCOMES, failureOutcomeSchema, type Outcome } from '../outcome.js';
import { CountWindow, TimeWindow, type SlidingWindow, type WindowTotals } from './sliding-window.js';
import { TrackedBreaker } from './tracked-breaker.js';
import type { CircuitBreaker, CircuitBreakerOptions, CircuitMetricsSnapshot, CircuitState } from './types.js';

const POLICY = 'circuitBreaker(resilience4j)';

/** resilience4j CircuitBreakerConfig; defaults are exactly resilience4j's. Durations in seconds. */
export const resilience4jCircuitBreakerConfigSchema = z
  .object({
    profile: z.literal('resilience4j').default('resilience4j'),
    slidingWindowType: z.enum(['COUNT_BASED', 'TIME_BASED']).default('COUNT_BASED'),
    slidingWindowSize: z.number().int().min(1).max(MAX_COUNT).default(100).describe('calls (COUNT_BASED) or seconds (TIME_BASED)'),
    minimumNumberOfCalls: z.number().int().min(1).max(MAX_COUNT).default(100),
    failureRateThreshold: z.number().gt(0).max(100).default(50).describe('percent, trips when rate >= threshold'),
    slowCallRateThreshold: z.number().gt(0).max(100).default(100).describe('percent, trips when rate >= threshold'),
    slowCallDurationThreshold: duration(z.number().positive()).default(60).describe('seconds; a call is slow iff duration > threshold'),
    waitDurationInOpenState: duration(z.number().min(0.001)).default(60).describe('seconds'),
    waitIntervalFunctionInOpenState: z
      .object({
        type: z.literal('exponential'),
        initialInterval: duration(z.number().min(0.001)).optional().describe('seconds; default waitDurationInOpenState'),
        multiplier: z.number().min(1).default(1.5),
        maxInterval: duration(z.number().positive()).optional().describe('seconds'),
      })
      .strict()
      .optional()
      .describe('exponential open-state waits by consecutive opening (IntervalFunction.ofExponentialBackoff)'),
    automaticTransitionFromOpenToHalfOpenEnabled: z.boolean().default(false),
    permittedNumberOfCallsInHalfOpenState: z.number().int().min(1).max(MAX_COUNT).default(10),
    maxWaitDurationInHalfOpenState: duration(z.number().min(0)).default(0).describe('seconds; 0 = wait for the probes indefinitely'),
    transitionToStateAfterWaitDuration: z.enum(['open', 'closed']).default('open'),
    recordExceptions: z
      .array(failureOutcomeSchema)
      .default([...FAILURE_OUTCOMES])
      .describe('failure outcomes recorded as failures (default all); a failure outcome neither recorded nor ignored counts as a success'),
    ignoreExceptions: z
      .array(failureOutcomeSchema)
      .default([])
      .describe('failure outcomes that count as neither success nor failure (they give back a half-open permit); wins over recordExceptions'),
  })
  .strict();

export type Resilience4jCircuitBreakerConfigInput = z.input<typeof resilience4jCircuitBreakerConfigSchema>;
export type Resilience4jCircuitBreakerConfig = z.output<typeof resilience4jCircuitBreakerConfigSchema>;

/** Java float arithmetic, as CircuitBreakerMetrics computes and compares rates. */
const f32 = Math.fround;

export class Resilience4jCircuitBreaker extends TrackedBreaker implements CircuitBreaker {
  readonly profile = 'resilience4j' as const;
  readonly config: Readonly<Resilience4jCircuitBreakerConfig>;
  private window: SlidingWindow;
  private minCalls: number;
  /** resilience4j `attempts`: +1 on every transition to OPEN, reset by CLOSED */
  private attempts = 0;
  private openUntil = 0;
  private halfOpenedAt = 0;
  private permitsLeft = 0;
  private readonly recorded: ReadonlySet<Outcome>;
  private readonly ignored: ReadonlySet<Outcome>;

  constructor(config: Resilience4jCircuitBreakerConfigInput = {}, options: CircuitBreakerOptions = {}) {
    const parsed = parseConfig(POLICY, resilience4jCircuitBreakerConfigSchema, config);
    const w = parsed.waitIntervalFunctionInOpenState;
    requireConfig(w?.maxInterval === undefined || w.maxInterval >= (w.initialInterval ?? parsed.waitDurationInOpenState), POLICY, 'waitIntervalFunctionInOpenState.maxInterval', w?.maxInterval, 'must be >= the initial interval');
    super(options);
    this.config = parsed;
    this.recorded = new Set(parsed.recordExceptions);
    this.ignored = new Set(parsed.ignoreExceptions);
    [this.window, this.minCalls] = this.closedWindow();
  }

  private closedWindow(): [SlidingWindow, number] {
    const c = this.config;
    if (c.slidingWindowType === 'COUNT_BASED') return [new CountWindow(c.slidingWindowSize), Math.min(c.minimumNumberOfCalls, c.slidingWindowSize)];
    return [new TimeWindow(c.slidingWindowSize), c.minimumNumberOfCalls];
  }

  /** Open-state wait for the given `attempts` (1 = first opening), seconds, via the wait interval function. */
  waitDuration(attempts: number): number {
    const w = this.config.waitIntervalFunctionInOpenState;
    if (w === undefined) return Math.trunc(this.config.waitDurationInOpenState * 1000 + 1e-6) / 1000;
    const initialMs = Math.trunc((w.initialInterval ?? this.config.waitDurationInOpenState) * 1000 + 1e-6);
    const ms = resilience4jExponentialMs(initialMs, w.multiplier, Math.max(1, attempts));
    return w.maxInterval === undefined ? ms / 1000 : Math.min(ms / 1000, w.maxInterval);
  }

  // ---- transitions -------------------------------------------------------------------------------------------
  private toOpen(at: number): void {
    this.attempts++;
    this.openUntil = at + this.waitDuration(this.attempts);
    // OPEN keeps recording into the metrics of the state it came from (no new window).
    this.st.to('open', at);
  }

  private toHalfOpen(at: number): void {
    const n = this.config.permittedNumberOfCallsInHalfOpenState;
    this.window = new CountWindow(n);
    this.minCalls = Math.min(this.config.minimumNumberOfCalls, n);
    this.permitsLeft = n;
    this.halfOpenedAt = at;
    this.st.to('half-open', at);
  }

  private toClosed(at: number): void {
    this.attempts = 0;
    [this.window, this.minCalls] = this.closedWindow();
    this.st.to('closed', at);
  }

  nextTransitionAt(): number | undefined {
    const s = this.st.current;
    if (s === 'open' && this.config.automaticTransitionFromOpenToHalfOpenEnabled) return this.openUntil;
    if (s === 'half-open' && this.config.maxWaitDurationInHalfOpenState > 0) return this.halfOpenedAt + this.config.maxWaitDurationInHalfOpenState;
    return undefined;
  }

  tick(now: number): void {
    for (let guard = 0; guard < 1_000_000; guard++) {
      const t = this.nextTransitionAt();
      if (t === undefined || t > now) return;
      if (this.st.current === 'open') this.toHalfOpen(t);
      else if (this.config.transitionToStateAfterWaitDuration === 'open') this.toOpen(t);
      else this.toClosed(t);
    }
    throw new Error(`${POLICY}: too many timer transitions while catching up to t=${now}`);
  }

  // ---- calls -------------------------------------------------------------------------------------------------
  tryAcquirePermission(now: number): boolean {
    this.tick(now);
    const s = this.st.current;
    if (s === 'open' && now > this.openUntil) this.toHalfOpen(now); // lazy: strictly after openedAt + wait
    if (this.st.current === 'closed') return true;
    if (this.st.current === 'half-open' && this.permitsLeft > 0) {
      this.permitsLeft--;
      return true;
    }
    this.notPermitted++;
    return false;
  }

  releasePermission(now: number): void {
    this.tick(now);
    if (this.st.current === 'half-open') this.permitsLeft = Math.min(this.permitsLeft + 1, this.config.permittedNumberOfCallsInHalfOpenState);
  }

  /**
   * resilience4j's handleThrowable: an ignored outcome gives the permission back and is not recorded; a recorded
   * one is a failure; anything else ('ok', 'fallback', a failure outcome not in recordExceptions) is a success.
   */
  onResult(now: number, durationS: number, outcome: Outcome): void {
    this.tick(now);
    if (this.ignored.has(outcome)) {
      this.releasePermission(now);
      return;
    }
    const failed = this.recorded.has(outcome);
    const slow = durationS > this.config.slowCallDurationThreshold;
    const totals = this.window.record(now, failed, slow);
    const s = this.st.current;
    if (s === 'open') return; // recorded, but no transition from OPEN on results
    const verdict = this.evaluate(totals);
    if (verdict === 'above') this.toOpen(now);
    else if (verdict === 'below' && s === 'half-open') this.toClosed(now);
  }

  private evaluate(t: WindowTotals): 'below-minimum' | 'above' | 'below' {
    if (t.calls === 0 || t.calls < this.minCalls) return 'below-minimum';
    const failureRate = f32(f32(t.failed * 100) / t.calls);
    const slowRate = f32(f32(t.slow * 100) / t.calls);
    if (failureRate >= f32(this.config.failureRateThreshold) || slowRate >= f32(this.config.slowCallRateThreshold)) return 'above';
    return 'below';
  }

  // ---- observation -------------------------------------------------------------------------------------------
  state(now: number): CircuitState {
    this.tick(now);
    return this.st.current;
  }

  /** When an OPEN breaker lets the next call through (lazy: the first call strictly after this time). */
  get openUntilTime(): number | undefined {
    return this.st.current === 'open' ? this.openUntil : undefined;
  }

  /** Consecutive openings since the last CLOSED (resilience4j `attempts`). */
  get openAttempts(): number {
    return this.attempts;
  }

  stateTime(now: number): Record<CircuitState, number> {
    this.tick(now);
    return this.st.times(now);
  }

  metrics(now: number): CircuitMetricsSnapshot {
    this.tick(now);
    const t = this.window.totals(now);
    const ok = t.calls > 0 && t.calls >= this.minCalls;
    return {
      failureRate: ok ? f32(f32(t.failed * 100) / t.calls) : -1,
      slowCallRate: ok ? f32(f32(t.slow * 100) / t.calls) : -1,
      calls: t.calls,
      failedCalls: t.failed,
      slowCalls: t.slow,
      notPermittedCalls: this.notPermitted,
    };
  }
}
