// A call: one request travelling from a caller (a workload, a service, a policy) to an invoker.
// Calls are small monomorphic objects, pooled and reused (see call-pool.ts): every field exists
// from construction, and nothing is allocated per request on the hot path.
//
// Ownership: a Call belongs to the invoker it was passed to from `invoke` until `done` is called
// (or until the caller abandons it); the invoker may use `job` and `timer`. A policy layer that
// needs its own per-call state passes a CHILD Call to the inner invoker (acquired from a pool,
// `owner` = the parent call) instead of the caller's call.
import type { Outcome } from '../../policies/outcome.js';
import type { Job } from './job.js';
import type { NetworkLink } from '../network/network-link.js';

/** Completion callback: called once with the call, whose outcome, cause and end are set. */
export type CallDone = (call: Call) => void;

export class Call {
  /** Request-class index (in the workload's class table; 0 with one class). Propagated downstream. */
  cls = 0;
  /** Criticality of the request class ('critical' → true). Propagated downstream. */
  critical = true;
  /** Time the call was invoked, seconds (set by the invoker). */
  start = 0;
  /** Time the outcome was delivered, seconds. */
  end = 0;
  /** How the call ended (valid once done). */
  outcome: Outcome = 'ok';
  /** Why it failed: '' on success, e.g. 'no-replica', 'replica-down', 'queue-full', 'deadline', 'local-error', 'dependency:db'. */
  cause = '';
  /** Succeeded although an optional downstream call failed (graceful degradation). */
  degraded = false;
  /** Whom to tell (set by `invoke`, cleared before it is called). */
  done: CallDone | null = null;
  /** The caller's context (e.g. the Job that made this downstream call, or a parent Call). */
  owner: unknown = null;
  /** The caller's index for this call (e.g. which dependency). */
  slot = 0;
  /** Attempt number for policy layers (0 = first attempt). */
  attempt = 0;
  /** Index of the replica the call was routed to (-1 until routed); set on the call and on its Call ancestors. */
  replica = -1;
  /** A replica index the balancer should avoid when another is routable (hedging), or -1. */
  avoid = -1;
  /**
   * Set on a call its caller abandons because the caller's deadline passed (a timeout layer), and
   * passed down through the layers below, so that the service counts it as a timeout.
   */
  timedOut = false;
  /** The network the call crosses to its service (null: none, no hop). Propagated downstream through policy layers. */
  link: NetworkLink | null = null;
  /** The calling replica's index in its service (or the workload's origin index), for the link's zone latencies and locality (-1: none). Propagated with `link`. */
  origin = -1;
  /** @internal Pending network event of this call (request or response in flight), a short handle, or -1. */
  hop = -1;
  /** @internal The response to this call will be lost (drawn when the request is sent). */
  replyLost = false;
  /** @internal Server-side work serving this call (null when none or detached). */
  job: Job | null = null;
  /** @internal Pending timer event of this call (timeout, backoff, wait...), a short handle from `Simulation._scheduleShort` (cancel it with `_cancelShort`), or -1. */
  timer = -1;
  /** @internal True while in a pool. */
  pooled = false;
  /** @internal Next free call in its pool (null when not pooled or last). */
  nextFree: Call | null = null;

  /** end − start, seconds. */
  get latency(): number {
    return this.end - this.start;
  }

  /** Clears every field (pool release). */
  clear(): void {
    this.cls = 0;
    this.critical = true;
    this.start = 0;
    this.end = 0;
    this.outcome = 'ok';
    this.cause = '';
    this.degraded = false;
    this.done = null;
    this.owner = null;
    this.slot = 0;
    this.attempt = 0;
    this.replica = -1;
    this.avoid = -1;
    this.timedOut = false;
    this.link = null;
    this.origin = -1;
    this.hop = -1;
    this.replyLost = false;
    this.job = null;
    this.timer = -1;
  }
}
