// What every circuit-breaker profile keeps the same way: the state tracker (current state, time per
// state, transition log) and the count of calls not permitted, with the getters that expose them.
import { StateTracker } from './state-tracker.js';
import type { CircuitBreakerOptions, CircuitTransition } from './types.js';

export abstract class TrackedBreaker {
  protected readonly st: StateTracker;
  /** Calls rejected by tryAcquirePermission. */
  protected notPermitted = 0;

  protected constructor(options: CircuitBreakerOptions) {
    this.st = new StateTracker(options);
  }

  get notPermittedCalls(): number {
    return this.notPermitted;
  }
  get transitions(): readonly CircuitTransition[] {
    return this.st.log;
  }
  get transitionCount(): number {
    return this.st.count;
  }
}
