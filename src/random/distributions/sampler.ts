import type { Rng } from '../rng.js';
import { DistSpecError } from './dist-spec-error.js';
import { familyOf, type DistSpec } from './registry.js';
import { distSpecSchema, type DistSpecInput } from './schema.js';

/** Validates a user spec and returns its canonical form; throws DistSpecError. */
export function resolveDist(spec: DistSpecInput | DistSpec): DistSpec {
  const r = distSpecSchema.safeParse(spec);
  if (!r.success) throw new DistSpecError(r.error.issues);
  return r.data;
}

/** Turns a spec ONCE into a fast sampler drawing from `rng`. */
export function makeSampler(spec: DistSpecInput | DistSpec, rng: Rng): () => number {
  const s = resolveDist(spec);
  return familyOf(s).sampler(s, rng);
}

/** Exact mean of the distribution (Infinity where infinite). */
export function distMean(spec: DistSpecInput | DistSpec): number {
  const s = resolveDist(spec);
  return familyOf(s).mean(s);
}

/** Exact variance of the distribution (Infinity where infinite). */
export function distVariance(spec: DistSpecInput | DistSpec): number {
  const s = resolveDist(spec);
  return familyOf(s).variance(s);
}
