// Randomized conservation checks of the request path (every call ends exactly once,
// every slot, queue place, pooled call and policy state comes back).
import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { Priority } from '../src/engine/priorities.js';
import { RoundRobinBalancer, RandomBalancer } from '../src/components/balancer/index.js';
import { Service, CallEdge, Call, type Invoker, type ServiceConfig } from '../src/components/service/index.js';
import { buildPipeline, TimeoutInvoker } from '../src/components/resilience/index.js';
import { parsePipeline, OutlierDetector, Brownout, LoadShedder } from '../src/policies/index.js';
import { RandomStreams } from '../src/random/streams.js';
import { StaticReplicaGroup } from './helpers/static-replica-group.js';

const PIPELINES: unknown[][] = [
  [],
  [{ type: 'timeout', timeout: 0.05 }],
  [{ type: 'timeout', timeout: 0.05, cancelOnTimeout: true }],
  [{ type: 'retry', maxAttempts: 3, waitDuration: 0.01 }, { type: 'timeout', timeout: 0.04, cancelOnTimeout: true }],
  [{ type: 'fallback' }, { type: 'retry', maxAttempts: 3, waitDuration: 0.005 }, { type: 'circuitBreaker', slidingWindowSize: 10, minimumNumberOfCalls: 5, waitDurationInOpenState: 0.2 }, { type: 'timeout', timeout: 0.03 }],
  [{ type: 'hedging', delay: 0.01, maxHedgedAttempts: 2 }, { type: 'timeout', timeout: 0.06 }],
  [{ type: 'bulkhead', maxConcurrentCalls: 3, maxWaitDuration: 0.02, maxQueueLength: 4 }, { type: 'timeout', timeout: 0.05 }],
  [{ type: 'timeout', timeout: 0.2, overallTimeout: 0.1 }, { type: 'retry', maxAttempts: 4, waitDuration: 0.01 }, { type: 'hedging', delay: 0.005, maxHedgedAttempts: 1 }, { type: 'bulkhead', maxConcurrentCalls: 2, maxWaitDuration: 0.01 }],
  [{ type: 'rateLimiter', limitForPeriod: 20, limitRefreshPeriod: 0.1, timeoutDuration: 0.02 }, { type: 'retry', maxAttempts: 2, waitDuration: 0.001 }],
  [{ type: 'hedging', delay: 0.005, maxHedgedAttempts: 2 }, { type: 'fallback' }],
  [{ type: 'hedging', delay: 0, maxHedgedAttempts: 2 }, { type: 'bulkhead', maxConcurrentCalls: 1, maxWaitDuration: 0.05 }],
  [{ type: 'retry', maxAttempts: 3, waitDuration: 0 }, { type: 'hedging', delay: 0.002, maxHedgedAttempts: 1 }, { type: 'fallback' }, { type: 'timeout', timeout: 0.02, cancelOnTimeout: true }],
  [{ type: 'circuitBreaker', profile: 'polly', minimumThroughput: 4, samplingDuration: 1, breakDuration: 0.1, failureRatio: 0.3 }, { type: 'hedging', delay: 0, maxHedgedAttempts: 2 }],
];

function scenario(seed: number): void {
  const sim = new Simulation();
  const streams = new RandomStreams(`request-path-fuzz-${seed}`);
  const rng = streams.stream('fuzz');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const exp = (mean: number, name: string): (() => number) => {
    const r = streams.stream(name);
    return () => -mean * Math.log(1 - r());
  };
  const groups: StaticReplicaGroup[] = [];
  const services: Service[] = [];
  const layers: { inFlight: number }[] = [];
  const wrap = (inner: Invoker, name: string): Invoker => {
    const spec = parsePipeline(pick(PIPELINES));
    if (spec.length === 0) return inner;
    const p = buildPipeline(sim, inner, spec, streams, name);
    for (const l of p.layers) layers.push(l as unknown as { inFlight: number });
    return p.invoker;
  };
  const mk = (name: string, n: number, over: Partial<ServiceConfig>): Service => {
    const group = new StaticReplicaGroup(sim, name, n);
    groups.push(group);
    const svc = new Service(sim, {
      name,
      group,
      balancer: rng() < 0.5 ? new RoundRobinBalancer() : new RandomBalancer(streams.stream(`${name}.bal`)),
      capacity: 1 + Math.floor(rng() * 3),
      queueCapacity: rng() < 0.5 ? Infinity : Math.floor(rng() * 4),
      serviceTime: exp(0.01, `${name}.st`),
      errorProbability: rng() * 0.2,
      errorRng: streams.stream(`${name}.err`),
      downBehaviour: rng() < 0.8 ? 'refuse' : 'blackhole',
      ...(rng() < 0.5 ? { outlierDetector: new OutlierDetector({ consecutive5xx: 2, interval: 0.05, baseEjectionTime: 0.05, maxEjectionPercent: 50 }, [...Array(n).keys()]) } : {}),
      ...(rng() < 0.3 ? { brownout: new Brownout({ enterUtilisation: 0.6 }) } : {}),
      ...(rng() < 0.3 ? { shedder: new LoadShedder({ priority: { utilisationThreshold: 0.7 } }) } : {}),
      ...over,
    });
    services.push(svc);
    return svc;
  };
  const timed = (inner: Invoker): Invoker => new TimeoutInvoker(sim, inner, { timeout: 0.3, cancelOnTimeout: rng() < 0.5 });
  const d = mk('d', 2, {});
  const c = mk('c', 3, {});
  const dEdge = new CallEdge(sim, d, { cancelOnAbandon: rng() < 0.5 });
  const cEdge = new CallEdge(sim, c, { cancelOnAbandon: rng() < 0.5, ...(rng() < 0.5 ? { timeout: 0.1 } : {}) });
  const b = mk('b', 2, {
    calls: [
      { name: 'c', target: timed(wrap(cEdge, 'b_to_c')) },
      { name: 'd', target: timed(wrap(dEdge, 'b_to_d')), optional: true },
    ],
    callMode: rng() < 0.5 ? 'parallel' : 'sequential',
  });
  const bEdge = new CallEdge(sim, b, { cancelOnAbandon: rng() < 0.5 });
  const a = mk('a', 2, {
    calls: [
      { name: 'b', target: timed(wrap(bEdge, 'a_to_b')) },
      { name: 'd', target: timed(wrap(dEdge, 'a_to_d')), optional: rng() < 0.5 },
    ],
    callMode: rng() < 0.5 ? 'parallel' : 'sequential',
  });
  const entry = timed(wrap(new CallEdge(sim, a, { cancelOnAbandon: rng() < 0.5 }), 'client'));

  // Faults: crashes and routing changes.
  for (let k = 0; k < 60; k++) {
    const g = pick(groups);
    const i = Math.floor(rng() * g.replicas.length);
    const at = rng() * 5;
    const len = rng() * 0.3;
    if (rng() < 0.6) {
      sim.schedule(at, () => g.replicas[i]!.down('crash'), undefined, Priority.FAILURE);
      sim.schedule(at + len, () => g.replicas[i]!.restore('crash'), undefined, Priority.REPAIR);
    } else {
      sim.schedule(at, () => g.setRoutable(i, false));
      sim.schedule(at + len, () => g.setRoutable(i, true));
    }
  }
  // Requests; some are abandoned by the client.
  const answered = new Map<Call, number>();
  const abandoned = new Set<Call>();
  const sent: Call[] = [];
  const onDone = (call: Call): void => {
    expect(abandoned.has(call)).toBe(false);
    answered.set(call, (answered.get(call) ?? 0) + 1);
  };
  let t = 0;
  for (let k = 0; k < 600; k++) {
    t += -0.0125 * Math.log(1 - rng());
    const abandonAfter = rng() < 0.2 ? rng() * 0.1 : -1;
    const cancel = rng() < 0.5;
    sim.schedule(t, () => {
      const call = new Call();
      call.critical = rng() < 0.5;
      sent.push(call);
      entry.invoke(call, onDone);
      if (abandonAfter >= 0) {
        sim.schedule(abandonAfter, () => {
          if (answered.has(call)) return;
          abandoned.add(call);
          entry.abandon(call, cancel);
        });
      }
    }, undefined, Priority.ARRIVAL);
  }
  const resetAt = 1 + rng() * 2;
  sim.schedule(resetAt, () => {
    for (const s of services) s.resetStats();
  });
  sim.run();
  for (const call of sent) {
    if (abandoned.has(call)) expect(answered.has(call)).toBe(false);
    else expect(answered.get(call)).toBe(1);
  }
  for (const s of services) {
    for (const server of s.servers) {
      expect(server.busy).toBe(0);
      expect(server.active.length).toBe(0);
      expect(server.queue.live).toBe(0);
    }
    expect([...s.outstanding]).toEqual(s.servers.map(() => 0));
    const r = s.record(sim.now);
    // blackholed calls never complete, but every one has a caller timeout here
    expect(r['censored_count']).toBe(0);
    expect(s.stats.offered).toBe(s.stats.completed + s.stats.abandoned);
    expect(r['errors_replica_down_count']!).toBeLessThanOrEqual(r['errors_error_count']!);
    expect(r['utilisation_pct']!).toBeGreaterThanOrEqual(0);
    expect(r['utilisation_pct']!).toBeLessThanOrEqual(100 + 1e-9);
  }
  for (const l of layers) expect(l.inFlight).toBe(0);
}

describe('randomized conservation of the request path', () => {
  it('every request ends exactly once and every resource comes back (30 random topologies)', () => {
    for (let seed = 0; seed < 30; seed++) scenario(seed);
  });
});
