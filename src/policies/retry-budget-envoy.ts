import { z } from 'zod';
import { parseConfig, MAX_COUNT } from './config.js';
import type { Outcome } from './outcome.js';
import type { RetryBudget, RetryBudgetContext } from './retry-budget.js';

/**
 * Envoy cluster circuit-breaker `retry_budget`: a retry may start iff
 *   activeRetries < max(floor(budgetPercent/100 · (activeRequests + pendingRequests)), minRetryConcurrency)
 * (Envoy computes the limit in uint64, hence the floor). It is a CONCURRENCY limit, not a rate: the engine passes
 * the current counts with every tryRetry. Without a retry_budget Envoy uses the static thresholds `max_retries`
 * (default 3 concurrent retries): `mode: 'static'`.
 */
export const envoyRetryBudgetConfigSchema = z
  .object({
    mode: z.enum(['budget', 'static']).default('budget').describe("'budget' = retry_budget; 'static' = thresholds.max_retries"),
    budgetPercent: z.number().min(0).max(100).default(20),
    minRetryConcurrency: z.number().int().min(0).max(MAX_COUNT).default(3),
    maxRetries: z.number().int().min(0).max(MAX_COUNT).default(3).describe('static concurrent-retry limit (Envoy default 3), used when mode is static'),
  })
  .strict();

export type EnvoyRetryBudgetConfigInput = z.input<typeof envoyRetryBudgetConfigSchema>;
export type EnvoyRetryBudgetConfig = z.output<typeof envoyRetryBudgetConfigSchema>;

export class EnvoyRetryBudget implements RetryBudget {
  readonly kind = 'envoy' as const;
  readonly config: Readonly<EnvoyRetryBudgetConfig>;
  private last: RetryBudgetContext = { activeRequests: 0, pendingRequests: 0, activeRetries: 0 };
  private allowed = 0;
  private denied = 0;

  constructor(config: EnvoyRetryBudgetConfigInput = {}) {
    this.config = parseConfig('retryBudget(envoy)', envoyRetryBudgetConfigSchema, config);
  }

  /** Maximum concurrent retries for the given load. */
  limit(ctx: Pick<RetryBudgetContext, 'activeRequests' | 'pendingRequests'>): number {
    if (this.config.mode === 'static') return this.config.maxRetries;
    const fromPercent = Math.floor((this.config.budgetPercent / 100) * (ctx.activeRequests + ctx.pendingRequests) + 1e-9);
    return Math.max(fromPercent, this.config.minRetryConcurrency);
  }

  onRequest(_now: number): void {}
  onSuccess(_now: number, _info?: { readonly retriedAfter?: Outcome }): void {}
  onFailure(_now: number, _outcome: Outcome): void {}

  tryRetry(_now: number, _outcome: Outcome, ctx?: RetryBudgetContext): boolean {
    if (ctx === undefined) throw new TypeError('retryBudget(envoy): tryRetry needs the current counts (ctx: { activeRequests, pendingRequests, activeRetries })');
    this.last = ctx;
    if (ctx.activeRetries < this.limit(ctx)) {
      this.allowed++;
      return true;
    }
    this.denied++;
    return false;
  }

  balance(): number {
    return Math.max(0, this.limit(this.last) - this.last.activeRetries);
  }

  get retriesAllowed(): number {
    return this.allowed;
  }
  get retriesDenied(): number {
    return this.denied;
  }
}
