// A stateful service under a disaster-recovery regime: its data store, backup schedules,
// retention, restore tests, replication, disasters and recovery plans, and the per-disaster
// outcomes (data-loss window, writes lost, recovery time; disaster-outcome.ts) from which the DR
// metrics come. Its length (about 350 lines) is the recovery of one disaster, kept in one place.
//
// What happens at a disaster:
//  - physical (disk / zone / region) at time t: the service goes down, running backups are lost,
//    backups and a replica inside the scope are destroyed. If a replica survives (and is not
//    being rebuilt) the failover plan runs and the data-loss window is the replication loss
//    (0 synchronous, the lag drawn at t asynchronous). Otherwise the restore plan runs from the
//    newest usable backup: the window is t − that backup's start (its recovery point).
//  - logical (bad deploy, operator error, ransomware) starting at tc: it replicates everywhere
//    and poisons every backup started at or after tc; ransomware deletes the mutable backups at
//    the destinations it reaches. At its detection td = tc + delay the service goes down and the
//    restore plan runs from the newest usable backup started before tc (point-in-time restore):
//    the window is td − its start. Backups started after tc are then purged.
//  - a restore tries candidates newest first; one whose chain holds a silently corrupt backup
//    costs its transfer time and is marked known corrupt (a "corrupt restore"), and the next
//    older one is tried. With no usable backup left the loss is unrecoverable: the plan still
//    runs (the service comes back empty, or still corrupt) and the outcome has no data-loss
//    window.
//  - the writes lost are those between the recovery point and the declaration that no earlier
//    recovery had lost already: a second restore from the same backup loses only the writes made
//    since the first, and a replica (re-seeded at the end of each recovery) cannot miss writes made
//    before the last recovery. The data-loss window stays the age of the recovery point.
//  - the recovery time (RTO) is the plan's execution time, from t (physical) or td (logical);
//    the service is down over it (a latent corruption does not count as downtime).
//  - onsets that strike while the service is recovering get no outcome of their own (counted
//    apart as dropped: the service is down already, the recovery under way goes on); a physical
//    one still destroys the backups and the replica in its scope (the replica is rebuilt after
//    its outage). A detection that falls in a recovery is handled when the recovery ends.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { TimeAverage } from '../../engine/time-average.js';
import type { Rng } from '../../random/rng.js';
import { chainSizeGB, chainUsable, firstCorruptInRestoreOrder, type Backup } from './backup.js';
import { BackupCatalog } from './backup-catalog.js';
import { BackupSchedule, type BackupScheduleConfig } from './backup-schedule.js';
import { DataStore, type DataStoreConfig } from './data-store.js';
import { DisasterSource, type DisasterTypeConfig } from './disaster.js';
import { drMetrics, type DisasterOutcome, type RecoveryPath } from './disaster-outcome.js';
import { scopeDestroys, type PhysicalScope } from './locations.js';
import { LostWrites } from './lost-writes.js';
import { Replication, type ReplicationConfig } from './replication.js';
import { RestoreTester, type RestoreTestConfig } from './restore-test.js';
import type { RetentionConfig } from './retention.js';
import { Runbook, type RunbookConfig } from './runbook.js';
import { StandbyCost } from './standby-cost.js';
import { ConfigError } from '../../base/config-error.js';

export interface DrServiceConfig {
  readonly store: DataStoreConfig;
  readonly backups: readonly BackupScheduleConfig[];
  /** Applied per destination. */
  readonly retention: RetentionConfig;
  /** Throughput when copying a backup back, GB per second (Infinity: instantaneous). */
  readonly restoreThroughputGBps: number;
  /** null: backups are never tested. */
  readonly restoreTests: RestoreTestConfig | null;
  readonly replication: ReplicationConfig;
  /** Capacity kept running in the recovery site, as a fraction of production (cost proxy). */
  readonly standbyCapacity: number;
  readonly disasters: readonly DisasterTypeConfig[];
  /** Runs when a replica survives a physical disaster. */
  readonly failoverPlan: RunbookConfig;
  /** Runs when the data must come back from a backup. */
  readonly restorePlan: RunbookConfig;
}

/** Where a component draws its randomness (a RandomStreams satisfies it). */
export interface StreamSource {
  stream(name: string): Rng;
}

interface Latent {
  readonly type: DisasterTypeConfig;
  readonly tc: number;
  handle: number;
}

export class DrService {
  readonly config: DrServiceConfig;
  readonly store: DataStore;
  readonly catalog: BackupCatalog;
  readonly replication: Replication;
  readonly schedules: readonly BackupSchedule[];
  readonly tester: RestoreTester | null;
  private readonly sim: Simulation;
  private readonly failoverPlan: Runbook;
  private readonly restorePlan: Runbook;
  private readonly standby: StandbyCost;
  private readonly lost: LostWrites;
  private readonly down: TimeAverage;
  private readonly latent: Latent[] = [];
  private readonly deferred: Latent[] = [];
  private readonly _outcomes: DisasterOutcome[] = [];
  private readonly outcomeListeners: ((o: DisasterOutcome) => void)[] = [];
  private backupSeq = 0;
  private recovering = false;
  private dropped = 0;
  private statsStart: number;
  private readonly onsetFn = (type: DisasterTypeConfig): void => this.onset(type);
  private readonly detectFn = (l: Latent): void => this.detect(l);
  private readonly recoveredFn = (): void => this.recovered();

  constructor(sim: Simulation, config: DrServiceConfig, streams: StreamSource) {
    if (!(config.restoreThroughputGBps > 0)) {
      throw new ConfigError(`restoreThroughputGBps must be > 0 (Infinity for instantaneous); got ${String(config.restoreThroughputGBps)}`);
    }
    const names = new Set<string>();
    for (const b of config.backups) {
      if (names.has(b.name)) throw new ConfigError(`two backup schedules are named "${b.name}"`);
      names.add(b.name);
    }
    names.clear();
    for (const d of config.disasters) {
      if (names.has(d.name)) throw new ConfigError(`two disaster types are named "${d.name}"`);
      names.add(d.name);
    }
    if (config.failoverPlan.name === config.restorePlan.name) throw new ConfigError(`the failover and restore plans need different names; both are "${config.restorePlan.name}"`);
    this.sim = sim;
    this.config = config;
    const now = sim.now;
    this.statsStart = now;
    this.store = new DataStore(config.store, now);
    this.lost = new LostWrites(now);
    this.catalog = new BackupCatalog(config.retention, now);
    this.replication = new Replication(config.replication);
    this.standby = new StandbyCost(config.standbyCapacity, now);
    this.down = new TimeAverage(now, 0);
    this.failoverPlan = new Runbook(config.failoverPlan, streams.stream(`dr.plan.${config.failoverPlan.name}.failure`));
    this.restorePlan = new Runbook(config.restorePlan, streams.stream(`dr.plan.${config.restorePlan.name}.failure`));
    const ids = { nextBackupId: () => ++this.backupSeq };
    this.schedules = config.backups.map(
      (b) => new BackupSchedule(sim, b, this.store, this.catalog, ids, streams.stream(`dr.backup.${b.name}.corrupt`)),
    );
    this.tester = config.restoreTests === null ? null : new RestoreTester(sim, config.restoreTests, this.catalog);
    for (const d of config.disasters) new DisasterSource(sim, d, streams.stream(`dr.disaster.${d.name}.onset`), this.onsetFn);
  }

  /** Outcomes of the disasters declared since the last reset, in order. */
  get outcomes(): readonly DisasterOutcome[] {
    return this._outcomes;
  }

  /** Calls `fn` with each disaster's outcome as the recovery starts (for traces). */
  onOutcome(fn: (o: DisasterOutcome) => void): void {
    this.outcomeListeners.push(fn);
  }

  /** True while a recovery is in progress. */
  get isRecovering(): boolean {
    return this.recovering;
  }

  /** Strikes a disaster of `type` now (what a DisasterSource calls; tests may call it directly). */
  onset(type: DisasterTypeConfig): void {
    if (this.recovering) {
      this.dropped++;
      if (type.kind !== 'logical') this.destroyDuringRecovery(type, type.kind);
      return;
    }
    const now = this.sim.now;
    if (type.kind === 'logical') {
      this.catalog.deleteMutable(type.deletesBackupsAt, now);
      const delay = type.detectionDelay();
      if (!(delay >= 0)) throw new ConfigError(`disaster "${type.name}": the detectionDelay sampler drew ${delay}; delays must be ≥ 0`);
      const l: Latent = { type, tc: now, handle: -1 };
      l.handle = this.sim.schedule(delay, this.detectFn, l, Priority.FAILURE);
      this.latent.push(l);
    } else {
      this.recoverPhysical(type, type.kind);
    }
  }

  /** A physical disaster during a recovery: what lies in its scope is destroyed all the same. */
  private destroyDuringRecovery(type: DisasterTypeConfig, scope: PhysicalScope): void {
    const now = this.sim.now;
    this.catalog.destroy(scope, now);
    const rep = this.replication;
    if (rep.config.mode !== 'none' && scopeDestroys(scope, rep.config.location)) {
      rep.rebuildUntil(now + drawOutage(type));
    }
  }

  private detect(l: Latent): void {
    this.removeLatent(l);
    if (this.recovering) this.deferred.push(l);
    else this.recoverLogical(l);
  }

  private removeLatent(l: Latent): void {
    const i = this.latent.indexOf(l);
    if (i >= 0) this.latent.splice(i, 1);
  }

  private goDown(now: number): void {
    this.recovering = true;
    this.store.setUp(now, false);
    this.down.set(now, 1);
    for (const s of this.schedules) s.abort();
  }

  private recovered(): void {
    const now = this.sim.now;
    this.recovering = false;
    this.store.setUp(now, true);
    this.down.set(now, 0);
    const next = this.deferred.shift();
    if (next !== undefined) this.recoverLogical(next);
  }

  private recoverPhysical(type: DisasterTypeConfig, scope: PhysicalScope): void {
    const now = this.sim.now;
    this.goDown(now);
    const outage = drawOutage(type);
    this.catalog.destroy(scope, now);
    const rep = this.replication;
    if (rep.canFailOver(now, scope)) {
      const loss = rep.lossWindowS();
      const wNow = this.store.writes(now);
      // The replica was re-seeded at the end of the last recovery: it misses no write made before.
      const missed = Math.min(this.store.config.writeRatePerS * loss, wNow - this.lost.reconciledW);
      const writesLost = missed - this.lost.record(Math.max(now - loss, this.lost.reconciledT), wNow - missed, now, wNow);
      const run = this.failoverPlan.execute();
      // The promoted replica is the new primary; a new replica is ready once the lost scope is
      // back and the recovery is over.
      rep.rebuildUntil(now + Math.max(run.durationS, outage));
      this.finish(type, now, now, 'failover', now - loss, loss, writesLost, run.durationS, 0, run.redos);
      return;
    }
    const lostReplica = rep.config.mode !== 'none' && scopeDestroys(scope, rep.config.location);
    this.restoreFrom(type, now, now, Infinity, lostReplica ? outage : 0);
  }

  private recoverLogical(l: Latent): void {
    const now = this.sim.now;
    this.goDown(now);
    this.restoreFrom(l.type, l.tc, now, l.tc, 0);
    this.catalog.purgeFrom(l.tc, now);
  }

  /** Restores from the newest usable backup started before `cutoff`, runs the restore plan. */
  private restoreFrom(type: DisasterTypeConfig, onset: number, now: number, cutoff: number, replicaOutage: number): void {
    let corrupt = 0;
    let wasted = 0;
    let chosen: Backup | null = null;
    const thr = this.config.restoreThroughputGBps;
    const transfer = (b: Backup): number => (thr === Infinity ? 0 : chainSizeGB(b) / thr);
    for (const c of this.catalog.candidates(cutoff)) {
      if (!chainUsable(c)) continue; // an element was found corrupt by an earlier attempt
      const bad = firstCorruptInRestoreOrder(c);
      if (bad === null) {
        chosen = c;
        break;
      }
      bad.knownCorrupt = true;
      corrupt++;
      wasted += transfer(c);
    }
    const run = this.restorePlan.execute({ perAttemptS: chosen === null ? 0 : transfer(chosen), wastedS: wasted });
    // The replica must be re-seeded from the restored data (and rebuilt once its scope is back).
    this.replication.rebuildUntil(now + Math.max(run.durationS, replicaOutage));
    const wNow = this.store.writes(now);
    if (chosen === null) {
      // Everything written so far is gone (the service comes back empty, or still corrupt).
      this.lost.recordAll(now, wNow);
      if (type.kind !== 'logical') this.store.revert(now, 0);
      this.finish(type, onset, now, 'none', NaN, NaN, NaN, run.durationS, corrupt, run.redos);
    } else {
      const rp = chosen.start;
      const writesLost = wNow - chosen.writesAtStart - this.lost.record(rp, chosen.writesAtStart, now, wNow);
      this.store.revert(now, chosen.dataSizeGB);
      // Rolling back before a latent corruption undoes it.
      for (const l of [...this.latent]) {
        if (l.tc > rp) {
          this.sim.cancel(l.handle);
          this.removeLatent(l);
        }
      }
      this.finish(type, onset, now, 'restore', rp, now - rp, writesLost, run.durationS, corrupt, run.redos);
    }
  }

  private finish(
    type: DisasterTypeConfig,
    onset: number,
    declared: number,
    path: RecoveryPath,
    rp: number,
    loss: number,
    writesLost: number,
    rto: number,
    corruptAttempts: number,
    redos: number,
  ): void {
    const o: DisasterOutcome = {
      type: type.name,
      kind: type.kind,
      onsetS: onset,
      declaredS: declared,
      recoveredS: declared + rto,
      path,
      recoveryPointS: rp,
      lossWindowS: loss,
      writesLost,
      rtoS: rto,
      corruptAttempts,
      redos,
    };
    this._outcomes.push(o);
    for (const fn of this.outcomeListeners) fn(o);
    this.sim.schedule(rto, this.recoveredFn, undefined, Priority.REPAIR);
  }

  resetStats(): void {
    const now = this.sim.now;
    this.statsStart = now;
    this._outcomes.length = 0;
    this.dropped = 0;
    this.down.reset(now);
    this.catalog.resetStats(now);
    this.standby.resetStats(now);
    for (const s of this.schedules) s.resetStats();
    this.tester?.resetStats();
  }

  /**
   * The run's DR metrics (see models/dr/hooks.ts for their definitions). Per-disaster statistics are
   * NaN when no disaster was declared since the last reset; data-loss statistics cover the
   * recoverable disasters only.
   */
  metrics(): Record<string, number> {
    const now = this.sim.now;
    const sum = (f: (s: BackupSchedule) => number): number => this.schedules.reduce((a, s) => a + f(s), 0);
    return drMetrics(this._outcomes, {
      elapsedS: now - this.statsStart,
      downS: this.down.integral(now),
      backupGBDays: this.catalog.gbDays(now),
      standbyUnitHours: this.standby.unitHours(now),
      dropped: this.dropped,
      backups: sum((s) => s.completedCount),
      backupsSkipped: sum((s) => s.skippedCount + s.abortedCount),
      backupsCorrupt: sum((s) => s.corruptCount),
      restoreTests: this.tester?.testsCount ?? 0,
      corruptFoundByTests: this.tester?.foundCorruptCount ?? 0,
      writeLatencyS: this.replication.writeLatencyS,
    });
  }
}

/** How long a physical disaster keeps its scope out (checked: a duration ≥ 0). */
function drawOutage(type: DisasterTypeConfig): number {
  const outage = type.outage();
  if (!(outage >= 0)) throw new ConfigError(`disaster "${type.name}": the outage sampler drew ${outage}; durations must be ≥ 0`);
  return outage;
}
