import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  backoffDelay,
  baseInterval,
  delayRange,
  ConfigError,
  resolveRetryConfig,
  RetryPolicy,
  TimeoutPolicy,
  type BackoffSpec,
} from '../src/policies/index.js';

/** rng that replays the given values (cycling). */
const scripted = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

const delays = (p: RetryPolicy, rng: () => number, n = p.config.maxAttempts - 1): number[] => {
  const s = p.schedule(rng);
  return Array.from({ length: n }, (_, i) => s.nextDelay(i + 1));
};

describe('retry attempts accounting', () => {
  it('resilience4j: maxAttempts 3 includes the first call; fixed 500 ms', () => {
    const p = new RetryPolicy();
    expect(p.config.maxAttempts).toBe(3);
    expect(delays(p, scripted(0.5))).toEqual([0.5, 0.5]);
    const s = p.schedule(scripted(0.5));
    expect(s.decide(1, 'error')).toEqual({ retry: true, delayS: 0.5, nextAttempt: 2 });
    expect(s.decide(2, 'timeout')).toEqual({ retry: true, delayS: 0.5, nextAttempt: 3 });
    expect(s.decide(3, 'error')).toEqual({ retry: false, reason: 'exhausted' });
    expect(s.decide(1, 'ok')).toEqual({ retry: false, reason: 'success' });
    expect(s.decide(1, 'circuit-open')).toEqual({ retry: false, reason: 'not-retryable' });
  });

  it('Polly: MaxRetryAttempts 3 counts retries only (4 attempts); Envoy num_retries 1; gRPC capped at 5', () => {
    expect(new RetryPolicy({ profile: 'polly' }).config.maxAttempts).toBe(4);
    expect(new RetryPolicy({ maxRetryAttempts: 2 }).config.maxAttempts).toBe(3);
    expect(new RetryPolicy({ profile: 'envoy' }).config.maxAttempts).toBe(2);
    expect(new RetryPolicy({ profile: 'envoy', numRetries: 3 }).config.maxAttempts).toBe(4);
    expect(new RetryPolicy({ profile: 'grpc', maxAttempts: 9 }).config.maxAttempts).toBe(5);
  });

  it('nextDelay must be called in order and not past the last attempt', () => {
    const s = new RetryPolicy().schedule(scripted(0.5));
    expect(() => s.nextDelay(2)).toThrow(/in order/);
    s.nextDelay(1);
    s.nextDelay(2);
    expect(() => s.nextDelay(3)).toThrow(/last of maxAttempts=3/);
    expect(s.retriesScheduled).toBe(2);
  });

  it('config errors name the field and quote the value; alias conflicts are rejected', () => {
    expect(() => new RetryPolicy({ maxAttempts: 0 })).toThrow(/retry: invalid maxAttempts = 0/);
    expect(() => new RetryPolicy({ maxAttempts: 3, maxRetryAttempts: 2 })).toThrow(ConfigError);
    expect(() => new RetryPolicy({ delay: 1, waitDuration: 2 })).toThrow(/delay = 1: conflicts with waitDuration/);
    expect(() => new RetryPolicy({ jitter: 'fancy' as never })).toThrow(/jitter = "fancy"/);
    expect(() => new RetryPolicy({ retryOn: ['oops' as never] })).toThrow(/retryOn.0 = "oops"/);
  });
});

describe('backoff schedules, exact for no jitter', () => {
  it('resilience4j exponential truncates to whole ms at every step: 500,750,1125,1687,2530,3795 ms', () => {
    const p = new RetryPolicy({ backoff: 'exponential', maxAttempts: 7 });
    expect(delays(p, scripted(0)).map((s) => Math.round(s * 1000))).toEqual([500, 750, 1125, 1687, 2530, 3795]);
    const untruncated = new RetryPolicy({ backoff: 'exponential', maxAttempts: 7, truncateToMs: false });
    expect(delays(untruncated, scripted(0))[3]).toBeCloseTo(1.6875, 12);
  });

  it('Polly constant 2,2,2; linear 2,4,6; exponential 2,4,8 s; MaxDelay caps', () => {
    expect(delays(new RetryPolicy({ profile: 'polly' }), scripted(0))).toEqual([2, 2, 2]);
    expect(delays(new RetryPolicy({ profile: 'polly', backoffType: 'linear' }), scripted(0))).toEqual([2, 4, 6]);
    expect(delays(new RetryPolicy({ profile: 'polly', backoffType: 'exponential' }), scripted(0))).toEqual([2, 4, 8]);
    expect(delays(new RetryPolicy({ profile: 'polly', backoffType: 'exponential', maxDelay: 5 }), scripted(0))).toEqual([2, 4, 5]);
  });

  it('Envoy: U[0, (2^N - 1) * 25 ms) capped at 250 ms, integer ms', () => {
    const p = new RetryPolicy({ profile: 'envoy', numRetries: 5 });
    expect(p.config).toMatchObject({ type: 'envoy', initialInterval: 0.025, maxInterval: 0.25, jitter: 'full', truncateToMs: true });
    expect([1, 2, 3, 4, 5].map((k) => baseInterval(p.config, k))).toEqual([0.025, 0.075, 0.175, 0.25, 0.25]);
    expect(delays(p, scripted(0.5))).toEqual([0.012, 0.037, 0.087, 0.125, 0.125]);
    expect(delays(p, scripted(0.9999))).toEqual([0.024, 0.074, 0.174, 0.249, 0.249]);
    // changing the base moves the default cap to 10 x base
    expect(new RetryPolicy({ profile: 'envoy', baseInterval: 0.1 }).config.maxInterval).toBeCloseTo(1, 12);
  });
});

describe('jitter kinds', () => {
  const spec = (over: Partial<BackoffSpec>): BackoffSpec => ({ type: 'exponential', initialInterval: 1, multiplier: 2, maxInterval: 100, jitter: 'none', randomizationFactor: 0.5, truncateToMs: false, ...over });
  const seq = (s: BackoffSpec, rng: () => number, n: number) => {
    const st = { prev: undefined };
    return Array.from({ length: n }, (_, i) => backoffDelay(s, i + 1, rng, st));
  };

  it('full = U(0, b); equal = b/2 + U(0, b/2) — exact with a scripted rng', () => {
    expect(seq(spec({ jitter: 'full' }), scripted(0.25), 3)).toEqual([0.25, 0.5, 1]);
    expect(seq(spec({ jitter: 'equal' }), scripted(0.5), 3)).toEqual([0.75, 1.5, 3]);
    expect(delayRange(spec({ jitter: 'equal' }), 3)).toEqual({ min: 2, max: 4 });
  });

  it('decorrelated = min(cap, U(base, 3 prev)), prev starting at base, state per sequence', () => {
    expect(seq(spec({ jitter: 'decorrelated' }), scripted(0.5), 3)).toEqual([2, 3.5, 5.75]);
    expect(seq(spec({ jitter: 'decorrelated', maxInterval: 3 }), scripted(0.5), 3)).toEqual([2, 3, 3]);
    const p = new RetryPolicy({ jitter: 'decorrelated', initialInterval: 1, maxAttempts: 4 });
    expect(delays(p, scripted(0.5))).toEqual([2, 3.5, 5.75]);
    expect(delays(p, scripted(0.5))).toEqual([2, 3.5, 5.75]); // a new schedule starts from base again
  });

  it('polly: +/-25 % for constant/linear; DecorrelatedJitterBackoffV2 for exponential', () => {
    const c = new RetryPolicy({ profile: 'polly', useJitter: true });
    expect(delays(c, scripted(0))).toEqual([1.5, 1.5, 1.5]);
    expect(delays(c, scripted(0.5))).toEqual([2, 2, 2]);
    const lin = new RetryPolicy({ profile: 'polly', backoffType: 'linear', useJitter: true });
    expect(delays(lin, scripted(1 - 2 ** -53))[2]).toBeCloseTo(7.5, 9);
    const e = new RetryPolicy({ profile: 'polly', backoffType: 'exponential', useJitter: true, delay: 1 });
    const d = delays(e, scripted(0.5, 0.25, 0.75));
    // values of 2^t tanh(sqrt(4t)) differences / 1.4 for t = 0.5, 1.25, 2.75 (computed independently)
    expect(d[0]).toBeCloseTo(0.8974049355792, 12);
    expect(d[1]).toBeCloseTo(0.7630887570592937, 12);
    expect(d[2]).toBeCloseTo(3.1319993693476396, 12);
  });

  it('resilience4j randomized: [v(1-f), v(1+f)+1) ms, truncated to ms, the +1 quirk included', () => {
    const p = new RetryPolicy({ jitter: 'resilience4j', maxAttempts: 2 });
    expect(delays(p, scripted(0))).toEqual([0.25]);
    expect(delays(p, scripted(0.5))).toEqual([0.5]); // 250 + 0.5 * 501 = 500.5 -> 500 ms
    expect(delays(p, scripted(0.999999))).toEqual([0.75]); // 250 + 0.999999 * 501 = 750.9995 -> 750 ms
    expect(delays(new RetryPolicy({ jitter: 'resilience4j', maxAttempts: 2, randomizationFactor: 0.9 }), scripted(0.99))).toEqual([0.941]); // 50 + 0.99 * 901 = 941.99
  });

  it('random kinds stay in range with a seeded generator', () => {
    const rng = seedrandom('hasim-backoff');
    for (const jitter of ['full', 'equal', 'polly', 'resilience4j'] as const) {
      const s = spec({ jitter, type: jitter === 'polly' ? 'linear' : 'exponential' });
      for (let k = 1; k <= 6; k++) {
        const r = delayRange(s, k)!;
        for (let i = 0; i < 200; i++) {
          const d = backoffDelay(s, k, rng, { prev: undefined });
          expect(d).toBeGreaterThanOrEqual(r.min);
          expect(d).toBeLessThan(r.max + 1e-12);
        }
      }
    }
    const dec = spec({ jitter: 'decorrelated', maxInterval: 20 });
    const st = { prev: undefined as number | undefined };
    let prev = 1;
    for (let k = 1; k <= 50; k++) {
      const d = backoffDelay(dec, k, rng, st);
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(Math.min(20, 3 * prev));
      prev = d;
    }
  });

  it('full-jitter mean is b/2 (analytic, 4-sigma tolerance)', () => {
    const rng = seedrandom('full-mean');
    const s = spec({ jitter: 'full' });
    const n = 20000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += backoffDelay(s, 4, rng, { prev: undefined });
    const b = 8;
    expect(Math.abs(sum / n - b / 2)).toBeLessThan((4 * b) / Math.sqrt(12 * n));
  });

  it('AWS and gRPC profiles: full jitter on capped exponential', () => {
    expect(resolveRetryConfig({ profile: 'aws' })).toMatchObject({ maxAttempts: 3, initialInterval: 0.1, multiplier: 2, maxInterval: 20, jitter: 'full' });
    expect(delays(new RetryPolicy({ profile: 'aws', maxAttempts: 4 }), scripted(0.5))).toEqual([0.05, 0.1, 0.2]);
    expect(delays(new RetryPolicy({ profile: 'grpc', maxAttempts: 5 }), scripted(0.5))).toEqual([0.05, 0.1, 0.2, 0.4]);
  });
});

describe('timeout helpers', () => {
  it('per-attempt deadline is cut by the overall (Envoy route) timeout', () => {
    const t = new TimeoutPolicy({ timeout: 1, overallTimeout: 3 });
    expect(t.config).toEqual({ timeout: 1, overallTimeout: 3, cancelOnTimeout: false });
    expect(t.attemptDeadline(0, 0)).toBe(1);
    expect(t.attemptDeadline(2.7, 0)).toBe(3);
    expect(t.remainingBudget(2.7, 0)).toBeCloseTo(0.3, 12);
    expect(t.canStartAttempt(3, 0)).toBe(false);
    expect(t.classify(0, 0.999, 0)).toBe('ok');
    expect(t.classify(0, 1, 0)).toBe('timeout');
    expect(new TimeoutPolicy().config.timeout).toBe(1);
    expect(() => new TimeoutPolicy({ timeout: -1 })).toThrow(/timeout = -1/);
  });
});
