// Restore tests on a schedule: every `intervalS` (from `offsetS`) the newest backup no test has
// read yet is restored in a sandbox. Reading its chain (full first, then each incremental)
// finds the first corrupt element, which is then known corrupt and never chosen for a real
// restore; a good chain is marked verified. A test takes no simulated time. A corrupt backup
// no test reads is found only when a real restore needs it.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { chainOf } from './backup.js';
import type { BackupCatalog } from './backup-catalog.js';
import { ConfigError } from '../../base/config-error.js';

export interface RestoreTestConfig {
  /** Seconds between restore tests (> 0). */
  readonly intervalS: number;
  /** Time of the first test, seconds (≥ 0). Tests run after backups of the same instant. */
  readonly offsetS: number;
}

export class RestoreTester {
  readonly config: RestoreTestConfig;
  private readonly sim: Simulation;
  private readonly catalog: BackupCatalog;
  private _tests = 0;
  private _found = 0;
  private readonly tickFn = (): void => this.tick();

  constructor(sim: Simulation, config: RestoreTestConfig, catalog: BackupCatalog) {
    if (!(config.intervalS > 0) || !Number.isFinite(config.intervalS)) {
      throw new ConfigError(`restore tests: intervalS must be a finite number > 0; got ${String(config.intervalS)}`);
    }
    if (!(config.offsetS >= 0) || !Number.isFinite(config.offsetS)) {
      throw new ConfigError(`restore tests: offsetS must be a finite number ≥ 0; got ${String(config.offsetS)}`);
    }
    this.sim = sim;
    this.config = config;
    this.catalog = catalog;
    const first = config.offsetS >= sim.now ? config.offsetS - sim.now : 0;
    sim.schedule(first, this.tickFn, undefined, Priority.MONITOR);
  }

  /** Tests run since the last reset (a tick with nothing new to test is not a test). */
  get testsCount(): number {
    return this._tests;
  }
  /** Corrupt backups found by tests since the last reset. */
  get foundCorruptCount(): number {
    return this._found;
  }

  resetStats(): void {
    this._tests = this._found = 0;
  }

  private tick(): void {
    this.sim.schedule(this.config.intervalS, this.tickFn, undefined, Priority.MONITOR);
    const b = this.catalog.newestUntested();
    if (b === null) return;
    this._tests++;
    const chain = chainOf(b);
    for (let i = chain.length - 1; i >= 0; i--) {
      const x = chain[i]!;
      if (x.corrupt) {
        x.knownCorrupt = true;
        this._found++;
        return;
      }
      x.verified = true;
    }
  }
}
