// Hands jobs to a fixed set of workers and collects their records, whatever the workers are:
// worker threads (pool.ts) or the playground's Web Workers (playground/src/browser-pool.ts). The
// longest jobs come first in `jobs`, so each worker gets one of them first; a worker may then
// hold up to `depth` jobs while the queue is longer than the pool, so that it starts its next run
// without waiting for the main thread to persist a record. When every job has finished, `more`
// is asked for the next stage. Each record goes to `onRecord` at once (a record that arrives after
// the pool has settled still does: it is a finished run). The first failure stops the pool and
// rejects (RunFailedError for a run's own failure); an abort rejects with InterruptedError.
import type { RunRecord } from './run-record.js';
import type { RunJob } from './execute-run.js';
import { InterruptedError, RunFailedError } from './run-errors.js';
import type { WorkerReply } from './worker-protocol.js';

/** One worker, as the dispatcher drives it. */
export interface DispatchedWorker {
  post(job: RunJob): void;
  terminate(): void;
}

/** What a worker's events are handed to: its replies, or an error that ends the pool. */
export interface WorkerEvents {
  reply(reply: WorkerReply): void;
  fail(err: Error): void;
  /** The job the worker runs now (undefined when it holds none). */
  running(): RunJob | undefined;
}

export interface DispatchOptions {
  readonly workers: number;
  /** Jobs a worker may hold at most: the one it runs and the next ones. */
  readonly depth: number;
  readonly onRecord: (record: RunRecord) => void;
  readonly signal?: AbortSignal;
  readonly more?: () => readonly RunJob[] | undefined;
}

/** Runs `jobs` (non-empty) on `min(workers, jobs)` workers made by `start`. */
export function dispatchJobs(jobs: readonly RunJob[], opts: DispatchOptions, start: (events: WorkerEvents) => DispatchedWorker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const queue = [...jobs];
    const byIndex = new Map(jobs.map((j) => [j.task.index, j]));
    const workers: DispatchedWorker[] = [];
    /** The jobs each worker holds, the one it runs first. */
    const holding = new Map<DispatchedWorker, RunJob[]>();
    let pending = jobs.length;
    let settled = false;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => finish(new InterruptedError());
    const next = (): readonly RunJob[] | undefined => {
      try {
        return opts.more?.();
      } catch (err) {
        finish(err as Error);
        return undefined;
      }
    };
    if (opts.signal?.aborted) return finish(new InterruptedError());
    opts.signal?.addEventListener('abort', onAbort);

    const count = Math.max(1, Math.min(opts.workers, jobs.length));
    const feed = (w: DispatchedWorker, depth = opts.depth): void => {
      const held = holding.get(w)!;
      while (held.length === 0 || (held.length < depth && queue.length > count)) {
        const job = queue.shift();
        if (!job) break;
        held.push(job);
        w.post(job);
      }
    };
    const onReply = (w: DispatchedWorker, reply: WorkerReply): void => {
      if (reply.type === 'failed') {
        const job = byIndex.get(reply.index);
        finish(job ? new RunFailedError(job.task, reply.failure) : new Error(reply.failure.message));
        return;
      }
      const held = holding.get(w)!;
      const at = held.findIndex((j) => j.task.index === reply.record.index);
      if (at >= 0) held.splice(at, 1);
      try {
        opts.onRecord(reply.record);
      } catch (err) {
        finish(err as Error);
        return;
      }
      pending--;
      if (pending === 0) {
        const more = settled ? undefined : next();
        if (!more || more.length === 0) return finish();
        for (const j of more) byIndex.set(j.task.index, j);
        queue.push(...more);
        pending += more.length;
        for (const idle of workers) feed(idle, 1);
        for (const idle of workers) feed(idle);
      } else if (!settled) feed(w);
    };
    for (let i = 0; i < count; i++) {
      let self: DispatchedWorker | undefined;
      const w = start({
        reply: (reply) => onReply(self!, reply),
        fail: finish,
        running: () => (self ? holding.get(self)?.[0] : undefined),
      });
      self = w;
      workers.push(w);
      holding.set(w, []);
    }
    // One job each first (the longest go to different workers), then the next ones.
    for (const w of workers) feed(w, 1);
    for (const w of workers) feed(w);
  });
}
