import { z } from 'zod';
import { PollyCircuitBreaker, pollyCircuitBreakerConfigSchema, type PollyCircuitBreakerConfigInput, type PollyCircuitBreakerOptions } from './polly.js';
import { Resilience4jCircuitBreaker, resilience4jCircuitBreakerConfigSchema, type Resilience4jCircuitBreakerConfigInput } from './resilience4j.js';
import type { CircuitBreaker } from './types.js';

export * from './types.js';
export * from './resilience4j.js';
export * from './polly.js';
export { CountWindow, TimeWindow, type SlidingWindow, type WindowTotals } from './sliding-window.js';

/** Either profile; `profile` defaults to 'resilience4j'. */
export const circuitBreakerConfigSchema = z.union([resilience4jCircuitBreakerConfigSchema, pollyCircuitBreakerConfigSchema]);

export type CircuitBreakerConfigInput = Resilience4jCircuitBreakerConfigInput | PollyCircuitBreakerConfigInput;

/** Builds the breaker of the requested profile (validation errors name the field and quote the value). */
export function createCircuitBreaker(config: CircuitBreakerConfigInput = {}, options: PollyCircuitBreakerOptions = {}): CircuitBreaker {
  if (config.profile === 'polly') return new PollyCircuitBreaker(config, options);
  return new Resilience4jCircuitBreaker(config, options);
}
