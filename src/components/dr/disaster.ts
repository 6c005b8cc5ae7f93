// Disasters: physical losses (the primary's disk, its zone, its region) and logical corruption
// (a bad deploy, an operator error, ransomware). Each type strikes as a Poisson process of rate
// `ratePerS` and/or at fixed times `atS` (scenarios). A physical disaster destroys every copy in
// its scope at once, and its scope stays lost for `outage()` seconds. A logical corruption starts
// silently, replicates to every replica, poisons every backup taken after it, and is detected
// after `detectionDelay()` seconds; ransomware may also delete the mutable backups it reaches.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import { COPY_LOCATIONS, type CopyLocation, type PhysicalScope } from './locations.js';
import { expZiggurat } from '../../random/exp-ziggurat.js';
import { ConfigError } from '../../base/config-error.js';

export type DisasterKind = PhysicalScope | 'logical';

export const DISASTER_KINDS: readonly DisasterKind[] = ['disk', 'zone', 'region', 'logical'];

export interface DisasterTypeConfig {
  /** Names the type (random streams `dr.disaster.<name>.*`). */
  readonly name: string;
  readonly kind: DisasterKind;
  /** Poisson rate of onsets per second (0: none). */
  readonly ratePerS: number;
  /** Random onsets start at this time, seconds (e.g. after a first backup exists). */
  readonly startS: number;
  /** Fixed onset times, seconds of simulated time (scenario events). */
  readonly atS: readonly number[];
  /** Physical: seconds until the lost scope (disk, zone, region) is back. */
  readonly outage: () => number;
  /** Logical: seconds from the corruption's start to its detection. */
  readonly detectionDelay: () => number;
  /** Logical: destinations whose mutable backups are deleted at onset (ransomware). */
  readonly deletesBackupsAt: readonly CopyLocation[];
}

export function validateDisasterType(c: DisasterTypeConfig): void {
  const where = `disaster "${c.name}"`;
  if (!DISASTER_KINDS.includes(c.kind)) throw new ConfigError(`${where}: kind must be one of ${DISASTER_KINDS.join(', ')}; got ${JSON.stringify(c.kind)}`);
  if (!(c.ratePerS >= 0) || !Number.isFinite(c.ratePerS)) throw new ConfigError(`${where}: ratePerS must be a finite number ≥ 0; got ${String(c.ratePerS)}`);
  if (!(c.startS >= 0) || !Number.isFinite(c.startS)) throw new ConfigError(`${where}: startS must be a finite number ≥ 0; got ${String(c.startS)}`);
  for (const t of c.atS) if (!(t >= 0) || !Number.isFinite(t)) throw new ConfigError(`${where}: atS must hold finite times ≥ 0; got ${String(t)}`);
  for (const d of c.deletesBackupsAt) {
    if (!COPY_LOCATIONS.includes(d)) throw new ConfigError(`${where}: deletesBackupsAt must hold ${COPY_LOCATIONS.join(', ')}; got ${JSON.stringify(d)}`);
  }
  if (c.deletesBackupsAt.length > 0 && c.kind !== 'logical') throw new ConfigError(`${where}: deletesBackupsAt applies only to logical disasters (kind ${c.kind})`);
}

/** Fires `onset(type)` at each onset of one disaster type. */
export class DisasterSource {
  readonly config: DisasterTypeConfig;
  private readonly sim: Simulation;
  private readonly rng: Rng;
  private readonly onset: (type: DisasterTypeConfig) => void;
  private readonly randomFn = (): void => this.fireRandom();
  private readonly fixedFn = (): void => this.onset(this.config);

  constructor(sim: Simulation, config: DisasterTypeConfig, onsetRng: Rng, onset: (type: DisasterTypeConfig) => void) {
    validateDisasterType(config);
    this.sim = sim;
    this.config = config;
    this.rng = onsetRng;
    this.onset = onset;
    if (config.ratePerS > 0) sim.schedule(Math.max(0, config.startS - sim.now) + this.gap(), this.randomFn, undefined, Priority.FAILURE);
    for (const t of config.atS) if (t >= sim.now) sim.scheduleAt(t, this.fixedFn, undefined, Priority.FAILURE);
  }

  private gap(): number {
    return expZiggurat(this.rng) / this.config.ratePerS;
  }

  private fireRandom(): void {
    this.sim.schedule(this.gap(), this.randomFn, undefined, Priority.FAILURE);
    this.onset(this.config);
  }
}
