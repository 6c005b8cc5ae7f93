import { z } from 'zod';
import { ConfigError, invalidConfig, quote } from '../base/config-error.js';
import { Brownout, brownoutConfigSchema } from './brownout.js';
import { Bulkhead, bulkheadConfigSchema } from './bulkhead.js';
import { createCircuitBreaker, pollyCircuitBreakerConfigSchema, resilience4jCircuitBreakerConfigSchema, type CircuitBreaker } from './circuit-breaker/index.js';
import { FallbackPolicy, fallbackConfigSchema } from './fallback.js';
import { HedgingPolicy, hedgingConfigSchema } from './hedging.js';
import { LoadShedder, loadShedderConfigSchema } from './load-shedder.js';
import { OutlierDetector, outlierDetectionConfigSchema } from './outlier-detection.js';
import { createRateLimiter, resilience4jRateLimiterConfigSchema, tokenBucketRateLimiterConfigSchema, type RateLimiter } from './rate-limiter.js';
import type { RetryBudget } from './retry-budget.js';
import { EnvoyRetryBudget, envoyRetryBudgetConfigSchema } from './retry-budget-envoy.js';
import { FinagleRetryBudget, finagleRetryBudgetConfigSchema } from './retry-budget-finagle.js';
import { TokenBucketRetryBudget, tokenBucketRetryBudgetConfigSchema } from './retry-budget-token-bucket.js';
import { RetryPolicy, retryConfigSchema } from './retry.js';
import { TimeoutPolicy, timeoutConfigSchema } from './timeout.js';

/**
 * An ordered pipeline of policies around one dependency call. The FIRST element is the OUTERMOST wrapper
 * (as in Polly's ResiliencePipelineBuilder and resilience4j's Decorators.ofSupplier(...).withX order read
 * outside-in). E.g. [fallback, retry, circuitBreaker, timeout]: the timeout bounds each attempt, the breaker sees
 * every attempt, retry re-runs breaker+timeout, fallback catches what retry finally gives up on.
 * Each step is `{ type, ...config }`; configs are the policies' own schemas (durations in seconds).
 */
const step = <T extends string, S extends z.ZodObject>(type: T, schema: S) => schema.extend({ type: z.literal(type) });

const STEP_SCHEMAS = [
  step('timeout', timeoutConfigSchema),
  step('retry', retryConfigSchema),
  step('circuitBreaker', resilience4jCircuitBreakerConfigSchema),
  step('circuitBreaker', pollyCircuitBreakerConfigSchema),
  step('bulkhead', bulkheadConfigSchema),
  step('rateLimiter', resilience4jRateLimiterConfigSchema),
  step('rateLimiter', tokenBucketRateLimiterConfigSchema),
  step('loadShedder', loadShedderConfigSchema),
  step('fallback', fallbackConfigSchema),
  step('brownout', brownoutConfigSchema),
  step('hedging', hedgingConfigSchema),
  step('outlierDetection', outlierDetectionConfigSchema),
  step('retryBudget', finagleRetryBudgetConfigSchema.extend({ kind: z.literal('finagle') })),
  step('retryBudget', envoyRetryBudgetConfigSchema.extend({ kind: z.literal('envoy') })),
  step('retryBudget', tokenBucketRetryBudgetConfigSchema.extend({ kind: z.literal('token-bucket') })),
] as const;

/** One step: `type` selects the policy; circuitBreaker/rateLimiter select a `profile`, retryBudget a `kind`. */
export const pipelineStepSchema = z.union(STEP_SCHEMAS);

export const pipelineSchema = z.array(pipelineStepSchema);

export type PipelineStepInput = z.input<typeof pipelineStepSchema>;
export type PipelineStep = z.output<typeof pipelineStepSchema>;
export type PipelineSpec = readonly PipelineStep[];
export type PolicyType = PipelineStep['type'];

export const POLICY_TYPES = [
  'timeout',
  'retry',
  'circuitBreaker',
  'bulkhead',
  'rateLimiter',
  'loadShedder',
  'fallback',
  'brownout',
  'hedging',
  'outlierDetection',
  'retryBudget',
] as const satisfies readonly PolicyType[];

/** Parses a pipeline spec; errors name the step index, its type and the offending field. */
export function parsePipeline(input: unknown): PipelineSpec {
  if (!Array.isArray(input)) throw new ConfigError(`pipeline: expected an array of steps, got ${typeof input}`);
  return input.map((raw: unknown, i) => {
    const r = pipelineStepSchema.safeParse(raw);
    if (r.success) return r.data;
    const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const type = obj['type'];
    const candidates = STEP_SCHEMAS.filter((s) => s.shape.type.value === type);
    if (candidates.length === 0) {
      throw new ConfigError(`pipeline[${i}]: unknown type ${quote(type)}; expected one of ${POLICY_TYPES.join(', ')}`);
    }
    // Prefer the branch whose profile/kind matches what was given.
    const sel = obj['profile'] ?? obj['kind'];
    const best =
      candidates.find((s) => {
        const shape = s.shape as Record<string, unknown>;
        const lit = (shape['profile'] ?? shape['kind']) as { def?: { innerType?: { value?: unknown }; values?: unknown[] }; value?: unknown } | undefined;
        const v = lit?.value ?? lit?.def?.innerType?.value ?? lit?.def?.values?.[0];
        return sel === undefined ? true : v === sel;
      }) ?? candidates[0]!;
    const rr = best.safeParse(raw);
    const issue = rr.success ? undefined : rr.error.issues[0];
    const where = issue === undefined ? '(step)' : issue.path.map(String).join('.') || '(step)';
    let value: unknown = obj;
    for (const k of issue?.path ?? []) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k] : undefined;
    throw invalidConfig(`pipeline[${i}] (${String(type)})`, where, value, issue?.message ?? 'matches no variant (check profile/kind)');
  });
}

/** The step's policy config without the pipeline keys (`type`, and `kind` for retry budgets). */
export function stepConfig(step: PipelineStepInput | PipelineStep): Record<string, unknown> {
  const { type: _type, ...rest } = step as Record<string, unknown> & { type: string };
  if (step.type === 'retryBudget') delete rest['kind'];
  return rest;
}

export type PolicyInstance =
  | { readonly type: 'timeout'; readonly policy: TimeoutPolicy }
  | { readonly type: 'retry'; readonly policy: RetryPolicy }
  | { readonly type: 'circuitBreaker'; readonly policy: CircuitBreaker }
  | { readonly type: 'bulkhead'; readonly policy: Bulkhead }
  | { readonly type: 'rateLimiter'; readonly policy: RateLimiter }
  | { readonly type: 'loadShedder'; readonly policy: LoadShedder }
  | { readonly type: 'fallback'; readonly policy: FallbackPolicy }
  | { readonly type: 'brownout'; readonly policy: Brownout }
  | { readonly type: 'hedging'; readonly policy: HedgingPolicy }
  | { readonly type: 'outlierDetection'; readonly policy: OutlierDetector }
  | { readonly type: 'retryBudget'; readonly policy: RetryBudget };

/**
 * Instantiates one step (stateful policies such as breakers, budgets and limiters: one instance per place
 * in the model they guard). `startTime` is when the instance is created; `hosts` seeds an outlier detector.
 */
export function createPolicy(step: PipelineStepInput | PipelineStep, options: { readonly startTime?: number; readonly hosts?: readonly (string | number)[] } = {}): PolicyInstance {
  const c = stepConfig(step) as never;
  const t = options.startTime ?? 0;
  switch (step.type) {
    case 'timeout':
      return { type: step.type, policy: new TimeoutPolicy(c) };
    case 'retry':
      return { type: step.type, policy: new RetryPolicy(c) };
    case 'circuitBreaker':
      return { type: step.type, policy: createCircuitBreaker(c, { startTime: t }) };
    case 'bulkhead':
      return { type: step.type, policy: new Bulkhead(c) };
    case 'rateLimiter':
      return { type: step.type, policy: createRateLimiter(c, t) };
    case 'loadShedder':
      return { type: step.type, policy: new LoadShedder(c) };
    case 'fallback':
      return { type: step.type, policy: new FallbackPolicy(c) };
    case 'brownout':
      return { type: step.type, policy: new Brownout(c, t) };
    case 'hedging':
      return { type: step.type, policy: new HedgingPolicy(c) };
    case 'outlierDetection':
      return { type: step.type, policy: new OutlierDetector(c, options.hosts ?? [], { startTime: t }) };
    case 'retryBudget': {
      const kind = (step as { kind: string }).kind;
      if (kind === 'finagle') return { type: step.type, policy: new FinagleRetryBudget(c, t) };
      if (kind === 'envoy') return { type: step.type, policy: new EnvoyRetryBudget(c) };
      return { type: step.type, policy: new TokenBucketRetryBudget(c) };
    }
  }
  throw new ConfigError(`pipeline: unknown step type ${quote((step as { type?: unknown }).type)}`);
}
