// Retry layer: re-runs the wrapped call (its attempts) according to a RetryPolicy, optionally
// limited by a retry budget.
//
// Per logical request (one parent Call): a RetrySchedule (the policy's per-request state) and a
// pooled RetryState. Attempts are numbered from 1; `child.attempt` is attempt − 1 (Call's
// convention: 0 = first). After attempt k ends with outcome o:
//   - success ('ok', 'fallback'): the request ends with it (budget.onSuccess);
//   - o retryable (policy.retryOn) and k < maxAttempts: ask the budget (tryRetry); granted → wait
//     schedule.nextDelay(k) (an event at Priority.NORMAL, even for a zero delay), then attempt k+1;
//     refused → the request ends with o (counted in `refusedByBudget`);
//   - otherwise the request ends with o (the last attempt's outcome, cause and degraded flag).
// Budget protocol (src/policies/retry-budget.ts): onRequest at the first attempt; after each attempt
// onSuccess (with `retriedAfter` = the outcome that caused this retry, for AWS refunds) or, for a
// retryable failure, onFailure. Envoy budgets get { activeRequests: attempts in flight through this
// layer, pendingRequests: 0 (no connection pools are modelled), activeRetries: retries granted and
// not yet finished (counted from the grant, so a retry waiting out its backoff holds its place) }.
//
// Abandoning a request cancels its backoff event or abandons its attempt in flight.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import type { Rng } from '../../random/rng.js';
import type { Outcome } from '../../policies/outcome.js';
import type { RetryPolicy, RetrySchedule } from '../../policies/retry.js';
import type { RetryBudget, RetryBudgetContext } from '../../policies/retry-budget.js';
import type { Call, CallDone } from '../service/call.js';
import type { Invoker } from '../service/invoker.js';
import { PolicyLayer } from './policy-layer.js';

/** Per-logical-request state (pooled). */
class RetryState {
  parent: Call | null = null;
  schedule: RetrySchedule | null = null;
  /** attempts started (1-based number of the current/last attempt) */
  attempt = 0;
  /** the current attempt is a retry granted by the budget (counts in activeRetries) */
  retrying = false;
  /** outcome that caused the current retry */
  retriedAfter: Outcome = 'error';
}

export interface RetryInvokerOptions {
  /** Optional retry budget consulted before each retry. */
  readonly budget?: RetryBudget;
}

export class RetryInvoker extends PolicyLayer {
  readonly policy: RetryPolicy;
  readonly budget: RetryBudget | undefined;
  /** Logical requests started. */
  readonly requests = new Counter();
  /** Attempts started (first attempts + retries). */
  readonly attempts = new Counter();
  /** Retries granted (attempts after the first). */
  readonly retries = new Counter();
  /** Retries the policy wanted but the budget refused. */
  readonly refusedByBudget = new Counter();
  /** Logical requests finished (answered or abandoned), and the attempts they made. */
  readonly finished = new Counter();
  readonly finishedAttempts = new Counter();
  private readonly rng: Rng;
  private readonly states = new Map<Call, RetryState>();
  private readonly free: RetryState[] = [];
  private activeAttempts = 0;
  private activeRetries = 0;
  private readonly ctx: { activeRequests: number; pendingRequests: number; activeRetries: number } = { activeRequests: 0, pendingRequests: 0, activeRetries: 0 };
  private readonly retriedInfo: { retriedAfter: Outcome } = { retriedAfter: 'error' };
  private readonly noInfo: { readonly retriedAfter?: Outcome } = {};

  constructor(sim: Simulation, inner: Invoker, policy: RetryPolicy, rng: Rng, options: RetryInvokerOptions = {}) {
    super(sim, inner);
    this.policy = policy;
    this.rng = rng;
    this.budget = options.budget;
  }

  /** Attempts per finished logical request (retry amplification); NaN before any finished. */
  get attemptsPerRequest(): number {
    return this.finished.value === 0 ? NaN : this.finishedAttempts.value / this.finished.value;
  }

  /** Attempts in flight through this layer now. */
  get attemptsInFlight(): number {
    return this.activeAttempts;
  }

  invoke(call: Call, done: CallDone): void {
    this.begin(call, done);
    const st = this.free.pop() ?? new RetryState();
    st.parent = call;
    st.schedule = this.policy.schedule(this.rng);
    st.attempt = 0;
    st.retrying = false;
    this.states.set(call, st);
    this.requests.inc();
    this.budget?.onRequest(this.sim.now);
    this.launch(st);
  }

  abandon(call: Call, cancel?: boolean): void {
    const st = this.states.get(call);
    if (st === undefined || call.done === null) return;
    if (this.children.has(call)) this.activeAttempts--;
    this.abandonChild(call, cancel); // cancels the backoff event (parent.timer) or the attempt
    this.finish(st);
  }

  resetStats(): void {
    this.requests.resetStats();
    this.attempts.resetStats();
    this.retries.resetStats();
    this.refusedByBudget.resetStats();
    this.finished.resetStats();
    this.finishedAttempts.resetStats();
  }

  private launch(st: RetryState): void {
    const parent = st.parent!;
    st.attempt++;
    this.attempts.inc();
    this.activeAttempts++;
    const child = this.spawn(parent);
    child.attempt = st.attempt - 1;
    this.inner.invoke(child, this.onAttemptDone);
  }

  private finish(st: RetryState): void {
    const parent = st.parent!;
    if (st.retrying) this.activeRetries--;
    this.finished.inc();
    this.finishedAttempts.add(st.attempt);
    this.states.delete(parent);
    st.parent = null;
    st.schedule = null;
    st.retrying = false;
    this.free.push(st);
  }

  private readonly onAttemptDone = (child: Call): void => {
    const parent = child.owner as Call;
    const st = this.states.get(parent)!;
    const now = this.sim.now;
    this.activeAttempts--;
    const outcome = child.outcome;
    const cause = child.cause;
    const degraded = child.degraded;
    this.drop(parent, child);
    const budget = this.budget;
    const wasRetry = st.retrying;
    if (wasRetry) {
      st.retrying = false;
      this.activeRetries--;
    }
    if (outcome === 'ok' || outcome === 'fallback') {
      if (budget !== undefined) {
        if (wasRetry) {
          this.retriedInfo.retriedAfter = st.retriedAfter;
          budget.onSuccess(now, this.retriedInfo);
        } else budget.onSuccess(now, this.noInfo);
      }
      this.end(st, outcome, cause, degraded);
      return;
    }
    if (!this.policy.isRetryable(outcome)) {
      this.end(st, outcome, cause, degraded);
      return;
    }
    budget?.onFailure(now, outcome);
    const schedule = st.schedule!;
    if (!schedule.shouldRetry(st.attempt, outcome)) {
      this.end(st, outcome, cause, degraded);
      return;
    }
    if (budget !== undefined) {
      const ctx = this.ctx;
      ctx.activeRequests = this.activeAttempts;
      ctx.pendingRequests = 0;
      ctx.activeRetries = this.activeRetries;
      if (!budget.tryRetry(now, outcome, ctx as RetryBudgetContext)) {
        this.refusedByBudget.inc();
        this.end(st, outcome, cause, degraded);
        return;
      }
    }
    this.retries.inc();
    this.activeRetries++;
    st.retrying = true;
    st.retriedAfter = outcome;
    parent.timer = this.sim._scheduleShort(schedule.nextDelay(st.attempt), this.onBackoffDone, st, Priority.NORMAL);
  };

  private readonly onBackoffDone = (st: RetryState): void => {
    st.parent!.timer = -1;
    this.launch(st);
  };

  private end(st: RetryState, outcome: Outcome, cause: string, degraded: boolean): void {
    const parent = st.parent!;
    this.finish(st);
    this.deliver(parent, outcome, cause, degraded);
  }
}
