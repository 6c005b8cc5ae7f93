// A free list of Call objects, owned by one caller (a workload, a service, a policy layer).
// Intrusive (linked through `Call.nextFree`), last released first reused: no array operations on
// the hot path.
import { Call } from './call.js';

export class CallPool {
  private head: Call | null = null;
  private count = 0;

  /**
   * A call ready for `invoke` (reused when one is free). References are cleared, `attempt` is 0 and
   * `replica` is -1 (a stale one would be charged by outlier detection for a call never routed);
   * `cls`, `critical`, `slot` hold stale values: the acquirer sets them (invokers set the rest).
   */
  acquire(): Call {
    const c = this.head;
    if (c === null) return new Call();
    this.head = c.nextFree;
    c.nextFree = null;
    c.pooled = false;
    this.count--;
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
    call.timedOut = false;
    call.link = null;
    call.hop = -1;
    call.replyLost = false;
    call.pooled = true;
    call.nextFree = this.head;
    this.head = call;
    this.count++;
  }

  /** Calls currently free. */
  get size(): number {
    return this.count;
  }
}
