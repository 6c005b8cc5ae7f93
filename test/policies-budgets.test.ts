import { describe, expect, it } from 'vitest';
import { EnvoyRetryBudget, FinagleRetryBudget, ConfigError, TokenBucketRetryBudget } from '../src/policies/index.js';

describe('Finagle retry budget', () => {
  it('default arithmetic: deposit 1000, withdrawal 5000, reserve 10 * 10 * 5000 = 100 retries', () => {
    const b = new FinagleRetryBudget();
    expect(b.config).toEqual({ ttl: 10, minRetriesPerSec: 10, percentCanRetry: 0.2 });
    expect([b.depositAmount, b.withdrawalAmount, b.reserve]).toEqual([1000, 5000, 500000]);
    expect(b.balance(0)).toBe(100);
    let granted = 0;
    while (b.tryRetry(0)) granted++;
    expect(granted).toBe(100);
    expect(b.retriesDenied).toBe(1);
    for (let i = 0; i < 4; i++) b.onRequest(0.5);
    expect(b.tryRetry(0.5)).toBe(false); // 4 deposits = 4000 < 5000
    b.onRequest(0.5);
    expect(b.tryRetry(0.5)).toBe(true); // 5 requests buy one retry (20 %)
  });

  it('withdrawals expire after ttl (10 slices of 1 s, aligned to t = 0)', () => {
    const b = new FinagleRetryBudget();
    for (let i = 0; i < 100; i++) b.tryRetry(0.2);
    expect(b.balance(9.99)).toBe(0);
    expect(b.balance(10)).toBe(100);
  });

  it('steady state under 100 % failure at R rps: retries/s ~= 0.2 R + 10', () => {
    const b = new FinagleRetryBudget();
    const R = 100;
    let inWindow = 0;
    for (let i = 0; i < 60 * R; i++) {
      const t = i / R;
      b.onRequest(t);
      if (b.tryRetry(t) && t >= 30) inWindow++;
    }
    const perSec = inWindow / 30;
    expect(perSec).toBeGreaterThan(0.98 * (0.2 * R + 10));
    expect(perSec).toBeLessThan(1.02 * (0.2 * R + 10));
  });

  it('percentCanRetry 0 means only the reserve (every retry costs 1 unit)', () => {
    const b = new FinagleRetryBudget({ percentCanRetry: 0, minRetriesPerSec: 2, ttl: 5 });
    expect([b.depositAmount, b.withdrawalAmount, b.reserve]).toEqual([0, 1, 10]);
    expect(() => new FinagleRetryBudget({ ttl: 0.5 })).toThrow(/ttl = 0.5/);
  });
});

describe('Envoy retry budget', () => {
  it('limit = max(floor(20 % of active + pending), 3)', () => {
    const b = new EnvoyRetryBudget();
    expect(b.limit({ activeRequests: 100, pendingRequests: 0 })).toBe(20);
    expect(b.limit({ activeRequests: 80, pendingRequests: 24 })).toBe(20);
    expect(b.limit({ activeRequests: 10, pendingRequests: 0 })).toBe(3);
    expect(b.tryRetry(0, 'error', { activeRequests: 100, pendingRequests: 0, activeRetries: 19 })).toBe(true);
    expect(b.tryRetry(0, 'error', { activeRequests: 100, pendingRequests: 0, activeRetries: 20 })).toBe(false);
    expect(b.balance()).toBe(0);
    expect(() => b.tryRetry(0, 'error')).toThrow(/needs the current counts/);
  });

  it("static mode uses max_retries = 3", () => {
    const b = new EnvoyRetryBudget({ mode: 'static' });
    expect(b.limit({ activeRequests: 1000, pendingRequests: 0 })).toBe(3);
  });
});

describe('token-bucket retry budgets', () => {
  it('gRPC throttling: failure -1, success +tokenRatio, retries while tokens > maxTokens/2', () => {
    const b = new TokenBucketRetryBudget({ profile: 'grpc', maxTokens: 10, tokenRatio: 0.1 });
    expect(b.tokens).toBe(10);
    for (let i = 0; i < 4; i++) b.onFailure(0, 'error');
    expect(b.tryRetry(0, 'error')).toBe(true); // 6 > 5; retries cost nothing themselves
    b.onFailure(0, 'error');
    expect(b.tokens).toBe(5);
    expect(b.tryRetry(0, 'error')).toBe(false); // 5 > 5 is false
    for (let i = 0; i < 3; i++) b.onSuccess(0);
    expect(b.tokens).toBe(5.3); // exact: milli-token arithmetic
    expect(b.tryRetry(0, 'error')).toBe(true);
    for (let i = 0; i < 100; i++) b.onSuccess(0);
    expect(b.tokens).toBe(10); // capped
    for (let i = 0; i < 30; i++) b.onFailure(0, 'error');
    expect(b.tokens).toBe(0); // floored
  });

  it('AWS standard quota: 500 tokens, retry 5, timeout retry 10, success refund 1 (or the retry cost)', () => {
    const b = new TokenBucketRetryBudget({ profile: 'aws' });
    let n = 0;
    while (b.tryRetry(0, 'timeout')) n++;
    expect(n).toBe(50);
    expect(b.tokens).toBe(0);
    b.onSuccess(0);
    expect(b.tokens).toBe(1);
    b.onSuccess(0, { retriedAfter: 'timeout' });
    expect(b.tokens).toBe(11);
    expect(b.tryRetry(0, 'error')).toBe(true);
    expect(b.tryRetry(0, 'error')).toBe(true);
    expect(b.tryRetry(0, 'error')).toBe(false); // 1 left < 5
    const fresh = new TokenBucketRetryBudget({ profile: 'aws' });
    let m = 0;
    while (fresh.tryRetry(0, 'error')) m++;
    expect(m).toBe(100);
    fresh.onSuccess(0);
    expect(fresh.balance()).toBe(0);
    expect(new TokenBucketRetryBudget({ profile: 'aws', initialRetryTokens: 50 }).config.maxTokens).toBe(50);
  });

  it('Brooker adaptive: +0.1 per request, size 5 full, retry needs > 1 and costs 1', () => {
    const b = new TokenBucketRetryBudget({ profile: 'brooker' });
    let n = 0;
    while (b.tryRetry(0, 'error')) n++;
    expect(n).toBe(4);
    expect(b.tokens).toBe(1);
    for (let i = 0; i < 10; i++) b.onRequest(0);
    expect(b.tokens).toBe(2);
    expect(b.tryRetry(0, 'error')).toBe(true);
    expect(b.tryRetry(0, 'error')).toBe(false);
  });

  it('validation', () => {
    expect(() => new TokenBucketRetryBudget({ profile: 'grpc', maxTokens: 2000 })).toThrow(/maxTokens = 2000/);
    expect(() => new TokenBucketRetryBudget({ tokenRatio: 0.1, noRetryIncrement: 1 })).toThrow(ConfigError);
  });
});
