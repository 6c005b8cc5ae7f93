export { PolicyLayer } from './policy-layer.js';
export { TimeoutInvoker, type TimeoutInvokerConfig } from './timeout-invoker.js';
export { RetryInvoker, type RetryInvokerOptions } from './retry-invoker.js';
export { CircuitBreakerInvoker } from './circuit-breaker-invoker.js';
export { BulkheadInvoker } from './bulkhead-invoker.js';
export { RateLimiterInvoker } from './rate-limiter-invoker.js';
export { FallbackInvoker } from './fallback-invoker.js';
export { HedgingInvoker, type HedgingInvokerOptions } from './hedging-invoker.js';
export { buildPipeline, type BuiltPipeline, type BuildPipelineOptions, type StreamSource } from './pipeline-builder.js';
