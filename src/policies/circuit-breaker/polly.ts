import { z } from 'zod';
import { duration, parseConfig, MAX_COUNT } from '../config.js';
import { FAILURE_OUTCOMES, failureOutcomeSchema, type Outcome } from '../outcome.js';
import { TrackedBreaker } from './tracked-breaker.js';
import type { CircuitBreaker, CircuitBreakerOptions, CircuitMetricsSnapshot, CircuitState } from './types.js';

const POLICY = 'circuitBreaker(polly)';

/** Polly v8 CircuitBreakerStrategyOptions (advanced breaker). Durations in seconds. */
export const pollyCircuitBreakerConfigSchema = z
  .object({
    profile: z.literal('polly'),
    failureRatio: z.number().gt(0).max(1).default(0.1).describe('breaks when failures/throughput >= ratio'),
    minimumThroughput: z.number().int().min(2).max(MAX_COUNT).default(100),
    samplingDuration: duration(z.number().positive()).default(30).describe('seconds; 10 lazily opened sub-windows (1 window if < 0.2 s)'),
    breakDuration: duration(z.number().positive()).default(5).describe('seconds'),
    reprobeWhileHalfOpen: z
      .boolean()
      .default(false)
      .describe(
        'false: Polly v8 source (HalfOpen blocks while the probe is pending; an abandoned probe frees the slot for the first call once blockedUntil passes); true: a new probe is let through once blockedUntil passes again, pending or not (Polly v7)',
      ),
    shouldHandle: z
      .array(failureOutcomeSchema)
      .default([...FAILURE_OUTCOMES])
      .describe('failure outcomes handled as failures (default all, as Polly handles every exception); any other outcome counts as a success'),
  })
  .strict();

export type PollyCircuitBreakerConfigInput = z.input<typeof pollyCircuitBreakerConfigSchema>;
export type PollyCircuitBreakerConfig = z.output<typeof pollyCircuitBreakerConfigSchema>;

export interface BreakDurationGeneratorArguments {
  readonly failureRate: number;
  readonly failureCount: number;
  /** consecutive half-open probes since the breaker last closed (1 on the first re-opening from half-open) */
  readonly halfOpenAttempts: number;
}

export interface PollyCircuitBreakerOptions extends CircuitBreakerOptions {
  /** Polly BreakDurationGenerator: seconds to stay open, replacing breakDuration */
  readonly breakDurationGenerator?: (args: BreakDurationGeneratorArguments) => number;
}

/** Polly HealthMetrics: RollingHealthMetrics (10 lazily opened windows) or SingleHealthMetrics. */
class HealthMetrics {
  private readonly windows: { startedAt: number; successes: number; failures: number }[] = [];
  private readonly windowDuration: number;
  private readonly single: boolean;

  constructor(private readonly samplingDuration: number) {
    this.single = samplingDuration < 0.2;
    this.windowDuration = this.single ? samplingDuration : samplingDuration / 10;
  }

  private current(now: number): { startedAt: number; successes: number; failures: number } {
    if (this.single) {
      const w = this.windows[0];
      if (w === undefined || now - w.startedAt >= this.samplingDuration) {
        this.windows.length = 0;
        this.windows.push({ startedAt: now, successes: 0, failures: 0 });
      }
      return this.windows[0]!;
    }
    let last = this.windows[this.windows.length - 1];
    if (last === undefined || now - last.startedAt >= this.windowDuration) {
      last = { startedAt: now, successes: 0, failures: 0 };
      this.windows.push(last);
    }
    while (this.windows.length > 0 && now - this.windows[0]!.startedAt >= this.samplingDuration) this.windows.shift();
    return last;
  }

  increment(now: number, failure: boolean): void {
    const w = this.current(now);
    if (failure) w.failures++;
    else w.successes++;
  }

  info(now: number): { throughput: number; failures: number; failureRate: number } {
    if (this.single) this.current(now);
    else this.current(now); // Polly's GetHealthInfo also calls UpdateCurrentWindow (may open a window)
    let s = 0;
    let f = 0;
    for (const w of this.windows) {
      s += w.successes;
      f += w.failures;
    }
    const throughput = s + f;
    return { throughput, failures: f, failureRate: throughput === 0 ? 0 : f / throughput };
  }

  reset(): void {
    this.windows.length = 0;
  }
}

export class PollyCircuitBreaker extends TrackedBreaker implements CircuitBreaker {
  readonly profile = 'polly' as const;
  readonly config: Readonly<PollyCircuitBreakerConfig>;
  private readonly health: HealthMetrics;
  private readonly generator: ((args: BreakDurationGeneratorArguments) => number) | undefined;
  private blockedUntil = -Infinity;
  private halfOpenAttempts = 0;
  private lastFailureRate = 0;
  private lastFailureCount = 0;
  /** a half-open probe has been let through and has neither answered nor been abandoned */
  private probePending = false;
  private readonly handled: ReadonlySet<Outcome>;

  constructor(config: Omit<PollyCircuitBreakerConfigInput, 'profile'> & { profile?: 'polly' } = {}, options: PollyCircuitBreakerOptions = {}) {
    const parsed = parseConfig(POLICY, pollyCircuitBreakerConfigSchema, { ...config, profile: 'polly' });
    super(options);
    this.config = parsed;
    this.health = new HealthMetrics(this.config.samplingDuration);
    this.generator = options.breakDurationGenerator;
    this.handled = new Set(parsed.shouldHandle);
  }

  /** Polly's _blockedUntil (the earliest time the next probe may start). */
  get blockedUntilTime(): number {
    return this.blockedUntil;
  }

  private open(now: number): void {
    let d = this.config.breakDuration;
    if (this.generator !== undefined) {
      d = this.generator({ failureRate: this.lastFailureRate, failureCount: this.lastFailureCount, halfOpenAttempts: this.halfOpenAttempts });
      if (!(d >= 0)) throw new RangeError(`${POLICY}: breakDurationGenerator returned ${d}`);
    }
    this.blockedUntil = now + d;
    this.probePending = false;
    if (this.st.current !== 'open') this.st.to('open', now);
  }

  private close(now: number): void {
    this.blockedUntil = -Infinity;
    this.halfOpenAttempts = 0;
    this.probePending = false;
    this.health.reset();
    if (this.st.current !== 'closed') this.st.to('closed', now);
  }

  /** Polly PermitHalfOpenCircuitTest: now >= blockedUntil (inclusive), then blockedUntil = now + breakDuration. */
  private permitProbe(now: number): boolean {
    if (now >= this.blockedUntil) {
      this.blockedUntil = now + this.config.breakDuration;
      return true;
    }
    return false;
  }

  tryAcquirePermission(now: number): boolean {
    const s = this.st.current;
    if (s === 'closed') return true;
    const probeAllowed = s === 'open' || (s === 'half-open' && (this.config.reprobeWhileHalfOpen || !this.probePending));
    if (probeAllowed && this.permitProbe(now)) {
      this.halfOpenAttempts++;
      this.probePending = true;
      if (s === 'open') this.st.to('half-open', now);
      return true;
    }
    this.notPermitted++;
    return false;
  }

  /**
   * A permitted call was abandoned without an answer. Half-open, this frees the probe slot: the first call at or
   * after blockedUntil (the abandoned probe's start + breakDuration) becomes the next probe. Like resilience4j's
   * half-open releasePermission, it does not know which call is released, so an abandoned call that started
   * before the breaker opened frees the slot too.
   */
  releasePermission(_now?: number): void {
    if (this.st.current === 'half-open') this.probePending = false;
  }

  /** Polly's OnUnhandledOutcome (a success) unless `shouldHandle` lists the outcome, then OnHandledOutcome. */
  onResult(now: number, _durationS: number, outcome: Outcome): void {
    if (!this.handled.has(outcome)) {
      this.health.increment(now, false);
      if (this.st.current === 'half-open') this.close(now);
      return;
    }
    const s = this.st.current;
    if (s === 'closed') {
      this.health.increment(now, true);
      const info = this.health.info(now);
      this.lastFailureRate = info.failureRate;
      this.lastFailureCount = info.failures;
      if (info.throughput >= this.config.minimumThroughput && info.failureRate >= this.config.failureRatio) this.open(now);
    } else if (s === 'open') {
      this.health.increment(now, true); // counted, but does not extend the break
    } else {
      this.open(now); // probe failed
    }
  }

  state(): CircuitState {
    return this.st.current;
  }

  /** Polly's breakers have no timers. */
  nextTransitionAt(): number | undefined {
    return undefined;
  }

  tick(): void {}

  stateTime(now: number): Record<CircuitState, number> {
    return this.st.times(now);
  }

  metrics(now: number): CircuitMetricsSnapshot {
    const info = this.health.info(now);
    return {
      failureRate: info.throughput >= this.config.minimumThroughput ? info.failureRate * 100 : -1,
      slowCallRate: -1,
      calls: info.throughput,
      failedCalls: info.failures,
      slowCalls: 0,
      notPermittedCalls: this.notPermitted,
    };
  }
}
