// Executes jobs either in this thread (workers = 1) or in a pool of worker threads
// (job-dispatch.ts hands them out). Each finished record is handed to `onRecord` at once (the
// runner persists it); the first failure stops the pool (runs finished meanwhile are still
// handed over) and rejects with RunFailedError; an abort rejects with InterruptedError.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunRecord } from './run-record.js';
import { describeFailure, executeRun, type RunJob } from './execute-run.js';
import type { Model } from './model.js';
import { InterruptedError, RunFailedError } from './run-errors.js';
import type { WorkerData, WorkerReply } from './worker-protocol.js';
import { dispatchJobs } from './job-dispatch.js';

export interface PoolOptions {
  readonly workers: number;
  readonly model: Model<any>;
  readonly onRecord: (record: RunRecord) => void;
  readonly signal?: AbortSignal;
  /**
   * Run in worker threads even with one worker: an abort then terminates the run at once (a run in
   * this thread holds the event loop, so a signal waits for it to end). The CLI always isolates.
   */
  readonly isolate?: boolean;
  /** URLs of the modules exporting the models, which each worker thread imports (model-modules.ts). */
  readonly modelModules?: readonly string[];
  /** Asked, when every job so far has finished, for more (the next stage of `precision:`); undefined or none ends the pool. */
  readonly more?: () => readonly RunJob[] | undefined;
}

/**
 * V8's own heap limit of a worker, as a multiple of the run's memory limit (limits.maxHeapMB): a
 * backstop for an allocation too fast for the checks at the engine's checkpoints. Crossing it
 * ends the worker (ERR_WORKER_OUT_OF_MEMORY), reported as the failure of the run it held.
 */
const WORKER_HEAP_FACTOR = 2;
/** MB added to the backstop for the worker's own code and data (models, zod schemas). */
const WORKER_HEAP_BASE_MB = 256;
/** Jobs a worker holds at most: the one it runs and the next. */
const PREFETCH = 2;

/**
 * The compiled worker script. From dist/ it sits next to this module; when this module runs
 * from TypeScript sources (tests), the compiled copy in dist/ is used.
 */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  if (here.endsWith('.js')) return join(dir, 'worker.js');
  const compiled = join(dir, '..', '..', 'dist', 'src', 'experiment', 'worker.js');
  if (!existsSync(compiled)) throw new Error(`worker threads need the compiled code: run \`npm run build\` (missing ${compiled})`);
  return compiled;
}

export async function runJobs(jobs: readonly RunJob[], opts: PoolOptions): Promise<void> {
  if (jobs.length === 0) return;
  if (opts.workers <= 1 && !opts.isolate) return runInProcess(jobs, opts);
  return runInWorkers(jobs, opts);
}

async function runInProcess(first: readonly RunJob[], opts: PoolOptions): Promise<void> {
  for (let jobs: readonly RunJob[] | undefined = first; jobs && jobs.length > 0; jobs = opts.more?.()) {
    await runBatchInProcess(jobs, opts);
  }
}

async function runBatchInProcess(jobs: readonly RunJob[], opts: PoolOptions): Promise<void> {
  for (const job of jobs) {
    // Let signals, progress output and I/O through between runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (opts.signal?.aborted) throw new InterruptedError();
    let record: RunRecord;
    try {
      record = executeRun(opts.model, job);
    } catch (err) {
      throw new RunFailedError(job.task, describeFailure(err));
    }
    opts.onRecord(record);
  }
}

function runInWorkers(jobs: readonly RunJob[], opts: PoolOptions): Promise<void> {
  const script = workerScript();
  if (!opts.modelModules || opts.modelModules.length === 0) {
    throw new Error('worker threads need the module URLs of the models (modelModules) to load the model');
  }
  const workerData: WorkerData = { modelModules: opts.modelModules };
  const maxHeapBytes = jobs[0]?.limits?.maxHeapBytes ?? Infinity;
  const resourceLimits = Number.isFinite(maxHeapBytes)
    ? { maxOldGenerationSizeMb: Math.ceil((WORKER_HEAP_FACTOR * maxHeapBytes) / 1048576) + WORKER_HEAP_BASE_MB }
    : undefined;
  // A worker holds its run and, while the queue is longer than the pool, the next one: it starts
  // that run as soon as it posts a record, without waiting for the main thread to persist the
  // record and answer.
  return dispatchJobs(jobs, { ...opts, depth: PREFETCH }, (events) => {
    const w = new Worker(script, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
    w.on('message', (reply: WorkerReply) => events.reply(reply));
    w.on('error', (err) => {
      const job = events.running();
      if (job && (err as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const mb = resourceLimits?.maxOldGenerationSizeMb;
        events.fail(new RunFailedError(job.task, { message: `the run ran out of memory (its thread's heap limit of ${mb} MB, set from limits.maxHeapMB); lower the load or raise limits.maxHeapMB` }));
      } else events.fail(err);
    });
    let terminated = false;
    w.on('exit', (code) => {
      if (!terminated && code !== 0) events.fail(new Error(`worker thread exited with code ${code}`));
    });
    return {
      post: (job) => w.postMessage(job),
      terminate: () => {
        terminated = true;
        void w.terminate();
      },
    };
  });
}
