import { z } from 'zod';
import { invalidConfig, requireConfig } from '../base/config-error.js';
import { deepFreeze, duration, parseConfig, MAX_ATTEMPTS } from './config.js';
import { BACKOFF_TYPES, JITTER_KINDS, backoffDelay, type BackoffSpec, type BackoffState, type Rng } from './backoff.js';
import { outcomeSchema, type Outcome } from './outcome.js';

export const RETRY_PROFILES = ['resilience4j', 'polly', 'grpc', 'envoy', 'aws'] as const;
export type RetryProfile = (typeof RETRY_PROFILES)[number];

const seconds = duration(z.number().nonnegative());

/**
 * Retry config. Canonical names first; the libraries' own names are accepted as aliases
 * (giving both a name and its alias is an error). All durations are seconds.
 */
export const retryConfigSchema = z
  .object({
    profile: z.enum(RETRY_PROFILES).optional().describe('which library supplies the defaults (default resilience4j)'),
    maxAttempts: z.number().int().min(1).max(MAX_ATTEMPTS).optional().describe('attempts INCLUDING the first call (resilience4j, gRPC, AWS)'),
    maxRetryAttempts: z.number().int().min(0).max(MAX_ATTEMPTS - 1).optional().describe('retries, NOT counting the first call (Polly)'),
    numRetries: z.number().int().min(0).max(MAX_ATTEMPTS - 1).optional().describe('alias of maxRetryAttempts (Envoy num_retries)'),
    retryOn: z.array(outcomeSchema).optional().describe("outcomes that are retried (default ['error','timeout'])"),
    backoff: z.enum(BACKOFF_TYPES).optional().describe('constant | linear | exponential | envoy'),
    backoffType: z.enum(['constant', 'linear', 'exponential']).optional().describe('alias of backoff (Polly BackoffType)'),
    initialInterval: seconds.optional().describe('first backoff interval, seconds'),
    waitDuration: seconds.optional().describe('alias of initialInterval (resilience4j)'),
    delay: seconds.optional().describe('alias of initialInterval (Polly Delay)'),
    initialBackoff: seconds.optional().describe('alias of initialInterval (gRPC)'),
    baseInterval: seconds.optional().describe('alias of initialInterval (Envoy base_interval)'),
    multiplier: z.number().min(1).optional().describe('exponential growth factor'),
    backoffMultiplier: z.number().min(1).optional().describe('alias of multiplier (gRPC)'),
    maxInterval: duration(z.number().positive()).optional().describe('cap on a single delay, seconds (default: none; Envoy 10 x base)'),
    maxDelay: duration(z.number().positive()).optional().describe('alias of maxInterval (Polly MaxDelay)'),
    maxBackoff: duration(z.number().positive()).optional().describe('alias of maxInterval (gRPC)'),
    jitter: z.enum(JITTER_KINDS).optional(),
    useJitter: z.boolean().optional().describe("Polly UseJitter: true means jitter 'polly'"),
    randomizationFactor: z.number().min(0).lt(1).optional().describe('resilience4j jitter factor (default 0.5)'),
    truncateToMs: z.boolean().optional().describe('whole-millisecond arithmetic (default true for resilience4j, envoy, aws)'),
  })
  .strict();

export type RetryConfigInput = z.input<typeof retryConfigSchema>;

/** Fully resolved retry config (profile defaults merged, aliases folded). */
export interface RetryConfig extends BackoffSpec {
  readonly profile: RetryProfile;
  /** attempts including the first call */
  readonly maxAttempts: number;
  readonly retryOn: readonly Outcome[];
}

type Defaults = Omit<RetryConfig, 'profile'>;

/** Each library's defaults (gRPC and AWS numbers marked "example" are not library defaults; see docs/policy-semantics.md). */
export const RETRY_PROFILE_DEFAULTS: Readonly<Record<RetryProfile, Defaults>> = deepFreeze({
  // RetryConfig: maxAttempts 3 incl. first call, fixed waitDuration 500 ms; IntervalFunction defaults 1.5 / 0.5.
  resilience4j: { maxAttempts: 3, retryOn: ['error', 'timeout'], type: 'constant', initialInterval: 0.5, multiplier: 1.5, maxInterval: Infinity, jitter: 'none', randomizationFactor: 0.5, truncateToMs: true },
  // RetryConstants: MaxRetryAttempts 3 (retries), Delay 2 s, Constant, UseJitter false, MaxDelay null, factor 2.
  polly: { maxAttempts: 4, retryOn: ['error', 'timeout'], type: 'constant', initialInterval: 2, multiplier: 2, maxInterval: Infinity, jitter: 'none', randomizationFactor: 0.5, truncateToMs: false },
  // A6 requires explicit values; these are the proposal's example (0.1 s, x2, 1 s) with maxAttempts 3; full jitter.
  grpc: { maxAttempts: 3, retryOn: ['error', 'timeout'], type: 'exponential', initialInterval: 0.1, multiplier: 2, maxInterval: 1, jitter: 'full', randomizationFactor: 0.5, truncateToMs: false },
  // Route retry: num_retries 1, base 25 ms, max 10 x base = 250 ms, U[0, (2^N - 1) B), integer ms.
  envoy: { maxAttempts: 2, retryOn: ['error', 'timeout'], type: 'envoy', initialInterval: 0.025, multiplier: 2, maxInterval: 0.25, jitter: 'full', randomizationFactor: 0.5, truncateToMs: true },
  // AWS SDK standard mode: maxAttempts 3, U * 2^n * 100 ms, capped at 20 s, integer ms.
  aws: { maxAttempts: 3, retryOn: ['error', 'timeout'], type: 'exponential', initialInterval: 0.1, multiplier: 2, maxInterval: 20, jitter: 'full', randomizationFactor: 0.5, truncateToMs: true },
});

function pick<T>(input: Record<string, unknown>, names: readonly string[]): T | undefined {
  const given = names.filter((n) => input[n] !== undefined);
  if (given.length > 1) {
    throw invalidConfig('retry', given[1] ?? '', input[given[1] ?? ''], `conflicts with ${given[0]} (aliases of the same setting)`);
  }
  return given.length === 1 ? (input[given[0] ?? ''] as T) : undefined;
}

/** Validates, folds aliases and merges the profile's defaults. */
export function resolveRetryConfig(input: RetryConfigInput = {}): RetryConfig {
  const p = parseConfig('retry', retryConfigSchema, input) as Record<string, unknown>;
  const profile = (p['profile'] as RetryProfile | undefined) ?? 'resilience4j';
  const d = RETRY_PROFILE_DEFAULTS[profile];
  const maxAttempts = pick<number>(p, ['maxAttempts']);
  const retries = pick<number>(p, ['maxRetryAttempts', 'numRetries']);
  if (maxAttempts !== undefined && retries !== undefined) {
    throw invalidConfig('retry', 'maxRetryAttempts', retries, 'give either maxAttempts (counts the first call) or maxRetryAttempts (does not), not both');
  }
  let attempts = maxAttempts ?? (retries !== undefined ? retries + 1 : d.maxAttempts);
  if (profile === 'grpc') attempts = Math.min(attempts, 5); // A6: values above 5 are treated as 5
  const type = pick<BackoffSpec['type']>(p, ['backoff', 'backoffType']) ?? d.type;
  const initialInterval = pick<number>(p, ['initialInterval', 'waitDuration', 'delay', 'initialBackoff', 'baseInterval']) ?? d.initialInterval;
  let maxInterval = pick<number>(p, ['maxInterval', 'maxDelay', 'maxBackoff']);
  if (maxInterval === undefined) maxInterval = profile === 'envoy' ? 10 * initialInterval : d.maxInterval;
  const useJitter = p['useJitter'] as boolean | undefined;
  const jitterGiven = p['jitter'] as BackoffSpec['jitter'] | undefined;
  if (useJitter !== undefined && jitterGiven !== undefined) {
    throw invalidConfig('retry', 'useJitter', useJitter, 'conflicts with jitter (useJitter: true is jitter: polly)');
  }
  const jitter = jitterGiven ?? (useJitter === undefined ? d.jitter : useJitter ? 'polly' : 'none');
  const cfg: RetryConfig = {
    profile,
    maxAttempts: attempts,
    retryOn: (p['retryOn'] as Outcome[] | undefined) ?? d.retryOn,
    type,
    initialInterval,
    multiplier: pick<number>(p, ['multiplier', 'backoffMultiplier']) ?? d.multiplier,
    maxInterval,
    jitter,
    randomizationFactor: (p['randomizationFactor'] as number | undefined) ?? d.randomizationFactor,
    truncateToMs: (p['truncateToMs'] as boolean | undefined) ?? d.truncateToMs,
  };
  requireConfig(!(cfg.jitter === 'decorrelated' && cfg.initialInterval <= 0), 'retry', 'initialInterval', cfg.initialInterval, 'decorrelated jitter needs a base interval > 0');
  requireConfig(!(cfg.truncateToMs && cfg.type === 'exponential' && cfg.initialInterval > 0 && cfg.initialInterval < 0.001), 'retry', 'initialInterval', cfg.initialInterval, 'must be >= 1 ms with whole-millisecond arithmetic');
  return deepFreeze(cfg);
}

export type RetryDecision =
  | { readonly retry: true; readonly delayS: number; readonly nextAttempt: number }
  | { readonly retry: false; readonly reason: 'success' | 'not-retryable' | 'exhausted' };

/**
 * Shared, immutable retry policy. Create one `RetrySchedule` per logical request with `schedule(rng)`.
 */
export class RetryPolicy {
  readonly config: RetryConfig;

  constructor(config: RetryConfigInput = {}) {
    this.config = resolveRetryConfig(config);
  }

  isRetryable(outcome: Outcome): boolean {
    return this.config.retryOn.includes(outcome);
  }

  /** A fresh per-request schedule; `rng` is consumed only when a delay is drawn. */
  schedule(rng: Rng): RetrySchedule {
    return new RetrySchedule(this, rng);
  }
}

/**
 * Per-logical-request retry state. Attempts are numbered from 1 (the first call).
 * Recommended engine sequence after attempt k ends with `outcome`:
 *   if (s.shouldRetry(k, outcome) && budget.tryRetry(now, outcome)) wait s.nextDelay(k), then start attempt k+1.
 * (`decide(k, outcome)` does both retry-count and delay in one call when no budget is used.)
 * nextDelay must be called for k = 1, 2, 3, ... in order (stateful jitters depend on it).
 */
export class RetrySchedule {
  private readonly state: BackoffState = { prev: undefined };
  private lastDelayFor = 0;

  constructor(
    readonly policy: RetryPolicy,
    private readonly rng: Rng,
  ) {}

  get maxAttempts(): number {
    return this.policy.config.maxAttempts;
  }

  /** Retries already granted a delay (= attempts started − 1 if the engine follows the protocol). */
  get retriesScheduled(): number {
    return this.lastDelayFor;
  }

  /** True iff `outcome` is retryable and attempt `attemptJustFailed` was not the last allowed one. */
  shouldRetry(attemptJustFailed: number, outcome: Outcome): boolean {
    return this.policy.isRetryable(outcome) && attemptJustFailed < this.maxAttempts;
  }

  /** Delay (s) to wait after attempt `attemptJustFailed` (1-based) before the next attempt. */
  nextDelay(attemptJustFailed: number): number {
    if (attemptJustFailed !== this.lastDelayFor + 1) {
      throw new RangeError(`retry: nextDelay must be called for attempts 1, 2, 3... in order; expected ${this.lastDelayFor + 1}, got ${attemptJustFailed}`);
    }
    if (attemptJustFailed >= this.maxAttempts) {
      throw new RangeError(`retry: attempt ${attemptJustFailed} was the last of maxAttempts=${this.maxAttempts}; no further delay`);
    }
    this.lastDelayFor = attemptJustFailed;
    return backoffDelay(this.policy.config, attemptJustFailed, this.rng, this.state);
  }

  decide(attemptJustFailed: number, outcome: Outcome): RetryDecision {
    if (outcome === 'ok' || outcome === 'fallback') return { retry: false, reason: 'success' };
    if (!this.policy.isRetryable(outcome)) return { retry: false, reason: 'not-retryable' };
    if (attemptJustFailed >= this.maxAttempts) return { retry: false, reason: 'exhausted' };
    return { retry: true, delayS: this.nextDelay(attemptJustFailed), nextAttempt: attemptJustFailed + 1 };
  }
}
