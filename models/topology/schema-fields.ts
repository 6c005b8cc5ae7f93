// Field builders shared by the parts of the `topology` schema: a policy pipeline with its
// description, and a time distribution.
import { durationDistSchema } from '../../src/random/index.js';
import { pipelineSchema } from '../../src/policies/index.js';

export const policies = (where: string) =>
  pipelineSchema.meta({
    description: `ordered policy pipeline ${where}, first = outermost (timeout, retry, retryBudget, circuitBreaker, bulkhead, rateLimiter, fallback, hedging); see src/policies/README.md`,
  });

// Every distribution here is a time: one that can draw a negative value is refused.
export const dist = (description: string) => durationDistSchema.meta({ description });
