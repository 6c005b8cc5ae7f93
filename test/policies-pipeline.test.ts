import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPolicy, HedgingPolicy, parsePipeline, pipelineSchema, Resilience4jCircuitBreaker, RetryPolicy } from '../src/policies/index.js';

describe('pipeline spec', () => {
  it('parses an ordered spec (first = outermost) and applies the schemas’ defaults', () => {
    const spec = parsePipeline([
      { type: 'fallback', latency: 0.002 },
      { type: 'retry', profile: 'polly', backoffType: 'exponential', useJitter: true },
      { type: 'circuitBreaker', profile: 'resilience4j', slidingWindowSize: 20 },
      { type: 'circuitBreaker', profile: 'polly', breakDuration: 10 },
      { type: 'timeout', timeout: 0.5, overallTimeout: 2 },
      { type: 'retryBudget', kind: 'finagle' },
      { type: 'rateLimiter', profile: 'token-bucket', rate: 100, burst: 10 },
      { type: 'hedging', delay: 'infinite' },
    ]);
    expect(spec.map((s) => s.type)).toEqual(['fallback', 'retry', 'circuitBreaker', 'circuitBreaker', 'timeout', 'retryBudget', 'rateLimiter', 'hedging']);
    expect(spec[2]).toMatchObject({ profile: 'resilience4j', slidingWindowSize: 20, minimumNumberOfCalls: 100 });
    expect(spec[3]).toMatchObject({ profile: 'polly', breakDuration: 10, failureRatio: 0.1 });
    expect(spec[5]).toMatchObject({ percentCanRetry: 0.2, ttl: 10 });
  });

  it('createPolicy instantiates parsed steps (pipeline keys stripped)', () => {
    const spec = parsePipeline([
      { type: 'retry', profile: 'polly', delay: '1s' },
      { type: 'circuitBreaker', profile: 'polly' },
      { type: 'retryBudget', kind: 'token-bucket', profile: 'aws' },
      { type: 'outlierDetection' },
    ]);
    const [retry, cb, budget, od] = spec.map((s) => createPolicy(s, { hosts: ['a', 'b'] }));
    expect(retry?.type === 'retry' && retry.policy.config.initialInterval).toBe(1);
    expect(cb?.type === 'circuitBreaker' && cb.policy.profile).toBe('polly');
    expect(budget?.type === 'retryBudget' && budget.policy.balance(0)).toBe(100);
    expect(od?.type === 'outlierDetection' && od.policy.healthyHosts(0)).toEqual(['a', 'b']);
  });

  it('errors name the step, the field and the value', () => {
    expect(() => parsePipeline([{ type: 'retry' }, { type: 'circuitBreaker', profile: 'polly', failureRatio: 2 }])).toThrow(/pipeline\[1\] \(circuitBreaker\): invalid failureRatio = 2/);
    expect(() => parsePipeline([{ type: 'circuitBreaker', failureRateThreshold: -5 }])).toThrow(/failureRateThreshold = -5/);
    expect(() => parsePipeline([{ type: 'retries' }])).toThrow(/unknown type "retries"/);
    expect(() => parsePipeline([{ type: 'retry', maxAtempts: 3 }])).toThrow(/maxAtempts/);
  });

  it('exports a JSON schema (input side: durations as number | string; output side: seconds)', () => {
    const input = z.toJSONSchema(pipelineSchema, { io: 'input' }) as { type?: string };
    expect(input.type).toBe('array');
    const output = z.toJSONSchema(pipelineSchema, { io: 'output' }) as { type?: string };
    expect(output.type).toBe('array');
  });

  it('duration fields accept unit strings via random/units.parseDuration', () => {
    const [cb, r, h] = parsePipeline([
      { type: 'circuitBreaker', waitDurationInOpenState: '30s', slowCallDurationThreshold: '250ms' },
      { type: 'retry', profile: 'envoy', baseInterval: '10ms' },
      { type: 'hedging', delay: '1.5s' },
    ]);
    expect(cb).toMatchObject({ waitDurationInOpenState: 30, slowCallDurationThreshold: 0.25 });
    expect(r).toMatchObject({ baseInterval: 0.01 });
    expect(h).toMatchObject({ delay: 1.5 });
    expect(new RetryPolicy({ profile: 'envoy', baseInterval: '10ms' }).config.maxInterval).toBeCloseTo(0.1, 12);
    expect(new HedgingPolicy({ delay: 'infinite' }).config.delay).toBe(Infinity);
    expect(() => new Resilience4jCircuitBreaker({ waitDurationInOpenState: '5 parsecs' })).toThrow(/waitDurationInOpenState = "5 parsecs".*unknown unit/);
    expect(() => new Resilience4jCircuitBreaker({ waitDurationInOpenState: '0s' })).toThrow(/waitDurationInOpenState = "0s"/);
  });
});
