// Writes a result directory's final files, published together (publish.ts): the directory
// holds the previous complete result until the new one is complete, then all the new files. A
// shard directory also keeps runs.jsonl (exact values, for merge) and has no summary.csv (a
// shard's summary would mislead). The files' text comes from result-files.ts.
import { mkdirSync } from 'node:fs';
import { publishResult } from './publish.js';
import { resultFiles, type MetaInput } from './result-files.js';
import type { ResultContext } from './result-context.js';
import type { RunRecord } from '../experiment/run-record.js';
import type { SummaryRow } from './tables.js';

export interface WrittenResults {
  readonly summary: SummaryRow[];
  /** config_warnings followed by the warnings found in the results (result-warnings.ts). */
  readonly warnings: readonly string[];
}

export function writeResults(dir: string, ctx: ResultContext, records: readonly RunRecord[], meta: MetaInput): WrittenResults {
  mkdirSync(dir, { recursive: true });
  const { files, summary, warnings } = resultFiles(ctx, records, meta);
  publishResult(dir, files);
  return { summary, warnings };
}
