import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { P2cBalancer } from '../src/components/balancer/index.js';
import { Service, CallEdge, Call, type CallEdgeConfig, type DependencyConfig } from '../src/components/service/index.js';
import { OpenWorkload } from '../src/components/workload/index.js';
import { RandomStreams, makeSampler } from '../src/random/index.js';
import { mmc, mmck } from '../src/analysis/index.js';
import { StaticReplicaGroup } from './helpers/static-replica-group.js';
import { staticService } from './helpers/static-service.js';
import { replicate, expectCovers } from './helpers/replications.js';

interface Seen {
  t: number;
  outcome: string;
  cause: string;
  latency: number;
  degraded: boolean;
}

/** Sends one call at time `at` through `edge`; its outcome lands in `log`. */
function callAt(sim: Simulation, edge: CallEdge, at: number, log: Seen[]): void {
  sim.schedule(at, () => {
    const c = new Call();
    edge.invoke(c, (d) => log.push({ t: sim.now, outcome: d.outcome, cause: d.cause, latency: d.latency, degraded: d.degraded }));
  });
}

describe('service: exact scripted cases', () => {
  it('a bounded queue rejects at once; FIFO order otherwise', () => {
    const sim = new Simulation();
    const { svc } = staticService(sim, 's', 1, { capacity: 1, queueCapacity: 1 });
    const edge = new CallEdge(sim, svc);
    const log: Seen[] = [];
    for (let i = 0; i < 3; i++) callAt(sim, edge, 0, log);
    sim.run();
    expect(log).toEqual([
      { t: 0, outcome: 'rejected', cause: 'queue-full', latency: 0, degraded: false },
      { t: 1, outcome: 'ok', cause: '', latency: 1, degraded: false },
      { t: 2, outcome: 'ok', cause: '', latency: 2, degraded: false },
    ]);
    expect(svc.record(2)).toMatchObject({ offered_count: 3, succeeded_count: 2, errors_rejected_count: 1, utilisation_pct: 100 });
  });

  it('no routable replica: error "no-replica" at once', () => {
    const sim = new Simulation();
    const { svc, group } = staticService(sim, 's', 1);
    group.setRoutable(0, false);
    const log: Seen[] = [];
    callAt(sim, new CallEdge(sim, svc), 5, log);
    sim.run();
    expect(log).toEqual([{ t: 5, outcome: 'error', cause: 'no-replica', latency: 0, degraded: false }]);
  });

  it('a replica going down fails its in-flight and queued requests; later ones are refused', () => {
    const sim = new Simulation();
    const { svc, group } = staticService(sim, 's', 1, { capacity: 1, serviceTime: () => 10 });
    const edge = new CallEdge(sim, svc);
    const log: Seen[] = [];
    for (let i = 0; i < 3; i++) callAt(sim, edge, 0, log);
    sim.schedule(4, () => group.replicas[0]!.down('crash'));
    callAt(sim, edge, 6, log);
    sim.schedule(8, () => group.replicas[0]!.restore('crash'));
    callAt(sim, edge, 9, log);
    sim.run();
    expect(log.map((s) => [s.t, s.outcome, s.cause])).toEqual([
      [4, 'error', 'replica-down'],
      [4, 'error', 'replica-down'],
      [4, 'error', 'replica-down'],
      [6, 'error', 'replica-down'],
      [19, 'ok', ''],
    ]);
    expect(svc.outstanding[0]).toBe(0);
    // busy on [0, 4) and [9, 19): 14 s out of 19
    expect(svc.utilisation(19)).toBeCloseTo(14 / 19, 12);
    expect(svc.record(19)).toMatchObject({ errors_replica_down_count: 4, errors_error_count: 4 });
  });

  it("'blackhole': a down replica still routed to never answers; the caller's timeout does", () => {
    const sim = new Simulation();
    const { svc, group } = staticService(sim, 's', 1, { downBehaviour: 'blackhole' });
    group.replicas[0]!.down('crash');
    const log: Seen[] = [];
    callAt(sim, new CallEdge(sim, svc, { timeout: 2 }), 1, log);
    sim.run();
    expect(log).toEqual([{ t: 3, outcome: 'timeout', cause: 'deadline', latency: 2, degraded: false }]);
  });

  it('caller timeout WITHOUT cancellation: the caller leaves at the deadline, the server keeps working', () => {
    const sim = new Simulation();
    const { svc } = staticService(sim, 's', 1, { capacity: 1, serviceTime: () => 10 });
    const edge = new CallEdge(sim, svc, { timeout: 2 });
    const log: Seen[] = [];
    callAt(sim, edge, 0, log);
    callAt(sim, edge, 3, log); // queued behind the orphan until t = 10
    sim.run({ until: 20 });
    expect(log.map((s) => [s.t, s.outcome])).toEqual([
      [2, 'timeout'],
      [5, 'timeout'],
    ]);
    expect(svc.utilisation(20)).toBe(1); // [0, 10) orphan A, [10, 20) orphan B
    expect(svc.orphanedWork.value).toBe(2);
    expect(svc.record(20)).toMatchObject({ errors_timeout_count: 2, request_availability_pct: 0 });
  });

  it('caller timeout WITH cancellation (cancelOnAbandon): the server stops at the deadline', () => {
    const sim = new Simulation();
    const { svc } = staticService(sim, 's', 1, { capacity: 1, serviceTime: () => 10 });
    const edge = new CallEdge(sim, svc, { timeout: 2, cancelOnAbandon: true });
    const log: Seen[] = [];
    callAt(sim, edge, 0, log);
    callAt(sim, edge, 3, log);
    sim.run({ until: 20 });
    expect(log.map((s) => [s.t, s.outcome])).toEqual([
      [2, 'timeout'],
      [5, 'timeout'],
    ]);
    expect(svc.utilisation(20)).toBeCloseTo(4 / 20, 12); // [0, 2) and [3, 5)
    expect(svc.cancelledWork.value).toBe(2);
  });

  it('an answer due exactly at the deadline loses to the timeout', () => {
    const sim = new Simulation();
    const { svc } = staticService(sim, 's', 1, { serviceTime: () => 2 });
    const log: Seen[] = [];
    callAt(sim, new CallEdge(sim, svc, { timeout: 2 }), 0, log);
    sim.run();
    expect(log.map((s) => s.outcome)).toEqual(['timeout']);
  });

  it('cancellation propagates down a chain when every edge cancels', () => {
    const sim = new Simulation();
    const db = staticService(sim, 'db', 1, { serviceTime: () => 10 }).svc;
    const cancel: CallEdgeConfig = { cancelOnAbandon: true };
    const web = staticService(sim, 'web', 1, { calls: [{ name: 'db', target: new CallEdge(sim, db, cancel) }] }).svc;
    const log: Seen[] = [];
    callAt(sim, new CallEdge(sim, web, { timeout: 3, cancelOnAbandon: true }), 0, log);
    sim.run({ until: 20 });
    expect(log.map((s) => [s.t, s.outcome])).toEqual([[3, 'timeout']]);
    expect(web.utilisation(20)).toBeCloseTo(3 / 20, 12);
    expect(db.utilisation(20)).toBeCloseTo(2 / 20, 12); // [1, 3)
    expect(db.record(20)).toMatchObject({ offered_count: 1, abandoned_count: 1, completed_count: 0, censored_count: 0 });
  });

  function chain(mode: 'sequential' | 'parallel', optionalFail = false): { log: Seen[]; a: Service; b: Service } {
    const sim = new Simulation();
    const a = staticService(sim, 'a', 1, { serviceTime: () => 2 });
    const b = staticService(sim, 'b', 1, { serviceTime: () => 3 });
    if (optionalFail) a.group.setRoutable(0, false);
    const calls: DependencyConfig[] = [
      { name: 'a', target: new CallEdge(sim, a.svc), optional: optionalFail },
      { name: 'b', target: new CallEdge(sim, b.svc) },
    ];
    const web = staticService(sim, 'web', 1, { serviceTime: () => 1, calls, callMode: mode }).svc;
    const log: Seen[] = [];
    callAt(sim, new CallEdge(sim, web), 0, log);
    sim.run();
    return { log, a: a.svc, b: b.svc };
  }

  it('downstream calls: sequential latency is the sum, parallel the local time plus the maximum', () => {
    expect(chain('sequential').log).toEqual([{ t: 6, outcome: 'ok', cause: '', latency: 6, degraded: false }]);
    expect(chain('parallel').log).toEqual([{ t: 4, outcome: 'ok', cause: '', latency: 4, degraded: false }]);
  });

  it('a failed optional call degrades the answer; a failed mandatory call fails it and stops the sequence', () => {
    expect(chain('sequential', true).log).toEqual([{ t: 4, outcome: 'ok', cause: '', latency: 4, degraded: true }]);
    const sim = new Simulation();
    const a = staticService(sim, 'a', 1);
    const b = staticService(sim, 'b', 1);
    a.group.setRoutable(0, false);
    const web = staticService(sim, 'web', 1, {
      calls: [
        { name: 'a', target: new CallEdge(sim, a.svc) },
        { name: 'b', target: new CallEdge(sim, b.svc) },
      ],
    }).svc;
    const log: Seen[] = [];
    callAt(sim, new CallEdge(sim, web), 0, log);
    sim.run();
    expect(log).toEqual([{ t: 1, outcome: 'error', cause: 'dependency:a', latency: 1, degraded: false }]);
    expect(b.svc.stats.offered).toBe(0);
    expect(web.record().degraded_count).toBe(0);
  });

  it('load-dependent latency: base + k × (other requests in service at start)', () => {
    const sim = new Simulation();
    const { svc } = staticService(sim, 's', 1, { capacity: 3, latencyPerConcurrent: 0.5 });
    const log: Seen[] = [];
    const edge = new CallEdge(sim, svc);
    for (let i = 0; i < 3; i++) callAt(sim, edge, 0, log);
    sim.run();
    expect(log.map((s) => s.latency)).toEqual([1, 1.5, 2]);
  });

  it('slow mode multiplies the latency; erroring mode fails at its error rate', () => {
    const sim = new Simulation();
    const { svc, group } = staticService(sim, 's', 1, { capacity: 100, errorRng: makeSampler({ dist: 'uniform', min: 0, max: 1 }, new RandomStreams(3).stream('e')) });
    const edge = new CallEdge(sim, svc);
    const log: Seen[] = [];
    group.replicas[0]!.degrade('f', { mode: 'slow', factor: 5 });
    callAt(sim, edge, 0, log);
    sim.run();
    expect(log).toEqual([{ t: 5, outcome: 'ok', cause: '', latency: 5, degraded: false }]);
    group.replicas[0]!.undegrade('f');
    group.replicas[0]!.degrade('g', { mode: 'erroring', errorRate: 0.3 });
    const n = 10_000;
    for (let i = 0; i < n; i++) callAt(sim, edge, i * 0.01, log);
    sim.run();
    const errors = log.filter((s) => s.outcome === 'error' && s.cause === 'local-error').length;
    // binomial(10 000, 0.3): sd ≈ 45.8; 4 sd
    expect(Math.abs(errors - 0.3 * n)).toBeLessThan(4 * Math.sqrt(n * 0.3 * 0.7));
  });

  it('config errors name the field and quote the value', () => {
    const sim = new Simulation();
    expect(() => staticService(sim, 'web', 1, { capacity: 0 })).toThrow('service "web": invalid capacity = 0: must be an integer ≥ 1');
    expect(() => staticService(sim, 'web', 1, { queueCapacity: -1 })).toThrow(/invalid queueCapacity = -1/);
    expect(() => staticService(sim, 'web', 1, { errorProbability: 1.5 })).toThrow(/invalid errorProbability = 1.5/);
    expect(() => staticService(sim, 'web', 1, { callMode: 'fanout' as never })).toThrow(/invalid callMode = "fanout"/);
    const { svc } = staticService(sim, 'db', 1);
    expect(() => new CallEdge(sim, svc, { timeout: 0 })).toThrow('call edge to "db": invalid timeout = 0');
  });
});

describe('service vs queueing theory (one replica with c slots, Poisson arrivals, exponential service)', () => {
  const lambda = 2.4;
  const mu = 1;
  const c = 3;

  function run(rep: number, queueCapacity: number): { W: number; blocking: number; util: number } {
    const sim = new Simulation();
    const streams = new RandomStreams(`mmc-${queueCapacity}-${rep}`);
    const svc = new Service(sim, {
      name: 's',
      group: new StaticReplicaGroup(sim, 's', 1),
      balancer: new P2cBalancer(streams.stream('b')),
      capacity: c,
      queueCapacity,
      serviceTime: makeSampler({ dist: 'exponential', rate: mu }, streams.stream('service')),
      errorRng: streams.stream('errors'),
    });
    new OpenWorkload(sim, { name: 'w', target: new CallEdge(sim, svc), rate: lambda, arrivalRng: streams.stream('arrivals') });
    sim.run({ until: 200 });
    svc.resetStats();
    sim.run({ until: 10_200 });
    const s = svc.stats;
    return { W: s.latency.mean, blocking: s.rejected / s.offered, util: svc.utilisation() };
  }

  it('M/M/c: mean latency and utilisation', () => {
    const exact = mmc({ lambda, mu, c });
    const runs = Array.from({ length: 10 }, (_, r) => run(r, Infinity));
    expectCovers(replicate(10, (r) => runs[r]!.W), exact.W, 0.15);
    expectCovers(replicate(10, (r) => runs[r]!.util), exact.utilisation, 0.01);
  });

  it('M/M/c/K: blocking probability (K = c + queueCapacity = 5)', () => {
    const exact = mmck({ lambda, mu, c, K: 5 });
    const runs = Array.from({ length: 10 }, (_, r) => run(r, 2));
    expectCovers(replicate(10, (r) => runs[r]!.blocking), exact.blocking, 0.005);
    expectCovers(replicate(10, (r) => runs[r]!.W), exact.W, 0.03);
  });
});
