// Construction-time validation of component configs: errors name the component and the field and
// quote the bad value, e.g. `service "web": invalid capacity = 0: must be an integer ≥ 1`.
import { quote as quoteValue } from '../../policies/config.js';

export { quoteValue };

export class ComponentConfigError extends Error {
  constructor(
    readonly component: string,
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`${component}: invalid ${field} = ${quoteValue(value)}: ${reason}`);
    this.name = 'ComponentConfigError';
  }
}

/** Throws a ComponentConfigError unless `ok`. */
export function requireConfig(ok: boolean, component: string, field: string, value: unknown, reason: string): void {
  if (!ok) throw new ComponentConfigError(component, field, value, reason);
}
