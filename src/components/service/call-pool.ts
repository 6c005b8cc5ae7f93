// A free list of Call objects, owned by one caller (a workload, a service, a policy layer).
import { Call } from './call.js';

export class CallPool {
  private readonly free: Call[] = [];

  /**
   * A call ready for `invoke` (reused when one is free). References are cleared, `attempt` is 0 and
   * `replica` is -1 (a stale one would be charged by outlier detection for a call never routed);
   * `cls`, `critical`, `slot` hold stale values: the acquirer sets them (invokers set the rest).
   */
  acquire(): Call {
    const c = this.free.pop();
    if (c === undefined) return new Call();
    c.pooled = false;
    return c;
  }

  /** Returns `call` to the pool; it must not be used afterwards. Releasing twice is an error. */
  release(call: Call): void {
    if (call.pooled) throw new Error('CallPool.release: call released twice');
    call.done = null;
    call.owner = null;
    call.job = null;
    call.timer = -1;
    call.attempt = 0;
    call.replica = -1;
    call.pooled = true;
    this.free.push(call);
  }

  /** Calls currently free. */
  get size(): number {
    return this.free.length;
  }
}
