// Re-entrant completions on the request path. Abandoning a call can complete ANOTHER call at once (a bulkhead
// hands the freed permit to a waiter, whose call fails before `invoke` returns), and answering a
// caller can make it abandon another call. The layers that hold several calls (hedging's attempts,
// a replica's jobs, a bulkhead's waiters) must stay consistent while that happens.
import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { RoundRobinBalancer } from '../src/components/balancer/index.js';
import { Service, CallEdge, Call, type Invoker } from '../src/components/service/index.js';
import { BulkheadInvoker, HedgingInvoker, TimeoutInvoker } from '../src/components/resilience/index.js';
import { Bulkhead, HedgingPolicy } from '../src/policies/index.js';
import { Caller, ScriptedInvoker } from './helpers/scripted-invoker.js';
import { StaticReplicaGroup } from './helpers/static-replica-group.js';

const newCall = (): Call => new Call();

describe('hedging while a loser cancellation completes a sibling attempt', () => {
  it('the winner answers once; the state and its attempts are released once', () => {
    const sim = new Simulation();
    // One permit: attempt 0 runs; attempts 1 and 2 wait. Attempt 0 succeeds at t = 1 and hands
    // its permit to attempt 1; cancelling attempt 1 (a loser) hands the permit to attempt 2,
    // which fails at once inside that cancellation.
    const server = new ScriptedInvoker(sim, (n) =>
      n === 2 ? { outcome: 'error', immediate: true, cause: 'late-sibling' } : { outcome: 'ok', latency: n === 1 ? 5 : 1 },
    );
    const bulkhead = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 10 }));
    const layer = new HedgingInvoker(sim, bulkhead, new HedgingPolicy({ delay: 0.1, maxHedgedAttempts: 2 }), { cancelLosers: true });
    const caller = new Caller(sim, layer, newCall);
    caller.sendAt([0, 20]);
    sim.run();
    expect(caller.answers).toEqual([
      { id: 0, start: 0, end: 1, outcome: 'ok', cause: '', degraded: false },
      { id: 1, start: 20, end: 21, outcome: 'ok', cause: '', degraded: false },
    ]);
    expect(server.invocations.map((i) => [i.t, i.fate])).toEqual([
      [0, 'answered'],
      [1, 'cancelled'],
      [1, 'answered'],
      [20, 'answered'],
      [21, 'cancelled'],
      [21, 'cancelled'],
    ]);
    expect([layer.inFlight, bulkhead.inFlight, bulkhead.bulkhead.inFlight, bulkhead.waiting]).toEqual([0, 0, 0, 0]);
  });

  it('abandoning the request while a cancellation completes a sibling releases the state once', () => {
    const sim = new Simulation();
    // attempt 1 of the first request, handed the permit while the request is torn down, succeeds at once
    const server = new ScriptedInvoker(sim, (n) => (n === 1 ? { outcome: 'ok', immediate: true } : { outcome: 'ok', latency: n === 0 ? 5 : 1 }));
    const bulkhead = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 10 }));
    const layer = new HedgingInvoker(sim, bulkhead, new HedgingPolicy({ delay: 0.1, maxHedgedAttempts: 1 }), { cancelLosers: true });
    const caller = new Caller(sim, layer, newCall);
    const first = [] as Call[];
    sim.schedule(0, () => first.push(caller.send()));
    // at t = 1 attempt 0 runs, attempt 1 waits; the caller gives up: cancelling attempt 0 hands
    // the permit to attempt 1, which is invoked while the request is being torn down
    sim.schedule(1, () => layer.abandon(first[0]!, true));
    caller.sendAt([2, 2.5]); // two requests in flight together: they must not share a hedge state
    sim.run();
    expect(caller.answers.map((a) => [a.id, a.start, a.end, a.outcome])).toEqual([
      [1, 2, 3, 'ok'],
      [2, 2.5, 4, 'ok'],
    ]);
    expect(server.invocations.map((i) => [i.t, i.fate])).toEqual([
      [0, 'cancelled'],
      [1, 'answered'],
      [2, 'answered'], // request 1, attempt 0
      [3, 'cancelled'], // request 1's hedge, invoked when attempt 0 frees the permit, loses
      [3, 'answered'], // request 2, attempt 0
      [4, 'cancelled'], // request 2's hedge
    ]);
    expect([layer.inFlight, bulkhead.inFlight, bulkhead.bulkhead.inFlight]).toEqual([0, 0, 0]);
  });
});

describe('a replica going down while abandoning dependencies completes another job', () => {
  it("the other job's answer is the crash, once; slots, queue and utilisation stay exact", () => {
    const sim = new Simulation();
    // x: its only replica is taken out of routing at t = 0.5, so a call to x fails at once ('no-replica').
    const xGroup = new StaticReplicaGroup(sim, 'x', 1);
    const x = new Service(sim, { name: 'x', group: xGroup, balancer: new RoundRobinBalancer(), capacity: 1, serviceTime: () => 100, errorRng: () => 0.5 });
    // a → x through a bulkhead of one permit (waiting allowed), shared by every job of a.
    const toX: Invoker = new BulkheadInvoker(sim, new CallEdge(sim, x, { cancelOnAbandon: true }), new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 100 }));
    const aGroup = new StaticReplicaGroup(sim, 'a', 1);
    const a = new Service(sim, {
      name: 'a',
      group: aGroup,
      balancer: new RoundRobinBalancer(),
      capacity: 2,
      serviceTime: () => 0,
      errorRng: () => 0.5,
      calls: [{ name: 'x', target: toX }],
    });
    const edge = new CallEdge(sim, a);
    const log: string[] = [];
    const send = (at: number): void => {
      sim.schedule(at, () => edge.invoke(new Call(), (c) => log.push(`${sim.now}:${c.outcome}:${c.cause}`)));
    };
    send(0); // job 1: its call to x holds the permit
    send(0); // job 2: its call to x waits for the permit
    sim.schedule(0.5, () => xGroup.setRoutable(0, false));
    sim.schedule(1, () => aGroup.replicas[0]!.down('crash')); // abandoning job 1's call hands the permit to job 2's, which fails at once
    sim.schedule(2, () => aGroup.replicas[0]!.restore('crash'));
    sim.schedule(2, () => xGroup.setRoutable(0, true));
    send(3);
    sim.run({ until: 200 });
    expect(log).toEqual(['1:error:replica-down', '1:error:replica-down', '103:ok:']);
    const server = a.servers[0]!;
    expect([server.busy, server.active.length, server.queue.live, a.outstanding[0]]).toEqual([0, 0, 0, 0]);
    // two slots busy on [0, 1), one on [3, 103): 2 + 100 slot-seconds over 200 s × 2 slots
    expect(a.utilisation(200)).toBeCloseTo(102 / 400, 12);
    expect(a.record(200)).toMatchObject({ offered_count: 3, errors_error_count: 2, errors_replica_down_count: 2, succeeded_count: 1 });
  });
});

describe('bulkhead expiry while a rejection makes the caller abandon another waiter', () => {
  it('each waiter is rejected or abandoned once', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [{ outcome: 'ok', latency: 10 }]);
    const layer = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 1 }));
    const answers: string[] = [];
    const b = new Call();
    const c = new Call();
    // when b is rejected, its caller gives up on c (which expires at the same instant)
    const onB = (call: Call): void => {
      answers.push(`b:${sim.now}:${call.outcome}:${call.cause}`);
      layer.abandon(c);
    };
    const onOther = (call: Call): void => {
      answers.push(`${call === c ? 'c' : 'a'}:${sim.now}:${call.outcome}:${call.cause}`);
    };
    sim.schedule(0, () => {
      layer.invoke(new Call(), onOther); // holds the permit until t = 10
      layer.invoke(b, onB);
      layer.invoke(c, onOther);
    });
    sim.run();
    expect(answers).toEqual(['b:1:rejected:bulkhead-timeout', 'a:10:ok:']);
    expect([layer.inFlight, layer.waiting, layer.bulkhead.waiting, layer.bulkhead.inFlight]).toEqual([0, 0, 0, 0]);
  });
});

describe('bulkhead hand-over while the freed call is being answered', () => {
  it("a waiter that fails at once and makes its caller abandon the finished call: no double release, no answer to the abandoned caller", () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'ok', latency: 1 },
      { outcome: 'error', immediate: true, cause: 'boom' },
      { outcome: 'ok', latency: 1 },
    ]);
    const layer = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 10 }));
    const answers: string[] = [];
    const a = new Call();
    const b = new Call();
    // b's caller gives up on a as soon as b fails (e.g. a parallel fan-out that fails fast)
    const onB = (call: Call): void => {
      answers.push(`b:${sim.now}:${call.outcome}:${call.cause}`);
      layer.abandon(a);
    };
    const onOther = (call: Call): void => {
      answers.push(`${call === a ? 'a' : 'c'}:${sim.now}:${call.outcome}:${call.cause}`);
    };
    sim.schedule(0, () => {
      layer.invoke(a, onOther); // holds the permit until t = 1
      layer.invoke(b, onB); // waits; handed a's permit at t = 1 and fails inside invoke
    });
    sim.schedule(2, () => layer.invoke(new Call(), onOther));
    sim.run();
    expect(answers).toEqual(['b:1:error:boom', 'c:3:ok:']);
    expect([layer.inFlight, layer.waiting, layer.bulkhead.inFlight]).toEqual([0, 0, 0]);
  });
});

describe('a timeout whose cancellation makes the caller abandon the timed-out call', () => {
  it('TimeoutInvoker: the child is released once and nothing is delivered to the caller that left', () => {
    const sim = new Simulation();
    const server = new ScriptedInvoker(sim, [
      { outcome: 'ok', latency: 5 },
      { outcome: 'error', immediate: true, cause: 'boom' },
      { outcome: 'ok', latency: 0.5 },
    ]);
    const bulkhead = new BulkheadInvoker(sim, server, new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 10 }));
    const layer = new TimeoutInvoker(sim, bulkhead, { timeout: 1, cancelOnTimeout: true });
    const answers: string[] = [];
    const a = new Call();
    const onB = (call: Call): void => {
      answers.push(`b:${sim.now}:${call.outcome}:${call.cause}`);
      layer.abandon(a);
    };
    const onOther = (call: Call): void => {
      answers.push(`${call === a ? 'a' : 'c'}:${sim.now}:${call.outcome}:${call.cause}`);
    };
    sim.schedule(0, () => layer.invoke(a, onOther)); // holds the permit; times out at t = 1
    sim.schedule(0.5, () => layer.invoke(new Call(), onB)); // waits; handed the permit at t = 1, fails at once
    sim.schedule(2, () => layer.invoke(new Call(), onOther));
    sim.run();
    expect(answers).toEqual(['b:1:error:boom', 'c:2.5:ok:']);
    expect(server.invocations.map((i) => [i.t, i.fate])).toEqual([
      [0, 'cancelled'],
      [1, 'answered'],
      [2, 'answered'],
    ]);
    expect([layer.inFlight, bulkhead.inFlight, bulkhead.bulkhead.inFlight]).toEqual([0, 0, 0]);
  });

  it('CallEdge: a caller that abandons the call while its timeout cancels the job gets no answer, and it is counted once', () => {
    const sim = new Simulation();
    // z: one slot, no queue; abandoned work goes on (an orphan keeps the slot)
    const z = new Service(sim, { name: 'z', group: new StaticReplicaGroup(sim, 'z', 1), balancer: new RoundRobinBalancer(), capacity: 1, queueCapacity: 0, serviceTime: () => 10, errorRng: () => 0.5 });
    // every job of s calls z through one shared bulkhead with one permit
    const shared = new BulkheadInvoker(sim, new CallEdge(sim, z), new Bulkhead({ maxConcurrentCalls: 1, maxWaitDuration: 10 }));
    const s = new Service(sim, {
      name: 's',
      group: new StaticReplicaGroup(sim, 's', 1),
      balancer: new RoundRobinBalancer(),
      capacity: 2,
      serviceTime: () => 0,
      errorRng: () => 0.5,
      calls: [{ name: 'z', target: shared }],
    });
    const edge = new CallEdge(sim, s, { timeout: 1, cancelOnAbandon: true });
    const answers: string[] = [];
    const a = new Call();
    // b's caller gives up on a when b fails
    const onB = (call: Call): void => {
      answers.push(`b:${sim.now}:${call.outcome}:${call.cause}`);
      edge.abandon(a);
    };
    sim.schedule(0, () => edge.invoke(a, (c) => answers.push(`a:${sim.now}:${c.outcome}`))); // a's call to z holds the permit
    sim.schedule(0.5, () => edge.invoke(new Call(), onB)); // b's call to z waits
    // t = 1: a times out; cancelling a's job abandons its call to z (the orphan keeps z's slot) and
    // hands the permit to b's call, which z rejects at once: b fails, and b's caller abandons a.
    sim.run();
    expect(answers).toEqual(['b:1:error:dependency:z']);
    expect(s.record(2)).toMatchObject({ offered_count: 2, completed_count: 1, errors_timeout_count: 0, abandoned_count: 1, censored_count: 0 });
  });
});
