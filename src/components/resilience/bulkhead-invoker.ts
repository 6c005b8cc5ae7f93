// Bulkhead layer (resilience4j semaphore bulkhead; Polly ConcurrencyLimiter with a queue): at most
// `maxConcurrentCalls` calls in flight through this layer; others wait FIFO up to `maxWaitDuration`.
//
// - A permit is free and nobody waits → the call goes to the inner invoker at once.
// - Otherwise, if the bulkhead lets callers wait (maxWaitDuration > 0, queue room), the call waits;
//   an event at its deadline (Priority.NORMAL) rejects it: outcome 'rejected', cause
//   'bulkhead-timeout'. A permit freed at exactly the deadline by a completion that runs before
//   that event still goes to the waiter (the Bulkhead's rule: eligible while now ≤ deadline).
// - May not wait → 'rejected', cause 'bulkhead-full', at once (before `invoke` returns).
// - When a call finishes (or its caller abandons it) its permit passes to the head waiter, which
//   is invoked before the finished call's answer is delivered.
// The child Call is created when the caller arrives; while it waits, `child.slot` holds its waiter
// id in the Bulkhead's FIFO and `parent.timer` its expiry event.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import type { Bulkhead } from '../../policies/bulkhead.js';
import type { Call, CallDone } from '../service/call.js';
import type { Invoker } from '../service/invoker.js';
import { PolicyLayer } from './policy-layer.js';

export class BulkheadInvoker extends PolicyLayer {
  readonly bulkhead: Bulkhead;
  /** Calls rejected (full, or waited past maxWaitDuration) since the last reset. */
  readonly rejected = new Counter();
  /** Calls that had to wait (whatever became of them) since the last reset. */
  readonly queued = new Counter();
  private readonly waiters = new Map<number, Call>();
  private nextId = 0;

  constructor(sim: Simulation, inner: Invoker, bulkhead: Bulkhead) {
    super(sim, inner);
    this.bulkhead = bulkhead;
  }

  /** Callers waiting for a permit now. */
  get waiting(): number {
    return this.waiters.size;
  }

  invoke(call: Call, done: CallDone): void {
    this.begin(call, done);
    const now = this.sim.now;
    const bh = this.bulkhead;
    const child = this.spawn(call);
    if (bh.tryAcquire(now)) {
      this.inner.invoke(child, this.onInnerDone);
      return;
    }
    const id = this.nextId++;
    if (!bh.enqueue(id, now)) {
      this.drop(call, child);
      this.rejected.inc();
      this.deliver(call, 'rejected', 'bulkhead-full', false);
      return;
    }
    this.queued.inc();
    child.slot = id;
    this.waiters.set(id, child);
    call.timer = this.sim._scheduleShort(bh.config.maxWaitDuration, this.onExpire, child, Priority.NORMAL);
  }

  abandon(call: Call, cancel?: boolean): void {
    if (call.done === null) return;
    const child = this.children.get(call);
    if (child === undefined) {
      // Its answer is on its way (the freed permit is being handed over first): not delivered now.
      call.done = null;
      return;
    }
    const running = child.done !== null;
    if (!running) {
      this.bulkhead.cancel(child.slot);
      this.waiters.delete(child.slot);
    }
    this.abandonChild(call, cancel);
    if (running) this.handOver();
  }

  resetStats(): void {
    this.rejected.resetStats();
    this.queued.resetStats();
  }

  private readonly onInnerDone = (child: Call): void => {
    const parent = child.owner as Call;
    const outcome = child.outcome;
    const cause = child.cause;
    const degraded = child.degraded;
    // Unlink the finished child BEFORE handing its permit over: the waiter started there may
    // answer at once, and its caller may then abandon this very call.
    this.drop(parent, child);
    this.handOver();
    this.deliver(parent, outcome, cause, degraded);
  };

  /** Frees a permit; the waiter that receives it (if any) is started. */
  private handOver(): void {
    const id = this.bulkhead.release(this.sim.now);
    if (id === undefined) return;
    const child = this.waiters.get(id as number)!;
    this.waiters.delete(id as number);
    const parent = child.owner as Call;
    if (parent.timer >= 0) {
      this.sim._cancelShort(parent.timer);
      parent.timer = -1;
    }
    child.slot = 0;
    this.inner.invoke(child, this.onInnerDone);
  }

  private readonly onExpire = (child: Call): void => {
    const parent = child.owner as Call;
    parent.timer = -1;
    const now = this.sim.now;
    for (const id of this.bulkhead.expire(now)) {
      // A rejection delivered just before may have made a caller abandon this waiter.
      const c = this.waiters.get(id as number);
      if (c === undefined) continue;
      this.waiters.delete(id as number);
      const p = c.owner as Call;
      if (p.timer >= 0) {
        this.sim._cancelShort(p.timer);
        p.timer = -1;
      }
      this.drop(p, c);
      this.rejected.inc();
      this.deliver(p, 'rejected', 'bulkhead-timeout', false);
    }
  };
}
