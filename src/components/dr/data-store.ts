// A stateful data store at state level: writes are a rate, never individual events. The
// cumulative number of writes and the data size are integrals of the rate over the time the
// service is up (a down service takes no writes). A fraction of the writes adds new data (the
// rest overwrite existing data): the size grows by that fraction only, while an incremental
// backup copies every written byte. Deletes are not modelled: the size only grows, except when a
// restore brings it back to a backup's size.
import { ConfigError } from '../../base/config-error.js';

export interface DataStoreConfig {
  /** Writes per second while the service is up (≥ 0). */
  readonly writeRatePerS: number;
  /** Bytes each write adds to the data set (≥ 0). */
  readonly writeSizeBytes: number;
  /** Fraction of the written bytes that grow the data set, in [0, 1]. */
  readonly growthFraction: number;
  /** Data size at time 0, in GB (10⁹ bytes, ≥ 0). */
  readonly initialSizeGB: number;
}

function check(cfg: DataStoreConfig): void {
  for (const k of ['writeRatePerS', 'writeSizeBytes', 'initialSizeGB'] as const) {
    const v = cfg[k];
    if (!(v >= 0) || !Number.isFinite(v)) throw new ConfigError(`DataStore: ${k} must be a finite number ≥ 0; got ${String(v)}`);
  }
  if (!(cfg.growthFraction >= 0 && cfg.growthFraction <= 1)) {
    throw new ConfigError(`DataStore: growthFraction must be in [0, 1]; got ${String(cfg.growthFraction)}`);
  }
}

export class DataStore {
  readonly config: DataStoreConfig;
  private up = true;
  private lastT: number;
  /** Cumulative writes up to lastT. */
  private cum = 0;
  /** Size at the last revert, and the cumulative writes then. */
  private baseSizeGB: number;
  private cumAtBase = 0;
  private readonly gbPerWrite: number;
  private readonly growthGBPerWrite: number;

  constructor(config: DataStoreConfig, t0 = 0) {
    check(config);
    this.config = config;
    this.lastT = t0;
    this.baseSizeGB = config.initialSizeGB;
    this.gbPerWrite = config.writeSizeBytes / 1e9;
    this.growthGBPerWrite = this.gbPerWrite * config.growthFraction;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Cumulative writes accepted from time 0 to `now` (a counter; never decreases). */
  writes(now: number): number {
    return this.up ? this.cum + this.config.writeRatePerS * (now - this.lastT) : this.cum;
  }

  /** Size of the data set at `now`, GB. */
  sizeGB(now: number): number {
    return this.baseSizeGB + (this.writes(now) - this.cumAtBase) * this.growthGBPerWrite;
  }

  /** GB changed by `writes` writes (what an incremental backup copies). */
  gbForWrites(writes: number): number {
    return writes * this.gbPerWrite;
  }

  /** The service stops (false) or resumes (true) taking writes at `now`. */
  setUp(now: number, up: boolean): void {
    this.cum = this.writes(now);
    this.lastT = now;
    this.up = up;
  }

  /** A restore brings the data set back to `sizeGB` at `now`. */
  revert(now: number, sizeGB: number): void {
    this.cum = this.writes(now);
    this.lastT = now;
    this.baseSizeGB = sizeGB;
    this.cumAtBase = this.cum;
  }
}
