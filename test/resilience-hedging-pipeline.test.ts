import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { Call } from '../src/components/service/call.js';
import { buildPipeline, CircuitBreakerInvoker, FallbackInvoker, HedgingInvoker, RetryInvoker, TimeoutInvoker } from '../src/components/resilience/index.js';
import { HedgingPolicy, parsePipeline, type CircuitState } from '../src/policies/index.js';
import { RandomStreams } from '../src/random/streams.js';
import { RandomBalancer, RoundRobinBalancer } from '../src/components/balancer/index.js';
import { CallEdge, Service } from '../src/components/service/index.js';
import { Caller, ScriptedInvoker } from './helpers/scripted-invoker.js';
import { StaticReplicaGroup } from './helpers/static-replica-group.js';

const newCall = (): Call => new Call();

describe('HedgingInvoker', () => {
  it('launches the hedge at the delay; the first success wins and the loser is abandoned', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'ok', latency: 2, cause: 'slow' },
      { outcome: 'ok', latency: 0.25, degraded: true },
    ]);
    const layer = new HedgingInvoker(sim, server, new HedgingPolicy({ delay: 0.5, maxHedgedAttempts: 1 }));
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    expect(server.invocations.map((i) => [i.t, i.attempt, i.slot])).toEqual([
      [0, 0, 0],
      [0.5, 1, 1],
    ]);
    expect(caller.answers).toEqual([{ id: 0, start: 0, end: 0.75, outcome: 'ok', cause: '', degraded: true }]);
    expect(server.invocations[0]).toMatchObject({ fate: 'orphaned', workEnd: 2 });
    expect([layer.hedgesSent.value, layer.hedgesWon.value, layer.inFlight]).toEqual([1, 1, 0]);
  });

  it('no hedge when the original answers before the delay; cancelLosers stops the loser', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'ok', latency: 0.25 },
      { outcome: 'ok', latency: 3 },
      { outcome: 'ok', latency: 1 },
    ]);
    const layer = new HedgingInvoker(sim, server, new HedgingPolicy({ delay: 0.5 }), { cancelLosers: true });
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    expect(sim.now).toBe(0.25); // the hedge timer was cancelled
    caller.sendAt([10]);
    sim.run();
    expect(server.invocations.map((i) => [i.t, i.fate])).toEqual([
      [0, 'answered'],
      [10, 'cancelled'],
      [10.5, 'answered'],
    ]);
    expect(caller.answers[1]).toMatchObject({ start: 10, end: 11.5, outcome: 'ok' });
    expect([layer.hedgesSent.value, layer.hedgesWon.value]).toEqual([1, 1]);
  });

  it('a handled failure launches the next attempt at once; when all fail the original\'s failure is the answer (Polly)', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'rejected', latency: 0.25, cause: 'first' },
      { outcome: 'error', latency: 1, cause: 'second' },
      { outcome: 'timeout', latency: 0.5, cause: 'third' },
    ]);
    const layer = new HedgingInvoker(sim, server, new HedgingPolicy({ delay: 2, maxHedgedAttempts: 2 }));
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    // attempt 1 starts when attempt 0 fails (0.25), attempt 2 when attempt 1 fails (1.25), not at 0.25 + 2
    expect(server.times).toEqual([0, 0.25, 1.25]);
    expect(caller.answers).toEqual([{ id: 0, start: 0, end: 1.75, outcome: 'rejected', cause: 'first', degraded: false }]);
    expect(layer.hedgesWon.value).toBe(0);
  });

  it('delay 0 launches every attempt at once, even with synchronous answers', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'error', immediate: true },
      { outcome: 'ok', immediate: true, cause: '' },
      { outcome: 'ok', latency: 1 },
    ]);
    const layer = new HedgingInvoker(sim, server, new HedgingPolicy({ delay: 0, maxHedgedAttempts: 2 }));
    const caller = new Caller(sim, layer, newCall);
    caller.send();
    sim.run();
    expect(server.times).toEqual([0, 0]); // the second attempt won synchronously: the third was never launched
    expect(caller.answers.map((a) => [a.end, a.outcome])).toEqual([[0, 'ok']]);
    expect(layer.inFlight).toBe(0);
  });
});

describe('buildPipeline', () => {
  it('[fallback, retry, circuitBreaker, timeout]: order, counts and metric names', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'ok', latency: 5 })); // always too slow
    const steps = parsePipeline([
      { type: 'fallback', latency: '10ms' },
      { type: 'retry', maxAttempts: 3, waitDuration: '500ms' },
      { type: 'circuitBreaker', slidingWindowSize: 4, minimumNumberOfCalls: 4, waitDurationInOpenState: 30 },
      { type: 'timeout', timeout: 1 },
    ]);
    const trace: [string, number, CircuitState, CircuitState, number][] = [];
    const p = buildPipeline(sim, server, steps, new RandomStreams(1), 'api', { onBreakerTransition: (...a) => trace.push(a) });
    expect(p.layers.map((l) => l.constructor.name)).toEqual(['FallbackInvoker', 'RetryInvoker', 'CircuitBreakerInvoker', 'TimeoutInvoker']);
    expect(p.layers[0]).toBe(p.invoker);
    const caller = new Caller(sim, p.invoker, newCall);
    caller.send();
    caller.sendAt([10]);
    sim.run({ until: 40 });
    // request 0: attempts at 0, 1.5, 3 each time out after 1 s (breaker counts 3 failures), fallback at 4.01
    // request 1: attempt at 10 times out at 11 -> 4th failure opens the breaker; retry at 11.5 -> circuit-open
    // (not in retryOn, so no further retry) -> fallback at 11.51
    expect(server.times).toEqual([0, 1.5, 3, 10]);
    expect(caller.answers.map((a) => [a.id, a.end, a.outcome, a.cause, a.degraded])).toEqual([
      [0, 4.01, 'fallback', 'deadline', true],
      [1, 11.51, 'fallback', 'circuit-open', true],
    ]);
    expect(trace).toEqual([['api', 2, 'closed', 'open', 11]]);
    const m = p.metrics();
    expect(Object.keys(m).sort()).toEqual(
      [
        'attempts_per_request',
        'retries_count',
        'retries_refused_by_budget_count',
        'breaker_open_pct',
        'breaker_half_open_pct',
        'breaker_closed_pct',
        'breaker_transitions_count',
        'calls_not_permitted_count',
        'fallbacks_count',
        'timeouts_count',
      ].sort(),
    );
    expect(m).toMatchObject({ attempts_per_request: 2.5, retries_count: 3, retries_refused_by_budget_count: 0, breaker_transitions_count: 1, calls_not_permitted_count: 1, fallbacks_count: 2, timeouts_count: 4 });
    expect(m['breaker_closed_pct']).toBeCloseTo((100 * 11) / 40, 10);
    expect(m['breaker_open_pct']).toBeCloseTo((100 * 29) / 40, 10);
    p.resetStats();
    expect(p.metrics()).toMatchObject({ retries_count: 0, calls_not_permitted_count: 0, fallbacks_count: 0, timeouts_count: 0, breaker_transitions_count: 0 });
  });

  it("overallTimeout bounds the enclosing retry (Envoy's route timeout includes retries)", () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'ok', latency: 5 }));
    const steps = parsePipeline([
      { type: 'retry', maxAttempts: 3, waitDuration: 0.5 },
      { type: 'timeout', timeout: 1, overallTimeout: 2 },
    ]);
    const p = buildPipeline(sim, server, steps, (n) => new RandomStreams(1).stream(n), 'edge');
    expect(p.layers.map((l) => l.constructor.name)).toEqual(['TimeoutInvoker', 'RetryInvoker', 'TimeoutInvoker']);
    expect((p.layers[0] as TimeoutInvoker).timeout).toBe(2);
    const caller = new Caller(sim, p.invoker, newCall);
    caller.send();
    sim.run();
    // attempt 1 times out at 1; retry at 1.5; the overall deadline at 2 cuts attempt 2 short
    expect(server.times).toEqual([0, 1.5]);
    expect(caller.answers.map((a) => [a.end, a.outcome])).toEqual([[2, 'timeout']]);
    expect(p.metrics()).toMatchObject({ timeouts_count: 2, retries_count: 1, attempts_per_request: 2 });
    // without an enclosing retry the overall timeout just tightens the same scope
    const q = buildPipeline(sim, server, parsePipeline([{ type: 'timeout', timeout: 3, overallTimeout: 2 }]), new RandomStreams(1), 'x');
    expect(q.layers.length).toBe(1);
    expect((q.layers[0] as TimeoutInvoker).timeout).toBe(2);
  });

  it('retry budgets attach to the retry step; bulkhead, rate limiter and hedging metrics', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, () => ({ outcome: 'error', latency: 1 }));
    const steps = parsePipeline([
      { type: 'rateLimiter', profile: 'token-bucket', rate: 1, burst: 3 },
      { type: 'bulkhead', maxConcurrentCalls: 2 },
      { type: 'retry', maxAttempts: 2, waitDuration: 0 },
      { type: 'retryBudget', kind: 'envoy', budgetPercent: 0, minRetryConcurrency: 1 },
      { type: 'hedging', delay: 10 },
    ]);
    const p = buildPipeline(sim, server, steps, new RandomStreams(1), 'e');
    expect(p.layers.map((l) => l.constructor.name)).toEqual(['RateLimiterInvoker', 'BulkheadInvoker', 'RetryInvoker', 'HedgingInvoker']);
    expect((p.layers[2] as RetryInvoker).budget?.kind).toBe('envoy');
    const caller = new Caller(sim, p.invoker, newCall);
    for (let i = 0; i < 4; i++) caller.send();
    sim.run();
    // 3 tokens: request 3 rate-limited; bulkhead 2: request 2 rejected; requests 0, 1 fail at t = 1 via hedging
    // (handled failure -> the hedge launches at once), both fail again at 2; one retry granted (limit 1).
    expect(caller.answers.map((a) => [a.id, a.outcome, a.cause])).toEqual([
      [2, 'rejected', 'bulkhead-full'],
      [3, 'rejected', 'rate-limited'],
      [1, 'error', 'error'],
      [0, 'error', 'error'],
    ]);
    expect(p.metrics()).toMatchObject({
      rate_limited_count: 1,
      bulkhead_rejected_count: 1,
      retries_count: 1,
      retries_refused_by_budget_count: 1,
      hedges_sent_count: 3,
      hedges_won_count: 0,
      attempts_per_request: 1.5,
    });
  });

  it('rejects steps that are not call-edge policies and budgets without a retry', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, []);
    const rs = new RandomStreams(1);
    expect(() => buildPipeline(sim, server, parsePipeline([{ type: 'loadShedder' }]), rs, 'e')).toThrow(/pipeline "e": invalid \[0\]\.type = "loadShedder"/);
    expect(() => buildPipeline(sim, server, parsePipeline([{ type: 'retryBudget', kind: 'finagle' }]), rs, 'e')).toThrow(/needs a retry step/);
    const empty = buildPipeline(sim, server, [], rs, 'e');
    expect(empty.invoker).toBe(server);
    expect(empty.metrics()).toEqual({});
  });

  it('layers keep no state after their calls end (pools reused)', () => {
    const sim = new Simulation();
    const streams = new RandomStreams(7);
    const rng = streams.stream('server');
    const server = new ScriptedInvoker(sim, () => ({ outcome: rng() < 0.5 ? 'error' : 'ok', latency: rng() }));
    const steps = parsePipeline([
      { type: 'fallback' },
      { type: 'timeout', timeout: 3, overallTimeout: 2.5 },
      { type: 'retry', maxAttempts: 4, backoff: 'exponential', jitter: 'full', waitDuration: 0.1 },
      { type: 'circuitBreaker', slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenState: 1, automaticTransitionFromOpenToHalfOpenEnabled: true },
      { type: 'hedging', delay: 0.3 },
      { type: 'timeout', timeout: 0.6 },
    ]);
    const p = buildPipeline(sim, server, steps, streams, 'e');
    const caller = new Caller(sim, p.invoker, newCall);
    const times = Array.from({ length: 300 }, (_, i) => i * 0.05);
    caller.sendAt(times);
    sim.run({ until: 100 });
    expect(caller.answers.length).toBe(300);
    expect(caller.answers.every((a) => a.outcome === 'ok' || a.outcome === 'fallback')).toBe(true);
    for (const l of p.layers) expect((l as FallbackInvoker | CircuitBreakerInvoker).inFlight, l.constructor.name).toBe(0);
  });
});

describe('pipelines around a real CallEdge', () => {
  function setup(steps: unknown[]) {
    const sim = new Simulation();
    const group = new StaticReplicaGroup(sim, 's', 2);
    const svc = new Service(sim, { name: 's', group, balancer: new RoundRobinBalancer(), capacity: 1, serviceTime: () => 1, errorRng: () => 0.5 });
    const p = buildPipeline(sim, new CallEdge(sim, svc), parsePipeline(steps), new RandomStreams(1), 's');
    return { sim, svc, p, caller: new Caller(sim, p.invoker, newCall) };
  }

  it('per-attempt timeouts without cancellation leave the abandoned work running (retry amplification)', () => {
    const { sim, svc, p, caller } = setup([
      { type: 'retry', maxAttempts: 3, waitDuration: 0 },
      { type: 'timeout', timeout: 0.75 },
    ]);
    caller.send();
    sim.run();
    expect(caller.answers.map((a) => [a.end, a.outcome, a.cause])).toEqual([[2.25, 'timeout', 'deadline']]);
    // attempts at 0 (replica 0), 0.75 (replica 1), 1.5 (replica 0, free again at 1): all three ran to the end
    expect(svc.record(3)).toMatchObject({ offered_count: 3, orphaned_work_count: 3, cancelled_work_count: 0 });
    expect(sim.now).toBe(2.5);
    expect(p.metrics()).toMatchObject({ attempts_per_request: 3, timeouts_count: 3 });
  });

  it('cancelOnTimeout frees the server at the deadline', () => {
    const { sim, svc, caller } = setup([
      { type: 'retry', maxAttempts: 3, waitDuration: 0 },
      { type: 'timeout', timeout: 0.75, cancelOnTimeout: true },
    ]);
    caller.send();
    sim.run();
    expect(svc.record(3)).toMatchObject({ offered_count: 3, orphaned_work_count: 0, cancelled_work_count: 3 });
    expect(sim.now).toBe(2.25);
  });

  it('hedging: round-robin sends the hedge to the other replica; the slower original is abandoned', () => {
    const { sim, svc, caller } = setup([{ type: 'hedging', delay: 0.5 }]);
    svc.group.replicas[0]!.degrade('test', { mode: 'slow', factor: 4 }); // replica 0 takes 4 s, replica 1 takes 1 s
    caller.send();
    sim.run();
    expect(caller.answers.map((a) => [a.end, a.outcome])).toEqual([[1.5, 'ok']]);
    expect(svc.record(4)).toMatchObject({ offered_count: 2, orphaned_work_count: 1 });
  });
  it('hedging with a random balancer: every hedge goes to another replica than the attempt it hedges', () => {
    const sim = new Simulation();
    const group = new StaticReplicaGroup(sim, 's', 2);
    const rng = new RandomStreams(7).stream('balancer');
    const svc = new Service(sim, { name: 's', group, balancer: new RandomBalancer(rng), capacity: 100, serviceTime: () => 1, errorRng: () => 0.5 });
    const p = buildPipeline(sim, new CallEdge(sim, svc), parsePipeline([{ type: 'hedging', delay: 0.5, maxHedgedAttempts: 1 }]), new RandomStreams(1), 's');
    group.replicas[0]!.degrade('test', { mode: 'slow', factor: 100 }); // replica 0: 100 s, replica 1: 1 s
    const caller = new Caller(sim, p.invoker, newCall);
    for (let i = 0; i < 40; i++) sim.schedule(i * 200, () => caller.send());
    sim.run();
    const latencies = caller.answers.map((a) => a.end - a.start);
    expect(latencies).toHaveLength(40);
    // an original on replica 1 answers after 1 s; one on replica 0 is hedged at 0.5 s to replica 1
    for (const l of latencies) expect([1, 1.5]).toContain(l);
    expect(latencies.filter((l) => l === 1.5).length).toBeGreaterThan(5);
  });
});
