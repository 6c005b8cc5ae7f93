// How a resilience layer takes charge of its caller's Call (the parent) and answers it: the same
// steps for every layer, whether it extends PolicyLayer or keeps its own per-request state.
import type { Outcome } from '../../policies/outcome.js';
import type { Call, CallDone } from '../service/call.js';

/** Takes charge of `parent` at `now`: records `done` and the start time; no pending event, no job. */
export function beginParent(parent: Call, done: CallDone, now: number): void {
  parent.done = done;
  parent.start = now;
  parent.timer = -1;
  parent.job = null;
}

/** Writes `parent`'s outcome (ended at `now`) and calls its `done`, once. */
export function answerParent(parent: Call, outcome: Outcome, cause: string, degraded: boolean, now: number): void {
  parent.outcome = outcome;
  parent.cause = cause;
  parent.degraded = degraded;
  parent.end = now;
  const done = parent.done;
  parent.done = null;
  if (done !== null) done(parent);
}
