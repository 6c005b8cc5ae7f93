// The one error for a bad configuration, from every layer: a policy's, a component's, a
// distribution's, a duration's or a rate's, or an argument of a formula. Its message names where
// (the policy, the component, the function), the field, and quotes the offending value; the
// experiment loader and `hasim validate` refuse a file on it (exit 2) and treat anything else as
// a fault of hasim. Two message shapes, both built here so they read alike everywhere:
//   `service "web": invalid capacity = 0: must be an integer ≥ 1`        (invalidConfig)
//   `failure process "web[0]": mttf must be a finite number > 0, got -1`  (mustBe)

/** Thrown when a configuration (or an argument standing for one) is invalid. */
export class ConfigError extends Error {
  /** The offending field, where one field is to blame. */
  readonly field: string | undefined;
  /** The offending value as given, where `field` is set. */
  readonly value: unknown;
  constructor(message: string, field?: string, value?: unknown) {
    super(message);
    this.name = 'ConfigError';
    this.field = field;
    this.value = value;
  }
}

/**
 * Renders a config value for an error message: strings and objects as JSON, numbers as written
 * (NaN, Infinity, -0 spelled out), undefined and functions by name.
 */
export function quote(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'function') return '<function>';
  if (typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `where: invalid field = value: reason`. */
export function invalidConfig(where: string, field: string, value: unknown, reason: string): ConfigError {
  return new ConfigError(`${where}: invalid ${field} = ${quote(value)}: ${reason}`, field, value);
}

/** Throws `invalidConfig(where, field, value, reason)` unless `ok`. */
export function requireConfig(ok: boolean, where: string, field: string, value: unknown, reason: string): void {
  if (!ok) throw invalidConfig(where, field, value, reason);
}

/** `where: field must be requirement, got value`. */
export function mustBe(where: string, field: string, requirement: string, value: unknown): ConfigError {
  return new ConfigError(`${where}: ${field} must be ${requirement}, got ${quote(value)}`, field, value);
}
