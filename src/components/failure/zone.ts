// A zone (availability zone, rack, data centre): a place replicas are put in. While the zone is
// out, every replica placed in it is down with the reason `zone:<name>`; the reason is lifted
// when the outage ends, so a replica that is also crashed stays down until its own repair.
// Outages come from an optional random process (time between outages `ttf`, measured from the
// end of the previous outage, and outage duration `ttr`; no repair crew) and/or from scheduled
// faults (`takeDown(cause)` / `bringUp(cause)`); overlapping causes compose: the zone is out
// while any cause holds.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Replica } from '../replica.js';
import { drawDuration, requireName, requireSampler } from './config-checks.js';
import { ConfigError } from '../../base/config-error.js';

export interface ZoneOutageConfig {
  /** Time from the end of one outage (or from the start) to the next outage, seconds. Infinity = never. */
  readonly ttf: () => number;
  /** Duration of an outage, seconds (finite). */
  readonly ttr: () => number;
}

export interface ZoneConfig {
  /** Zone name, as in `Replica.zone`. */
  readonly name: string;
  /** Random outages of the whole zone; omit for a zone that only fails by scheduled faults. */
  readonly outage?: ZoneOutageConfig;
}

/** The cause used by the zone's own random outage process. */
export const ZONE_OUTAGE_CAUSE = 'outage';

function onOutageStart(z: Zone): void {
  z._outageStart();
}
function onOutageEnd(z: Zone): void {
  z._outageEnd();
}

export class Zone {
  readonly sim: Simulation;
  readonly name: string;
  /** The down-reason put on the zone's replicas while it is out. */
  readonly reason: string;
  private readonly members: Replica[] = [];
  private readonly causes = new Set<string>();
  private readonly outage: ZoneOutageConfig | undefined;
  private _outages = 0;
  private downSince = NaN;
  private downAccum = 0;
  private windowStart: number = 0;

  constructor(sim: Simulation, config: ZoneConfig) {
    this.sim = sim;
    this.name = requireName('zone', 'name', config.name);
    this.reason = `zone:${this.name}`;
    this.windowStart = sim.now;
    if (config.outage !== undefined) {
      const where = `zone "${this.name}"`;
      this.outage = {
        ttf: requireSampler(where, 'outage.ttf', config.outage.ttf),
        ttr: requireSampler(where, 'outage.ttr', config.outage.ttr),
      };
      this.scheduleNextOutage();
    }
  }

  /** The replicas placed in the zone. */
  get replicas(): readonly Replica[] {
    return this.members;
  }
  /** Whether the zone is out now. */
  get isDown(): boolean {
    return this.causes.size > 0;
  }
  /** Outages started since the last reset (overlapping causes count once). */
  get outages(): number {
    return this._outages;
  }
  /** Seconds the zone has been out since the last reset. */
  downtime(): number {
    return this.downAccum + (this.isDown ? this.sim.now - Math.max(this.downSince, this.windowStart) : 0);
  }

  /** Places replicas in the zone; each must have been created with `zone` equal to this zone's name. */
  add(...replicas: Replica[]): void {
    for (const r of replicas) {
      if (r.zone !== this.name) {
        throw new ConfigError(`zone "${this.name}": replica ${r.name} is placed in zone ${JSON.stringify(r.zone ?? null)}, not "${this.name}"`);
      }
      if (this.members.includes(r)) continue;
      this.members.push(r);
      if (this.isDown) r.down(this.reason);
    }
  }

  /** Adds a cause of outage (e.g. a scheduled fault); the zone goes out if it was up. */
  takeDown(cause: string): void {
    if (this.causes.has(cause)) return;
    const wasUp = this.causes.size === 0;
    this.causes.add(cause);
    if (!wasUp) return;
    this._outages++;
    this.downSince = this.sim.now;
    for (const r of this.members) r.down(this.reason);
  }

  /** Removes a cause of outage; the replicas come back (from the zone's point of view) when none is left. */
  bringUp(cause: string): void {
    if (!this.causes.delete(cause) || this.causes.size > 0) return;
    this.downAccum += this.sim.now - Math.max(this.downSince, this.windowStart);
    for (const r of this.members) r.restore(this.reason);
  }

  resetStats(): void {
    this.windowStart = this.sim.now;
    this._outages = 0;
    this.downAccum = 0;
  }

  /** @internal */
  _outageStart(): void {
    const d = drawDuration(`zone "${this.name}"`, 'outage.ttr', (this.outage as ZoneOutageConfig).ttr, false);
    this.sim.schedule(d, onOutageEnd, this, Priority.REPAIR);
    this.takeDown(ZONE_OUTAGE_CAUSE);
  }

  /** @internal */
  _outageEnd(): void {
    this.scheduleNextOutage();
    this.bringUp(ZONE_OUTAGE_CAUSE);
  }

  private scheduleNextOutage(): void {
    const d = drawDuration(`zone "${this.name}"`, 'outage.ttf', (this.outage as ZoneOutageConfig).ttf, true);
    if (d !== Infinity) this.sim.schedule(d, onOutageStart, this, Priority.FAILURE);
  }
}
