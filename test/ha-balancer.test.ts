import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { Replica } from '../src/components/replica.js';
import {
  RoundRobinBalancer,
  LeastOutstandingBalancer,
  P2cBalancer,
  JsqBalancer,
  RandomBalancer,
  makeBalancer,
} from '../src/components/balancer/index.js';
import { Service, CallEdge } from '../src/components/service/index.js';
import { OpenWorkload } from '../src/components/workload/index.js';
import { RandomStreams, makeSampler } from '../src/random/index.js';
import { supermarketMeanSojourn } from '../src/analysis/index.js';
import { StaticReplicaGroup } from './helpers/static-replica-group.js';
import { replicate, expectCovers } from './helpers/replications.js';

function replicas(n: number): Replica[] {
  const sim = new Simulation();
  return Array.from({ length: n }, (_, i) => new Replica(sim, 's', i));
}

/** An Rng that plays back a script of values. */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    const v = values[i++];
    if (v === undefined) throw new Error('script exhausted');
    return v;
  };
}

describe('balancers (exact scripted picks)', () => {
  it('round-robin cycles over the routable set and carries on when it shrinks', () => {
    const rs = replicas(3);
    const b = new RoundRobinBalancer();
    const load = new Int32Array(3);
    expect([0, 1, 2, 3, 4].map(() => b.pick(rs, load).index)).toEqual([0, 1, 2, 0, 1]);
    const two = [rs[0]!, rs[2]!];
    expect([0, 1, 2].map(() => b.pick(two, load).index)).toEqual([0, 2, 0]);
  });

  it('least-outstanding picks the minimum; ties rotate (round-robin among equals)', () => {
    const rs = replicas(3);
    const b = new LeastOutstandingBalancer();
    expect(b.pick(rs, Int32Array.from([2, 0, 1])).index).toBe(1);
    expect(b.pick(rs, Int32Array.from([2, 3, 1])).index).toBe(2);
    const b2 = new LeastOutstandingBalancer();
    const idle = new Int32Array(3);
    expect([0, 1, 2, 3].map(() => b2.pick(rs, idle).index)).toEqual([0, 1, 2, 0]);
    // tie between replicas 0 and 2 (load 1), scan starts at position 1 → first minimum found is 2
    const b3 = new LeastOutstandingBalancer();
    b3.pick(rs, idle);
    expect(b3.pick(rs, Int32Array.from([1, 5, 1])).index).toBe(2);
  });

  it('p2c takes two distinct replicas from one draw, keeps the less loaded, breaks ties with the draw\'s last digit', () => {
    const rs = replicas(4);
    // u = 0.1: x = 0.4 → i = 0; y = 0.4·3 = 1.2 → j = 1 ≥ i → 2; tie digit 0.2 < ½ → first
    expect(new P2cBalancer(scripted([0.1])).pick(rs, Int32Array.from([3, 0, 1, 0])).index).toBe(2);
    expect(new P2cBalancer(scripted([0.1])).pick(rs, Int32Array.from([0, 0, 1, 0])).index).toBe(0);
    expect(new P2cBalancer(scripted([0.1])).pick(rs, new Int32Array(4)).index).toBe(0);
    // u = 0.2: x = 0.8 → i = 0; y = 2.4 → j = 2 → 3; tie digit 0.4 → first (0)
    expect(new P2cBalancer(scripted([0.2])).pick(rs, new Int32Array(4)).index).toBe(0);
    // u = 0.95: x = 3.8 → i = 3; y = 2.4 → j = 2; tie digit 0.4 → first (3)
    expect(new P2cBalancer(scripted([0.95])).pick(rs, new Int32Array(4)).index).toBe(3);
    // u = 0.9875: x = 3.95 → i = 3; y = 2.85 → j = 2; tie digit 0.85 → second (2)
    expect(new P2cBalancer(scripted([0.9875])).pick(rs, new Int32Array(4)).index).toBe(2);
    // a single routable replica draws nothing
    expect(new P2cBalancer(scripted([])).pick([rs[1]!], new Int32Array(4)).index).toBe(1);
  });

  it('p2c: every ordered pair of distinct replicas is equally likely', () => {
    const rs = replicas(5);
    const b = new P2cBalancer(new RandomStreams(9).stream('p2c'));
    const load = new Int32Array(5);
    const hits = new Array<number>(5).fill(0);
    for (let k = 0; k < 50_000; k++) {
      // replica r has load r: the pick is the smaller index of the pair, P(pick = r) = 2(4 − r)/20
      load.set([0, 1, 2, 3, 4]);
      hits[b.pick(rs, load).index]!++;
    }
    const expected = [0.4, 0.3, 0.2, 0.1, 0].map((p) => p * 50_000);
    hits.forEach((h, r) => expect(Math.abs(h - expected[r]!)).toBeLessThanOrEqual(4 * Math.sqrt(expected[r]! + 1)));
  });

  it('jsq(d): a partial shuffle draws d distinct replicas, the least loaded (first drawn on a tie) wins', () => {
    const rs = replicas(4);
    // perm starts [0,1,2,3]. u = 0.5: j = 0 + ⌊0.5·4⌋ = 2 → first choice 2, perm [2,1,0,3];
    // u = 0.9: j = 1 + ⌊0.9·3⌋ = 3 → second choice 3, perm [2,3,0,1]; u = 0: j = 2 → third 0.
    expect(new JsqBalancer(scripted([0.5, 0.9, 0]), 3).pick(rs, Int32Array.from([1, 0, 5, 2])).index).toBe(0);
    expect(new JsqBalancer(scripted([0.5, 0.9, 0]), 3).pick(rs, Int32Array.from([2, 0, 1, 1])).index).toBe(2); // tie 2 vs 3: first drawn
    expect(new JsqBalancer(scripted([0.5, 0.9]), 2).pick(rs, Int32Array.from([0, 0, 4, 3])).index).toBe(3);
    // d ≥ n: every replica is looked at, the last position needs no draw
    expect(new JsqBalancer(scripted([0.5, 0.9, 0]), 9).pick(rs, Int32Array.from([3, 0, 5, 2])).index).toBe(1);
    // one routable replica: no draw
    expect(new JsqBalancer(scripted([]), 3).pick([rs[1]!], new Int32Array(4)).index).toBe(1);
    expect(() => new JsqBalancer(() => 0.5, 0)).toThrow(/choices/);
    expect(makeBalancer('jsq', () => 0.5, 3).kind).toBe('jsq');
  });

  it('jsq(d): the pick is the minimum of a uniform d-subset (P(pick = r) = C(n−1−r, d−1) / C(n, d) for load r)', () => {
    const rs = replicas(6);
    const b = new JsqBalancer(new RandomStreams(11).stream('jsq'), 3);
    const load = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const hits = new Array<number>(6).fill(0);
    const N = 60_000;
    for (let k = 0; k < N; k++) hits[b.pick(rs, load).index]!++;
    const choose = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
    hits.forEach((h, r) => {
      const e = (N * choose(5 - r, 2)) / choose(6, 3);
      expect(Math.abs(h - e)).toBeLessThanOrEqual(4 * Math.sqrt(e + 1));
    });
  });

  it('random draws one uniform per pick', () => {
    const rs = replicas(4);
    const b = new RandomBalancer(scripted([0, 0.26, 0.5, 0.99]));
    expect([0, 1, 2, 3].map(() => b.pick(rs, new Int32Array(4)).index)).toEqual([0, 1, 2, 3]);
  });

  it('makeBalancer names the bad kind', () => {
    expect(makeBalancer('p2c', () => 0.5).kind).toBe('p2c');
    expect(() => makeBalancer('fastest' as never, () => 0.5)).toThrow(/invalid kind = "fastest"/);
  });

  it('a service routes through its balancer: round-robin spreads calls over replicas', () => {
    const sim = new Simulation();
    const group = new StaticReplicaGroup(sim, 's', 3);
    const svc = new Service(sim, { name: 's', group, balancer: new RoundRobinBalancer(), capacity: 10, serviceTime: () => 1, errorRng: () => 0.5 });
    const edge = new CallEdge(sim, svc);
    const wl = new OpenWorkload(sim, { name: 'w', target: edge, interarrival: () => 0.1, stop: 0.55 });
    sim.run({ until: 0.55 });
    expect(Array.from(svc.outstanding)).toEqual([2, 2, 1]);
    sim.run();
    expect(wl.stats.total().succeeded).toBe(5);
  });
});

describe('load balancing vs the supermarket model (N single-server replicas, μ = 1)', () => {
  const N = 100;
  const lambda = 0.8; // per server
  const T = 400;
  const warmup = 40;

  function meanSojourn(kind: 'random' | 'p2c' | 'jsq', rep: number, choices = 2): number {
    const sim = new Simulation();
    const streams = new RandomStreams(`supermarket-${kind}${kind === 'jsq' ? choices : ''}-${rep}`);
    const svc = new Service(sim, {
      name: 's',
      group: new StaticReplicaGroup(sim, 's', N),
      balancer: makeBalancer(kind, streams.stream('balancer'), choices),
      capacity: 1,
      serviceTime: makeSampler({ dist: 'exponential', rate: 1 }, streams.stream('service')),
      errorRng: streams.stream('errors'),
    });
    new OpenWorkload(sim, { name: 'w', target: new CallEdge(sim, svc), rate: lambda * N, arrivalRng: streams.stream('arrivals') });
    sim.run({ until: warmup });
    svc.resetStats(warmup);
    sim.run({ until: T });
    return svc.stats.latency.mean;
  }

  it('random routing: each replica is an exact M/M/1 (d = 1), T = 1/(1 − λ)', () => {
    const s = replicate(8, (r) => meanSojourn('random', r));
    expectCovers(s, supermarketMeanSojourn(lambda, 1), 0.3);
  });

  it('p2c: close to the N → ∞ fixed point (d = 2), and far better than random', () => {
    // Finite N leaves an O(1/N) gap above the mean-field value: long runs give +1.1% at N = 50 and
    // +0.2% at N = 100 (λ = 0.8), so the check allows 2% of T∞ on top of the CI. Random routing
    // gives 5 at this load, p2c ≈ 1.95.
    const exact = supermarketMeanSojourn(lambda, 2);
    const s = replicate(8, (r) => meanSojourn('p2c', r));
    expect(s.halfWidth).toBeLessThan(0.03);
    expect(Math.abs(s.mean - exact)).toBeLessThanOrEqual(s.halfWidth + 0.02 * exact);
    expect(s.mean).toBeGreaterThanOrEqual(exact - s.halfWidth); // finite N is never better than the limit
  });

  it.each([2, 3])('jsq(d = %i): close to the N → ∞ fixed point', (d) => {
    // The same finite-N allowance as p2c (2% of T∞ on top of the CI); at λ = 0.8 T∞ is 1.95 for
    // d = 2 and 1.60 for d = 3.
    const exact = supermarketMeanSojourn(lambda, d);
    const s = replicate(8, (r) => meanSojourn('jsq', r, d));
    expect(s.halfWidth).toBeLessThan(0.03);
    expect(Math.abs(s.mean - exact)).toBeLessThanOrEqual(s.halfWidth + 0.02 * exact);
    expect(s.mean).toBeGreaterThanOrEqual(exact - s.halfWidth);
  });
});
