// What `hasim plan` shows before anything runs: every configuration (swept values, config id),
// its runs in the whole plan or one shard with their seeds, and the estimated work per run and
// in total (estimate.ts). Plain data: the CLI prints it as text or JSON.
import { EVENTS_PER_CPU_SECOND, RUN_OVERHEAD_S, estimateEventsPerRun, estimateWork, type WorkEstimate } from './estimate.js';
import { runShapeOf } from './spec-schema.js';
import { planRuns, replicationStride, selectShard, type Shard } from './plan.js';
import type { Experiment } from './spec.js';

export interface PlannedRun {
  readonly replication: number;
  /** The run's seed (runs.csv `seed`). */
  readonly seed: string;
  /** Seed of its random streams (the same for every configuration under crn). */
  readonly stream_seed: string;
}

export interface PlannedConfiguration {
  readonly index: number;
  readonly config_id: string;
  readonly swept: Readonly<Record<string, unknown>>;
  /** Estimated simulated events of one run. */
  readonly events_per_run: number;
  /** Estimated CPU seconds of one run at the reference speed. */
  readonly cpu_s_per_run: number;
  /** The runs of the plan (or of the shard), replication order. */
  readonly runs: readonly PlannedRun[];
}

export interface PlanSummary {
  readonly experiment: string;
  readonly file: string;
  readonly model: string;
  readonly seed: string | number;
  readonly crn: boolean;
  readonly replications: number;
  /** With `precision:`, the most replications a configuration may reach (later runs are planned as the intervals require). */
  readonly max_replications: number;
  readonly shard: Shard | null;
  readonly columns: readonly string[];
  readonly configurations: readonly PlannedConfiguration[];
  /** Runs of the plan (or the shard) at the planned replications. */
  readonly run_count: number;
  readonly estimate: WorkEstimate;
}

export function planSummary(exp: Experiment, shard?: Shard): PlanSummary {
  const shape = runShapeOf(exp.spec);
  const tasks = selectShard(planRuns(exp), shard);
  const byConfig = new Map<number, PlannedRun[]>();
  for (const t of tasks) {
    const runs = byConfig.get(t.configIndex) ?? [];
    runs.push({ replication: t.replication, seed: t.seed, stream_seed: t.streamSeed });
    byConfig.set(t.configIndex, runs);
  }
  const configurations = exp.configurations.map((c): PlannedConfiguration => {
    const events = estimateEventsPerRun(exp.model, c.resolved, shape);
    return { index: c.index, config_id: c.id, swept: c.swept, events_per_run: events, cpu_s_per_run: events / EVENTS_PER_CPU_SECOND + RUN_OVERHEAD_S, runs: byConfig.get(c.index) ?? [] };
  });
  return {
    experiment: exp.spec.name,
    file: exp.file,
    model: exp.model.name,
    seed: exp.spec.seed,
    crn: exp.spec.crn,
    replications: exp.spec.replications,
    max_replications: replicationStride(exp),
    shard: shard ?? null,
    columns: exp.columns,
    configurations,
    run_count: tasks.length,
    estimate: exactEstimate(estimateWork(exp, shard), configurations, exp.spec.precision !== undefined),
  };
}

/**
 * The estimate of the planned runs themselves (estimateWork counts a shard as a share of the
 * whole); with `precision:` the later runs are not planned yet, so its bound stays.
 */
function exactEstimate(est: WorkEstimate, configurations: readonly PlannedConfiguration[], precision: boolean): WorkEstimate {
  if (precision) return est;
  const runs = configurations.reduce((n, c) => n + c.runs.length, 0);
  const events = configurations.reduce((e, c) => e + c.runs.length * c.events_per_run, 0);
  return { ...est, runs, maxRuns: runs, events, eventsPerRun: runs > 0 ? events / runs : 0, cpuS: events / EVENTS_PER_CPU_SECOND + runs * RUN_OVERHEAD_S };
}
