// Worker thread entry (compiled to dist/src/experiment/worker.js): loads the model registry,
// then executes the jobs posted to it one at a time and posts back records or failures.
import { parentPort } from 'node:worker_threads';
import { describeFailure, executeRun, type RunJob } from './execute-run.js';
import { loadModels } from './registry.js';
import type { WorkerReply } from './worker-protocol.js';

const port = parentPort;
if (port) {
  const modelsReady = loadModels();
  port.on('message', (job: RunJob) => {
    void modelsReady.then(
      (models) => {
        const model = models.find((m) => m.name === job.model);
        let reply: WorkerReply;
        try {
          if (!model) throw new Error(`model "${job.model}" is not registered in the worker`);
          reply = { type: 'done', record: executeRun(model, job) };
        } catch (err) {
          reply = { type: 'failed', index: job.task.index, failure: describeFailure(err) };
        }
        port.postMessage(reply);
      },
      (err: unknown) => port.postMessage({ type: 'failed', index: job.task.index, failure: describeFailure(err) } satisfies WorkerReply),
    );
  });
}
