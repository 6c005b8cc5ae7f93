// The runner's pool (src/experiment/pool.ts's runJobs) for the browser: the page bundle puts this
// module in place of pool.ts (playground/build.mjs), so src/experiment/runner.ts plans, stages and
// collects the runs exactly as in the CLI, while the runs execute in Web Workers (run-worker.ts),
// handed out as to worker threads (src/experiment/job-dispatch.ts), each holding one job at a
// time. An abort terminates every worker at once; nothing a terminated worker still sends counts.
import type { RunJob } from '../../src/experiment/execute-run.js';
import { dispatchJobs } from '../../src/experiment/job-dispatch.js';
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
  return dispatchJobs(jobs, { ...opts, depth: 1 }, (events) => {
    const w = factory();
    let terminated = false;
    w.onmessage = (ev: MessageEvent<WorkerReply>): void => {
      if (!terminated) events.reply(ev.data);
    };
    w.onerror = (ev: ErrorEvent): void => {
      ev.preventDefault();
      events.fail(new Error(`a worker failed: ${ev.message}`));
    };
    return {
      post: (job) => w.postMessage(job),
      terminate: () => {
        terminated = true;
        w.terminate();
      },
    };
  });
}
