// Timeout layer: the caller gives up on the wrapped call after `timeout` seconds.
//
// - At the deadline the inner call is abandoned (cancel = `cancelOnTimeout`, default false: the
//   server keeps working on a request nobody waits for — what makes retry storms possible) and
//   the caller gets outcome 'timeout', cause 'deadline'.
// - If the inner call completes first, the deadline event is cancelled (O(1)).
// - The deadline event runs at Priority.URGENT, as CallEdge's: an answer due exactly at the
//   deadline loses (a call is 'ok' only if it ends strictly before the deadline, as
//   TimeoutPolicy.classify says).
// - Placed inside a retry layer it is a per-attempt timeout; placed outside one it bounds the whole
//   logical request including every retry and backoff wait (Envoy's route timeout). The pipeline
//   builder turns a step's `overallTimeout` into a second TimeoutInvoker around the enclosing retry.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import type { Call, CallDone } from '../service/call.js';
import { requireConfig } from '../../base/config-error.js';
import type { Invoker } from '../service/invoker.js';
import { PolicyLayer } from './policy-layer.js';

export interface TimeoutInvokerConfig {
  /** Seconds the caller waits for the wrapped call (> 0, finite). */
  readonly timeout: number;
  /** Whether the server stops working on a timed-out call (default false). */
  readonly cancelOnTimeout?: boolean;
  /** Name for error messages (default 'timeout'). */
  readonly name?: string;
}

export class TimeoutInvoker extends PolicyLayer {
  readonly timeout: number = 0;
  readonly cancelOnTimeout: boolean;
  /** Calls that timed out since the last reset. */
  readonly timeouts = new Counter();

  constructor(sim: Simulation, inner: Invoker, config: TimeoutInvokerConfig) {
    super(sim, inner);
    const who = config.name ?? 'timeout';
    requireConfig(typeof config.timeout === 'number' && config.timeout > 0 && Number.isFinite(config.timeout), who, 'timeout', config.timeout, 'must be a finite number of seconds > 0');
    const cancel = config.cancelOnTimeout ?? false;
    requireConfig(typeof cancel === 'boolean', who, 'cancelOnTimeout', cancel, 'must be a boolean');
    this.timeout = config.timeout;
    this.cancelOnTimeout = cancel;
  }

  invoke(call: Call, done: CallDone): void {
    this.begin(call, done);
    const child = this.spawn(call);
    call.timer = this.sim._scheduleShort(this.timeout, this.onTimeout, call, Priority.URGENT);
    this.inner.invoke(child, this.onInnerDone);
  }

  /**
   * The caller abandons `call`. With `cancelOnTimeout`, the work below is cancelled whenever a
   * call is abandoned through this layer (e.g. its caller's own work was cancelled), so that
   * cancellation propagates down a chain of edges that cancel; an explicit `cancel` wins.
   */
  abandon(call: Call, cancel?: boolean): void {
    this.abandonChild(call, cancel ?? (this.cancelOnTimeout ? true : undefined));
  }

  resetStats(): void {
    this.timeouts.resetStats();
  }

  private readonly onInnerDone = (child: Call): void => {
    this.forward(child.owner as Call, child);
  };

  private readonly onTimeout = (call: Call): void => {
    call.timer = -1;
    const child = this.children.get(call);
    if (child !== undefined) {
      // Unlink first: abandoning the child may complete other calls at once, and their callers
      // may abandon `call` meanwhile (then nothing is delivered below).
      this.children.delete(call);
      if (child.done !== null) {
        child.timedOut = true;
        this.inner.abandon(child, this.cancelOnTimeout);
      }
      this.pool.release(child);
    }
    this.timeouts.inc();
    this.deliver(call, 'timeout', 'deadline', false);
  };
}
