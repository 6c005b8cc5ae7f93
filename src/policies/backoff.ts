/**
 * Backoff schedules (pure functions of the retry number plus an injected rng and a small per-sequence state).
 *
 * Retry numbers `k` are 1-based: k = 1 is the wait before the first retry (after attempt 1 failed).
 * Every library's formula is restated in this numbering:
 *   constant     b_k = initialInterval
 *   linear       b_k = k · initialInterval                        (Polly: (attempt+1)·Delay, attempt from 0)
 *   exponential  b_k = initialInterval · multiplier^(k−1)         (Polly: 2^attempt·Delay; gRPC; r4j)
 *                with truncateToMs (resilience4j): iterate x → floor(x·multiplier) on whole ms, k−1 times
 *   envoy        b_k = (2^k − 1) · initialInterval                (Envoy JitteredExponentialBackOffStrategy)
 * then capped: c_k = min(b_k, maxInterval).
 * Jitter kinds (U = rng() in [0,1)):
 *   none          c_k
 *   full          U · c_k                                         (Brooker "full jitter", gRPC, Envoy, AWS SDK)
 *   equal         c_k/2 + U · c_k/2                               (Brooker "equal jitter")
 *   decorrelated  min(maxInterval, initial + U·(3·prev − initial)), prev starts at initialInterval
 *                 (Brooker "decorrelated jitter"; ignores `type`, defines its own growth)
 *   polly         constant/linear: b_k + U·b_k/2 − b_k/4 (±25 %); exponential: DecorrelatedJitterBackoffV2
 *                 (factor 2 built in, `multiplier` ignored); result capped at maxInterval (Polly MaxDelay)
 *   resilience4j  v = b_k in ms (uncapped), max(1, v(1−f) + U·(2fv + 1)) ms, truncated to whole ms when
 *                 truncateToMs, then capped at maxInterval (r4j caps after randomizing)
 * With truncateToMs, results are floored to whole milliseconds (resilience4j long millis, Envoy integer ms).
 */
import { pow, powInt, tanh } from '../base/math/index.js';

export type Rng = () => number;

export const BACKOFF_TYPES = ['constant', 'linear', 'exponential', 'envoy'] as const;
export type BackoffType = (typeof BACKOFF_TYPES)[number];

export const JITTER_KINDS = ['none', 'full', 'equal', 'decorrelated', 'polly', 'resilience4j'] as const;
export type JitterKind = (typeof JITTER_KINDS)[number];

export interface BackoffSpec {
  readonly type: BackoffType;
  /** seconds */
  readonly initialInterval: number;
  readonly multiplier: number;
  /** seconds; Infinity = uncapped */
  readonly maxInterval: number;
  readonly jitter: JitterKind;
  /** resilience4j randomizationFactor, in [0, 1) */
  readonly randomizationFactor: number;
  /** whole-millisecond arithmetic (resilience4j, Envoy) */
  readonly truncateToMs: boolean;
}

/** Mutable per-request-sequence state for the stateful jitters (decorrelated, polly exponential). */
export interface BackoffState {
  /** decorrelated: previous sleep (s); polly: previous formula value (dimensionless) */
  prev: number | undefined;
}

function checkRetryNumber(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`backoff: retry number must be an integer >= 1, got ${k}`);
}

/** resilience4j `IntervalFunction.of(initial, x -> (long)(x * multiplier)).apply(k)`, in ms. */
export function resilience4jExponentialMs(initialMs: number, multiplier: number, k: number): number {
  checkRetryNumber(k);
  let x = Math.trunc(initialMs);
  for (let i = 1; i < k; i++) {
    x = Math.trunc(x * multiplier);
    if (!Number.isFinite(x)) return Infinity;
  }
  return x;
}

/** b_k before the cap, in seconds. */
export function rawInterval(spec: BackoffSpec, k: number): number {
  checkRetryNumber(k);
  if (spec.truncateToMs) {
    // whole-millisecond arithmetic (long millis in resilience4j, integer ms in Envoy): exact decimal results
    const ms = Math.round(spec.initialInterval * 1000);
    switch (spec.type) {
      case 'constant':
        return ms / 1000;
      case 'linear':
        return (k * ms) / 1000;
      case 'exponential':
        return resilience4jExponentialMs(ms, spec.multiplier, k) / 1000;
      case 'envoy':
        return ((powInt(2, k) - 1) * ms) / 1000;
    }
  }
  switch (spec.type) {
    case 'constant':
      return spec.initialInterval;
    case 'linear':
      return k * spec.initialInterval;
    case 'exponential':
      return spec.initialInterval * powInt(spec.multiplier, k - 1);
    case 'envoy':
      return (powInt(2, k) - 1) * spec.initialInterval;
  }
}

/** c_k = min(b_k, maxInterval): the delay for jitter 'none'. */
export function baseInterval(spec: BackoffSpec, k: number): number {
  return Math.min(rawInterval(spec, k), spec.maxInterval);
}

const floorMs = (s: number): number => Math.floor(s * 1000 + 1e-9) / 1000;

/** Polly's DecorrelatedJitterBackoffV2: returns the delay in seconds and updates state.prev. `attempt` is 0-based. */
export function pollyDecorrelatedJitterV2(attempt: number, delayS: number, rng: Rng, state: BackoffState): number {
  const pFactor = 4.0;
  const rpScalingFactor = 1 / 1.4;
  const t = attempt + rng();
  const next = pow(2, t) * tanh(Math.sqrt(pFactor * t));
  if (!Number.isFinite(next)) {
    state.prev = next;
    return Infinity;
  }
  const value = next - (state.prev ?? 0);
  state.prev = next;
  return value * rpScalingFactor * delayS;
}

/** resilience4j `randomize(v, f)` on milliseconds (with the `+1` quirk and the max(1, ·) floor). */
export function resilience4jRandomizeMs(vMs: number, f: number, u: number): number {
  const delta = f * vMs;
  const min = vMs - delta;
  const max = vMs + delta;
  return Math.max(1, min + u * (max - min + 1));
}

/** Delay (seconds) before retry k. Draws at most one rng() value. `state` is per request sequence. */
export function backoffDelay(spec: BackoffSpec, k: number, rng: Rng, state: BackoffState): number {
  const cap = spec.maxInterval;
  const trunc = (s: number): number => (spec.truncateToMs && Number.isFinite(s) ? floorMs(s) : s);
  switch (spec.jitter) {
    case 'none':
      return trunc(baseInterval(spec, k));
    case 'full':
      return trunc(rng() * baseInterval(spec, k));
    case 'equal': {
      const c = baseInterval(spec, k);
      return trunc(c / 2 + (rng() * c) / 2);
    }
    case 'decorrelated': {
      checkRetryNumber(k);
      const base = spec.initialInterval;
      const prev = state.prev ?? base;
      const d = Math.min(cap, base + rng() * (3 * prev - base));
      state.prev = d;
      return trunc(d);
    }
    case 'polly': {
      let d: number;
      if (spec.type === 'exponential') {
        checkRetryNumber(k);
        d = pollyDecorrelatedJitterV2(k - 1, spec.initialInterval, rng, state);
      } else {
        const b = rawInterval(spec, k);
        d = b + rng() * 0.5 * b - 0.25 * b;
      }
      return trunc(Math.min(d, cap));
    }
    case 'resilience4j': {
      const vMs = rawInterval(spec, k) * 1000;
      const r = resilience4jRandomizeMs(spec.truncateToMs ? Math.trunc(vMs) : vMs, spec.randomizationFactor, rng());
      const ms = spec.truncateToMs ? Math.trunc(r) : r;
      return Math.min(ms / 1000, cap);
    }
  }
}

/** Support [min, max) of the delay before retry k, for the stateless jitter kinds (undefined for stateful ones). */
export function delayRange(spec: BackoffSpec, k: number): { min: number; max: number } | undefined {
  const c = baseInterval(spec, k);
  switch (spec.jitter) {
    case 'none':
      return { min: c, max: c };
    case 'full':
      return { min: 0, max: c };
    case 'equal':
      return { min: c / 2, max: c };
    case 'polly':
      if (spec.type === 'exponential') return undefined;
      return { min: Math.min(0.75 * rawInterval(spec, k), spec.maxInterval), max: Math.min(1.25 * rawInterval(spec, k), spec.maxInterval) };
    case 'resilience4j': {
      const v = rawInterval(spec, k);
      const f = spec.randomizationFactor;
      return { min: Math.min(Math.max(0.001, v * (1 - f)), spec.maxInterval), max: Math.min(v * (1 + f) + 0.001, spec.maxInterval) };
    }
    case 'decorrelated':
      return undefined;
  }
}
