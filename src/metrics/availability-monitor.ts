// Time availability of anything that is up or down (a replica group, a replica, a zone):
// a time-weighted boolean. Reports, over the window since the last reset:
//   - availability: fraction of time up;
//   - downtime (seconds) and downtime per year equivalent: (1 − availability) · 365 d;
//   - outages: up → down transitions, plus 1 if the window starts down (an outage in progress
//     at reset counts, from the reset); zero-length outages (down and back up at the same
//     instant) are not counted;
//   - mean outage duration: downtime / outages (an outage still in progress counts up to now);
//   - failures: up → down transitions in the window (excluding the one in progress at reset),
//     and observed MTBF = uptime / failures (Infinity with no failure).
import type { Simulation } from '../engine/simulation.js';

/** Seconds in the 365-day year used for "downtime per year". */
export const SECONDS_PER_365_DAYS = 365 * 24 * 3600;

/** Something with an up/down state and change notifications (a ReplicaGroup fits). */
export interface AvailabilitySource {
  readonly available: boolean;
  onChange(listener: () => void): void;
}

export class AvailabilityMonitor {
  readonly sim: Simulation;
  readonly name: string;
  private _up: boolean;
  private windowStart: number = 0;
  private lastChange: number = 0;
  private upTime = 0;
  private downTime = 0;
  private _failures = 0;
  private _outages = 0;
  private _longest = 0;
  private downSince: number = 0;

  constructor(sim: Simulation, initiallyUp: boolean, name = 'availability') {
    this.sim = sim;
    this.name = name;
    this._up = initiallyUp;
    this.windowStart = sim.now;
    this.lastChange = sim.now;
    this.downSince = sim.now;
    if (!initiallyUp) this._outages = 1;
  }

  /** A monitor that follows `source.available`. */
  static watch(sim: Simulation, source: AvailabilitySource, name = 'availability'): AvailabilityMonitor {
    const m = new AvailabilityMonitor(sim, source.available, name);
    source.onChange(() => m.set(source.available));
    return m;
  }

  /** A monitor that follows `source.isUp` (a Replica fits). */
  static watchUp(sim: Simulation, source: { readonly isUp: boolean; onChange(listener: () => void): void }, name = 'availability'): AvailabilityMonitor {
    const m = new AvailabilityMonitor(sim, source.isUp, name);
    source.onChange(() => m.set(source.isUp));
    return m;
  }

  /** Whether the watched thing is up now. */
  get up(): boolean {
    return this._up;
  }

  /** Records the state from now on (setting the current state again does nothing). */
  set(up: boolean): void {
    if (up === this._up) return;
    const now = this.sim.now;
    const span = now - this.lastChange;
    if (this._up) {
      this.upTime += span;
      this._failures++;
      this._outages++;
      this.downSince = now;
    } else {
      this.downTime += span;
      const length = now - Math.max(this.downSince, this.windowStart);
      if (length === 0) {
        // Down and up at the same instant: not an outage.
        if (this.downSince >= this.windowStart) {
          this._outages--;
          if (this._failures > 0) this._failures--;
        }
      } else if (length > this._longest) this._longest = length;
    }
    this.lastChange = now;
    this._up = up;
  }

  /** Starts a new window now (end of warm-up), keeping the current state. */
  resetStats(): void {
    const now = this.sim.now;
    this.windowStart = now;
    this.lastChange = now;
    this.upTime = 0;
    this.downTime = 0;
    this._failures = 0;
    this._outages = this._up ? 0 : 1;
    this._longest = 0;
  }

  /** Length of the window, seconds. */
  observed(): number {
    return this.sim.now - this.windowStart;
  }
  /** Seconds up in the window. */
  uptime(): number {
    return this.upTime + (this._up ? this.sim.now - this.lastChange : 0);
  }
  /** Seconds down in the window. */
  downtime(): number {
    return this.downTime + (this._up ? 0 : this.sim.now - this.lastChange);
  }
  /** Fraction of the window spent up (the current state if the window is empty). */
  availability(): number {
    const t = this.observed();
    return t > 0 ? this.uptime() / t : this._up ? 1 : 0;
  }
  /** Expected downtime over a 365-day year at the observed availability, seconds. */
  downtimePerYear(): number {
    return (1 - this.availability()) * SECONDS_PER_365_DAYS;
  }
  /** Outages in the window (including one in progress at reset and one in progress now). */
  get outages(): number {
    return this._outages;
  }
  /** up → down transitions in the window. */
  get failures(): number {
    return this._failures;
  }
  /** Mean outage duration, seconds (NaN with no outage). */
  meanOutageDuration(): number {
    return this._outages > 0 ? this.downtime() / this._outages : NaN;
  }
  /** Longest outage in the window, seconds (an outage in progress counts up to now). */
  longestOutage(): number {
    const current = this._up ? 0 : this.sim.now - Math.max(this.downSince, this.windowStart);
    return Math.max(this._longest, current);
  }
  /** Observed MTBF: uptime / failures, seconds (Infinity with no failure). */
  mtbf(): number {
    return this._failures > 0 ? this.uptime() / this._failures : Infinity;
  }
}
