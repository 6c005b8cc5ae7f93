import { describe, expect, it } from 'vitest';
import { HedgingPolicy, OutlierDetector, successRateThreshold } from '../src/policies/index.js';

describe('hedging planner (Polly semantics)', () => {
  it('defaults: 1 hedge after 2 s; first acceptable result wins, the other is cancelled', () => {
    const h = new HedgingPolicy();
    expect(h.config).toEqual({ maxHedgedAttempts: 1, delay: 2, hedgeOn: ['error', 'timeout', 'rejected', 'shed', 'circuit-open'] });
    const p = h.plan();
    expect(p.start(0)).toEqual({ launch: [0], cancel: [], nextLaunchAt: 2 });
    expect(p.onTimer(1.5)).toEqual({ launch: [], cancel: [], nextLaunchAt: 2 }); // early call: harmless
    expect(p.onTimer(2)).toEqual({ launch: [1], cancel: [], nextLaunchAt: undefined });
    expect(p.onAttemptResult(2.5, 1, 'ok')).toEqual({ launch: [], cancel: [0], nextLaunchAt: undefined, done: { winner: 1, outcome: 'ok', answeredBy: 1 } });
    expect(p.onAttemptResult(3, 0, 'ok').launch).toEqual([]); // late loser ignored
  });

  it('a failure before the delay launches the next attempt at once; when all fail the original\'s outcome is the answer', () => {
    const p = new HedgingPolicy({ maxHedgedAttempts: 2, delay: 2 }).plan();
    p.start(0);
    expect(p.onAttemptResult(0.5, 0, 'rejected')).toEqual({ launch: [1], cancel: [], nextLaunchAt: 2.5 });
    expect(p.onTimer(2.5)).toEqual({ launch: [2], cancel: [], nextLaunchAt: undefined });
    expect(p.onAttemptResult(3, 2, 'timeout').done).toBeUndefined(); // attempt 1 still pending
    // Polly's HedgingExecutionContext accepts the first completed task in launch order: the original
    expect(p.onAttemptResult(4, 1, 'error')).toMatchObject({ done: { winner: undefined, outcome: 'rejected', answeredBy: 0 } });
  });

  it('all failed in fallback mode and with every attempt at once: still the original\'s outcome', () => {
    const f = new HedgingPolicy({ maxHedgedAttempts: 2, delay: Infinity }).plan();
    f.start(0);
    f.onAttemptResult(1, 0, 'shed');
    f.onAttemptResult(2, 1, 'error');
    expect(f.onAttemptResult(3, 2, 'timeout').done).toEqual({ winner: undefined, outcome: 'shed', answeredBy: 0 });
    const z = new HedgingPolicy({ maxHedgedAttempts: 2, delay: 0 }).plan();
    z.start(0);
    z.onAttemptResult(1, 2, 'error');
    z.onAttemptResult(2, 0, 'circuit-open'); // the original fails second, not last
    expect(z.onAttemptResult(3, 1, 'timeout').done).toEqual({ winner: undefined, outcome: 'circuit-open', answeredBy: 0 });
  });

  it('delay 0 launches all attempts at once', () => {
    const p = new HedgingPolicy({ maxHedgedAttempts: 3, delay: 0 }).plan();
    expect(p.start(0)).toEqual({ launch: [0, 1, 2, 3], cancel: [], nextLaunchAt: undefined });
    expect(p.onAttemptResult(0.1, 2, 'ok')).toMatchObject({ cancel: [0, 1, 3], done: { winner: 2 } });
  });

  it('infinite delay is fallback mode: next attempt only after a handled failure', () => {
    for (const delay of [Infinity, 'infinite' as const]) {
      const p = new HedgingPolicy({ maxHedgedAttempts: 2, delay }).plan();
      expect(p.start(0)).toEqual({ launch: [0], cancel: [], nextLaunchAt: undefined });
      expect(p.onAttemptResult(5, 0, 'error')).toEqual({ launch: [1], cancel: [], nextLaunchAt: undefined });
      expect(p.onAttemptResult(6, 1, 'fallback')).toMatchObject({ done: { winner: 1, outcome: 'fallback' } });
    }
  });

  it('validation: maxHedgedAttempts 1..10', () => {
    expect(() => new HedgingPolicy({ maxHedgedAttempts: 11 })).toThrow(/maxHedgedAttempts = 11/);
    expect(() => new HedgingPolicy({ delay: -1 })).toThrow(/delay = -1/);
  });
});

describe('Envoy outlier detection (consecutive 5xx)', () => {
  const hosts = Array.from({ length: 10 }, (_, i) => `h${i}`);
  const fail = (d: OutlierDetector, h: string | number, t: number, n = 5) => {
    for (let i = 0; i < n; i++) d.onResult(h, t, false);
  };

  it('Envoy defaults', () => {
    expect(new OutlierDetector().config).toEqual({
      consecutive5xx: 5,
      interval: 10,
      baseEjectionTime: 30,
      maxEjectionTime: 300,
      maxEjectionPercent: 10,
      enforcingConsecutive5xx: 100,
      successRateMinimumHosts: 5,
      successRateRequestVolume: 100,
      successRateStdevFactor: 1900,
      enforcingSuccessRate: 100,
      failurePercentageThreshold: 85,
      enforcingFailurePercentage: 0,
      failurePercentageMinimumHosts: 5,
      failurePercentageRequestVolume: 50,
    });
  });

  it('5 consecutive failures eject; a success in between resets; unejection happens at a sweep', () => {
    const d = new OutlierDetector({}, hosts);
    fail(d, 'h0', 1, 4);
    d.onResult('h0', 1, true);
    fail(d, 'h0', 1, 4);
    expect(d.isEjected('h0', 1)).toBe(false);
    d.onResult('h0', 1, false);
    expect(d.isEjected('h0', 1)).toBe(true);
    expect(d.ejectionCount('h0')).toBe(1);
    // sweeps at 10, 20, 30, 40: ejected for 30 s from t = 1 -> back at the sweep at 40
    expect(d.isEjected('h0', 39.999)).toBe(true);
    expect(d.isEjected('h0', 40)).toBe(false);
    expect(d.healthyHosts(40)).toHaveLength(10);
  });

  it('ejection time = base x multiplier, capped at maxEjectionTime', () => {
    const d = new OutlierDetector({ interval: 1 }, hosts);
    let t = 0;
    const durations: number[] = [];
    for (let i = 0; i < 13; i++) {
      fail(d, 'h1', t);
      expect(d.isEjected('h1', t)).toBe(true);
      const start = t;
      while (d.isEjected('h1', t)) t += 1;
      durations.push(t - start);
    }
    expect(durations).toEqual([30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 300, 300, 300]);
    expect(d.ejectionCount('h1')).toBe(13);
    expect(d.ejectionMultiplier('h1', t)).toBe(11);
  });

  it('the multiplier decays by one per healthy sweep', () => {
    const d = new OutlierDetector({}, hosts);
    fail(d, 'h2', 0);
    const back = 30; // sweep at 30, ejected at 0 for 30
    expect(d.isEjected('h2', back)).toBe(false);
    expect(d.ejectionMultiplier('h2', back)).toBe(1);
    expect(d.ejectionMultiplier('h2', 40)).toBe(0);
    fail(d, 'h2', 41);
    expect(d.ejectionMultiplier('h2', 41)).toBe(1); // 30 s again, not 60
  });

  it('maxEjectionPercent 10: one of 10 hosts, two of 20; at least one always', () => {
    const d = new OutlierDetector({}, hosts);
    fail(d, 'h0', 0);
    fail(d, 'h1', 0);
    expect(d.ejectedHosts(0)).toEqual(['h0']);
    expect(d.overflowCount).toBe(1);
    const d20 = new OutlierDetector({}, Array.from({ length: 20 }, (_, i) => i));
    for (const h of [0, 1, 2]) fail(d20, h, 0);
    expect(d20.ejectedHosts(0)).toEqual([0, 1]);
    const few = new OutlierDetector({ maxEjectionPercent: 10 }, ['a', 'b', 'c']);
    fail(few, 'a', 0);
    expect(few.ejectedHosts(0)).toEqual(['a']);
    expect(() => new OutlierDetector({ baseEjectionTime: 60, maxEjectionTime: 30 })).toThrow(/maxEjectionTime = 30/);
  });
});

describe('Envoy outlier detection (success rate, failure percentage)', () => {
  /** `ok` successes then `bad` failures from `host` at time t (consecutive5xx is set out of reach). */
  const load = (d: OutlierDetector, host: number, t: number, ok: number, bad: number) => {
    for (let i = 0; i < ok; i++) d.onResult(host, t, true);
    for (let i = 0; i < bad; i++) d.onResult(host, t, false);
  };
  const five = [0, 1, 2, 3, 4];

  it("the threshold is Envoy's: mean − factor × population stdev ({50, 100, 100, 100, 100} → 52)", () => {
    expect(successRateThreshold([50, 100, 100, 100, 100], 1.9)).toBeCloseTo(52, 12);
    expect(successRateThreshold([90, 90, 90], 1.9)).toBe(90);
  });

  it('a host far below the others is ejected at the next sweep, for baseEjectionTime', () => {
    const events: string[] = [];
    const d = new OutlierDetector({ consecutive5xx: 1000 }, five, { onEvent: (e) => events.push(`${e.kind}:${e.host}@${e.at}:${e.reason ?? ''}`) });
    for (const h of [0, 1, 2, 3]) load(d, h, 1, 200, 0);
    load(d, 4, 1, 100, 100); // 50%
    expect(d.isEjected(4, 9.99)).toBe(false); // statistical ejections wait for the sweep
    expect(d.isEjected(4, 10)).toBe(true);
    expect(d.ejectionsFor('success-rate')).toBe(1);
    expect(d.ejectionsFor('consecutive-5xx')).toBe(0);
    expect(d.isEjected(4, 40)).toBe(false); // 30 s, on a sweep boundary
    expect(events).toEqual(['eject:4@10:success-rate', 'uneject:4@40:']);
  });

  it('no ejection with fewer than successRateMinimumHosts hosts of enough volume, nor when all alike', () => {
    const d = new OutlierDetector({ consecutive5xx: 1000 }, five);
    for (const h of [0, 1, 2]) load(d, h, 1, 200, 0);
    load(d, 3, 1, 50, 0); // below the request volume of 100
    load(d, 4, 1, 100, 100);
    expect(d.ejectedHosts(10)).toEqual([]);
    // Next interval: 5 hosts with volume, all at 80%: σ = 0, nobody is below the mean.
    for (const h of five) load(d, h, 11, 160, 40);
    expect(d.ejectedHosts(20)).toEqual([]);
    expect(d.ejectionsFor('success-rate')).toBe(0);
  });

  it('failure percentage: off by default; with enforcing 100, ejects hosts at or above the threshold', () => {
    const run = (enforcing: number) => {
      // A huge stdev factor keeps success-rate ejection out of this test.
      const d = new OutlierDetector({ consecutive5xx: 1000, successRateStdevFactor: 1e9, enforcingFailurePercentage: enforcing, maxEjectionPercent: 50 }, five);
      for (const h of [0, 1, 2]) load(d, h, 1, 100, 0);
      load(d, 3, 1, 15, 85); // exactly 85% failures
      load(d, 4, 1, 16, 84); // 84%
      return d.ejectedHosts(10);
    };
    expect(run(0)).toEqual([]);
    expect(run(100)).toEqual([3]);
  });

  it('maxEjectionPercent applies to statistical ejections too, and ejected hosts are left out of the statistics', () => {
    const d = new OutlierDetector({ consecutive5xx: 1000 }, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let h = 0; h < 8; h++) load(d, h, 1, 200, 0);
    load(d, 8, 1, 20, 180);
    load(d, 9, 1, 20, 180);
    expect(d.ejectedHosts(10)).toEqual([8]); // 10% of 10 hosts: one
    expect(d.overflowCount).toBe(1);
  });

  it('enforcing values strictly between 0 and 100 need an rng', () => {
    expect(() => new OutlierDetector({ enforcingSuccessRate: 50 })).toThrow(/enforcingSuccessRate/);
    expect(() => new OutlierDetector({ enforcingFailurePercentage: 0 })).not.toThrow();
    expect(() => new OutlierDetector({ enforcingConsecutive5xx: 0 })).not.toThrow();
  });
});
