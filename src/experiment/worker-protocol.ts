// What the pool gives a worker thread when it starts, and the messages a worker sends back.
import type { RunFailure } from './execute-run.js';
import type { RunRecord } from './run-record.js';

export interface WorkerData {
  /** URLs of the modules exporting the models (model-modules.ts). */
  readonly modelModules: readonly string[];
}

export type WorkerReply =
  | { readonly type: 'done'; readonly record: RunRecord }
  | { readonly type: 'failed'; readonly index: number; readonly failure: RunFailure };
