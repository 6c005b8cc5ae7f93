// Worker thread entry (compiled to dist/src/experiment/worker.js): imports the model modules
// named in its workerData (model-modules.ts), then executes the jobs posted to it one at a time
// and posts back records or failures.
import { parentPort, workerData } from 'node:worker_threads';
import { describeFailure, executeRun, type RunJob } from './execute-run.js';
import { importModels } from './model-modules.js';
import type { WorkerData, WorkerReply } from './worker-protocol.js';

const port = parentPort;
if (port) {
  const modelsReady = importModels((workerData as WorkerData).modelModules);
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
