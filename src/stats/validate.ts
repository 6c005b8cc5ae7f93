/**
 * Argument and config checks shared by the formulas (stats, analysis) and the components.
 * Every error is a ConfigError that names the function and the field and quotes the offending value.
 */
import { mustBe } from '../base/config-error.js';

/** Requires a finite number (any sign). */
export function requireFinite(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw mustBe(where, field, 'a finite number', value);
  return value;
}

/** Requires a finite number > 0. */
export function requirePositive(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw mustBe(where, field, 'a finite number > 0', value);
  }
  return value;
}

/** Requires a finite number >= 0. */
export function requireNonNegative(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value >= 0)) {
    throw mustBe(where, field, 'a finite number >= 0', value);
  }
  return value;
}

/** Requires a number > 0 that may be +Infinity. */
export function requirePositiveOrInfinity(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || !(value > 0)) {
    throw mustBe(where, field, 'a number > 0 (Infinity allowed)', value);
  }
  return value;
}

/** Requires an integer >= min. */
export function requireInteger(where: string, field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw mustBe(where, field, `an integer >= ${min}`, value);
  }
  return value;
}

/** Requires an integer >= min, or +Infinity. */
export function requireIntegerOrInfinity(where: string, field: string, value: unknown, min: number): number {
  if (value === Infinity) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw mustBe(where, field, `an integer >= ${min} or Infinity`, value);
  }
  return value;
}

/** Requires a probability in [0, 1]. */
export function requireProbability(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw mustBe(where, field, 'a probability in [0, 1]', value);
  return value;
}
