import type { z } from 'zod';
import type { Rng } from '../rng.js';

/** Canonical (resolved) spec of any family: numbers only, times in seconds. */
export interface CanonicalSpec {
  readonly dist: string;
}

/**
 * One distribution family. `schema` validates the user's spec object (which may use
 * alternative parametrisations and duration strings) and outputs the canonical spec; a
 * canonical spec is itself a valid input, so parsing is idempotent.
 */
export interface DistFamily<S extends CanonicalSpec> {
  readonly name: S['dist'];
  readonly schema: z.ZodType<S, unknown>;
  /** Builds a fast sampler; call once per spec, not per draw. */
  sampler(spec: S, rng: Rng): () => number;
  /** Exact mean (Infinity where infinite). */
  mean(spec: S): number;
  /** Exact variance (Infinity where infinite). */
  variance(spec: S): number;
}
