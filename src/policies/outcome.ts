import { z } from 'zod';

/** Every outcome a call, attempt or logical request can end with (string values print well in CSV). */
export const OUTCOMES = ['ok', 'error', 'timeout', 'rejected', 'shed', 'circuit-open', 'fallback'] as const;

export type Outcome = (typeof OUTCOMES)[number];

export const outcomeSchema = z.enum(OUTCOMES);

/** Outcomes that count as a successful answer to the caller ('fallback' is a degraded success). */
export function isSuccess(outcome: Outcome): boolean {
  return outcome === 'ok' || outcome === 'fallback';
}

/** Outcomes that a circuit breaker / outlier detector records as failures of the dependency. */
export function isFailure(outcome: Outcome): boolean {
  return outcome === 'error' || outcome === 'timeout';
}
