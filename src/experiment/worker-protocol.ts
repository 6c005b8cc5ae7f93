// Messages from a worker thread to the pool.
import type { RunRecord } from '../output/run-record.js';
import type { RunFailure } from './execute-run.js';

export type WorkerReply =
  | { readonly type: 'done'; readonly record: RunRecord }
  | { readonly type: 'failed'; readonly index: number; readonly failure: RunFailure };
