// Autoscaling of a topology service (src/components/service/autoscaler.ts) on step scenarios with
// deterministic arrivals (one a second, at t = 1, 2, …) and service times, computed by hand. The
// step scenarios set `window: 0` (the metric sampled at the evaluation instant); the averaged
// metric (the default window = interval) has its own cases.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { topologyParams } from '../models/topology/schema.js';
import { Simulation } from '../src/engine/index.js';
import { RandomStreams } from '../src/random/index.js';
import { runOnce } from './helpers/run-model.js';
import { rareEventRefusal } from '../models/topology/rare-event.js';
import { availabilitySystem } from '../models/topology/theory.js';

/**
 * Scale-out: web starts with 1 replica (capacity 100: nothing queues), 2.5 s per request, so at
 * an evaluation instant t the requests of t, t−1 and t−2 are outstanding: 3, desired ceil(3/3) = 1.
 * A slow fault (×4) from 100 s to 300 s makes it 10 s: from t = 120 on, 10 outstanding,
 * desired = ceil(current × (10/serving) / 3) = ceil(10/3) = 4 whatever the split. With a 60 s
 * cooldown, replicas start at 120, 180 and 240 s and serve 20 s later.
 */
const scaleOut = {
  workload: { interarrival: '1s' },
  services: {
    web: {
      replicas: 1,
      capacity: 100,
      serviceTime: '2.5s',
      autoscaling: { min: 1, max: 4, metric: 'queue', target: 3, interval: '30s', window: 0, cooldown: '60s', provisioning: '20s' },
    },
  },
  faults: [{ at: '100s', for: '200s', service: 'web', mode: 'slow', factor: 4 }],
};

/**
 * Scale-in with drains: 3 replicas, 0.5 s per request behind round-robin, so at t the only
 * outstanding request is t's: desired = ceil(current × (1/current) / 1) = 1. At 30 s replica 2
 * (highest index) drains; round-robin sent it request 30 (requests k → (k − 1) mod 3), so it
 * leaves at 30.5 s. The next scale-in waits for the 60 s cooldown: at 90 s replica 1 drains, and
 * request 90 is its own (requests from 31 alternate 0, 1), so it leaves at 90.5 s.
 */
const scaleIn = {
  workload: { interarrival: '1s' },
  services: {
    web: {
      replicas: 3,
      serviceTime: '0.5s',
      autoscaling: { min: 1, max: 3, metric: 'queue', target: 1, interval: '30s', window: 0, cooldown: '60s' },
    },
  },
};

/** The billed replica count of `params`' web service at each time of `at` (from the run's samples). */
function trajectory(params: unknown, at: readonly number[]): number[] {
  const p = topologyParams.parse(params);
  const sim = new Simulation();
  const run = topologyModel.build({ sim, streams: new RandomStreams('t/0'), duration: at[at.length - 1]!, warmup: 0, trace: undefined }, p);
  run.resetStats();
  // Just after each time: the events at that instant have run.
  return at.map((t) => {
    sim.run({ until: t + 0.01 });
    return run.sample!()['web_replicas']!;
  });
}

describe('topology autoscaling', () => {
  it('scale-out under a load step: replicas start at 120, 180, 240 s (cooldown 60 s), replica-hours by hand', () => {
    const m = runOnce(topologyModel, scaleOut, { warmup: 0, duration: 300 }, 0);
    expect(m.web_scale_out_count).toBe(3);
    expect(m.web_scale_in_count).toBe(0);
    // billed: replica 0 for 300 s, 1 from 120, 2 from 180, 3 from 240
    const seconds = 300 + 180 + 120 + 60;
    expect(m.web_replica_hours).toBeCloseTo(seconds / 3600, 12);
    expect(m.replica_hours).toBeCloseTo(seconds / 3600, 12);
    expect(m.web_mean_replicas).toBeCloseTo(seconds / 300, 12);
    expect(m.request_availability_pct).toBe(100);
    expect(trajectory(scaleOut, [119, 120, 179, 180, 239, 240, 299])).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });

  it('a load within the tolerance band of the target changes nothing; with tolerance 0 it scales', () => {
    // Before the fault 3 requests are outstanding against a target of 2.8: 3 / 2.8 − 1 = 0.071.
    const near = (tolerance?: number) => ({
      ...scaleOut,
      services: { web: { ...scaleOut.services.web, autoscaling: { ...scaleOut.services.web.autoscaling, target: 2.8, ...(tolerance !== undefined ? { tolerance } : {}) } } },
    });
    expect(trajectory(near(), [29, 30, 60, 90])).toEqual([1, 1, 1, 1]);
    // desired = ceil(1 × 3 / 2.8) = 2 at 30 s; then 3 requests over 2 replicas stay at
    // desired = ceil(2 × 1.5 / 2.8) = 2.
    expect(trajectory(near(0), [29, 30, 60, 90])).toEqual([1, 2, 2, 2]);
  });

  it('a provisioning replica serves nothing before its delay: all requests on replica 0 until 140 s', () => {
    // Over 130 s the new replica (started at 120 s, serving at 140 s) has taken no request.
    const m = runOnce(topologyModel, scaleOut, { warmup: 0, duration: 130 }, 0);
    expect(m.web_scale_out_count).toBe(1);
    expect(m.web_replica_hours).toBeCloseTo((130 + 10) / 3600, 12);
    expect(m.request_availability_pct).toBe(100);
  });

  it('scale-in drains: the removed replica finishes its request (none lost) and leaves; the cooldown spaces the removals', () => {
    const m = runOnce(topologyModel, scaleIn, { warmup: 0, duration: 120 }, 0);
    expect(m.web_scale_in_count).toBe(2);
    expect(m.web_scale_out_count).toBe(0);
    const seconds = 3 * 30.5 + 2 * (90.5 - 30.5) + 1 * (120 - 90.5);
    expect(m.web_replica_hours).toBeCloseTo(seconds / 3600, 12);
    expect(m.web_mean_replicas).toBeCloseTo(seconds / 120, 12);
    expect(m.completed_count).toBe(119); // arrivals at 1 … 119 s
    expect(m.offered_count).toBe(119);
    expect(m.request_availability_pct).toBe(100);
    expect(m.web_errors_replica_down_count).toBe(0);
    expect(trajectory(scaleIn, [30, 30.5, 60, 90, 90.5, 120])).toEqual([3, 2, 2, 2, 1, 1]);
  });

  it('without the cooldown both removals come at 30 and 60 s', () => {
    const p = { ...scaleIn, services: { web: { ...scaleIn.services.web, autoscaling: { ...scaleIn.services.web.autoscaling, cooldown: 0 } } } };
    const m = runOnce(topologyModel, p, { warmup: 0, duration: 120 }, 0);
    expect(m.web_scale_in_count).toBe(2);
    // request 60 (k ≥ 31 alternate 0, 1 → 60 goes to replica 1): replica 1 leaves at 60.5 s
    expect(m.web_replica_hours).toBeCloseTo((3 * 30.5 + 2 * 30 + (120 - 60.5)) / 3600, 12);
    expect(m.request_availability_pct).toBe(100);
  });

  it('replica-hours of a fixed topology: replicas × measured hours, per service and in total', () => {
    const m = runOnce(topologyModel, { workload: { interarrival: '1s' }, services: { web: { replicas: 3, calls: ['db'] }, db: { replicas: 2 } } }, { warmup: 60, duration: 7200 }, 0);
    expect(m.web_replica_hours).toBeCloseTo(6, 12);
    expect(m.db_replica_hours).toBeCloseTo(4, 12);
    expect(m.replica_hours).toBeCloseTo(10, 12);
    expect(m.web_mean_replicas).toBeUndefined();
    const s = runOnce(topologyModel, { services: { web: { replicas: 2, failure: { ttf: '1d', ttr: '1h' } } } }, { warmup: 0, duration: 36000 }, 0);
    expect(s.replica_hours).toBeCloseTo(20, 12);
  });

  /**
   * One replica of one slot, 0.5 s per request arriving at t = 1, 2, …: the slot is busy on
   * [k, k + 0.5). At t = 30 (after request 30 arrived) the instant's utilisation is 1, while over
   * [0, 30] it is 29 × 0.5 / 30 = 0.4833 and over [29.25, 30] it is 0.25 / 0.75 = 1/3. Target 0.2,
   * 4 replicas at most, all started at once (scaleOutStep 4):
   * - window 0: desired = ceil(1 × 1 / 0.2) = 5 → 4: 3 replicas start;
   * - window = interval (default): desired = ceil(0.4833 / 0.2) = ceil(2.42) = 3: 2 start;
   * - window 0.75 s: desired = ceil((1/3) / 0.2) = ceil(1.67) = 2: 1 starts.
   * Later evaluations change nothing: over [30, 60] the 15 slot-seconds of requests 30 … 59 on 3
   * replicas give 15 / 90 / 0.2 = 0.83, desired ceil(3 × 0.83) = ceil(2.5) = 3; over [59.25, 60]
   * on 2 replicas 0.25 / 1.5 / 0.2 = 0.83, desired ceil(1.67) = 2; the instant at 60 on 4
   * replicas 1 / 4 / 0.2 = 1.25, desired 5 → 4.
   */
  const pulses = (window?: number | string, extra: Record<string, unknown> = {}) => ({
    workload: { interarrival: '1s' },
    services: {
      web: {
        replicas: 1,
        capacity: 1,
        serviceTime: '0.5s',
        autoscaling: { min: 1, max: 4, target: 0.2, interval: '30s', cooldown: 0, scaleOutStep: 4, ...(window !== undefined ? { window } : {}), ...extra },
      },
    },
  });

  it('the averaged metric decides, not the instant: 3, 2 and 1 replicas started by windows 0, interval and 0.75 s', () => {
    const cases: [number | string | undefined, number][] = [
      [0, 3],
      [undefined, 2],
      ['30s', 2],
      [0.75, 1],
    ];
    for (const [window, started] of cases) {
      const m = runOnce(topologyModel, pulses(window), { warmup: 0, duration: 120 }, 0);
      expect(m.web_scale_out_count, `window ${window}`).toBe(started);
      expect(m.web_scale_in_count, `window ${window}`).toBe(0);
      expect(m.web_replica_hours, `window ${window}`).toBeCloseTo((120 + started * 90) / 3600, 12);
      expect(m.request_availability_pct).toBe(100);
      expect(trajectory(pulses(window), [29, 30, 119])).toEqual([1, 1 + started, 1 + started]);
    }
  });

  it('the averaged queue metric: requests per serving replica, not per slot (capacity 2)', () => {
    // The same pulses on 2 slots per replica. Over [0, 30] 14.5 request-seconds on 1 replica:
    // queue 14.5/30 = 0.483 → ceil(0.483/0.2) = 3, 2 started; utilisation 14.5/(2 · 30) = 0.242 →
    // ceil(1.21) = 2, 1 started. Instantly at 30 one request is in service: queue 1 → 5, clamped
    // to 4, 3 started; utilisation 1/2 → ceil(2.5) = 3, 2 started. Afterwards every reading keeps
    // the count (e.g. queue 15/(3 · 30) = 0.167 → ceil(2.5) = 3).
    const cases: ['queue' | 'utilisation', number | undefined, number][] = [
      ['queue', undefined, 2],
      ['queue', 0, 3],
      ['utilisation', undefined, 1],
      ['utilisation', 0, 2],
    ];
    for (const [metric, window, started] of cases) {
      const p = pulses(window, { metric });
      p.services.web.capacity = 2;
      const m = runOnce(topologyModel, p, { warmup: 0, duration: 120 }, 0);
      expect(m.web_scale_out_count, `${metric}, window ${window}`).toBe(started);
      expect(m.web_scale_in_count, `${metric}, window ${window}`).toBe(0);
      expect(m.web_replica_hours, `${metric}, window ${window}`).toBeCloseTo((120 + started * 90) / 3600, 12);
    }
  });

  it('a serving replica that crashes inside the window still counts, with no load while down', () => {
    // Two replicas; replica 1 crashes at 10.6 s (between pulses) for 40 s, so every request runs
    // on replica 0. Over [0, 30]: 14.5 busy slot-seconds over 2 × 30 serving replica-seconds (the
    // crashed one included) = 0.242 → ceil(2 × 0.242 / 0.2) = ceil(2.42) = 3, one started. (Left
    // out while down, 14.5 / (2 · 10.6 + 19.4) = 0.357 would give ceil(3.57) = 4, two started.)
    // Then [30, 60]: 15 / (3 · 30) = 0.167 → ceil(2.5) = 3, and so on: no further change.
    const p = pulses(undefined);
    const params = { ...p, services: { web: { ...p.services.web, replicas: 2 } }, faults: [{ at: '10.6s', service: 'web', replica: 1, for: '40s' }] };
    const m = runOnce(topologyModel, params, { warmup: 0, duration: 120 }, 0);
    expect(m.web_scale_out_count).toBe(1);
    expect(m.web_scale_in_count).toBe(0);
    expect(m.request_availability_pct).toBe(100);
    expect(trajectory(params, [29, 30, 119])).toEqual([2, 3, 3]);
  });

  it('a replica counts in the average from the instant it serves, not from its start: provisioning within the window', () => {
    // Tolerance 0, 10 s provisioning, window = interval. At 30: desired 3 (above), replicas 1 and
    // 2 start and serve from 40. Over [30, 60] the 15 slot-seconds of requests 30 … 59 (all on
    // serving replicas) are over 30 + 2 × 20 = 70 serving replica-seconds: 0.2143, desired
    // ceil(3 × 0.2143 / 0.2) = ceil(3.21) = 4, so replica 3 starts at 60. (Counted from their
    // start, 15 / 90 would give ceil(2.5) = 3 and no start.)
    const p = pulses(undefined, { tolerance: 0, provisioning: '10s' });
    const m = runOnce(topologyModel, p, { warmup: 0, duration: 89 }, 0);
    expect(m.web_scale_out_count).toBe(3);
    expect(m.web_scale_in_count).toBe(0);
    expect(m.web_replica_hours).toBeCloseTo((89 + 2 * 59 + 29) / 3600, 12);
    expect(trajectory(p, [29, 30, 59, 60, 88])).toEqual([1, 3, 3, 4, 4]);
  });

  it('under a Poisson load the averaged metric flaps far less than the instant sample', () => {
    // 16 requests/s of 0.2 s (exponential): 3.2 busy slots on average, 2 replicas × 4 slots at
    // target 0.5, so observed / target = 0.8 on average and 2 replicas are desired: a change needs
    // observed / target above 1.1 (desired 3) or at most 0.5 (desired 1). The busy count at an
    // instant (Poisson, mean 3.2) is ≥ 5 or ≤ 2 with probability 0.6; its mean over 15 s spreads
    // about ±9 % (standard deviation of √(2 × 3.2 × 0.2 / 15) slots), 3.5 of them from either edge.
    const changes = (window: number, seed: number) => {
      const m = runOnce(
        topologyModel,
        {
          workload: { rate: '16/s' },
          services: {
            web: {
              replicas: 2,
              capacity: 4,
              serviceTime: { dist: 'exponential', mean: 0.2 },
              autoscaling: { min: 1, max: 10, target: 0.5, interval: '15s', window, cooldown: 0 },
            },
          },
        },
        { warmup: 0, duration: 3600 },
        seed,
      );
      return m.web_scale_out_count! + m.web_scale_in_count!;
    };
    for (const seed of [0, 1, 2]) {
      const instant = changes(0, seed);
      const averaged = changes(15, seed);
      expect(instant, `seed ${seed}`).toBeGreaterThan(100);
      expect(averaged * 10, `seed ${seed}: ${averaged} vs ${instant}`).toBeLessThan(instant);
    }
  });

  it('refuses bad bounds and what autoscaling cannot be combined with, each with its path', () => {
    const issues = (web: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const r = topologyParams.safeParse({ workload: { interarrival: '1s' }, services: { web }, ...extra });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    const a = { min: 1, max: 3, target: 0.5 };
    expect(issues({ replicas: 2, autoscaling: { ...a, min: 4 } })).toEqual(['services.web.autoscaling.min: min 4 exceeds max 3']);
    expect(issues({ replicas: 5, autoscaling: a })).toEqual(['services.web.replicas: replicas 5 (the initial count) must lie within autoscaling [min, max] = [1, 3]']);
    expect(issues({ replicas: 2, autoscaling: { ...a, min: 3, max: 4 } })[0]).toMatch(/^services\.web\.replicas: replicas 2 .* \[3, 4\]/);
    expect(issues({ autoscaling: { ...a, target: 2 } })[0]).toMatch(/^services\.web\.autoscaling\.target: a utilisation target is in \(0, 1\]/);
    expect(issues({ autoscaling: { ...a, interval: 0 } })[0]).toMatch(/^services\.web\.autoscaling\.interval: /);
    expect(issues({ autoscaling: { ...a, interval: '30s', window: '40s' } })).toEqual([
      'services.web.autoscaling.window: the averaging window 40 s exceeds the evaluation interval 30 s: it must lie within [0, interval]',
    ]);
    expect(issues({ autoscaling: { ...a, interval: '30s', window: '30s' } })).toEqual([]);
    expect(issues({ autoscaling: { ...a, window: -1 } })[0]).toMatch(/^services\.web\.autoscaling\.window: /);
    expect(issues({ mode: 'active-passive', replicas: 2, autoscaling: a })[0]).toMatch(/^services\.web\.mode: not supported together with autoscaling/);
    expect(issues({ healthCheck: { interval: '5s' }, autoscaling: a })[0]).toMatch(/^services\.web\.healthCheck: not supported together with autoscaling/);
    expect(issues({ autoscaling: a }, { fidelity: 'state' })[0]).toMatch(/^services\.web\.autoscaling: autoscaling acts on load: it needs request level/);
    expect(issues({ autoscaling: a }, { commonCause: [{ scope: ['web[0]'], every: '1y', ttr: '1h' }] })[0]).toMatch(/^commonCause\.0\.scope: service "web" autoscales/);
  });

  it('failures of absent replicas are paused: a service scaled to its minimum fails only on its running replica', () => {
    // 1 running replica of 4 for 10 000 h with ttf 100 h: about 100 failures, not about 400.
    const m = runOnce(
      topologyModel,
      {
        workload: { interarrival: '1h' },
        services: { web: { replicas: 1, serviceTime: '1ms', failure: { ttf: '100h', ttr: '1h' }, autoscaling: { min: 1, max: 4, metric: 'queue', target: 5, interval: '1h' } } },
      },
      { warmup: 0, duration: 3.6e7 },
      0,
    );
    expect(m.web_scale_out_count).toBe(0);
    expect(m.web_replica_failures_count).toBeGreaterThan(70);
    expect(m.web_replica_failures_count).toBeLessThan(130);
  });

  it('importance sampling and the exact solver name autoscaling as the reason they do not apply', () => {
    const p = topologyParams.parse(scaleOut);
    expect(rareEventRefusal(p)).toBe("services.web.autoscaling varies the replica count with the load; the estimator's state-level model has a fixed replica count");
    expect(availabilitySystem(p).obstacles).toContain('services.web.autoscaling varies the replica count with the load, which an up/down model does not have');
  });
});
