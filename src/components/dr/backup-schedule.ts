// A backup schedule: full or incremental backups every `intervalS` from `offsetS`, each taking
// (GB to copy) / throughput, written to a destination, each silently corrupt with some
// probability. A backup is consistent as of its start and usable once complete; a backup that
// is still running when the service goes down is lost. A tick is skipped while the service is
// down or while this schedule's previous backup is still running.
// Callback style: one long-lived function per schedule, one pending event per tick.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import type { Backup, BackupKind } from './backup.js';
import type { BackupCatalog } from './backup-catalog.js';
import type { DataStore } from './data-store.js';
import { COPY_LOCATIONS, type CopyLocation } from './locations.js';
import { ConfigError } from '../../base/config-error.js';

export interface BackupScheduleConfig {
  /** Names the schedule (random stream `dr.backup.<name>.corrupt`). */
  readonly name: string;
  /** full: copies the whole data set; incremental: only the writes since the newest usable backup at the same destination (a full one when there is none). */
  readonly kind: BackupKind;
  /** Seconds between backup starts (> 0). */
  readonly intervalS: number;
  /** Time of the first backup, seconds (≥ 0). */
  readonly offsetS: number;
  /** Copy throughput, GB per second (> 0; Infinity: instantaneous). */
  readonly throughputGBps: number;
  /** Where the copy is kept. */
  readonly destination: CopyLocation;
  /** Object-locked: ransomware cannot delete it. */
  readonly immutable: boolean;
  /** Probability that a backup is silently corrupt, in [0, 1]. */
  readonly corruptProbability: number;
}

export function validateBackupSchedule(c: BackupScheduleConfig): void {
  const where = `backup schedule "${c.name}"`;
  if (!(c.intervalS > 0) || !Number.isFinite(c.intervalS)) throw new ConfigError(`${where}: intervalS must be a finite number > 0; got ${String(c.intervalS)}`);
  if (!(c.offsetS >= 0) || !Number.isFinite(c.offsetS)) throw new ConfigError(`${where}: offsetS must be a finite number ≥ 0; got ${String(c.offsetS)}`);
  if (!(c.throughputGBps > 0)) throw new ConfigError(`${where}: throughputGBps must be > 0 (Infinity for instantaneous); got ${String(c.throughputGBps)}`);
  if (!(c.corruptProbability >= 0 && c.corruptProbability <= 1)) {
    throw new ConfigError(`${where}: corruptProbability must be in [0, 1]; got ${String(c.corruptProbability)}`);
  }
  if (!COPY_LOCATIONS.includes(c.destination)) throw new ConfigError(`${where}: destination must be one of ${COPY_LOCATIONS.join(', ')}; got ${JSON.stringify(c.destination)}`);
  if (c.kind !== 'full' && c.kind !== 'incremental') throw new ConfigError(`${where}: kind must be full or incremental; got ${JSON.stringify(c.kind)}`);
}

/** Shared by the schedules of one service: hands out backup ids. */
export interface BackupIdSource {
  nextBackupId(): number;
}

export class BackupSchedule {
  readonly config: BackupScheduleConfig;
  private readonly sim: Simulation;
  private readonly store: DataStore;
  private readonly catalog: BackupCatalog;
  private readonly ids: BackupIdSource;
  private readonly corruptRng: Rng;
  private running: Backup | null = null;
  private runningHandle = -1;
  private _started = 0;
  private _completed = 0;
  private _skipped = 0;
  private _aborted = 0;
  private _corrupt = 0;
  private readonly tickFn = (): void => this.tick();
  private readonly completeFn = (): void => this.complete();

  constructor(sim: Simulation, config: BackupScheduleConfig, store: DataStore, catalog: BackupCatalog, ids: BackupIdSource, corruptRng: Rng) {
    validateBackupSchedule(config);
    this.sim = sim;
    this.config = config;
    this.store = store;
    this.catalog = catalog;
    this.ids = ids;
    this.corruptRng = corruptRng;
    const first = config.offsetS >= sim.now ? config.offsetS - sim.now : 0;
    sim.schedule(first, this.tickFn, undefined, Priority.NORMAL);
  }

  get startedCount(): number {
    return this._started;
  }
  get completedCount(): number {
    return this._completed;
  }
  /** Ticks skipped (service down, or the previous backup still running). */
  get skippedCount(): number {
    return this._skipped;
  }
  /** Backups lost because the service went down while they ran. */
  get abortedCount(): number {
    return this._aborted;
  }
  /** Completed backups that are silently corrupt (ground truth). */
  get corruptCount(): number {
    return this._corrupt;
  }

  resetStats(): void {
    this._started = this._completed = this._skipped = this._aborted = this._corrupt = 0;
  }

  /** The service went down: a running backup is lost. */
  abort(): void {
    if (this.running === null) return;
    this.sim.cancel(this.runningHandle);
    this.running = null;
    this.runningHandle = -1;
    this._aborted++;
  }

  private tick(): void {
    const sim = this.sim;
    sim.schedule(this.config.intervalS, this.tickFn, undefined, Priority.NORMAL);
    // Draw even when skipping, so that the corruption draws of backup k are the same whatever
    // happened before (common random numbers across configurations).
    const corrupt = this.corruptRng() < this.config.corruptProbability;
    if (!this.store.isUp || this.running !== null) {
      this._skipped++;
      return;
    }
    const now = sim.now;
    const c = this.config;
    const writes = this.store.writes(now);
    const dataSizeGB = this.store.sizeGB(now);
    let parent: Backup | null = null;
    let storedGB = dataSizeGB;
    let kind = c.kind;
    if (kind === 'incremental') {
      parent = this.catalog.baseFor(c.destination);
      if (parent === null) kind = 'full';
      else storedGB = Math.min(dataSizeGB, this.store.gbForWrites(writes - parent.writesAtStart));
    }
    const duration = c.throughputGBps === Infinity ? 0 : storedGB / c.throughputGBps;
    const b: Backup = {
      id: this.ids.nextBackupId(),
      schedule: c.name,
      kind,
      destination: c.destination,
      immutable: c.immutable,
      start: now,
      end: now + duration,
      storedGB,
      dataSizeGB,
      writesAtStart: writes,
      parent,
      corrupt,
      knownCorrupt: false,
      verified: false,
      removed: null,
    };
    this._started++;
    this.running = b;
    if (duration === 0) this.complete();
    else this.runningHandle = sim.schedule(duration, this.completeFn, undefined, Priority.NORMAL);
  }

  private complete(): void {
    const b = this.running!;
    this.running = null;
    this.runningHandle = -1;
    // The parent may have left the catalog while this incremental ran: then it is useless.
    if (b.parent !== null && b.parent.removed !== null) {
      this._aborted++;
      return;
    }
    this._completed++;
    if (b.corrupt) this._corrupt++;
    this.catalog.add(b, this.sim.now);
  }
}
