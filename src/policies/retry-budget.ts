import type { Outcome } from './outcome.js';

/** Counts the engine passes to budgets that need them (Envoy). */
export interface RetryBudgetContext {
  /** requests currently in flight to the upstream (INCLUDING active retries), as Envoy counts `rq_active` */
  readonly activeRequests: number;
  /** requests waiting for a connection (Envoy `rq_pending_active`) */
  readonly pendingRequests: number;
  /** retries currently in flight (Envoy `rq_retry` open) */
  readonly activeRetries: number;
}

/**
 * Common interface of retry budgets. Protocol, per logical request:
 *   onRequest(now) when the first attempt starts;
 *   after every attempt: onSuccess(now, info) or onFailure(now, outcome);
 *   when the retry policy wants to retry: tryRetry(now, outcome, ctx) — true means "go", and the cost is withdrawn.
 */
export interface RetryBudget {
  readonly kind: 'finagle' | 'envoy' | 'token-bucket';
  onRequest(now: number): void;
  /** `retriedAfter`: if this successful attempt was a retry, the outcome that caused that retry (AWS refunds its cost) */
  onSuccess(now: number, info?: { readonly retriedAfter?: Outcome }): void;
  onFailure(now: number, outcome: Outcome): void;
  tryRetry(now: number, outcome: Outcome, ctx?: RetryBudgetContext): boolean;
  /** Retries that could be granted right now (for metrics; Envoy needs the last context seen). */
  balance(now: number): number;
  readonly retriesAllowed: number;
  readonly retriesDenied: number;
}
