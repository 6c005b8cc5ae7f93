// Runs an experiment (or one shard of it) into a sink (run-sink.ts): plans the runs, takes the
// runs the sink kept (from an interrupted invocation, or from the previous result of a sweep
// that grew) as done, executes the others in the worker pool (in stages under `precision:`),
// longest first, hands each finished run to the sink as it finishes, and at the end the
// complete set for publication. What the sink writes, and where, is its own.
import type { RunJob } from './execute-run.js';
import { metricSpecOf } from './metric-spec-of.js';
import { planRuns, selectShard, type RunTask, type Shard } from './plan.js';
import { nextReplications } from './precision.js';
import { runJobs } from './pool.js';
import { budgetedEstimate, estimateEventsPerRun } from './estimate.js';
import type { BudgetOverrides } from './limits.js';
import { RunFailedError } from './run-errors.js';
import type { RunRecord } from './run-record.js';
import type { OpenRunSink, RunSink } from './run-sink.js';
import type { Experiment } from './spec.js';
import { resolveEstimator, runShapeOf } from './spec-schema.js';

export interface RunOptions {
  readonly workers?: number;
  readonly shard?: Shard;
  readonly signal?: AbortSignal;
  /** Runs finished elsewhere (the shards being merged): taken as done, like the runs the sink kept. */
  readonly prior?: readonly RunRecord[];
  /** CPU and run budgets overriding the file's `limits:` (the estimate is checked against them before anything runs). */
  readonly budget?: BudgetOverrides;
  /** Run even with one worker in a worker thread, which an abort stops at once (the CLI does). */
  readonly isolate?: boolean;
  /**
   * URLs of the modules that export the models (see model-modules.ts): worker threads import
   * them to find the experiment's model. Needed whenever runs go to worker threads.
   */
  readonly modelModules?: readonly string[];
  /** Called once before running, then after every finished run; `resumed` counts every run taken as done. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly resumed: number }) => void;
}

/** How many runs an invocation made, and how long it took. */
export interface RunCounts {
  readonly total: number;
  readonly executed: number;
  /** Runs kept by an interrupted invocation (or given as prior). */
  readonly resumed: number;
  /** Runs taken from the previous complete result (a sweep that grew). */
  readonly reused: number;
  readonly wallTimeS: number;
}

/** What the sink reported of the published result, with the run counts. */
export type RunOutcome<R extends object> = R & RunCounts;

export async function runExperiment<R extends object>(exp: Experiment, sink: RunSink<R>, opts: RunOptions = {}): Promise<RunOutcome<R>> {
  const started = performance.now();
  const { limits } = budgetedEstimate(exp, opts.budget, opts.shard);
  const runLimits = { maxEvents: limits.maxEventsPerRun, maxLive: limits.maxLive, maxHeapBytes: limits.maxHeapBytes };
  const all = planRuns(exp);
  const tasks = selectShard(all, opts.shard);
  const store = sink.open(exp, opts.shard);
  try {
    return await runOpen(exp, opts, store, { started, all, tasks, runLimits });
  } finally {
    store.close();
  }
}

interface Prepared {
  readonly started: number;
  readonly all: readonly RunTask[];
  readonly tasks: readonly RunTask[];
  readonly runLimits: NonNullable<RunJob['limits']>;
}

/** The run proper, while the sink is open. */
async function runOpen<R extends object>(exp: Experiment, opts: RunOptions, store: OpenRunSink<R>, p: Prepared): Promise<RunOutcome<R>> {
  const { started } = p;
  const metricSpec = metricSpecOf(exp);
  for (const r of opts.prior ?? []) if (!store.records.has(r.index)) store.append(r);
  const cfgByIndex = exp.configurations;
  const estimator = resolveEstimator(exp.spec.estimator);
  // Longest first: the estimated events of a run of each configuration. A pool that starts the
  // long runs early ends with short ones, so no worker waits alone on a long run at the end.
  const shape = runShapeOf(exp.spec);
  const work = cfgByIndex.map((c) => estimateEventsPerRun(exp.model, c.resolved, shape));
  const longestFirst = (a: RunTask, b: RunTask): number => (work[b.configIndex] ?? 0) - (work[a.configIndex] ?? 0) || a.index - b.index;
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
      ...(estimator.kind !== 'plain' ? { estimator } : {}),
    };
  };

  // Stages: the planned replications, then (with precision:) batches for the configurations whose
  // interval is still too wide. Each decision reads only finished records, so the same runs are
  // made whatever the number of workers, and a resumed run takes the same decisions. The pool
  // asks for the next stage when the current one is done, keeping its worker threads.
  let tasks = p.tasks;
  let all = p.all;
  let resumed = 0;
  let reused = 0;
  let done = 0;
  const counted = new Set<number>();
  const stageJobs = (): RunJob[] => {
    const fresh = tasks.filter((t) => !counted.has(t.index));
    for (const t of fresh) counted.add(t.index);
    const reusedNow = fresh.filter((t) => store.reused.has(t.index)).length;
    const resumedNow = fresh.filter((t) => store.records.has(t.index)).length - reusedNow;
    resumed += resumedNow;
    reused += reusedNow;
    done += resumedNow + reusedNow;
    opts.onProgress?.({ done, total: tasks.length, resumed: resumed + reused });
    return fresh
      .filter((t) => !store.records.has(t.index))
      .sort(longestFirst)
      .map(toJob);
  };
  // The next stage's jobs once every run so far has finished (a stage whose runs were all
  // resumed is decided past at once); undefined when done. A shard runs the first stage only:
  // the later ones need every shard's results (hasim merge runs them).
  const nextStage = (): RunJob[] | undefined => {
    for (;;) {
      const counts = exp.spec.precision && !opts.shard ? nextReplications(exp, metricSpec, tasks, store.records) : undefined;
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
      ...(opts.modelModules ? { modelModules: opts.modelModules } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onRecord: (record) => {
        store.append(record);
        done++;
        opts.onProgress?.({ done, total: tasks.length, resumed: resumed + reused });
      },
      more: nextStage,
    });
  } catch (err) {
    if (err instanceof RunFailedError) throw new RunFailedError(err.task, err.failure, cfgByIndex[err.task.configIndex]?.swept ?? {});
    throw err;
  }

  const records: RunRecord[] = tasks.map((t) => {
    const r = store.records.get(t.index);
    if (!r) throw new Error(`internal: run ${t.index} has no record`);
    return r;
  });
  const wallTimeS = (performance.now() - started) / 1000;
  const published = store.publish({ tasks, records, totalRunCount: all.length, resumed, reused, wallTimeS });
  return { ...published, total: tasks.length, executed: tasks.length - resumed - reused, resumed, reused, wallTimeS };
}
