// Validation of component configs (failures, zones, replica groups): every error names the
// component and the field and quotes the offending value, e.g.
//   `failure process "web[0]": ttf must be a sampler function () => seconds, got 5`.
import { formatValue } from '../../stats/validate.js';

function fail(where: string, field: string, requirement: string, value: unknown): never {
  throw new RangeError(`${where}: ${field} must be ${requirement}, got ${formatValue(value)}`);
}

/** A sampler: a function of no argument returning seconds. */
export function requireSampler(where: string, field: string, value: unknown): () => number {
  if (typeof value !== 'function') fail(where, field, 'a sampler function () => seconds', value);
  return value as () => number;
}

/** An Rng: a function of no argument returning a number in [0, 1). */
export function requireRng(where: string, field: string, value: unknown): () => number {
  if (typeof value !== 'function') fail(where, field, 'a random number generator () => [0, 1)', value);
  return value as () => number;
}

export function requireFiniteNonNegative(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value >= 0)) fail(where, field, 'a finite number >= 0', value);
  return value;
}

export function requireFinitePositive(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) fail(where, field, 'a finite number > 0', value);
  return value;
}

/** A non-negative duration that may be Infinity (a fault that is never cleared). */
export function requireDurationOrInfinity(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || !(value >= 0)) fail(where, field, 'a number of seconds >= 0 (Infinity allowed)', value);
  return value;
}

export function requireIntegerAtLeast(where: string, field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(where, field, `an integer >= ${min}`, value);
  return value;
}

export function requireProbability(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(where, field, 'a probability in [0, 1]', value);
  return value;
}

export function requireOneOf<T extends string>(where: string, field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(where, field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  }
  return value as T;
}

export function requireName(where: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) fail(where, field, 'a non-empty string', value);
  return value;
}

/** Draws from a sampler and checks the draw is a duration (≥ 0; Infinity only if allowed). */
export function drawDuration(where: string, field: string, sampler: () => number, allowInfinity: boolean): number {
  const d = sampler();
  if (typeof d !== 'number' || Number.isNaN(d) || d < 0 || (!allowInfinity && d === Infinity)) {
    throw new RangeError(
      `${where}: ${field} sampler returned ${formatValue(d)}; expected a duration in seconds >= 0${allowInfinity ? '' : ' (finite)'}`,
    );
  }
  return d;
}
