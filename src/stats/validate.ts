/**
 * Argument checks shared by the pure-math layers (stats, analysis).
 * Every error names the function and the field and quotes the offending value.
 */

/** Renders a value for an error message: strings are JSON-quoted, everything else via String(). */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return String(value);
}

function fail(where: string, field: string, requirement: string, value: unknown): never {
  throw new RangeError(`${where}: ${field} must be ${requirement}, got ${formatValue(value)}`);
}

/** Requires a finite number (any sign). */
export function requireFinite(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, field, 'a finite number', value);
  return value;
}

/** Requires a finite number > 0. */
export function requirePositive(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    fail(where, field, 'a finite number > 0', value);
  }
  return value;
}

/** Requires a finite number >= 0. */
export function requireNonNegative(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value >= 0)) {
    fail(where, field, 'a finite number >= 0', value);
  }
  return value;
}

/** Requires a number > 0 that may be +Infinity. */
export function requirePositiveOrInfinity(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || !(value > 0)) {
    fail(where, field, 'a number > 0 (Infinity allowed)', value);
  }
  return value;
}

/** Requires an integer >= min. */
export function requireInteger(where: string, field: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(where, field, `an integer >= ${min}`, value);
  }
  return value;
}

/** Requires an integer >= min, or +Infinity. */
export function requireIntegerOrInfinity(where: string, field: string, value: number, min: number): number {
  if (value === Infinity) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(where, field, `an integer >= ${min} or Infinity`, value);
  }
  return value;
}

/** Requires a probability in [0, 1]. */
export function requireProbability(where: string, field: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(where, field, 'a probability in [0, 1]', value);
  return value;
}
