// Rate-limiter layer (resilience4j AtomicRateLimiter, token bucket): asks the limiter for a permit.
//
// - permitted with no wait → the call goes to the inner invoker at once;
// - permitted with a wait (a reserved future permit) → it goes after `waitS` seconds (an event at
//   Priority.NORMAL; `parent.timer` holds it);
// - not permitted → outcome 'rejected', cause 'rate-limited', at once (before `invoke` returns).
// A caller that abandons a waiting call loses its reserved permit (resilience4j does not give
// reservations back either).
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import type { RateLimiter } from '../../policies/rate-limiter.js';
import type { Call, CallDone } from '../service/call.js';
import type { Invoker } from '../service/invoker.js';
import { PolicyLayer } from './policy-layer.js';

export class RateLimiterInvoker extends PolicyLayer {
  readonly limiter: RateLimiter;
  /** Calls rejected since the last reset. */
  readonly limited = new Counter();
  /** Calls that had to wait for a permit, and their total wait (seconds), since the last reset. */
  readonly delayed = new Counter();
  readonly waitTime = new Counter();

  constructor(sim: Simulation, inner: Invoker, limiter: RateLimiter) {
    super(sim, inner);
    this.limiter = limiter;
  }

  invoke(call: Call, done: CallDone): void {
    this.begin(call, done);
    const d = this.limiter.acquire(this.sim.now);
    if (!d.permitted) {
      this.limited.inc();
      this.deliver(call, 'rejected', 'rate-limited', false);
      return;
    }
    const child = this.spawn(call);
    if (d.waitS > 0) {
      this.delayed.inc();
      this.waitTime.add(d.waitS);
      call.timer = this.sim._scheduleShort(d.waitS, this.onWaited, child, Priority.NORMAL);
      return;
    }
    this.inner.invoke(child, this.onInnerDone);
  }

  abandon(call: Call, cancel?: boolean): void {
    this.abandonChild(call, cancel);
  }

  resetStats(): void {
    this.limited.resetStats();
    this.delayed.resetStats();
    this.waitTime.resetStats();
  }

  private readonly onWaited = (child: Call): void => {
    (child.owner as Call).timer = -1;
    this.inner.invoke(child, this.onInnerDone);
  };

  private readonly onInnerDone = (child: Call): void => {
    this.forward(child.owner as Call, child);
  };
}
