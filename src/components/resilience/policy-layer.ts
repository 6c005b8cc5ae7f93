// The common machinery of a resilience-policy layer: an Invoker that wraps another Invoker.
//
// A layer never hands the caller's Call (the PARENT) to the inner invoker: it passes a CHILD Call
// from its own pool (`child.owner` = parent; class and criticality copied), so that per-attempt
// fields (start, end, timer, job, outcome) written by inner invokers never clobber the caller's.
// `parent.timer` belongs to the layer while the parent is pending (Call's ownership rule) and
// holds the layer's own event (timeout, backoff, wait...), or -1.
//
// Finding the child of a parent on `abandon` needs a link the Call class does not have, so each
// layer keeps a Map parent → child (one entry per call in flight through the layer). Completion
// callbacks are long-lived bound functions; nothing allocates a closure per call.
import type { Simulation } from '../../engine/simulation.js';
import type { Outcome } from '../../policies/outcome.js';
import type { Call, CallDone } from '../service/call.js';
import { CallPool } from '../service/call-pool.js';
import type { Invoker } from '../service/invoker.js';
import { answerParent, beginParent } from './parent-call.js';

export abstract class PolicyLayer implements Invoker {
  readonly sim: Simulation;
  readonly inner: Invoker;
  /** Child calls of the parents in flight through this layer. */
  protected readonly children = new Map<Call, Call>();
  protected readonly pool = new CallPool();

  constructor(sim: Simulation, inner: Invoker) {
    this.sim = sim;
    this.inner = inner;
  }

  abstract invoke(call: Call, done: CallDone): void;
  abstract abandon(call: Call, cancel?: boolean): void;

  /** Calls in flight through this layer (diagnostics, tests). */
  get inFlight(): number {
    return this.children.size;
  }

  /** Takes charge of `parent`: records `done` and the start time. */
  protected begin(parent: Call, done: CallDone): void {
    beginParent(parent, done, this.sim.now);
  }

  /** A fresh child for `parent` (linked in `children`). */
  protected spawn(parent: Call): Call {
    const c = this.pool.acquire();
    c.owner = parent;
    c.cls = parent.cls;
    c.critical = parent.critical;
    c.link = parent.link;
    c.origin = parent.origin;
    c.slot = 0;
    c.attempt = 0;
    c.avoid = parent.avoid;
    c.outcome = 'ok';
    c.cause = '';
    c.degraded = false;
    this.children.set(parent, c);
    return c;
  }

  /** Unlinks and frees `parent`'s child. */
  protected drop(parent: Call, child: Call): void {
    this.children.delete(parent);
    this.pool.release(child);
  }

  /** Delivers an outcome to the caller of `parent` (now), cancelling the layer's pending event. */
  protected deliver(parent: Call, outcome: Outcome, cause: string, degraded: boolean): void {
    if (parent.timer >= 0) {
      this.sim._cancelShort(parent.timer);
      parent.timer = -1;
    }
    answerParent(parent, outcome, cause, degraded, this.sim.now);
  }

  /** Copies the child's outcome to the parent, frees the child and delivers. */
  protected forward(parent: Call, child: Call): void {
    const outcome = child.outcome;
    const cause = child.cause;
    const degraded = child.degraded;
    this.drop(parent, child);
    this.deliver(parent, outcome, cause, degraded);
  }

  /**
   * Common abandon: the caller stops waiting for `parent`; its pending child (if any) is
   * abandoned with `cancel` (undefined: the inner invoker's own default) and freed.
   * Returns false if `parent` was not pending here.
   */
  protected abandonChild(parent: Call, cancel: boolean | undefined): boolean {
    if (parent.done === null) return false;
    parent.done = null;
    if (parent.timer >= 0) {
      this.sim._cancelShort(parent.timer);
      parent.timer = -1;
    }
    const child = this.children.get(parent);
    if (child !== undefined) {
      if (child.done !== null) {
        child.timedOut = parent.timedOut;
        this.inner.abandon(child, cancel);
      }
      this.drop(parent, child);
    }
    return true;
  }
}
