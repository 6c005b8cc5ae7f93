import { z } from 'zod';
import { requireConfig } from '../base/config-error.js';
import { duration, parseConfig, MAX_COUNT } from './config.js';
import type { Outcome } from './outcome.js';
import type { RetryBudget } from './retry-budget.js';

/**
 * Finagle `RetryBudget(ttl = 10.seconds, minRetriesPerSec = 10, percentCanRetry = 0.2)`:
 * a token bucket in integer units. Each request deposits 1000 units; a retry withdraws floor(1000 / percentCanRetry)
 * units; a constant reserve of minRetriesPerSec · floor(ttl in s) · withdrawal units is always added to the balance.
 * Deposits AND withdrawals expire after `ttl` (Finagle's LeakyBucket over a 10-slice WindowedAdder), so in steady
 * state retries/s ≤ percentCanRetry · requests/s + minRetriesPerSec.
 */
export const finagleRetryBudgetConfigSchema = z
  .object({
    ttl: duration(z.number().min(1).max(60)).default(10).describe('seconds deposits/withdrawals live (Finagle: 1..60 s)'),
    minRetriesPerSec: z.number().int().min(0).max(MAX_COUNT).default(10),
    percentCanRetry: z.number().min(0).max(1000).default(0.2).describe('fraction of requests that may be retried (0.2 = 20 %)'),
  })
  .strict();

export type FinagleRetryBudgetConfigInput = z.input<typeof finagleRetryBudgetConfigSchema>;
export type FinagleRetryBudgetConfig = z.output<typeof finagleRetryBudgetConfigSchema>;

const SCALING_FACTOR = 1000;
const SLICES = 10;

export class FinagleRetryBudget implements RetryBudget {
  readonly kind = 'finagle' as const;
  readonly config: Readonly<FinagleRetryBudgetConfig>;
  readonly depositAmount: number;
  readonly withdrawalAmount: number;
  readonly reserve: number;
  private readonly sliceWidth: number;
  /** ring of the last SLICES slices' net sums, indexed by absolute slice number mod SLICES */
  private readonly slices = new Array<number>(SLICES).fill(0);
  private currentSlice: number;
  private allowed = 0;
  private denied = 0;

  constructor(config: FinagleRetryBudgetConfigInput = {}, readonly startTime = 0) {
    this.config = parseConfig('retryBudget(finagle)', finagleRetryBudgetConfigSchema, config);
    const p = this.config.percentCanRetry;
    this.depositAmount = p === 0 ? 0 : SCALING_FACTOR;
    this.withdrawalAmount = p === 0 ? 1 : Math.trunc(SCALING_FACTOR / p);
    requireConfig(this.withdrawalAmount >= 1, 'retryBudget(finagle)', 'percentCanRetry', p, 'too large (withdrawal would be < 1 unit)');
    this.reserve = this.config.minRetriesPerSec * Math.trunc(this.config.ttl) * this.withdrawalAmount;
    this.sliceWidth = this.config.ttl / SLICES;
    this.currentSlice = 0;
  }

  private advance(now: number): number {
    const idx = Math.floor((now - this.startTime) / this.sliceWidth + 1e-9);
    if (idx < this.currentSlice) return this.currentSlice; // time never goes back; tolerate equal times
    const steps = Math.min(idx - this.currentSlice, SLICES);
    for (let s = 1; s <= steps; s++) this.slices[(idx - steps + s) % SLICES] = 0;
    this.currentSlice = idx;
    return idx;
  }

  private add(now: number, n: number): void {
    const idx = this.advance(now);
    const i = idx % SLICES;
    this.slices[i] = (this.slices[i] ?? 0) + n;
  }

  /** Current token count in units (window sum + reserve). */
  units(now: number): number {
    this.advance(now);
    let s = this.reserve;
    for (const v of this.slices) s += v;
    return s;
  }

  onRequest(now: number): void {
    this.add(now, this.depositAmount);
  }

  onSuccess(_now: number, _info?: { readonly retriedAfter?: Outcome }): void {}

  onFailure(_now: number, _outcome: Outcome): void {}

  tryRetry(now: number): boolean {
    if (this.units(now) >= this.withdrawalAmount) {
      this.add(now, -this.withdrawalAmount);
      this.allowed++;
      return true;
    }
    this.denied++;
    return false;
  }

  balance(now: number): number {
    return Math.floor(this.units(now) / this.withdrawalAmount);
  }

  get retriesAllowed(): number {
    return this.allowed;
  }
  get retriesDenied(): number {
    return this.denied;
  }
}
