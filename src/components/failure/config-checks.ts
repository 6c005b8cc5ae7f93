// Validation of component configs (failures, zones, replica groups): every error names the
// component and the field and quotes the offending value, e.g.
//   `failure process "web[0]": ttf must be a sampler function () => seconds, got 5`.
// The numeric checks (requirePositive, requireInteger, requireProbability, ...) are in
// stats/validate.ts, shared with the formulas.
import { ConfigError, mustBe, quote } from '../../base/config-error.js';

/** A sampler: a function of no argument returning seconds. */
export function requireSampler(where: string, field: string, value: unknown): () => number {
  if (typeof value !== 'function') throw mustBe(where, field, 'a sampler function () => seconds', value);
  return value as () => number;
}

/** An Rng: a function of no argument returning a number in [0, 1). */
export function requireRng(where: string, field: string, value: unknown): () => number {
  if (typeof value !== 'function') throw mustBe(where, field, 'a random number generator () => [0, 1)', value);
  return value as () => number;
}

/** A non-negative duration that may be Infinity (a fault that is never cleared). */
export function requireDurationOrInfinity(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || !(value >= 0)) throw mustBe(where, field, 'a number of seconds >= 0 (Infinity allowed)', value);
  return value;
}

export function requireOneOf<T extends string>(where: string, field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw mustBe(where, field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  }
  return value as T;
}

export function requireName(where: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw mustBe(where, field, 'a non-empty string', value);
  return value;
}

/** Draws from a sampler and checks the draw is a duration (≥ 0; Infinity only if allowed). */
export function drawDuration(where: string, field: string, sampler: () => number, allowInfinity: boolean): number {
  const d = sampler();
  if (typeof d !== 'number' || Number.isNaN(d) || d < 0 || (!allowInfinity && d === Infinity)) {
    throw new ConfigError(
      `${where}: ${field} sampler returned ${quote(d)}; expected a duration in seconds >= 0${allowInfinity ? '' : ' (finite)'}`,
      field,
      d,
    );
  }
  return d;
}
