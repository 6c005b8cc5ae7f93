// Replication of the data store to one replica. Synchronous: a write is acknowledged only once
// the replica has it, so a failover loses nothing, and every write pays `writeLatencyS`.
// Asynchronous: the replica trails by a lag; a failover loses the writes of the last `lag()`
// seconds, the lag drawn at the moment of the disaster (state level: no per-write events).
// Replication copies logical corruption too: a replica never helps against it.
import { COPY_LOCATIONS, scopeDestroys, type CopyLocation, type PhysicalScope } from './locations.js';
import { ConfigError } from '../../base/config-error.js';

export type ReplicationConfig =
  | { readonly mode: 'none' }
  | {
      readonly mode: 'sync';
      /** Where the replica runs, relative to the primary. */
      readonly location: CopyLocation;
      /** Latency added to every write, seconds (≥ 0). */
      readonly writeLatencyS: number;
    }
  | {
      readonly mode: 'async';
      readonly location: CopyLocation;
      /** Replication lag in seconds at an instant (a sampler, draws ≥ 0). */
      readonly lag: () => number;
    };

export class Replication {
  readonly config: ReplicationConfig;
  private unavailableUntil = -Infinity;

  constructor(config: ReplicationConfig) {
    if (config.mode !== 'none') {
      if (!COPY_LOCATIONS.includes(config.location)) {
        throw new ConfigError(`replication: location must be one of ${COPY_LOCATIONS.join(', ')}; got ${JSON.stringify(config.location)}`);
      }
      if (config.mode === 'sync' && !(config.writeLatencyS >= 0)) {
        throw new ConfigError(`replication: writeLatencyS must be ≥ 0; got ${String(config.writeLatencyS)}`);
      }
    } else if ((config as { mode: string }).mode !== 'none') {
      throw new ConfigError(`replication: mode must be none, sync or async; got ${JSON.stringify((config as { mode: unknown }).mode)}`);
    }
    this.config = config;
  }

  /** Latency every write pays for replication, seconds. */
  get writeLatencyS(): number {
    return this.config.mode === 'sync' ? this.config.writeLatencyS : 0;
  }

  /** A replica exists, is up to date (not being rebuilt) at `now`, and survives a disaster of `scope`. */
  canFailOver(now: number, scope: PhysicalScope): boolean {
    if (this.config.mode === 'none' || now < this.unavailableUntil) return false;
    return !scopeDestroys(scope, this.config.location);
  }

  /** The replica is lost or promoted: a new one is ready (re-seeded) at `t`. */
  rebuildUntil(t: number): void {
    if (this.config.mode !== 'none') this.unavailableUntil = Math.max(this.unavailableUntil, t);
  }

  /** Seconds of writes a failover loses now: 0 when synchronous, the current lag when asynchronous. */
  lossWindowS(): number {
    if (this.config.mode === 'async') {
      const lag = this.config.lag();
      if (!(lag >= 0)) throw new ConfigError(`replication: the lag sampler drew ${lag}; lags must be ≥ 0`);
      return lag;
    }
    return 0;
  }
}
