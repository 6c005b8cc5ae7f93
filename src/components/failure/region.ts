// A region: a group of zones that can go out together (a regional outage: power, network, a
// control plane). While the region is out, each of its zones is out with the cause
// `region:<name>`, so every replica placed in them is down; overlapping zone outages compose as
// the zone's other causes do. Outages come from an optional random process (time between
// outages `ttf`, measured from the end of the previous outage, and duration `ttr`).
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Zone } from './zone.js';
import { drawDuration, requireName, requireSampler } from './config-checks.js';
import type { ZoneOutageConfig } from './zone.js';

export interface RegionConfig {
  readonly name: string;
  /** The region's zones. */
  readonly zones: readonly Zone[];
  /** Random outages of the whole region; omit for none. */
  readonly outage?: ZoneOutageConfig;
}

function onOutageStart(r: Region): void {
  r._outageStart();
}
function onOutageEnd(r: Region): void {
  r._outageEnd();
}

export class Region {
  readonly sim: Simulation;
  readonly name: string;
  readonly zones: readonly Zone[];
  /** The outage cause put on the region's zones. */
  readonly cause: string;
  private readonly outage: ZoneOutageConfig;
  private _outages = 0;

  constructor(sim: Simulation, config: RegionConfig) {
    this.sim = sim;
    this.name = requireName('region', 'name', config.name);
    this.zones = config.zones;
    this.cause = `region:${this.name}`;
    const where = `region "${this.name}"`;
    const o = config.outage;
    this.outage = o === undefined ? { ttf: () => Infinity, ttr: () => 0 } : { ttf: requireSampler(where, 'outage.ttf', o.ttf), ttr: requireSampler(where, 'outage.ttr', o.ttr) };
    if (o !== undefined) this.scheduleNextOutage();
  }

  /** Random outages started since the last reset. */
  get outages(): number {
    return this._outages;
  }

  resetStats(): void {
    this._outages = 0;
  }

  /** @internal */
  _outageStart(): void {
    const d = drawDuration(`region "${this.name}"`, 'outage.ttr', this.outage.ttr, false);
    this.sim.schedule(d, onOutageEnd, this, Priority.REPAIR);
    this._outages++;
    for (const z of this.zones) z.takeDown(this.cause);
  }

  /** @internal */
  _outageEnd(): void {
    this.scheduleNextOutage();
    for (const z of this.zones) z.bringUp(this.cause);
  }

  private scheduleNextOutage(): void {
    const d = drawDuration(`region "${this.name}"`, 'outage.ttf', this.outage.ttf, true);
    if (d !== Infinity) this.sim.schedule(d, onOutageStart, this, Priority.FAILURE);
  }
}
