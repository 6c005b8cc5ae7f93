// Circuit-breaker layer: asks the breaker before each call and tells it the outcome.
//
// - `tryAcquirePermission(now)` false → the call completes at once (before `invoke` returns) with
//   outcome 'circuit-open', cause 'circuit-open' (counted in `notPermitted`).
// - Otherwise the call goes to the inner invoker; on completion `onResult(now, latency, outcome)`
//   (which outcomes count as failures is the breaker's config: by default every failure outcome).
// - A caller that abandons a permitted call (an outer timeout, a losing hedge) gives the permission
//   back (`releasePermission`): an abandoned call is neither a success nor a failure; a half-open
//   breaker may then let another probe through (resilience4j: the permit; Polly: the probe slot,
//   from blockedUntil on).
// - Timer-driven transitions (resilience4j `automaticTransitionFromOpenToHalfOpenEnabled`,
//   `maxWaitDurationInHalfOpenState`): the breaker never schedules anything itself, so after every
//   interaction this layer schedules one event at `nextTransitionAt()` (Priority.NORMAL) that calls
//   `tick(now)`. Lazy transitions (the default) happen on the first call after the wait.
// - Statistics: state-time fractions and transition counts since the last reset (the breaker keeps
//   totals since its creation; the layer subtracts a baseline). A transition trace is the breaker's
//   `onTransition` option (see buildPipeline's `onBreakerTransition`).
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import type { CircuitBreaker, CircuitState } from '../../policies/circuit-breaker/types.js';
import type { Call, CallDone } from '../service/call.js';
import type { Invoker } from '../service/invoker.js';
import { PolicyLayer } from './policy-layer.js';

export class CircuitBreakerInvoker extends PolicyLayer {
  readonly breaker: CircuitBreaker;
  /** Calls rejected with 'circuit-open' since the last reset. */
  readonly notPermitted = new Counter();
  private timer = -1;
  private timerAt = NaN;
  private since: number = 0;
  private baseTime: Record<CircuitState, number>;
  private baseTransitions: number = 0;

  constructor(sim: Simulation, inner: Invoker, breaker: CircuitBreaker) {
    super(sim, inner);
    this.breaker = breaker;
    this.since = sim.now;
    this.baseTime = breaker.stateTime(sim.now);
    this.baseTransitions = breaker.transitionCount;
    this.arm();
  }

  invoke(call: Call, done: CallDone): void {
    this.begin(call, done);
    const now = this.sim.now;
    if (!this.breaker.tryAcquirePermission(now)) {
      this.notPermitted.inc();
      this.arm();
      this.deliver(call, 'circuit-open', 'circuit-open', false);
      return;
    }
    this.arm();
    this.inner.invoke(this.spawn(call), this.onInnerDone);
  }

  abandon(call: Call, cancel?: boolean): void {
    if (!this.abandonChild(call, cancel)) return;
    this.breaker.releasePermission(this.sim.now);
    this.arm();
  }

  /** Seconds in each state since the last reset. */
  stateTime(now: number = this.sim.now): Record<CircuitState, number> {
    const t = this.breaker.stateTime(now);
    const b = this.baseTime;
    return { closed: t.closed - b.closed, open: t.open - b.open, 'half-open': t['half-open'] - b['half-open'] };
  }

  /** Percentage of the time since the last reset spent in `state` (NaN if no time passed). */
  statePct(state: CircuitState, now: number = this.sim.now): number {
    return (100 * this.stateTime(now)[state]) / (now - this.since);
  }

  /** State transitions since the last reset. */
  get transitions(): number {
    return this.breaker.transitionCount - this.baseTransitions;
  }

  resetStats(now: number = this.sim.now): void {
    this.notPermitted.resetStats();
    this.since = now;
    this.baseTime = this.breaker.stateTime(now);
    this.baseTransitions = this.breaker.transitionCount;
  }

  private readonly onInnerDone = (child: Call): void => {
    const parent = child.owner as Call;
    this.breaker.onResult(this.sim.now, child.end - child.start, child.outcome);
    this.arm();
    this.forward(parent, child);
  };

  /** Keeps one event scheduled at the breaker's next timer-driven transition, if any. */
  private arm(): void {
    const t = this.breaker.nextTransitionAt();
    if (t === undefined || !Number.isFinite(t)) {
      if (this.timer >= 0) {
        this.sim.cancel(this.timer);
        this.timer = -1;
        this.timerAt = NaN;
      }
      return;
    }
    if (this.timer >= 0 && t === this.timerAt) return;
    if (this.timer >= 0) this.sim.cancel(this.timer);
    const now = this.sim.now;
    this.timerAt = t;
    this.timer = this.sim.schedule(t > now ? t - now : 0, this.onTick, null, Priority.NORMAL);
  }

  private readonly onTick = (): void => {
    this.timer = -1;
    this.timerAt = NaN;
    this.breaker.tick(this.sim.now);
    this.arm();
  };
}
