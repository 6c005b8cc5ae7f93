import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { Call } from '../src/components/service/call.js';
import { RetryInvoker, TimeoutInvoker } from '../src/components/resilience/index.js';
import { EnvoyRetryBudget, RetryPolicy, TokenBucketRetryBudget } from '../src/policies/index.js';
import { RandomStreams } from '../src/random/streams.js';
import { retryExpectedAttempts, retrySuccess } from '../src/analysis/index.js';
import { Caller, ScriptedInvoker, type ScriptStep } from './helpers/scripted-invoker.js';
import { expectCovers, replicate } from './helpers/replications.js';

const newCall = (): Call => new Call();
const noRng = (): number => {
  throw new Error('no randomness expected');
};

describe('TimeoutInvoker', () => {
  it('fires exactly at the deadline; without cancellation the server keeps working', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [{ outcome: 'ok', latency: 2.5 }]);
    const layer = new TimeoutInvoker(sim, server, { timeout: 1 });
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    expect(caller.answers).toEqual([{ id: 0, start: 0, end: 1, outcome: 'timeout', cause: 'deadline', degraded: false }]);
    expect(server.invocations[0]).toMatchObject({ fate: 'orphaned', abandonCancel: false, workEnd: 2.5 });
    expect(server.orphanedCompletions).toBe(1);
    expect(layer.timeouts.value).toBe(1);
    expect(layer.inFlight).toBe(0);
  });

  it('cancelOnTimeout stops the server work at the deadline', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [{ outcome: 'ok', latency: 2.5 }]);
    const layer = new TimeoutInvoker(sim, server, { timeout: 1, cancelOnTimeout: true });
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    expect(caller.answers.map((a) => [a.end, a.outcome])).toEqual([[1, 'timeout']]);
    expect(server.invocations[0]).toMatchObject({ fate: 'cancelled', abandonCancel: true, workEnd: 1 });
    expect(server.cancelled).toBe(1);
    expect(sim.now).toBe(1); // nothing left running after the deadline
  });

  it('an answer before the deadline cancels the timer; an answer exactly at the deadline is a timeout', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'ok', latency: 0.75, cause: '' },
      { outcome: 'error', latency: 1, cause: 'boom' },
    ]);
    const layer = new TimeoutInvoker(sim, server, { timeout: 1 });
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    expect(caller.answers).toEqual([{ id: 0, start: 0, end: 0.75, outcome: 'ok', cause: '', degraded: false }]);
    expect(sim.now).toBe(0.75); // the deadline event at t = 1 was cancelled
    caller.send();
    sim.run();
    expect(caller.answers[1]).toMatchObject({ start: 0.75, end: 1.75, outcome: 'timeout', cause: 'deadline' });
    expect(layer.timeouts.value).toBe(1);
  });

  it('rejects invalid configs naming the field', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, []);
    expect(() => new TimeoutInvoker(sim, server, { timeout: 0 })).toThrow(/invalid timeout = 0/);
  });
});

describe('RetryInvoker', () => {
  it('exponential backoff without jitter: attempts at the exact scheduled times', () => {
    const sim = new Simulation();
    const err: ScriptStep = { outcome: 'error', latency: 0.25 };
    const server = new ScriptedInvoker(sim, [err, err, err, { outcome: 'ok', latency: 0.25 }]);
    const policy = new RetryPolicy({ maxAttempts: 4, backoff: 'exponential', waitDuration: 0.5, multiplier: 2 });
    const layer = new RetryInvoker(sim, server, policy, noRng);
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    // attempt k ends at e_k; the next starts at e_k + 0.5·2^(k−1)
    expect(server.times).toEqual([0, 0.75, 2, 4.25]);
    expect(server.invocations.map((i) => i.attempt)).toEqual([0, 1, 2, 3]);
    expect(caller.answers).toEqual([{ id: 0, start: 0, end: 4.5, outcome: 'ok', cause: '', degraded: false }]);
    expect([layer.attempts.value, layer.retries.value, layer.attemptsPerRequest]).toEqual([4, 3, 4]);
    expect(layer.inFlight).toBe(0);
  });

  it('gives up after maxAttempts with the last outcome; non-retryable outcomes are not retried', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'error', latency: 1, cause: 'a' },
      { outcome: 'timeout', latency: 1, cause: 'b' },
      { outcome: 'error', latency: 1, cause: 'c' },
      { outcome: 'rejected', latency: 1, cause: 'd' },
    ]);
    const layer = new RetryInvoker(sim, server, new RetryPolicy({ maxAttempts: 3, waitDuration: 0 }), noRng);
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    caller.send();
    sim.run();
    expect(caller.answers.map((a) => [a.end, a.outcome, a.cause])).toEqual([
      [3, 'error', 'c'],
      [4, 'rejected', 'd'],
    ]);
    expect(layer.attemptsPerRequest).toBe(2);
  });

  it('retry algebra: success = 1 − f^m and attempts per request = (1 − f^m)/(1 − f)', () => {
    const f = 0.3;
    const m = 3;
    const N = 2000;
    const success: number[] = [];
    const amp = replicate(20, (rep) => {
      const sim = new Simulation();
      const streams = new RandomStreams(`retry-algebra-${rep}`);
      const server = ScriptedInvoker.bernoulli(sim, f, 0.01, streams.stream('server'));
      const layer = new RetryInvoker(sim, server, new RetryPolicy({ maxAttempts: m, waitDuration: 0.1 }), streams.stream('retry'));
      const caller = new Caller(sim, layer, newCall);
      for (let i = 0; i < N; i++) caller.send();
      sim.run();
      expect(caller.answers.length).toBe(N);
      success.push(caller.answers.filter((a) => a.outcome === 'ok').length / N);
      return layer.attemptsPerRequest;
    });
    expectCovers(amp, retryExpectedAttempts(f, m), 0.02);
    expectCovers(replicate(success.length, (i) => success[i]!), retrySuccess(f, m), 0.005);
  });

  it('Envoy budget: retries refused beyond the concurrent-retry limit', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'error', latency: 1 }));
    const budget = new EnvoyRetryBudget({ budgetPercent: 0, minRetryConcurrency: 1 });
    const layer = new RetryInvoker(sim, server, new RetryPolicy({ maxAttempts: 2, waitDuration: 0.5 }), noRng, { budget });
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    caller.send();
    caller.send();
    sim.run();
    // all three fail at t = 1: the first gets the only retry slot, the other two are refused
    expect(caller.answers.map((a) => [a.id, a.end])).toEqual([
      [1, 1],
      [2, 1],
      [0, 2.5],
    ]);
    expect(server.times).toEqual([0, 0, 0, 1.5]);
    expect([layer.retries.value, layer.refusedByBudget.value, budget.retriesDenied]).toEqual([1, 2, 2]);
    expect(layer.attemptsPerRequest).toBeCloseTo(4 / 3, 12);
  });

  it('token-bucket budget (gRPC throttling): retries stop once tokens fall to half', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'error', latency: 1 }));
    // 10 tokens, a failure costs 1, retries only while tokens > 5
    const budget = new TokenBucketRetryBudget({ profile: 'grpc', maxTokens: 10, tokenRatio: 0.1 });
    const layer = new RetryInvoker(sim, server, new RetryPolicy({ maxAttempts: 2, waitDuration: 0 }), noRng, { budget });
    const caller = new Caller(sim, layer, newCall);
    for (let i = 0; i < 6; i++) {
      caller.send();
      sim.run();
    }
    // tokens after each failure: 9 (retry), 8, 7 (retry), 6, 5 (refused: not > 5), 4, ...
    expect(layer.retries.value).toBe(2);
    expect(layer.refusedByBudget.value).toBe(4);
    expect(server.invocations.length).toBe(8);
  });

  it('abandoning a request cancels its backoff or abandons its attempt', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'error', latency: 1 }));
    const layer = new RetryInvoker(sim, server, new RetryPolicy({ maxAttempts: 5, waitDuration: 1 }), noRng);
    const caller = new Caller(sim, layer, newCall);
    const a = caller.send();
    const b = caller.send();
    sim.run({ until: 1.5 }); // both in backoff until t = 2
    layer.abandon(a);
    sim.run({ until: 2.5 }); // b's second attempt in flight
    layer.abandon(b, true);
    sim.run();
    expect(caller.answers).toEqual([]);
    expect(server.times).toEqual([0, 0, 2]);
    expect(server.invocations[2]).toMatchObject({ fate: 'cancelled', abandonCancel: true });
    expect([layer.finished.value, layer.finishedAttempts.value, layer.inFlight]).toEqual([2, 3, 0]);
  });
});
