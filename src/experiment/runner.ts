// Runs an experiment (or one shard of it) into its result directory:
//   <out>/<name>/                      an unsharded run (or a merge)
//   <out>/<name>/shards/<I>-of-<N>/    shard I of N
// A directory holding meta.json is complete and is not overwritten without `force`; with it, the
// old result stays until the new one is complete and replaces it whole (publish.ts).
// Completed runs are kept in <dir>/.partial/ as they finish; the same command resumes from it.
// The directory is locked (dir-lock.ts) while a run writes it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { lockResultDir } from '../output/dir-lock.js';
import { PartialStore, PartialStoreMismatch, PartialStoreUnreadable } from '../output/partial-store.js';
import type { MetaConfiguration } from '../output/meta.js';
import type { ResultContext } from '../output/result-context.js';
import type { RunRecord } from '../output/run-record.js';
import type { SummaryRow } from '../output/tables.js';
import { writeResults } from '../output/write-results.js';
import type { RunJob } from './execute-run.js';
import { defaultMetricSpec } from '../base/metric-spec.js';
import { planRuns, selectShard, type RunTask, type Shard } from './plan.js';
import { nextReplications } from './precision.js';
import { runJobs } from './pool.js';
import { budgetedEstimate } from './estimate.js';
import type { BudgetOverrides } from './limits.js';
import { RunFailedError } from './run-errors.js';
import type { Experiment } from './spec.js';
import { UsageError } from './spec-error.js';

export interface RunOptions {
  /** Parent of the result directory (default "results"). */
  readonly out?: string;
  readonly workers?: number;
  readonly shard?: Shard;
  /** Replace a complete result and discard foreign partial results. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  /** Runs finished elsewhere (the shards being merged): taken as done, like resumed partial results. */
  readonly prior?: readonly RunRecord[];
  /** CPU and run budgets overriding the file's `limits:` (the estimate is checked against them before anything runs). */
  readonly budget?: BudgetOverrides;
  /** Run even with one worker in a worker thread, which an abort stops at once (the CLI does). */
  readonly isolate?: boolean;
  /** Called once before running, then after every finished run. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly resumed: number }) => void;
  /** Receives warnings about the run itself (e.g. dropped partial results); default: stderr. */
  readonly onWarning?: (message: string) => void;
}

function warn(opts: RunOptions, message: string): void {
  if (opts.onWarning) opts.onWarning(message);
  else process.stderr.write(`warning: ${message}\n`); // as cli/warnings.ts prints them
}

/**
 * True when `dir`'s complete result is this very experiment (and shard) and its partial results
 * are still there: a run killed after publishing, before removing them. Running it again
 * rewrites the same files from the partial results, so it needs no force.
 */
function finishingSameResult(dir: string, exp: Experiment, shard: Shard | undefined, storeHash: string): boolean {
  if (!PartialStore.matches(dir, storeHash)) return false;
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { experiment_hash?: unknown; shard?: { index?: unknown; count?: unknown } | null };
    const sameShard = shard ? meta.shard?.index === shard.index && meta.shard?.count === shard.count : meta.shard === null;
    return meta.experiment_hash === exp.hash && sameShard;
  } catch {
    return false;
  }
}

export interface RunOutcome {
  readonly dir: string;
  readonly total: number;
  readonly executed: number;
  readonly resumed: number;
  readonly wallTimeS: number;
  readonly summary: readonly SummaryRow[];
  /** Warnings about the configurations and the results (also in meta.json). */
  readonly warnings: readonly string[];
  readonly context: ResultContext;
}

/** Identifies the partial results of one experiment (and shard): resuming requires the same. */
export function partialStoreHash(experimentHash: string, shard?: Shard): string {
  return createHash('sha256').update(`${experimentHash}\u0000${shard ? `${shard.index}/${shard.count}` : 'all'}`).digest('hex');
}

export function resultDir(out: string, name: string, shard?: Shard): string {
  return shard ? join(out, name, 'shards', `${shard.index}-of-${shard.count}`) : join(out, name);
}

export function resultContext(exp: Experiment): ResultContext {
  return {
    experiment: exp.spec.name,
    columns: exp.columns,
    configurations: exp.configurations.map((c) => ({ index: c.index, id: c.id, swept: c.swept })),
    headline: exp.headline,
    durationS: exp.spec.duration,
    baselineId: exp.configurations[exp.baselineIndex]?.id,
    metricSpec: (m) => exp.model.metricSpec?.(m) ?? defaultMetricSpec(m),
  };
}

export async function runExperiment(exp: Experiment, opts: RunOptions = {}): Promise<RunOutcome> {
  const started = performance.now();
  const { limits } = budgetedEstimate(exp, opts.budget, opts.shard);
  const runLimits = { maxEvents: limits.maxEventsPerRun, maxLive: limits.maxLive, maxHeapBytes: limits.maxHeapBytes };
  const all = planRuns(exp);
  const tasks = selectShard(all, opts.shard);
  const dir = resultDir(opts.out ?? 'results', exp.spec.name, opts.shard);
  const context = resultContext(exp);
  mkdirSync(dir, { recursive: true });
  const unlock = lockResultDir(dir, 'run');
  try {
    return await runLocked(exp, opts, { started, all, tasks, dir, context, runLimits });
  } finally {
    unlock();
  }
}

interface Prepared {
  readonly started: number;
  readonly all: ReturnType<typeof planRuns>;
  readonly tasks: ReturnType<typeof planRuns>;
  readonly dir: string;
  readonly context: ResultContext;
  readonly runLimits: NonNullable<RunJob['limits']>;
}

/** The run proper, while this process holds the directory's lock. */
async function runLocked(exp: Experiment, opts: RunOptions, p: Prepared): Promise<RunOutcome> {
  const { started, dir, context } = p;
  const storeHash = partialStoreHash(exp.hash, opts.shard);
  // Taking the lock finished any publication a kill interrupted (publish.ts). The previous
  // complete result stays in place until the new one replaces it whole, even with force.
  if (existsSync(join(dir, 'meta.json')) && !opts.force && !finishingSameResult(dir, exp, opts.shard, storeHash)) {
    throw new UsageError(`${dir} already holds a complete result; use --force to replace it`);
  }
  let store: PartialStore;
  try {
    store = PartialStore.open(dir, storeHash, (m) => warn(opts, m));
  } catch (err) {
    // With force, partial results of another experiment are discarded; those of this one are
    // kept (the runs are deterministic), so a forced run that was killed resumes too.
    if (!(err instanceof PartialStoreMismatch || err instanceof PartialStoreUnreadable)) {
      throw new UsageError(`${dir}: cannot open the partial results (${(err as Error).message})`);
    }
    if (!opts.force) throw new UsageError(`${err.message}; use --force to discard them and start again`);
    PartialStore.discard(dir);
    store = PartialStore.open(dir, storeHash, (m) => warn(opts, m));
  }

  for (const r of opts.prior ?? []) if (!store.records.has(r.index)) store.append(r);
  const cfgByIndex = exp.configurations;
  const toJob = (task: RunTask): RunJob => {
    const cfg = cfgByIndex[task.configIndex];
    if (!cfg) throw new Error(`internal: no configuration ${task.configIndex}`);
    const traced = exp.trace && exp.trace.configIndex === task.configIndex && exp.trace.replication === task.replication;
    return {
      task,
      model: exp.model.name,
      params: cfg.params,
      duration: exp.spec.duration,
      warmup: exp.spec.warmup,
      ...(exp.spec.drain !== undefined ? { drainLimit: exp.spec.drain } : {}),
      ...(exp.spec.outputs.timeseries ? { sampleInterval: exp.spec.outputs.timeseries.interval } : {}),
      ...(traced && exp.trace ? { traceMaxEvents: exp.trace.maxEvents } : {}),
      limits: p.runLimits,
    };
  };

  // Stages: the planned replications, then (with precision:) batches for the configurations whose
  // interval is still too wide. Each decision reads only finished records, so the same runs are
  // made whatever the number of workers, and a resumed run takes the same decisions. The pool
  // asks for the next stage when the current one is done, keeping its worker threads.
  let tasks = p.tasks;
  let all = p.all;
  let resumed = 0;
  let done = 0;
  const counted = new Set<number>();
  const stageJobs = (): RunJob[] => {
    const fresh = tasks.filter((t) => !counted.has(t.index));
    for (const t of fresh) counted.add(t.index);
    const resumedNow = fresh.filter((t) => store.records.has(t.index)).length;
    resumed += resumedNow;
    done += resumedNow;
    opts.onProgress?.({ done, total: tasks.length, resumed });
    return fresh.filter((t) => !store.records.has(t.index)).map(toJob);
  };
  // The next stage's jobs once every run so far has finished (a stage whose runs were all
  // resumed is decided past at once); undefined when done. A shard runs the first stage only:
  // the later ones need every shard's results (hasim merge runs them).
  const nextStage = (): RunJob[] | undefined => {
    for (;;) {
      const counts = exp.spec.precision && !opts.shard ? nextReplications(exp, context.metricSpec, tasks, store.records) : undefined;
      if (!counts) return undefined;
      all = planRuns(exp, counts);
      tasks = all;
      const jobs = stageJobs();
      if (jobs.length > 0) return jobs;
    }
  };
  const first = stageJobs();
  try {
    await runJobs(first.length > 0 ? first : (nextStage() ?? []), {
      workers: opts.workers ?? 1,
      model: exp.model,
      ...(opts.isolate ? { isolate: true } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onRecord: (record) => {
        store.append(record);
        done++;
        opts.onProgress?.({ done, total: tasks.length, resumed });
      },
      more: nextStage,
    });
  } catch (err) {
    store.close();
    if (err instanceof RunFailedError) throw new RunFailedError(err.task, err.failure, cfgByIndex[err.task.configIndex]?.swept ?? {});
    throw err;
  }

  const records: RunRecord[] = tasks.map((t) => {
    const r = store.records.get(t.index);
    if (!r) throw new Error(`internal: run ${t.index} has no record`);
    return r;
  });
  const wallTimeS = (performance.now() - started) / 1000;
  const tracedRecord = records.find((r) => r.trace !== undefined);
  const written = writeResults(dir, context, records, {
    kind: opts.shard ? 'shard' : 'result',
    hasim_version: exp.version,
    experiment_name: exp.spec.name,
    experiment: { ...exp.spec },
    experiment_hash: exp.hash,
    source_file: exp.file,
    model: exp.model.name,
    seed: exp.spec.seed,
    crn: exp.spec.crn,
    replications: exp.spec.replications,
    swept_columns: exp.columns,
    headline: exp.headline,
    baseline_config_id: context.baselineId ?? null,
    replications_per_config: exp.configurations.map((c) => tasks.filter((t) => t.configIndex === c.index).length),
    config_warnings: exp.warnings,
    configurations: exp.configurations.map((c): MetaConfiguration => {
      const theory = exp.model.theory?.(c.resolved);
      const reason = theory !== undefined && 'reason' in theory ? { theory_unavailable_reason: theory.reason } : {};
      return { config_id: c.id, index: c.index, swept: c.swept, params: c.resolved, ...reason };
    }),
    run_count: tasks.length,
    total_run_count: all.length,
    executed_count: tasks.length - resumed,
    resumed_count: resumed,
    shard: opts.shard ? { index: opts.shard.index, count: opts.shard.count } : null,
    outputs: { timeseries: exp.spec.outputs.timeseries !== undefined, trace: exp.spec.outputs.trace !== undefined },
    trace: tracedRecord
      ? { config_id: tracedRecord.configId, replication: tracedRecord.replication, records: tracedRecord.trace?.length ?? 0, dropped: tracedRecord.traceDropped ?? 0 }
      : null,
    runs: tasks.map((t) => ({ config_id: t.configId, replication: t.replication, seed: t.seed, stream_seed: t.streamSeed })),
    wall_time_s: Number(wallTimeS.toFixed(3)),
  });
  store.remove();
  return { dir, total: tasks.length, executed: tasks.length - resumed, resumed, wallTimeS, summary: written.summary, warnings: written.warnings, context };
}
