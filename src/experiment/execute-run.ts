// Executes one run in a fresh Simulation: build the model, run the warm-up, reset statistics,
// run the measured horizon (in chunks at the time-series interval when sampling), drain the
// requests that arrived in it (models with `drain`), collect metrics. Used by worker threads and
// by the in-process runner alike.
import { SimulationError } from '../engine/errors.js';
import { Simulation } from '../engine/simulation.js';
import { RandomStreams } from '../random/streams.js';
import type { RunRecord, TimeseriesSample } from '../output/run-record.js';
import { DRAIN_LIMIT_DURATIONS, type Model } from './model.js';
import type { RunTask } from './plan.js';

/** Everything a worker needs for one run (structured-clone friendly). */
export interface RunJob {
  readonly task: RunTask;
  readonly model: string;
  /** Raw parameters (parsed again by the model's schema where the run executes). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly duration: number;
  readonly warmup: number;
  /** How long the run may go on after the measured window to finish its requests, seconds (default DRAIN_LIMIT_DURATIONS × duration). */
  readonly drainLimit?: number;
  readonly sampleInterval?: number;
  /** Set for the one traced run. */
  readonly traceMaxEvents?: number;
}

export interface RunFailure {
  readonly message: string;
  readonly simTime?: number;
  readonly component?: string;
  readonly stack?: string;
}

export function describeFailure(err: unknown): RunFailure {
  if (err instanceof SimulationError) {
    return { message: err.message, simTime: err.simTime, component: err.component, ...(err.stack ? { stack: err.stack } : {}) };
  }
  if (err instanceof Error) return { message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { message: String(err) };
}

export function executeRun(model: Model<any>, job: RunJob): RunRecord {
  const params: unknown = model.params.parse(job.params);
  const sim = new Simulation();
  const streams = new RandomStreams(job.task.streamSeed);
  const trace: Record<string, unknown>[] = [];
  let traceDropped = 0;
  const max = job.traceMaxEvents;
  const sink =
    max === undefined
      ? undefined
      : (record: Record<string, unknown>): void => {
          if (trace.length < max) trace.push(record);
          else traceDropped++;
        };
  const run = model.build({ sim, streams, duration: job.duration, warmup: job.warmup, trace: sink }, params);
  const end = job.warmup + job.duration;
  if (job.warmup > 0) {
    sim.run({ until: job.warmup });
    run.resetStats();
  }
  const timeseries: TimeseriesSample[] = [];
  if (job.sampleInterval !== undefined && run.sample) {
    const steps = Math.floor(job.duration / job.sampleInterval + 1e-9);
    for (let k = 1; k <= steps; k++) {
      const t = job.warmup + k * job.sampleInterval;
      sim.run({ until: t });
      timeseries.push({ t, values: run.sample() });
    }
  }
  sim.run({ until: end });
  if (run.drain) run.drain(end + (job.drainLimit ?? DRAIN_LIMIT_DURATIONS * job.duration));
  const metrics = run.metrics();
  return {
    index: job.task.index,
    configId: job.task.configId,
    replication: job.task.replication,
    seed: job.task.seed,
    metrics,
    ...(job.sampleInterval !== undefined ? { timeseries } : {}),
    ...(max !== undefined ? { trace, traceDropped } : {}),
  };
}
