// Fallback layer: a wrapped call that ends with a handled failure (FallbackPolicy `on`) is answered
// with a degraded success instead: outcome 'fallback', `degraded = true`, after the fallback's own
// `latency` (an event at Priority.NORMAL; at once if the latency is 0). The cause keeps why the
// wrapped call failed (e.g. 'deadline', 'circuit-open'), so traces show what was degraded and why.
// Other outcomes pass through unchanged.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import type { FallbackPolicy } from '../../policies/fallback.js';
import type { Call, CallDone } from '../service/call.js';
import type { Invoker } from '../service/invoker.js';
import { PolicyLayer } from './policy-layer.js';

export class FallbackInvoker extends PolicyLayer {
  readonly policy: FallbackPolicy;
  /** Calls answered by the fallback since the last reset. */
  readonly fallbacks = new Counter();
  private readonly latency: number = 0;

  constructor(sim: Simulation, inner: Invoker, policy: FallbackPolicy) {
    super(sim, inner);
    this.policy = policy;
    this.latency = policy.config.latency;
  }

  invoke(call: Call, done: CallDone): void {
    this.begin(call, done);
    this.inner.invoke(this.spawn(call), this.onInnerDone);
  }

  abandon(call: Call, cancel?: boolean): void {
    this.abandonChild(call, cancel); // also cancels a fallback in progress (parent.timer)
  }

  resetStats(): void {
    this.fallbacks.resetStats();
  }

  private readonly onInnerDone = (child: Call): void => {
    const parent = child.owner as Call;
    if (!this.policy.handles(child.outcome)) {
      this.forward(parent, child);
      return;
    }
    this.fallbacks.inc();
    const cause = child.cause;
    this.drop(parent, child);
    parent.cause = cause;
    if (this.latency > 0) {
      parent.timer = this.sim._scheduleShort(this.latency, this.onFallbackDone, parent, Priority.NORMAL);
      return;
    }
    this.deliver(parent, 'fallback', cause, true);
  };

  private readonly onFallbackDone = (parent: Call): void => {
    parent.timer = -1;
    this.deliver(parent, 'fallback', parent.cause, true);
  };
}
