import { describe, expect, it } from 'vitest';
import { Brownout, Bulkhead, createRateLimiter, FallbackPolicy, LoadShedder, Resilience4jRateLimiter, TokenBucketRateLimiter } from '../src/policies/index.js';

describe('bulkhead', () => {
  it('resilience4j defaults: 25 concurrent, reject immediately', () => {
    const b = new Bulkhead();
    expect(b.config).toEqual({ maxConcurrentCalls: 25, maxWaitDuration: 0 });
    for (let i = 0; i < 25; i++) expect(b.tryAcquire(0)).toBe(true);
    expect(b.tryAcquire(0)).toBe(false);
    expect(b.canWait()).toBe(false);
    expect(b.enqueue('x', 0)).toBe(false);
    expect(b.rejected).toBe(1);
  });

  it('FIFO waiters, handed the freed permit; deadlines expire', () => {
    const b = new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 1 });
    expect(b.tryAcquire(0)).toBe(true);
    expect(b.tryAcquire(0)).toBe(false);
    expect(b.enqueue('a', 0)).toBe(true);
    expect(b.enqueue('b', 0.5)).toBe(true);
    expect(b.tryAcquire(0.6)).toBe(false); // no barging past waiters
    expect(b.release(0.7)).toBe('a');
    expect(b.inFlight).toBe(1);
    expect(b.nextExpiryAt()).toBe(1.5);
    expect(b.expire(1.5)).toEqual(['b']);
    expect(b.release(2)).toBeUndefined();
    expect(b.inFlight).toBe(0);
    expect(b.rejected).toBe(1);
  });

  it('queue limit (Polly ConcurrencyLimiter QueueLimit)', () => {
    const b = new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 10, maxQueueLength: 1 });
    b.tryAcquire(0);
    expect(b.enqueue(1, 0)).toBe(true);
    expect(b.enqueue(2, 0)).toBe(false);
  });
});

describe('rate limiters', () => {
  it('resilience4j AtomicRateLimiter: permits are SET (not added) each cycle', () => {
    const r = new Resilience4jRateLimiter({ limitForPeriod: 2, limitRefreshPeriod: 1, timeoutDuration: 0 });
    expect(r.acquire(0.1)).toEqual({ permitted: true, waitS: 0 });
    expect(r.availablePermissions(1.2)).toBe(2); // 1 left + 2 -> capped at 2
    expect(r.acquire(1.2).permitted).toBe(true);
    expect(r.acquire(1.3).permitted).toBe(true);
    const no = r.acquire(1.4);
    expect(no.permitted).toBe(false);
    expect(no.waitS).toBeCloseTo(0.6, 9);
    expect(r.acquire(2).permitted).toBe(true);
    expect(r.rejectedCount).toBe(1);
  });

  it('resilience4j reservations: wait <= timeoutDuration reserves a future permit', () => {
    const r = new Resilience4jRateLimiter({ limitForPeriod: 2, limitRefreshPeriod: 1, timeoutDuration: 5 });
    const w = [0, 1, 2, 3, 4].map(() => r.acquire(0.1).waitS);
    expect(w[0]).toBe(0);
    expect(w[1]).toBe(0);
    expect(w[2]).toBeCloseTo(0.9, 9);
    expect(w[3]).toBeCloseTo(0.9, 9);
    expect(w[4]).toBeCloseTo(1.9, 9);
    expect(r.availablePermissions(1.5)).toBe(-1); // -3 + 2: reservations carry over
    const tight = new Resilience4jRateLimiter({ limitForPeriod: 1, limitRefreshPeriod: 1, timeoutDuration: 0.5 });
    tight.acquire(0.2);
    expect(tight.acquire(0.2)).toMatchObject({ permitted: false });
    expect(tight.availablePermissions(0.3)).toBe(0); // nothing reserved on rejection
  });

  it('resilience4j defaults', () => {
    expect(new Resilience4jRateLimiter().config).toEqual({ profile: 'resilience4j', limitForPeriod: 50, limitRefreshPeriod: 500e-9, timeoutDuration: 5 });
  });

  it('token bucket: burst then rate', () => {
    const r = createRateLimiter({ profile: 'token-bucket', rate: 10, burst: 5 }) as TokenBucketRateLimiter;
    for (let i = 0; i < 5; i++) expect(r.acquire(0).permitted).toBe(true);
    const d = r.acquire(0);
    expect(d.permitted).toBe(false);
    expect(d.waitS).toBeCloseTo(0.1, 12);
    expect(r.acquire(0.25).permitted).toBe(true);
    expect(r.acquire(0.25).permitted).toBe(true);
    expect(r.acquire(0.25).permitted).toBe(false);
    expect(r.tokensAt(10)).toBe(5);
  });
});

describe('load shedder', () => {
  const base = { queueLength: 0, inFlight: 0, oldestQueuedAgeS: 0, utilisation: 0.5, critical: true };
  it('each rule, with its reason', () => {
    const s = new LoadShedder({ maxQueueLength: 10, maxQueueTime: 0.5, maxConcurrency: 100, priority: { utilisationThreshold: 0.8, queueDelayThreshold: 0.2 } });
    expect(s.admit(0, base)).toBe('admit');
    expect(s.evaluate({ ...base, queueLength: 10 })).toEqual({ decision: 'shed', reason: 'queue-length' });
    expect(s.evaluate({ ...base, oldestQueuedAgeS: 0.5 })).toEqual({ decision: 'admit' });
    expect(s.evaluate({ ...base, oldestQueuedAgeS: 0.51 })).toEqual({ decision: 'shed', reason: 'queue-time' });
    expect(s.evaluate({ ...base, expectedWaitS: 0.6 })).toEqual({ decision: 'shed', reason: 'queue-time' });
    expect(s.evaluate({ ...base, inFlight: 100 })).toEqual({ decision: 'shed', reason: 'concurrency' });
    expect(s.evaluate({ ...base, utilisation: 0.8 })).toEqual({ decision: 'admit' }); // critical
    expect(s.admit(0, { ...base, utilisation: 0.8, critical: false })).toBe('shed');
    expect(s.admit(0, { ...base, oldestQueuedAgeS: 0.2, critical: false })).toBe('shed');
    expect(s.shedByReason).toEqual({ 'queue-length': 0, 'queue-time': 0, concurrency: 0, priority: 2 });
    expect(s.admitted).toBe(1);
  });
});

describe('fallback and brownout', () => {
  it('fallback turns handled failures into a degraded success after its latency', () => {
    const f = new FallbackPolicy({ latency: 0.005, on: ['error', 'circuit-open'] });
    expect(f.apply('error')).toEqual({ outcome: 'fallback', latencyS: 0.005 });
    expect(f.apply('timeout')).toBeUndefined();
    expect(f.apply('ok')).toBeUndefined();
    expect(f.fallbacksUsed).toBe(1);
  });

  it('brownout with hysteresis and state time', () => {
    const b = new Brownout({ enterUtilisation: 0.9, exitUtilisation: 0.7 });
    expect(b.update(1, { utilisation: 0.85, queueDelayS: 0 })).toBe('normal');
    expect(b.update(2, { utilisation: 0.9, queueDelayS: 0 })).toBe('brownout');
    expect(b.shouldSkipOptional(3, { utilisation: 0.8, queueDelayS: 0 })).toBe(true);
    expect(b.update(4, { utilisation: 0.69, queueDelayS: 0 })).toBe('normal');
    expect(b.stateTime(10)).toEqual({ normal: 2 + 6, brownout: 2 });
    expect(b.switchCount).toBe(2);
    const q = new Brownout({ enterQueueDelay: 1 });
    expect(q.update(0, { utilisation: 1, queueDelayS: 1 })).toBe('brownout');
    expect(q.update(1, { utilisation: 1, queueDelayS: 0.6 })).toBe('brownout');
    expect(q.update(2, { utilisation: 1, queueDelayS: 0.49 })).toBe('normal');
    expect(() => new Brownout({ enterUtilisation: 0.5, exitUtilisation: 0.6 })).toThrow(/exitUtilisation = 0.6/);
    expect(() => new Brownout({})).toThrow(/enterUtilisation/);
  });
});
