// The extension point between a caller and a service: anything that can carry a call and report
// its outcome. A CallEdge (call-edge.ts) is the basic invoker; a resilience-policy pipeline
// (retry, circuit breaker, timeout, bulkhead, hedging, fallback) is an Invoker that wraps another.
import type { Call, CallDone } from './call.js';

export interface Invoker {
  /**
   * Carries `call`: sets `call.start` to now, and later sets outcome, cause, end and calls
   * `done(call)` exactly once, unless the caller abandons the call first. `done` may be called
   * before `invoke` returns (e.g. no routable replica, queue full). `done` must be a long-lived
   * function (not a closure per call); the caller's context goes in `call.owner` / `call.slot`.
   */
  invoke(call: Call, done: CallDone): void;
  /**
   * The caller stops waiting for a pending `call`: `done` will not be called for it. `cancel`
   * says whether the server should stop working on it (default: the invoker's own setting, e.g.
   * CallEdge `cancelOnAbandon`). Abandoning a call that is not pending does nothing.
   */
  abandon(call: Call, cancel?: boolean): void;
}
