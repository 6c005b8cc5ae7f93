import { z } from 'zod';
import { invalidConfig, requireConfig } from '../base/config-error.js';
import { deepFreeze, parseConfig } from './config.js';
import type { Outcome } from './outcome.js';
import type { RetryBudget } from './retry-budget.js';

export const TOKEN_BUCKET_PROFILES = ['grpc', 'aws', 'brooker'] as const;
export type TokenBucketProfile = (typeof TOKEN_BUCKET_PROFILES)[number];

/**
 * Retry token buckets. All arithmetic is done in integer milli-tokens (gRPC stores tokens with 3 decimals).
 *  - grpc (A6 retry throttling): every failed attempt costs 1 token, every success adds `tokenRatio`;
 *    retries (and hedges) are allowed while tokens > maxTokens/2; a retry itself costs nothing.
 *  - aws (SDK "standard" retry quota): 500 tokens; a retry costs 5 (10 after a timeout) and needs tokens >= cost;
 *    a success returns 1 token, or, when the successful attempt was a retry, the cost of that retry.
 *  - brooker (2022 "adaptive" per-client bucket): +0.1 token per request, size 5 starting full, a retry needs
 *    tokens > 1 and costs 1.
 * Generic rule: retry allowed iff tokens > retryThreshold and tokens >= cost(outcome).
 */
export const tokenBucketRetryBudgetConfigSchema = z
  .object({
    profile: z.enum(TOKEN_BUCKET_PROFILES).optional().describe('default grpc'),
    maxTokens: z.number().positive().max(1e9).optional().describe('bucket capacity (gRPC maxTokens <= 1000; AWS 500; Brooker 5)'),
    initialTokens: z.number().min(0).optional().describe('starting tokens (default: full)'),
    initialRetryTokens: z.number().min(0).optional().describe('AWS name: capacity and starting tokens'),
    tokenRatio: z.number().positive().optional().describe('gRPC: tokens added per success'),
    noRetryIncrement: z.number().min(0).optional().describe('AWS name of the per-success refund'),
    requestDeposit: z.number().min(0).optional().describe('tokens added per logical request (Brooker 0.1)'),
    failureCost: z.number().min(0).optional().describe('tokens removed per failed attempt (gRPC 1)'),
    retryCost: z.number().min(0).optional().describe('tokens withdrawn per retry (AWS 5, Brooker 1)'),
    timeoutRetryCost: z.number().min(0).optional().describe('tokens withdrawn per retry after a timeout (AWS 10)'),
    retryThreshold: z.number().min(0).optional().describe('retries need tokens STRICTLY above this (gRPC maxTokens/2, Brooker 1)'),
    refundRetryCostOnSuccess: z.boolean().optional().describe('AWS: a successful retry refunds its own cost instead of noRetryIncrement'),
  })
  .strict();

export type TokenBucketRetryBudgetConfigInput = z.input<typeof tokenBucketRetryBudgetConfigSchema>;

export interface TokenBucketRetryBudgetConfig {
  readonly profile: TokenBucketProfile;
  readonly maxTokens: number;
  readonly initialTokens: number;
  readonly successDeposit: number;
  readonly requestDeposit: number;
  readonly failureCost: number;
  readonly retryCost: number;
  readonly timeoutRetryCost: number;
  readonly retryThreshold: number;
  readonly refundRetryCostOnSuccess: boolean;
}

/** Converts tokens to integer milli-tokens the way gRPC Java does (truncation). */
const toMilli = (x: number): number => Math.trunc(x * 1000 + 1e-9);

export function resolveTokenBucketConfig(input: TokenBucketRetryBudgetConfigInput = {}): TokenBucketRetryBudgetConfig {
  const p = parseConfig('retryBudget(token-bucket)', tokenBucketRetryBudgetConfigSchema, input);
  const profile = p.profile ?? 'grpc';
  if (p.tokenRatio !== undefined && p.noRetryIncrement !== undefined) {
    throw invalidConfig('retryBudget(token-bucket)', 'noRetryIncrement', p.noRetryIncrement, 'conflicts with tokenRatio (same setting)');
  }
  if (p.maxTokens !== undefined && p.initialRetryTokens !== undefined) {
    throw invalidConfig('retryBudget(token-bucket)', 'initialRetryTokens', p.initialRetryTokens, 'conflicts with maxTokens (AWS capacity = initialRetryTokens)');
  }
  const success = p.tokenRatio ?? p.noRetryIncrement;
  let cfg: TokenBucketRetryBudgetConfig;
  if (profile === 'grpc') {
    const max = p.maxTokens ?? 10;
    requireConfig(max <= 1000, 'retryBudget(token-bucket)', 'maxTokens', max, 'gRPC allows at most 1000');
    cfg = { profile, maxTokens: max, initialTokens: p.initialTokens ?? max, successDeposit: success ?? 0.1, requestDeposit: p.requestDeposit ?? 0, failureCost: p.failureCost ?? 1, retryCost: p.retryCost ?? 0, timeoutRetryCost: p.timeoutRetryCost ?? p.retryCost ?? 0, retryThreshold: p.retryThreshold ?? Math.trunc(toMilli(max) / 2) / 1000, refundRetryCostOnSuccess: p.refundRetryCostOnSuccess ?? false };
  } else if (profile === 'aws') {
    const max = p.maxTokens ?? p.initialRetryTokens ?? 500;
    cfg = { profile, maxTokens: max, initialTokens: p.initialTokens ?? max, successDeposit: success ?? 1, requestDeposit: p.requestDeposit ?? 0, failureCost: p.failureCost ?? 0, retryCost: p.retryCost ?? 5, timeoutRetryCost: p.timeoutRetryCost ?? 10, retryThreshold: p.retryThreshold ?? 0, refundRetryCostOnSuccess: p.refundRetryCostOnSuccess ?? true };
  } else {
    const max = p.maxTokens ?? 5;
    cfg = { profile, maxTokens: max, initialTokens: p.initialTokens ?? max, successDeposit: success ?? 0, requestDeposit: p.requestDeposit ?? 0.1, failureCost: p.failureCost ?? 0, retryCost: p.retryCost ?? 1, timeoutRetryCost: p.timeoutRetryCost ?? p.retryCost ?? 1, retryThreshold: p.retryThreshold ?? 1, refundRetryCostOnSuccess: p.refundRetryCostOnSuccess ?? false };
  }
  requireConfig(cfg.initialTokens <= cfg.maxTokens, 'retryBudget(token-bucket)', 'initialTokens', cfg.initialTokens, `must be <= maxTokens (${cfg.maxTokens})`);
  return deepFreeze(cfg);
}

export class TokenBucketRetryBudget implements RetryBudget {
  readonly kind = 'token-bucket' as const;
  readonly config: TokenBucketRetryBudgetConfig;
  private readonly max: number;
  private readonly threshold: number;
  private milli: number;
  private allowed = 0;
  private denied = 0;

  constructor(config: TokenBucketRetryBudgetConfigInput = {}) {
    this.config = resolveTokenBucketConfig(config);
    this.max = toMilli(this.config.maxTokens);
    this.threshold = toMilli(this.config.retryThreshold);
    this.milli = toMilli(this.config.initialTokens);
  }

  /** Current tokens (exact to 3 decimals). */
  get tokens(): number {
    return this.milli / 1000;
  }

  private deposit(x: number): void {
    this.milli = Math.min(this.max, this.milli + toMilli(x));
  }

  /** Tokens one retry after `outcome` costs. */
  retryCost(outcome: Outcome): number {
    return outcome === 'timeout' ? this.config.timeoutRetryCost : this.config.retryCost;
  }

  onRequest(_now: number): void {
    if (this.config.requestDeposit > 0) this.deposit(this.config.requestDeposit);
  }

  onSuccess(_now: number, info?: { readonly retriedAfter?: Outcome }): void {
    const retried = info?.retriedAfter;
    this.deposit(this.config.refundRetryCostOnSuccess && retried !== undefined ? this.retryCost(retried) : this.config.successDeposit);
  }

  onFailure(_now: number, _outcome: Outcome): void {
    if (this.config.failureCost > 0) this.milli = Math.max(0, this.milli - toMilli(this.config.failureCost));
  }

  tryRetry(_now: number, outcome: Outcome): boolean {
    const cost = toMilli(this.retryCost(outcome));
    if (this.milli > this.threshold && this.milli >= cost) {
      this.milli -= cost;
      this.allowed++;
      return true;
    }
    this.denied++;
    return false;
  }

  /** Retries grantable now if each cost `retryCost` and nothing else happened. */
  balance(): number {
    const cost = toMilli(this.config.retryCost);
    if (this.milli <= this.threshold) return 0;
    if (cost === 0) return Infinity;
    let n = 0;
    let m = this.milli;
    while (m > this.threshold && m >= cost) {
      m -= cost;
      n++;
    }
    return n;
  }

  get retriesAllowed(): number {
    return this.allowed;
  }
  get retriesDenied(): number {
    return this.denied;
  }
}
