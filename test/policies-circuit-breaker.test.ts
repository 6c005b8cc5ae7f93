import { describe, expect, it } from 'vitest';
import {
  createCircuitBreaker,
  PollyCircuitBreaker,
  ConfigError,
  Resilience4jCircuitBreaker,
  type CircuitState,
  type Outcome,
} from '../src/policies/index.js';

type Step = 'S' | 'F';
const toOutcome = (s: Step): Outcome => (s === 'S' ? 'ok' : 'error');

/** Runs calls at t = 1, 2, 3, ... and returns the state after each. */
function run(cb: Resilience4jCircuitBreaker, steps: Step[], t0 = 0): CircuitState[] {
  return steps.map((s, i) => {
    const t = t0 + i + 1;
    expect(cb.tryAcquirePermission(t)).toBe(true);
    cb.onResult(t, 0.01, toOutcome(s));
    return cb.state(t);
  });
}

const small = { slidingWindowSize: 10, minimumNumberOfCalls: 5, failureRateThreshold: 50 } as const;

describe('resilience4j circuit breaker: golden traces (COUNT 10, min 5, 50 %)', () => {
  it('F,F,F,F stays CLOSED (below minimum calls); a 5th call S opens at 80 %', () => {
    const cb = new Resilience4jCircuitBreaker(small);
    expect(run(cb, ['F', 'F', 'F', 'F'])).toEqual(['closed', 'closed', 'closed', 'closed']);
    expect(cb.metrics(4).failureRate).toBe(-1);
    expect(run(cb, ['S'], 4)).toEqual(['open']);
    expect(cb.metrics(5).failureRate).toBe(80);
    expect(cb.transitions).toEqual([{ from: 'closed', to: 'open', at: 5 }]);
  });

  it('S,S,F,F,F opens at call 5 (60 %)', () => {
    const cb = new Resilience4jCircuitBreaker(small);
    expect(run(cb, ['S', 'S', 'F', 'F', 'F'])).toEqual(['closed', 'closed', 'closed', 'closed', 'open']);
    expect(cb.metrics(5).failureRate).toBe(60);
  });

  it('S,S,S,F,F stays CLOSED (40 %); then F gives 3/6 = 50 % and opens (inclusive)', () => {
    const cb = new Resilience4jCircuitBreaker(small);
    expect(run(cb, ['S', 'S', 'S', 'F', 'F'])).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
    expect(cb.metrics(5).failureRate).toBe(40);
    expect(run(cb, ['F'], 5)).toEqual(['open']);
    expect(cb.metrics(6).failureRate).toBe(50);
  });

  function openThenHalfOpen(permitted = 3): Resilience4jCircuitBreaker {
    const cb = new Resilience4jCircuitBreaker({ ...small, permittedNumberOfCallsInHalfOpenState: permitted, waitDurationInOpenState: 60 });
    run(cb, ['F', 'F', 'F', 'F', 'F']); // opens at t = 5
    expect(cb.state(5)).toBe('open');
    return cb;
  }

  it('HALF_OPEN permitted=3: F,S,S closes (33 %)', () => {
    const cb = openThenHalfOpen();
    expect(run(cb, ['F', 'S', 'S'], 100)).toEqual(['half-open', 'half-open', 'closed']);
    expect(cb.openAttempts).toBe(0);
  });

  it('HALF_OPEN permitted=3: S,F,F re-opens (67 %), extra calls are rejected', () => {
    const cb = openThenHalfOpen();
    for (const t of [101, 102, 103]) expect(cb.tryAcquirePermission(t)).toBe(true);
    expect(cb.tryAcquirePermission(104)).toBe(false); // 4th probe not permitted
    cb.onResult(105, 0.01, 'ok');
    cb.onResult(106, 0.01, 'error');
    expect(cb.state(106)).toBe('half-open');
    cb.onResult(107, 0.01, 'error');
    expect(cb.state(107)).toBe('open');
    expect(cb.openAttempts).toBe(2);
    expect(cb.notPermittedCalls).toBe(1);
    expect(cb.transitions.map((x) => `${x.from}>${x.to}@${x.at}`)).toEqual(['closed>open@5', 'open>half-open@101', 'half-open>open@107']);
  });

  it('lazy half-open happens strictly after openedAt + wait', () => {
    const cb = openThenHalfOpen(); // opened at 5, wait 60
    expect(cb.tryAcquirePermission(65)).toBe(false);
    expect(cb.state(65)).toBe('open');
    expect(cb.notPermittedCalls).toBe(1);
    expect(cb.tryAcquirePermission(65.000001)).toBe(true);
    expect(cb.state(65.000001)).toBe('half-open');
    // a lazy breaker never exposes a timer
    const lazy = openThenHalfOpen();
    expect(lazy.nextTransitionAt()).toBeUndefined();
    expect(lazy.state(1000)).toBe('open');
  });

  it('automatic transition exposes nextTransitionAt and moves at exactly openedAt + wait', () => {
    const cb = new Resilience4jCircuitBreaker({ ...small, automaticTransitionFromOpenToHalfOpenEnabled: true, waitDurationInOpenState: 60 });
    run(cb, ['F', 'F', 'F', 'F', 'F']);
    expect(cb.nextTransitionAt()).toBe(65);
    expect(cb.state(64.999)).toBe('open');
    cb.tick(65);
    expect(cb.state(65)).toBe('half-open');
    expect(cb.transitions.at(-1)).toEqual({ from: 'open', to: 'half-open', at: 65 });
    expect(cb.nextTransitionAt()).toBeUndefined();
  });

  it('catch-up without tick records the timer time, not the call time', () => {
    const cb = new Resilience4jCircuitBreaker({ ...small, automaticTransitionFromOpenToHalfOpenEnabled: true, waitDurationInOpenState: 60 });
    run(cb, ['F', 'F', 'F', 'F', 'F']);
    expect(cb.tryAcquirePermission(80)).toBe(true);
    expect(cb.transitions.at(-1)).toEqual({ from: 'open', to: 'half-open', at: 65 });
  });

  it('maxWaitDurationInHalfOpenState sends a stuck half-open breaker back to OPEN', () => {
    const cb = new Resilience4jCircuitBreaker({ ...small, waitDurationInOpenState: 10, maxWaitDurationInHalfOpenState: 5 });
    run(cb, ['F', 'F', 'F', 'F', 'F']); // open at 5
    expect(cb.tryAcquirePermission(20)).toBe(true); // half-open at 20
    expect(cb.nextTransitionAt()).toBe(25);
    expect(cb.state(25)).toBe('open');
    expect(cb.openAttempts).toBe(2);
    expect(cb.openUntilTime).toBe(35);
  });

  it('slow calls: duration > threshold (strict) counts as slow', () => {
    const cfg = { slidingWindowSize: 2, minimumNumberOfCalls: 2, slowCallDurationThreshold: 1, slowCallRateThreshold: 50 };
    const cb = new Resilience4jCircuitBreaker(cfg);
    cb.onResult(1, 1.0, 'ok');
    cb.onResult(2, 1.0, 'ok');
    expect(cb.state(2)).toBe('closed');
    expect(cb.metrics(2).slowCallRate).toBe(0);
    cb.onResult(3, 1.000001, 'ok'); // 1 of 2 slow = 50 % >= 50 %
    expect(cb.state(3)).toBe('open');
    expect(cb.metrics(3).slowCalls).toBe(1);
  });

  it('TIME_BASED: epoch-aligned 1 s buckets, window covers (N-1, N] seconds', () => {
    const cb = new Resilience4jCircuitBreaker({ slidingWindowType: 'TIME_BASED', slidingWindowSize: 2, minimumNumberOfCalls: 3, failureRateThreshold: 50 });
    cb.onResult(0.5, 0.01, 'error'); // second 0
    cb.onResult(1.5, 0.01, 'error'); // second 1
    expect(cb.metrics(1.5).calls).toBe(2);
    cb.onResult(2.2, 0.01, 'error'); // second 2: bucket of second 0 left the window
    expect(cb.metrics(2.2).calls).toBe(2);
    expect(cb.state(2.2)).toBe('closed');
    cb.onResult(2.9, 0.01, 'error');
    expect(cb.state(2.9)).toBe('open');
  });

  it('exponential open-state wait grows per consecutive opening and resets on close', () => {
    const cb = new Resilience4jCircuitBreaker({ ...small, permittedNumberOfCallsInHalfOpenState: 1, waitIntervalFunctionInOpenState: { type: 'exponential', initialInterval: 10, multiplier: 2 } });
    expect([1, 2, 3].map((a) => cb.waitDuration(a))).toEqual([10, 20, 40]);
    run(cb, ['F', 'F', 'F', 'F', 'F']); // open at 5 for 10
    expect(cb.openUntilTime).toBe(15);
    expect(cb.tryAcquirePermission(15.5)).toBe(true);
    cb.onResult(15.5, 0.01, 'error'); // re-open, attempts 2
    expect(cb.openUntilTime).toBe(35.5);
    expect(cb.tryAcquirePermission(36)).toBe(true);
    cb.onResult(36, 0.01, 'error');
    expect(cb.openUntilTime).toBe(76);
    expect(cb.tryAcquirePermission(77)).toBe(true);
    cb.onResult(77, 0.01, 'ok');
    expect(cb.state(77)).toBe('closed');
    expect(cb.openAttempts).toBe(0);
  });

  it('ignored outcomes are not recorded and give a half-open permit back', () => {
    const cb = new Resilience4jCircuitBreaker({ ...small, permittedNumberOfCallsInHalfOpenState: 1, waitDurationInOpenState: 1, ignoreExceptions: ['rejected'] });
    run(cb, ['F', 'F', 'F', 'F', 'F']);
    expect(cb.tryAcquirePermission(7)).toBe(true);
    expect(cb.tryAcquirePermission(7)).toBe(false);
    cb.onResult(7, 0.01, 'rejected');
    expect(cb.tryAcquirePermission(7)).toBe(true);
    expect(cb.metrics(7).calls).toBe(0);
  });

  it('state time accounting and the transition listener', () => {
    const seen: string[] = [];
    const cb = new Resilience4jCircuitBreaker({ ...small, waitDurationInOpenState: 10, permittedNumberOfCallsInHalfOpenState: 1 }, { onTransition: (f, t, now) => seen.push(`${f}>${t}@${now}`) });
    run(cb, ['F', 'F', 'F', 'F', 'F']); // open at 5
    expect(cb.tryAcquirePermission(20)).toBe(true); // half-open 20
    cb.onResult(22, 0.01, 'ok'); // closed 22
    expect(cb.stateTime(30)).toEqual({ closed: 5 + 8, open: 15, 'half-open': 2 });
    expect(seen).toEqual(['closed>open@5', 'open>half-open@20', 'half-open>closed@22']);
    expect(cb.transitionCount).toBe(3);
  });

  it('defaults are exactly resilience4j’s', () => {
    const cb = new Resilience4jCircuitBreaker();
    expect(cb.config).toEqual({
      profile: 'resilience4j',
      slidingWindowType: 'COUNT_BASED',
      slidingWindowSize: 100,
      minimumNumberOfCalls: 100,
      failureRateThreshold: 50,
      slowCallRateThreshold: 100,
      slowCallDurationThreshold: 60,
      waitDurationInOpenState: 60,
      automaticTransitionFromOpenToHalfOpenEnabled: false,
      permittedNumberOfCallsInHalfOpenState: 10,
      maxWaitDurationInHalfOpenState: 0,
      transitionToStateAfterWaitDuration: 'open',
      recordExceptions: ['error', 'timeout', 'rejected', 'shed', 'circuit-open'],
      ignoreExceptions: [],
    });
    expect(Object.isFrozen(cb.config)).toBe(true);
  });

  it('by default every failure outcome is recorded: rejected, shed, timeout and circuit-open open it as error does', () => {
    for (const f of ['error', 'timeout', 'rejected', 'shed', 'circuit-open'] as const) {
      const cb = new Resilience4jCircuitBreaker(small);
      for (let t = 1; t <= 5; t++) {
        expect(cb.tryAcquirePermission(t)).toBe(true);
        cb.onResult(t, 0.01, f);
      }
      expect([f, cb.state(5), cb.metrics(5).failedCalls]).toEqual([f, 'open', 5]);
    }
  });

  it('recordExceptions / ignoreExceptions: not recorded = success, ignored = neither, ignore wins', () => {
    const cb = new Resilience4jCircuitBreaker({ ...small, recordExceptions: ['error', 'shed'], ignoreExceptions: ['shed', 'rejected'] });
    const outcomes: Outcome[] = ['error', 'timeout', 'shed', 'rejected', 'fallback', 'error', 'error'];
    outcomes.forEach((o, i) => {
      expect(cb.tryAcquirePermission(i + 1)).toBe(true);
      cb.onResult(i + 1, 0.01, o);
    });
    // recorded: error F, timeout S (not recorded), shed and rejected ignored, fallback S, error F, error F
    expect(cb.metrics(7)).toMatchObject({ calls: 5, failedCalls: 3 });
    expect(cb.state(7)).toBe('open'); // 3/5 = 60 % at the 5th recorded call
    // a half-open probe that ends in an ignored outcome gives its permit back
    const h = new Resilience4jCircuitBreaker({ ...small, waitDurationInOpenState: 1, permittedNumberOfCallsInHalfOpenState: 1, ignoreExceptions: ['shed'] });
    run(h, ['F', 'F', 'F', 'F', 'F']);
    expect(h.tryAcquirePermission(7)).toBe(true);
    h.onResult(7, 0.01, 'shed');
    expect(h.state(7)).toBe('half-open');
    expect(h.tryAcquirePermission(7)).toBe(true);
    h.onResult(7, 0.01, 'timeout');
    expect(h.state(7)).toBe('open');
  });

  it('recordExceptions / ignoreExceptions names are validated, quoting the bad value', () => {
    expect(() => new Resilience4jCircuitBreaker({ recordExceptions: ['error', 'erorr' as never] })).toThrow(ConfigError);
    expect(() => new Resilience4jCircuitBreaker({ recordExceptions: ['error', 'erorr' as never] })).toThrow(/recordExceptions\.1 = "erorr"/);
    expect(() => new Resilience4jCircuitBreaker({ ignoreExceptions: ['ok' as never] })).toThrow(/ignoreExceptions\.0 = "ok"/);
    expect(() => new Resilience4jCircuitBreaker({ ignoreExceptions: 'shed' as never })).toThrow(/ignoreExceptions = "shed"/);
  });

  it('invalid config names the field and quotes the value', () => {
    expect(() => new Resilience4jCircuitBreaker({ failureRateThreshold: 150 })).toThrow(ConfigError);
    expect(() => new Resilience4jCircuitBreaker({ failureRateThreshold: 150 })).toThrow(/failureRateThreshold = 150/);
    expect(() => new Resilience4jCircuitBreaker({ slidingWindowType: 'SLIDING' as never })).toThrow(/slidingWindowType = "SLIDING"/);
    expect(() => new Resilience4jCircuitBreaker({ minimumNumberOfCals: 3 } as never)).toThrow(/minimumNumberOfCals/);
  });
});

describe('polly circuit breaker', () => {
  it('defaults are Polly v8’s', () => {
    const cb = new PollyCircuitBreaker();
    expect(cb.config).toMatchObject({ failureRatio: 0.1, minimumThroughput: 100, samplingDuration: 30, breakDuration: 5 });
    expect(createCircuitBreaker({ profile: 'polly' }).profile).toBe('polly');
    expect(createCircuitBreaker().profile).toBe('resilience4j');
  });

  it('breaks only on a failure once throughput >= MinimumThroughput and ratio >= FailureRatio', () => {
    const cb = new PollyCircuitBreaker({ minimumThroughput: 10, failureRatio: 0.5 });
    let t = 0;
    for (let i = 0; i < 5; i++) cb.onResult((t += 0.1), 0.01, 'ok');
    for (let i = 0; i < 4; i++) cb.onResult((t += 0.1), 0.01, 'error');
    expect(cb.state()).toBe('closed'); // throughput 9
    cb.onResult((t += 0.1), 0.01, 'error'); // 10 calls, 5/10 = 0.5
    expect(cb.state()).toBe('open');
    const cb2 = new PollyCircuitBreaker({ minimumThroughput: 10, failureRatio: 0.5 });
    for (let i = 0; i < 9; i++) cb2.onResult(i, 0.01, 'error');
    cb2.onResult(9.5, 0.01, 'ok'); // throughput 10, ratio 0.9, but successes never break
    expect(cb2.state()).toBe('closed');
  });

  it('rolling sampling window drops sub-windows older than SamplingDuration', () => {
    const cb = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, samplingDuration: 30 });
    cb.onResult(0, 0.01, 'error');
    cb.onResult(30, 0.01, 'error'); // the window started at 0 has expired
    expect(cb.state()).toBe('closed');
    expect(cb.metrics(30).calls).toBe(1);
    cb.onResult(59.9, 0.01, 'error');
    expect(cb.state()).toBe('open');
  });

  it('single probe: lazy half-open at now >= blockedUntil (inclusive); others rejected; success closes', () => {
    const cb = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, breakDuration: 5 });
    cb.onResult(0.5, 0.01, 'error');
    cb.onResult(1, 0.01, 'error'); // open, blockedUntil = 6
    expect(cb.tryAcquirePermission(5.999)).toBe(false);
    expect(cb.tryAcquirePermission(6)).toBe(true);
    expect(cb.state()).toBe('half-open');
    expect(cb.blockedUntilTime).toBe(11);
    expect(cb.tryAcquirePermission(6)).toBe(false);
    expect(cb.tryAcquirePermission(12)).toBe(false); // v8: the pending probe blocks everyone
    expect(cb.notPermittedCalls).toBe(3);
    cb.onResult(13, 0.01, 'ok');
    expect(cb.state()).toBe('closed');
    expect(cb.metrics(13).calls).toBe(0); // metrics reset on close
  });

  it('probe failure re-opens for another BreakDuration; reprobeWhileHalfOpen lets a new probe in after blockedUntil', () => {
    const cb = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, breakDuration: 5 });
    cb.onResult(0, 0.01, 'error');
    cb.onResult(1, 0.01, 'error');
    expect(cb.tryAcquirePermission(6)).toBe(true);
    cb.onResult(7, 0.01, 'timeout');
    expect(cb.state()).toBe('open');
    expect(cb.blockedUntilTime).toBe(12);
    const v7 = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, breakDuration: 5, reprobeWhileHalfOpen: true });
    v7.onResult(0, 0.01, 'error');
    v7.onResult(1, 0.01, 'error');
    expect(v7.tryAcquirePermission(6)).toBe(true);
    expect(v7.tryAcquirePermission(10.9)).toBe(false);
    expect(v7.tryAcquirePermission(11)).toBe(true);
    expect(v7.state()).toBe('half-open');
  });

  it('every probe outcome moves the breaker: handled failures (default: all, rejected and shed too) reopen, others close', () => {
    const open = (cb: PollyCircuitBreaker): void => {
      cb.onResult(0, 0.01, 'error');
      cb.onResult(1, 0.01, 'error'); // open until 6
      expect(cb.tryAcquirePermission(6)).toBe(true);
    };
    for (const f of ['rejected', 'shed', 'circuit-open'] as const) {
      const cb = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, breakDuration: 5 });
      open(cb);
      cb.onResult(6.5, 0.01, f);
      expect([f, cb.state(), cb.blockedUntilTime]).toEqual([f, 'open', 11.5]);
    }
    // an outcome shouldHandle does not list is Polly's unhandled outcome: a success, which closes
    const cb = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, breakDuration: 5, shouldHandle: ['error', 'timeout'] });
    open(cb);
    cb.onResult(6.5, 0.01, 'shed');
    expect(cb.state()).toBe('closed');
    expect(() => new PollyCircuitBreaker({ shouldHandle: ['fallback' as never] })).toThrow(/shouldHandle\.0 = "fallback"/);
  });

  it('an abandoned probe frees the slot: the first call at or after blockedUntil is the next probe', () => {
    const cb = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, breakDuration: 5 });
    cb.onResult(0, 0.01, 'error');
    cb.onResult(1, 0.01, 'error'); // open until 6
    expect(cb.tryAcquirePermission(6)).toBe(true); // probe; blockedUntil 11
    cb.releasePermission(8); // its caller gave up
    expect(cb.state()).toBe('half-open');
    expect(cb.tryAcquirePermission(10.9)).toBe(false);
    expect(cb.tryAcquirePermission(11)).toBe(true); // the next probe; blockedUntil 16
    expect(cb.tryAcquirePermission(11)).toBe(false);
    expect(cb.tryAcquirePermission(20)).toBe(false); // this probe is pending: v8 blocks everyone
    cb.onResult(21, 0.01, 'ok');
    expect(cb.state()).toBe('closed');
  });

  it('failures while open are counted but do not extend the break; BreakDurationGenerator is used', () => {
    const cb = new PollyCircuitBreaker({ minimumThroughput: 2, failureRatio: 0.5, breakDuration: 5 }, { breakDurationGenerator: (a) => 5 * 2 ** a.halfOpenAttempts });
    cb.onResult(0, 0.01, 'error');
    cb.onResult(1, 0.01, 'error'); // open until 6 (halfOpenAttempts 0)
    cb.onResult(3, 0.01, 'error');
    expect(cb.blockedUntilTime).toBe(6);
    expect(cb.metrics(3).failedCalls).toBe(3);
    expect(cb.tryAcquirePermission(6)).toBe(true);
    cb.onResult(6.5, 0.01, 'error'); // halfOpenAttempts 1 -> 10 s
    expect(cb.blockedUntilTime).toBe(16.5);
    expect(cb.stateTime(20)).toEqual({ closed: 1, open: 5 + 13.5, 'half-open': 0.5 });
  });
});
