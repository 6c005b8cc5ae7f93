// The runner's pool (src/experiment/pool.ts's runJobs) for the browser: the page bundle puts this
// module in place of pool.ts (playground/build.mjs), so src/experiment/runner.ts plans, stages and
// collects the runs exactly as in the CLI, while the runs execute in Web Workers (run-worker.ts),
// each holding one job at a time. The first failure stops the pool and rejects with
// RunFailedError; an abort terminates every worker at once and rejects with InterruptedError.
import type { RunJob } from '../../src/experiment/execute-run.js';
import { InterruptedError, RunFailedError } from '../../src/experiment/run-errors.js';
import type { WorkerReply } from '../../src/experiment/worker-protocol.js';
// The same options as the Node pool's, so the runner's call type-checks against this pool too.
import type { PoolOptions } from '../../src/experiment/pool.js';

export type { PoolOptions };


let makeWorker: (() => Worker) | undefined;

/** How the page starts a worker (from a blob of the worker bundle: file:// pages may not load worker scripts). */
export function setWorkerFactory(factory: () => Worker): void {
  makeWorker = factory;
}

export function runJobs(jobs: readonly RunJob[], opts: PoolOptions): Promise<void> {
  if (jobs.length === 0) return Promise.resolve();
  const factory = makeWorker;
  if (!factory) return Promise.reject(new Error('playground: no worker factory set'));
  return new Promise<void>((resolve, reject) => {
    const queue = [...jobs];
    const byIndex = new Map(jobs.map((j) => [j.task.index, j]));
    const workers: Worker[] = [];
    const holding = new Map<Worker, RunJob>();
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
    if (opts.signal?.aborted) return finish(new InterruptedError());
    opts.signal?.addEventListener('abort', onAbort);
    const feed = (w: Worker): void => {
      const job = queue.shift();
      holding.delete(w);
      if (job) {
        holding.set(w, job);
        w.postMessage(job);
      }
    };
    const count = Math.max(1, Math.min(opts.workers, jobs.length));
    for (let i = 0; i < count; i++) {
      const w = factory();
      workers.push(w);
      w.onmessage = (ev: MessageEvent<WorkerReply>): void => {
        const reply = ev.data;
        if (settled) return;
        if (reply.type === 'failed') {
          const job = byIndex.get(reply.index);
          finish(job ? new RunFailedError(job.task, reply.failure) : new Error(reply.failure.message));
          return;
        }
        try {
          opts.onRecord(reply.record);
        } catch (err) {
          finish(err as Error);
          return;
        }
        pending--;
        if (pending > 0) return feed(w);
        holding.delete(w);
        let more: readonly RunJob[] | undefined;
        try {
          more = opts.more?.();
        } catch (err) {
          finish(err as Error);
          return;
        }
        if (!more || more.length === 0) return finish();
        for (const j of more) byIndex.set(j.task.index, j);
        queue.push(...more);
        pending += more.length;
        for (const idle of workers) if (!holding.has(idle)) feed(idle);
      };
      w.onerror = (ev: ErrorEvent): void => {
        ev.preventDefault();
        finish(new Error(`a worker failed: ${ev.message}`));
      };
      feed(w);
    }
  });
}
