// The standby cost proxy: capacity kept running in the recovery site × time. The unit is the
// production-site-hour: a full copy of the production footprint running for one hour is 1
// (backup & restore keeps ~0, a pilot light ~0.1, a warm standby ~0.5, active-active 1).
import { ConfigError } from '../../base/config-error.js';

export class StandbyCost {
  /** Standby capacity as a fraction of production capacity (≥ 0). */
  readonly capacity: number;
  private since: number;

  constructor(capacity: number, t0 = 0) {
    if (!(capacity >= 0) || !Number.isFinite(capacity)) throw new ConfigError(`standby capacity must be a finite number ≥ 0; got ${String(capacity)}`);
    this.capacity = capacity;
    this.since = t0;
  }

  resetStats(now: number): void {
    this.since = now;
  }

  /** Production-site-hours of standby capacity from the last reset to `now`. */
  unitHours(now: number): number {
    return (this.capacity * (now - this.since)) / 3600;
  }
}
