import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { RoundRobinBalancer } from '../src/components/balancer/index.js';
import { Service, CallEdge, type Call, type CallDone, type Invoker } from '../src/components/service/index.js';
import {
  OpenWorkload,
  ClosedWorkload,
  StepRate,
  RampRate,
  DailyRate,
  ConstantRate,
  spikeRate,
  NhppArrivals,
  type RateProfile,
} from '../src/components/workload/index.js';
import { RandomStreams, makeSampler } from '../src/random/index.js';
import { StaticReplicaGroup } from './helpers/static-replica-group.js';
import { replicate, expectCovers } from './helpers/replications.js';

/** Answers every call at once with 'ok' and remembers the arrival times and classes. */
class Recorder implements Invoker {
  readonly times: number[] = [];
  readonly classes: number[] = [];
  readonly critical: boolean[] = [];
  constructor(private readonly sim: Simulation) {}
  invoke(call: Call, done: CallDone): void {
    call.start = this.sim.now;
    this.times.push(this.sim.now);
    this.classes.push(call.cls);
    this.critical.push(call.critical);
    call.outcome = 'ok';
    call.end = this.sim.now;
    done(call);
  }
  abandon(): void {}
}

describe('rate profiles (exact values)', () => {
  it('steps, spikes and ramps', () => {
    const s = new StepRate({ initial: 1, steps: [{ at: 10, rate: 5 }, { at: 20, rate: 2 }] });
    expect([0, 9.99, 10, 15, 20, 100].map((t) => s.rate(t))).toEqual([1, 1, 5, 5, 2, 2]);
    expect(s.segmentEnd(12)).toBe(20);
    expect(s.rate(3)).toBe(1); // going back in time is fine
    expect(s.integral(0, 30)).toBe(10 + 50 + 20);
    const spike = spikeRate({ base: 100, peak: 1000, at: 60, duration: 30 });
    expect([59, 60, 89, 90].map((t) => spike.rate(t))).toEqual([100, 1000, 1000, 100]);
    const r = new RampRate([{ at: 0, rate: 0 }, { at: 10, rate: 100 }, { at: 20, rate: 100 }]);
    expect([-5, 0, 2.5, 10, 15, 30].map((t) => r.rate(t))).toEqual([0, 0, 25, 100, 100, 100]);
    expect(r.maxRate(2.5)).toBe(100);
    expect(r.integral(0, 20)).toBe(500 + 1000);
    expect(r.integral(0, 25)).toBe(2000);
  });

  it('daily cycle: peak, trough, integral and exact piecewise bounds', () => {
    const d = new DailyRate({ mean: 10, amplitude: 5 }); // peak at noon
    expect(d.rate(43_200)).toBeCloseTo(15, 12);
    expect(d.rate(0)).toBeCloseTo(5, 12);
    expect(d.integral(0, 86_400)).toBeCloseTo(864_000, 6);
    expect(d.integral(0, 43_200)).toBeCloseTo(432_000, 6);
    expect(d.maxRate(43_000)).toBe(15); // the piece [39 600, 43 200) holds no peak…
    expect(d.maxRate(43_200)).toBe(15); // …[43 200, 46 800) does
    for (let t = 0; t < 86_400; t += 97) expect(d.rate(t)).toBeLessThanOrEqual(d.maxRate(t) + 1e-12);
    expect(() => new DailyRate({ mean: 10, amplitude: 11 })).toThrow('daily rate: invalid amplitude = 11');
  });
});

describe('open workloads', () => {
  it('renewal arrivals with a constant inter-arrival time, stopping before `stop`', () => {
    const sim = new Simulation();
    const rec = new Recorder(sim);
    const wl = new OpenWorkload(sim, { name: 'w', target: rec, interarrival: () => 1, start: 0.5, stop: 5.5 });
    sim.run();
    expect(rec.times).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(wl.stats.total().succeeded).toBe(4);
  });

  function counts(profile: RateProfile, edges: number[], rep: number): number[] {
    const arr = new NhppArrivals(profile, new RandomStreams(`nhpp-${rep}`).stream('a'));
    const out = new Array<number>(edges.length - 1).fill(0);
    let t = edges[0]!;
    for (;;) {
      t = arr.next(t);
      if (t >= edges[edges.length - 1]!) return out;
      let k = 0;
      while (t >= edges[k + 1]!) k++;
      out[k]!++;
    }
  }

  it('non-homogeneous Poisson (thinning): counts per interval match ∫λ for a step, a ramp and a daily cycle', () => {
    const cases: [RateProfile, number[]][] = [
      [new StepRate({ initial: 10, steps: [{ at: 50, rate: 30 }] }), [0, 50, 100]],
      [new RampRate([{ at: 0, rate: 0 }, { at: 100, rate: 40 }]), [0, 50, 100]],
      [new DailyRate({ mean: 20, amplitude: 20, period: 100, peakAt: 50 }), [0, 25, 50, 75, 100]],
    ];
    for (const [profile, edges] of cases) {
      const R = 30;
      const data = Array.from({ length: R }, (_, r) => counts(profile, edges, r));
      for (let k = 0; k + 1 < edges.length; k++) {
        const exact = profile.integral(edges[k]!, edges[k + 1]!);
        // Poisson counts: sd of the mean over R runs = sqrt(exact / R)
        expectCovers(replicate(R, (r) => data[r]![k]!), exact, 3 * Math.sqrt(exact / R));
      }
    }
  });

  it('Poisson rate: arrivals per second over replications', () => {
    const s = replicate(20, (rep) => {
      const sim = new Simulation();
      const rec = new Recorder(sim);
      new OpenWorkload(sim, { name: 'w', target: rec, rate: 50, arrivalRng: new RandomStreams(rep).stream('a'), stop: 100 });
      sim.run();
      return rec.times.length / 100;
    });
    expectCovers(s, 50, 0.5);
  });

  it('a ConstantRate profile and a number give the same process law (same mean count)', () => {
    const s = replicate(20, (rep) => {
      const sim = new Simulation();
      const rec = new Recorder(sim);
      new OpenWorkload(sim, { name: 'w', target: rec, rate: new ConstantRate(50), arrivalRng: new RandomStreams(rep).stream('a'), stop: 100 });
      sim.run();
      return rec.times.length / 100;
    });
    expectCovers(s, 50, 0.5);
  });

  it('request classes: shares from a dedicated stream, criticality and per-class SLO', () => {
    const sim = new Simulation();
    const rec = new Recorder(sim);
    const streams = new RandomStreams(5);
    const wl = new OpenWorkload(sim, {
      name: 'w',
      target: rec,
      rate: 1000,
      arrivalRng: streams.stream('a'),
      classRng: streams.stream('c'),
      classes: [
        { name: 'checkout', share: 0.2, slo: 0.3 },
        { name: 'browse', share: 0.8, criticality: 'optional' },
      ],
      stop: 20,
    });
    sim.run();
    const n = rec.classes.length;
    const checkout = rec.classes.filter((c) => c === 0).length;
    expect(Math.abs(checkout - 0.2 * n)).toBeLessThan(4 * Math.sqrt(n * 0.2 * 0.8));
    expect(rec.critical.every((c, i) => c === (rec.classes[i] === 0))).toBe(true);
    const recs = wl.stats.classRecords(20);
    expect(recs['checkout']!['offered_count']).toBe(checkout);
    expect(recs['browse']!['offered_count']).toBe(n - checkout);
    expect(wl.stats.record(20)['offered_count']).toBe(n);
    expect(wl.stats.byClass[0]!.slo).toBe(0.3);
    // class choice uses its own stream: the arrival times do not depend on the classes
    const sim2 = new Simulation();
    const rec2 = new Recorder(sim2);
    new OpenWorkload(sim2, { name: 'w', target: rec2, rate: 1000, arrivalRng: new RandomStreams(5).stream('a'), stop: 20 });
    sim2.run();
    expect(rec2.times).toEqual(rec.times);
  });

  it('config errors name the field and quote the value', () => {
    const sim = new Simulation();
    const rec = new Recorder(sim);
    expect(() => new OpenWorkload(sim, { name: 'w', target: rec, rate: 1, arrivalRng: () => 0.5, classRng: () => 0.5, classes: [{ name: 'a', share: 0.5 }, { name: 'b', share: 0.4 }] })).toThrow(
      'workload "w": invalid classes[*].share = 0.9: shares must sum to 1',
    );
    expect(() => new OpenWorkload(sim, { name: 'w', target: rec, rate: -3, arrivalRng: () => 0.5 })).toThrow('workload "w": invalid rate = -3');
    expect(() => new OpenWorkload(sim, { name: 'w', target: rec, rate: 1 })).toThrow(/invalid arrivalRng = undefined/);
    expect(() => new OpenWorkload(sim, { name: 'w', target: rec, rate: 1, interarrival: () => 1, arrivalRng: () => 0.5 })).toThrow(/exactly one of rate or interarrival/);
    expect(() => new ClosedWorkload(sim, { name: 'c', target: rec, clients: 0, thinkTime: () => 1 })).toThrow('workload "c": invalid clients = 0');
    expect(() => new OpenWorkload(sim, { name: 'w', target: rec, rate: 1, arrivalRng: () => 0.5, classes: [{ name: 'a', share: 1, criticality: 'vital' as never }] })).toThrow(
      /invalid classes.a.criticality = "vital"/,
    );
  });
});

describe('closed workloads', () => {
  it('exact: one client, constant think and service times', () => {
    const sim = new Simulation();
    const group = new StaticReplicaGroup(sim, 's', 1);
    const svc = new Service(sim, { name: 's', group, balancer: new RoundRobinBalancer(), capacity: 1, serviceTime: () => 2, errorRng: () => 0.5 });
    const wl = new ClosedWorkload(sim, { name: 'c', target: new CallEdge(sim, svc), clients: 1, thinkTime: () => 1, stop: 10 });
    sim.run();
    // requests at 1, 4, 7 (then 10 = stop): each takes 2 s
    expect(wl.stats.total().succeeded).toBe(3);
    expect(sim.now).toBe(10);
  });

  it('finite-source queue (machine-repair model): throughput and response time', () => {
    // N clients, exponential think time Z, one exponential server μ:
    // p_n ∝ N!/(N−n)! (1/(Zμ))^n, X = μ(1 − p0), R = N/X − Z.
    const N = 5;
    const Z = 2;
    const mu = 2;
    const w: number[] = [];
    for (let n = 0, f = 1; n <= N; n++) {
      w.push(f);
      f *= (N - n) / (Z * mu);
    }
    const p0 = 1 / w.reduce((a, b) => a + b, 0);
    const X = mu * (1 - p0);
    const Rt = N / X - Z;
    const runs = Array.from({ length: 10 }, (_, rep) => {
      const sim = new Simulation();
      const streams = new RandomStreams(`closed-${rep}`);
      const svc = new Service(sim, {
        name: 's',
        group: new StaticReplicaGroup(sim, 's', 1),
        balancer: new RoundRobinBalancer(),
        capacity: 1,
        serviceTime: makeSampler({ dist: 'exponential', rate: mu }, streams.stream('service')),
        errorRng: streams.stream('errors'),
      });
      const wl = new ClosedWorkload(sim, {
        name: 'c',
        target: new CallEdge(sim, svc),
        clients: N,
        thinkTime: makeSampler({ dist: 'exponential', mean: Z }, streams.stream('think')),
      });
      sim.run({ until: 100 });
      wl.resetStats(100);
      sim.run({ until: 5100 });
      const t = wl.stats.total();
      return { X: t.completed / 5000, R: t.latency.mean };
    });
    expectCovers(replicate(10, (r) => runs[r]!.X), X, 0.02);
    expectCovers(replicate(10, (r) => runs[r]!.R), Rt, 0.05);
  });
});
