import type { Outcome } from '../outcome.js';

export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export interface CircuitTransition {
  readonly from: CircuitState;
  readonly to: CircuitState;
  /** seconds */
  readonly at: number;
}

export type TransitionListener = (from: CircuitState, to: CircuitState, now: number) => void;

export interface CircuitBreakerOptions {
  /** simulation time at which the breaker is created (state-time accounting starts here); default 0 */
  readonly startTime?: number;
  readonly onTransition?: TransitionListener;
  /** keep the full transitions list (default true); the count is always kept */
  readonly recordTransitions?: boolean;
}

export interface CircuitMetricsSnapshot {
  /** percent (resilience4j) or ratio·100 (Polly); -1 when not computed (below minimum calls / throughput) */
  readonly failureRate: number;
  readonly slowCallRate: number;
  readonly calls: number;
  readonly failedCalls: number;
  readonly slowCalls: number;
  readonly notPermittedCalls: number;
}

/** What the engine sees of every circuit breaker profile. All methods take `now` in seconds. */
export interface CircuitBreaker {
  readonly profile: 'resilience4j' | 'polly';
  /** Ask before a call. false = reject with outcome 'circuit-open' (counted in notPermittedCalls). */
  tryAcquirePermission(now: number): boolean;
  /** Give back a permission for a call that was acquired but never answered (not run, or abandoned by its caller). */
  releasePermission(now: number): void;
  /**
   * Report a finished call. Which outcomes are failures is the profile's config (resilience4j
   * recordExceptions / ignoreExceptions, Polly shouldHandle; by default every failure outcome); an ignored
   * outcome (resilience4j) releases the permission.
   */
  onResult(now: number, durationS: number, outcome: Outcome): void;
  /** Current state (after applying timer-driven transitions that are due; never lazy ones). */
  state(now: number): CircuitState;
  /** Time of the next timer-driven transition, if any: the engine may schedule `tick(t)` then. */
  nextTransitionAt(): number | undefined;
  /** Applies timer-driven transitions due at or before `now`. Calling it is optional (other calls catch up). */
  tick(now: number): void;
  /** Seconds spent in each state since startTime, up to `now`. */
  stateTime(now: number): Record<CircuitState, number>;
  metrics(now: number): CircuitMetricsSnapshot;
  readonly notPermittedCalls: number;
  readonly transitions: readonly CircuitTransition[];
  readonly transitionCount: number;
}
