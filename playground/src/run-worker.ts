// The Web Worker of the playground: executes the runs posted to it one at a time with the same
// code as the CLI's worker threads (src/experiment/execute-run.ts, the built-in models) and posts
// back records or failures (src/experiment/worker-protocol.ts).
import { describeFailure, executeRun, type RunJob } from '../../src/experiment/execute-run.js';
import type { WorkerReply } from '../../src/experiment/worker-protocol.js';
import { models } from '../../models/index.js';

const scope = self as unknown as { onmessage: ((ev: MessageEvent<RunJob>) => void) | null; postMessage: (reply: WorkerReply) => void };

scope.onmessage = (ev) => {
  const job = ev.data;
  let reply: WorkerReply;
  try {
    const model = models.find((m) => m.name === job.model);
    if (!model) throw new Error(`model "${job.model}" is not built in`);
    reply = { type: 'done', record: executeRun(model, job) };
  } catch (err) {
    reply = { type: 'failed', index: job.task.index, failure: describeFailure(err) };
  }
  scope.postMessage(reply);
};
