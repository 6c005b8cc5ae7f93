import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { Call } from '../src/components/service/call.js';
import { BulkheadInvoker, CircuitBreakerInvoker, FallbackInvoker, RateLimiterInvoker } from '../src/components/resilience/index.js';
import { Bulkhead, createRateLimiter, FallbackPolicy, parsePipeline, Resilience4jCircuitBreaker, type CircuitState } from '../src/policies/index.js';
import { buildPipeline } from '../src/components/resilience/index.js';
import { RandomStreams } from '../src/random/streams.js';
import { Caller, ScriptedInvoker, type ScriptStep } from './helpers/scripted-invoker.js';

const newCall = (): Call => new Call();
const F: ScriptStep = { outcome: 'error', latency: 0 };
const S: ScriptStep = { outcome: 'ok', latency: 0 };
const small = { slidingWindowSize: 10, minimumNumberOfCalls: 5, failureRateThreshold: 50, waitDurationInOpenState: 60 } as const;

describe('CircuitBreakerInvoker (resilience4j golden traces through the invoker)', () => {
  it('F,F,F,F stays closed; a 5th call S opens (80 %); the next call is rejected with circuit-open', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [F, F, F, F, S, S]);
    const layer = new CircuitBreakerInvoker(sim, server, new Resilience4jCircuitBreaker(small));
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([1, 2, 3, 4, 5, 6]);
    sim.run();
    expect(caller.answers.map((a) => [a.start, a.end, a.outcome])).toEqual([
      [1, 1, 'error'],
      [2, 2, 'error'],
      [3, 3, 'error'],
      [4, 4, 'error'],
      [5, 5, 'ok'],
      [6, 6, 'circuit-open'],
    ]);
    expect(caller.answers[5]!.cause).toBe('circuit-open');
    expect(server.invocations.length).toBe(5);
    expect(layer.notPermitted.value).toBe(1);
    expect(layer.breaker.transitions).toEqual([{ from: 'closed', to: 'open', at: 5 }]);
  });

  it('S,S,S,F,F stays closed (40 %); then F opens at 50 % (inclusive)', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [S, S, S, F, F, F]);
    const layer = new CircuitBreakerInvoker(sim, server, new Resilience4jCircuitBreaker(small));
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([1, 2, 3, 4, 5, 6, 7]);
    sim.run();
    expect(caller.answers.map((a) => a.outcome)).toEqual(['ok', 'ok', 'ok', 'error', 'error', 'error', 'circuit-open']);
    expect(layer.breaker.state(7)).toBe('open');
  });

  it('lazy half-open: a call exactly at openedAt + wait is rejected, one after it is a probe', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [F, F, F, F, F, S, S, S]);
    const layer = new CircuitBreakerInvoker(sim, server, new Resilience4jCircuitBreaker({ ...small, permittedNumberOfCallsInHalfOpenState: 3 }));
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([1, 2, 3, 4, 5, 65, 65.5, 66, 67]);
    sim.run();
    expect(caller.answers.map((a) => a.outcome)).toEqual(['error', 'error', 'error', 'error', 'error', 'circuit-open', 'ok', 'ok', 'ok']);
    expect(layer.breaker.transitions.map((t) => [t.from, t.to, t.at])).toEqual([
      ['closed', 'open', 5],
      ['open', 'half-open', 65.5],
      ['half-open', 'closed', 67],
    ]);
    expect(sim.pending).toBe(0); // lazy: the layer scheduled no transition event
  });

  it('automatic half-open: an event at exactly openedAt + wait; state-time fractions and the trace', () => {
    const sim = new Simulation();
    const trace: [CircuitState, CircuitState, number][] = [];
    const breaker = new Resilience4jCircuitBreaker(
      { ...small, automaticTransitionFromOpenToHalfOpenEnabled: true },
      { onTransition: (from, to, at) => trace.push([from, to, at]) },
    );
    const server = new ScriptedInvoker(sim, [F, F, F, F, F]);
    const layer = new CircuitBreakerInvoker(sim, server, breaker);
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([1, 2, 3, 4, 5]);
    sim.run({ until: 100 });
    expect(trace).toEqual([
      ['closed', 'open', 5],
      ['open', 'half-open', 65],
    ]);
    expect(layer.statePct('closed', 100)).toBeCloseTo(5, 12);
    expect(layer.statePct('open', 100)).toBeCloseTo(60, 12);
    expect(layer.statePct('half-open', 100)).toBeCloseTo(35, 12);
    expect(layer.transitions).toBe(2);
    layer.resetStats(100);
    sim.run({ until: 110 });
    expect(layer.statePct('half-open', 110)).toBeCloseTo(100, 12);
    expect(layer.transitions).toBe(0);
  });

  it('an abandoned call gives its permission back (neither success nor failure)', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'error', latency: 10 }));
    const layer = new CircuitBreakerInvoker(sim, server, new Resilience4jCircuitBreaker(small));
    const caller = new Caller(sim, layer, newCall);
    const calls = [0, 1, 2, 3, 4, 5].map(() => caller.send());
    sim.run({ until: 1 });
    for (const c of calls) layer.abandon(c);
    sim.run();
    expect(layer.breaker.metrics(20).calls).toBe(0);
    expect(layer.breaker.state(20)).toBe('closed');
    expect(caller.answers).toEqual([]);
  });
});

describe('CircuitBreakerInvoker (polly profile, through buildPipeline)', () => {
  it('minimum throughput, one probe at exactly blockedUntil (inclusive), probe failure reopens', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [F, F, { outcome: 'ok', latency: 1 }, F]);
    const steps = parsePipeline([{ type: 'circuitBreaker', profile: 'polly', failureRatio: 0.5, minimumThroughput: 2, breakDuration: 5 }]);
    const p = buildPipeline(sim, server, steps, new RandomStreams(1), 'e');
    const caller = new Caller(sim, p.invoker, newCall);
    // F at 1 (throughput 1 < 2: stays closed), F at 2 opens until 7; 6.5 rejected; 7 is the probe (ok at 8),
    // 7.5 rejected while the probe is pending; closed again at 8; F at 9 (throughput 1) does not break
    caller.sendAt([1, 2, 6.5, 7, 7.5, 9]);
    sim.run();
    expect(caller.answers.map((a) => [a.start, a.end, a.outcome])).toEqual([
      [1, 1, 'error'],
      [2, 2, 'error'],
      [6.5, 6.5, 'circuit-open'],
      [7.5, 7.5, 'circuit-open'],
      [7, 8, 'ok'],
      [9, 9, 'error'],
    ]);
    expect(p.metrics()).toMatchObject({ calls_not_permitted_count: 2, breaker_transitions_count: 3 });
    expect(p.metrics()['breaker_open_pct']).toBeCloseTo((100 * 5) / 9, 10);
    expect(p.metrics()['breaker_half_open_pct']).toBeCloseTo((100 * 1) / 9, 10);
  });
});

describe('CircuitBreakerInvoker (polly profile): a probe abandoned by an outer timeout', () => {
  it('does not leave the breaker half-open for ever: the next call after the break duration probes again', () => {
    const sim = new Simulation();
    const hang: ScriptStep = { outcome: 'ok', latency: 1000 }; // a black hole for the caller's 1 s timeout
    const server = new ScriptedInvoker(sim, [F, F, hang, S, S]);
    const steps = parsePipeline([
      { type: 'timeout', timeout: 1 },
      { type: 'circuitBreaker', profile: 'polly', failureRatio: 0.5, minimumThroughput: 2, breakDuration: 5 },
    ]);
    const p = buildPipeline(sim, server, steps, new RandomStreams(1), 'e');
    const caller = new Caller(sim, p.invoker, newCall);
    // F at 1, F at 2 opens until 7; the probe at 7 hangs and times out at 8 (abandoned); 9 is refused
    // (blockedUntil 12); 12 is the next probe and closes the breaker; 13 goes through
    caller.sendAt([1, 2, 7, 9, 12, 13]);
    sim.run({ until: 20 });
    expect(caller.answers.map((a) => [a.start, a.outcome])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [7, 'timeout'],
      [9, 'circuit-open'],
      [12, 'ok'],
      [13, 'ok'],
    ]);
    expect(server.times).toEqual([1, 2, 7, 12, 13]);
  });
});

describe('BulkheadInvoker', () => {
  it('waiters expire with rejected at their deadline; a permit freed exactly at a deadline goes to the waiter', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'ok', latency: 3 }));
    const layer = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 2 }));
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([0, 0.5, 1]);
    sim.run();
    expect(caller.answers.map((a) => [a.id, a.start, a.end, a.outcome, a.cause])).toEqual([
      [1, 0.5, 2.5, 'rejected', 'bulkhead-timeout'],
      [0, 0, 3, 'ok', ''],
      [2, 1, 6, 'ok', ''],
    ]);
    expect(server.times).toEqual([0, 3]);
    expect([layer.rejected.value, layer.queued.value, layer.waiting, layer.inFlight]).toEqual([1, 2, 0, 0]);
  });

  it('maxWaitDuration 0 rejects at once when full', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'ok', latency: 1 }));
    const layer = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 2 }));
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([0, 0, 0.5, 1]);
    sim.run();
    expect(caller.answers.map((a) => [a.id, a.end, a.outcome, a.cause])).toEqual([
      [2, 0.5, 'rejected', 'bulkhead-full'],
      [0, 1, 'ok', ''],
      [1, 1, 'ok', ''],
      [3, 2, 'ok', ''], // the permits freed at t = 1 (RELEASE) before the arrival at t = 1
    ]);
  });

  it('an abandoned waiter leaves the queue; an abandoned running call frees its permit for the next waiter', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'ok', latency: 5 }));
    const layer = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 10 }));
    const caller = new Caller(sim, layer, newCall);
    const a = caller.send();
    const b = caller.send();
    caller.send();
    sim.run({ until: 1 });
    layer.abandon(b);
    layer.abandon(a);
    sim.run();
    expect(caller.answers.map((x) => [x.id, x.start, x.end])).toEqual([[2, 0, 6]]);
    expect(server.times).toEqual([0, 1]);
  });
});

describe('RateLimiterInvoker', () => {
  it('resilience4j: reserved permits wait for the next cycle; a wait beyond timeoutDuration is rejected', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'ok', latency: 0.25 }));
    const limiter = createRateLimiter({ limitForPeriod: 2, limitRefreshPeriod: 1, timeoutDuration: 1.5 });
    const layer = new RateLimiterInvoker(sim, server, limiter);
    const caller = new Caller(sim, layer, newCall);
    for (let i = 0; i < 5; i++) caller.send();
    sim.run();
    expect(server.times).toEqual([0, 0, 1, 1]);
    expect(caller.answers.map((a) => [a.id, a.end, a.outcome])).toEqual([
      [4, 0, 'rejected'],
      [0, 0.25, 'ok'],
      [1, 0.25, 'ok'],
      [2, 1.25, 'ok'],
      [3, 1.25, 'ok'],
    ]);
    expect(caller.answers[0]!.cause).toBe('rate-limited');
    expect([layer.limited.value, layer.delayed.value, layer.waitTime.value]).toEqual([1, 2, 2]);
  });

  it('token bucket: rate 2/s, burst 1, timeout 0', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'ok', latency: 0 }));
    const layer = new RateLimiterInvoker(sim, server, createRateLimiter({ profile: 'token-bucket', rate: 2, burst: 1 }));
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([0, 0.25, 0.5, 0.75, 1]);
    sim.run();
    expect(caller.answers.map((a) => a.outcome)).toEqual(['ok', 'rejected', 'ok', 'rejected', 'ok']);
  });
});

describe('FallbackInvoker', () => {
  it('a handled failure becomes a degraded success after the fallback latency; others pass through', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'error', latency: 1, cause: 'dependency:db' },
      { outcome: 'ok', latency: 1 },
      { outcome: 'shed', latency: 1, cause: 'shed' },
    ]);
    const layer = new FallbackInvoker(sim, server, new FallbackPolicy({ latency: 0.25, on: ['error', 'timeout'] }));
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([0, 10, 20]);
    sim.run();
    expect(caller.answers).toEqual([
      { id: 0, start: 0, end: 1.25, outcome: 'fallback', cause: 'dependency:db', degraded: true },
      { id: 1, start: 10, end: 11, outcome: 'ok', cause: '', degraded: false },
      { id: 2, start: 20, end: 21, outcome: 'shed', cause: 'shed', degraded: false },
    ]);
    expect(layer.fallbacks.value).toBe(1);
  });
});
