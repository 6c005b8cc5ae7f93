// The dr model's optional hooks: headline, metric specs, warnings.
//
// Headline. The DR experiments ask how a strategy or a backup schedule changes data loss,
// recovery time and cost. The all-disaster means (rpo_mean_s, rto_mean_s) mix two populations:
// logical corruption (bad deploys, ransomware) always needs a point-in-time restore, whatever the
// strategy, and its loss window includes the detection delay, so it dominates those means and
// keeps them nearly flat across strategies (in dr-strategies, rpo_mean_s is the same 9.8k s for
// pilot light, warm standby and active-active, while the physical RPO falls from ~29 min to ~1 s).
// So the headline leads with the physical-disaster RPO and RTO (what a replica and a standby
// change), then the logical ones (what backups and restore practice change), unrecoverable
// losses, corrupt restores when backups can be corrupt, availability, and the two costs
// (standby capacity × time, backup storage GB-days). Which of these appear depends only on the
// disaster types and backups, not on the strategy, so the configurations of a strategy sweep
// share one headline.
import type { MetricSpec } from '../../src/base/metric-spec.js';
import type { RunShape } from '../../src/base/run-shape.js';
import { directed, plain } from '../common/metric-specs.js';
import { fmtDuration, plural } from '../common/format.js';
import { resolveStrategy } from './presets.js';
import type { DrParams } from './schema.js';

type Disaster = DrParams['disasters'][number];

const happens = (d: Disaster): boolean => (d.rate ?? 0) > 0 || d.at.length > 0;

export function drHeadline(p: DrParams): string[] {
  const physical = p.disasters.some((d) => d.kind !== 'logical' && happens(d));
  const logical = p.disasters.some((d) => d.kind === 'logical' && happens(d));
  const corruptible = resolveStrategy(p).backups.some((b) => b.corruptProbability > 0);
  return [
    ...(physical ? ['rpo_physical_mean_s', 'rto_physical_mean_s'] : []),
    ...(logical ? ['rpo_logical_mean_s', 'rto_logical_mean_s'] : []),
    'unrecoverable_pct',
    ...(corruptible ? ['corrupt_restore_count'] : []),
    'availability_pct',
    'standby_cost_unit_hours',
    'backup_storage_gb_days',
  ];
}

const lowerTime = plain('nonneg', 'lower');

const SPECS: Readonly<Record<string, MetricSpec>> = {
  rpo_mean_s: lowerTime,
  rpo_p95_s: lowerTime,
  rpo_max_s: lowerTime,
  rto_mean_s: lowerTime,
  rto_p95_s: lowerTime,
  rto_max_s: lowerTime,
  rpo_physical_mean_s: lowerTime,
  rto_physical_mean_s: lowerTime,
  rpo_logical_mean_s: lowerTime,
  rto_logical_mean_s: lowerTime,
  // One disaster loses many writes at once: the writes are not the rare events.
  writes_lost_count: plain('nonneg', 'lower'),
  // The share of disasters that could not be recovered rests on the disasters: with none
  // unrecoverable in any run, the rule of three bounds it by 3 / Σ disasters.
  unrecoverable_pct: {
    range: 'pct',
    better: 'lower',
    rare: { events: 'unrecoverable_count', exposure: 'disasters_count', scale: 100, side: 'high', event: 'unrecoverable disaster' },
  },
  unrecoverable_count: directed('unrecoverable_count', 'lower'),
  corrupt_restore_count: directed('corrupt_restore_count', 'lower'),
  restores_hit_corrupt_pct: plain('pct', 'lower'),
  availability_pct: plain('pct', 'higher'),
  downtime_per_year_s: plain('nonneg', 'lower'),
  backup_storage_gb_days: plain('nonneg', 'lower'),
  standby_cost_unit_hours: plain('nonneg', 'lower'),
  backups_count: plain('nonneg'),
  backups_skipped_count: directed('backups_skipped_count', 'lower'),
  backups_corrupt_count: directed('backups_corrupt_count', 'lower'),
  restore_tests_count: plain('nonneg'),
  step_redos_count: directed('step_redos_count', 'lower'),
  write_latency_added_ms: plain('nonneg', 'lower'),
  // Time series.
  recovering_count: plain('nonneg'),
  backup_storage_gb: plain('nonneg', 'lower'),
  backups_stored_count: plain('nonneg'),
};

export function drMetricSpec(metric: string): MetricSpec | undefined {
  return SPECS[metric];
}

/** Below this many expected disasters in all runs, RPO and RTO are NaN in most runs. */
export const MIN_EXPECTED_DISASTERS = 3;

/** Disasters expected in the measured window [warm-up, warm-up + duration) of all runs. */
export function expectedDisasters(p: DrParams, run: RunShape): number {
  const start = run.warmup;
  const end = run.warmup + run.duration;
  let perRun = 0;
  for (const d of p.disasters) {
    perRun += (d.rate ?? 0) * Math.max(0, end - Math.max(start, d.startAfter));
    perRun += d.at.filter((t) => t >= start && t < end).length;
  }
  return perRun * run.replications;
}

export function drWarnings(p: DrParams, run: RunShape): string[] {
  const n = expectedDisasters(p, run);
  if (n >= MIN_EXPECTED_DISASTERS) return [];
  return [
    `only ${plural(n, 'disaster')} ${n === 1 ? 'is' : 'are'} expected in all ${plural(run.replications, 'run')} of ${fmtDuration(run.duration)}: ` +
      `RPO and RTO will be NaN in ${n === 0 ? 'every run' : 'most runs'}; use a longer duration, more replications or higher disaster rates`,
  ];
}
