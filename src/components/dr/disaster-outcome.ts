// One disaster's outcome (how it was recovered, the data lost, the recovery time) and the DR
// metrics of a run: the per-disaster statistics over its outcomes, with the service's own
// totals (downtime, backups, restore tests, costs) in one record, in the order of the columns.
import type { DisasterKind } from './disaster.js';
import { summarizeSample } from './sample-summary.js';

const YEAR_S = 365 * 86_400;

export type RecoveryPath = 'failover' | 'restore' | 'none';

export interface DisasterOutcome {
  readonly type: string;
  readonly kind: DisasterKind;
  /** Physical: the onset; logical: the corruption's start. */
  readonly onsetS: number;
  /** When recovery started: the onset (physical) or the detection (logical). */
  readonly declaredS: number;
  /** When the service was back: declaredS + rtoS. */
  readonly recoveredS: number;
  /** failover to the replica, restore from a backup, or none (unrecoverable). */
  readonly path: RecoveryPath;
  /** Time the recovered data is consistent as of (NaN when unrecoverable). */
  readonly recoveryPointS: number;
  /** Data-loss window declaredS − recoveryPointS, seconds (NaN when unrecoverable). */
  readonly lossWindowS: number;
  /** Writes lost, each counted in the first recovery that loses it only (NaN when unrecoverable). */
  readonly writesLost: number;
  readonly rtoS: number;
  /** Restore attempts that hit a corrupt backup. */
  readonly corruptAttempts: number;
  /** Plan step attempts redone. */
  readonly redos: number;
}

/** The service's own totals since the last reset, beside its outcomes. */
export interface DrTotals {
  readonly elapsedS: number;
  /** Seconds down (recovering). */
  readonly downS: number;
  readonly backupGBDays: number;
  readonly standbyUnitHours: number;
  /** Onsets that struck during a recovery and got no outcome. */
  readonly dropped: number;
  readonly backups: number;
  /** Skipped or aborted backups. */
  readonly backupsSkipped: number;
  readonly backupsCorrupt: number;
  readonly restoreTests: number;
  readonly corruptFoundByTests: number;
  readonly writeLatencyS: number;
}

const meanOf = (xs: readonly DisasterOutcome[], f: (o: DisasterOutcome) => number): number => {
  const v = xs.map(f).filter((x) => !Number.isNaN(x));
  return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
};

/**
 * The DR metrics of `all` outcomes and the service's totals `t`. Per-disaster statistics are NaN
 * with no outcome; data-loss statistics cover the recoverable disasters only.
 */
export function drMetrics(all: readonly DisasterOutcome[], t: DrTotals): Record<string, number> {
  const recoverable = all.filter((o) => o.path !== 'none');
  const viaBackup = all.filter((o) => o.path !== 'failover');
  const rpo = summarizeSample(recoverable.map((o) => o.lossWindowS));
  const rto = summarizeSample(all.map((o) => o.rtoS));
  const n = all.length;
  const unrecoverable = n - recoverable.length;
  let writesLost = 0;
  let corrupt = 0;
  let redos = 0;
  for (const o of recoverable) writesLost += o.writesLost;
  for (const o of all) {
    corrupt += o.corruptAttempts;
    redos += o.redos;
  }
  const physical = all.filter((o) => o.kind !== 'logical');
  const logical = all.filter((o) => o.kind === 'logical');
  return {
    disasters_count: n,
    rpo_mean_s: rpo.mean,
    rpo_p95_s: rpo.p95,
    rpo_max_s: rpo.max,
    writes_lost_count: writesLost,
    rto_mean_s: rto.mean,
    rto_p95_s: rto.p95,
    rto_max_s: rto.max,
    unrecoverable_pct: n > 0 ? (100 * unrecoverable) / n : NaN,
    corrupt_restore_count: corrupt,
    restores_hit_corrupt_pct: viaBackup.length > 0 ? (100 * viaBackup.filter((o) => o.corruptAttempts > 0).length) / viaBackup.length : NaN,
    availability_pct: t.elapsedS > 0 ? 100 * (1 - t.downS / t.elapsedS) : NaN,
    downtime_per_year_s: t.elapsedS > 0 ? (t.downS / t.elapsedS) * YEAR_S : NaN,
    backup_storage_gb_days: t.backupGBDays,
    standby_cost_unit_hours: t.standbyUnitHours,
    rpo_physical_mean_s: meanOf(physical, (o) => o.lossWindowS),
    rto_physical_mean_s: meanOf(physical, (o) => o.rtoS),
    rpo_logical_mean_s: meanOf(logical, (o) => o.lossWindowS),
    rto_logical_mean_s: meanOf(logical, (o) => o.rtoS),
    failovers_count: all.filter((o) => o.path === 'failover').length,
    restores_count: all.filter((o) => o.path === 'restore').length,
    unrecoverable_count: unrecoverable,
    disasters_dropped_count: t.dropped,
    backups_count: t.backups,
    backups_skipped_count: t.backupsSkipped,
    backups_corrupt_count: t.backupsCorrupt,
    restore_tests_count: t.restoreTests,
    corrupt_found_by_tests_count: t.corruptFoundByTests,
    step_redos_count: redos,
    write_latency_added_ms: 1000 * t.writeLatencyS,
  };
}
