// Outcomes are values: how a call, an attempt or a logical request ended. Shared vocabulary of
// the policies that decide them, the components that carry them and the metrics that count them.
import { z } from 'zod';

/** Every outcome a call, attempt or logical request can end with (string values print well in CSV). */
export const OUTCOMES = ['ok', 'error', 'timeout', 'rejected', 'shed', 'circuit-open', 'fallback'] as const;

export type Outcome = (typeof OUTCOMES)[number];

export const outcomeSchema = z.enum(OUTCOMES);

/** Outcomes that count as a successful answer to the caller ('fallback' is a degraded success). */
export function isSuccess(outcome: Outcome): boolean {
  return outcome === 'ok' || outcome === 'fallback';
}

/** Every outcome that is a failure of the call (all but 'ok' and 'fallback'). */
export const FAILURE_OUTCOMES = ['error', 'timeout', 'rejected', 'shed', 'circuit-open'] as const;

export type FailureOutcome = (typeof FAILURE_OUTCOMES)[number];

export const failureOutcomeSchema = z.enum(FAILURE_OUTCOMES);

/** Outcomes that are failures of the call. */
export function isFailure(outcome: Outcome): boolean {
  return !isSuccess(outcome);
}
