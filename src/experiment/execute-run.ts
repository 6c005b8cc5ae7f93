// Executes one run in a fresh Simulation: build the model, run the warm-up, reset statistics,
// run the measured horizon (in chunks at the time-series interval when sampling), drain the
// requests that arrived in it (models with `drain`), collect metrics. Used by worker threads and
// by the in-process runner alike.
import { getHeapStatistics } from 'node:v8';
import { LimitError, SimulationError } from '../engine/errors.js';
import { Simulation } from '../engine/simulation.js';
import { RandomStreams } from '../random/streams.js';
import type { RunRecord, TimeseriesSample } from './run-record.js';
import { DRAIN_LIMIT_DURATIONS, type Estimator, type Model } from './model.js';
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
  /** The guards of the run (none: unlimited). */
  readonly limits?: RunLimits;
  /** The experiment's estimator when it is not plain. */
  readonly estimator?: Estimator;
}

/** The guards of one run (from the experiment's limits; see limits.ts). */
export interface RunLimits {
  /** Events the run may process (warm-up, window and drain together). */
  readonly maxEvents: number;
  /** Live entities one growing structure may hold. */
  readonly maxLive: number;
  /** Heap and array-buffer bytes of the thread running it. */
  readonly maxHeapBytes: number;
}

/** How each guard is raised, for the message of a run that crossed it. */
const LIMIT_KEYS: Record<LimitError['limit'], string> = {
  maxEvents: 'limits.maxEventsPerRun',
  maxLive: 'limits.maxLiveEntities',
  maxHeapBytes: 'limits.maxHeapMB',
};

/** Checkpoints (of 1024 events) between two looks at the memory in use (~64 k events, a few ms). */
const HEAP_CHECK_EVERY = 64;

/** Memory of this thread: V8 heap in use plus array buffers (typed-array queues live there). */
export function threadMemoryBytes(): number {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
}

/**
 * The checkpoint hook of a run with a memory limit: every HEAP_CHECK_EVERY checkpoints, the memory
 * of this thread. Only the growth since the run started counts, so what the thread held before
 * (the models, a previous run's garbage) is not charged to it.
 */
function memoryGuard(maxBytes: number): () => void {
  let calls = 0;
  const base = threadMemoryBytes();
  return () => {
    if (++calls < HEAP_CHECK_EVERY) return;
    calls = 0;
    const used = threadMemoryBytes() - base;
    if (used > maxBytes) {
      throw new LimitError(`the run uses more than ${Math.round(maxBytes / 1048576)} MB of memory (${Math.round(used / 1048576)} MB)`, 'maxHeapBytes', maxBytes);
    }
  };
}

export interface RunFailure {
  readonly message: string;
  readonly simTime?: number;
  readonly component?: string;
  readonly stack?: string;
}

function limitMessage(e: LimitError): string {
  return `${e.message}; the run was stopped at the limit ${LIMIT_KEYS[e.limit]} (raise it under limits: in the experiment file)`;
}

export function describeFailure(err: unknown): RunFailure {
  if (err instanceof SimulationError) {
    const limit = err.cause instanceof LimitError ? err.cause : undefined;
    const message = limit ? limitMessage(limit) : err.message;
    return { message, simTime: err.simTime, component: err.component, ...(err.stack ? { stack: err.stack } : {}) };
  }
  if (err instanceof LimitError) {
    return { message: limitMessage(err), ...(err.stack ? { stack: err.stack } : {}) };
  }
  if (err instanceof Error) return { message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { message: String(err) };
}

export function executeRun(model: Model<any>, job: RunJob): RunRecord {
  const params: unknown = model.params.parse(job.params);
  const lim = job.limits;
  const sim = new Simulation(
    lim
      ? {
          ...(Number.isFinite(lim.maxEvents) ? { maxEvents: lim.maxEvents } : {}),
          ...(Number.isFinite(lim.maxLive) ? { maxLive: lim.maxLive } : {}),
          ...(Number.isFinite(lim.maxHeapBytes) ? { onCheckpoint: memoryGuard(lim.maxHeapBytes) } : {}),
        }
      : {},
  );
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
  const run = model.build(
    { sim, streams, duration: job.duration, warmup: job.warmup, trace: sink, ...(job.estimator !== undefined ? { estimator: job.estimator } : {}) },
    params,
  );
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
