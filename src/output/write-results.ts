// Writes a result directory's final files, published together (publish.ts): the directory
// holds the previous complete result until the new one is complete, then all the new files.
// Every result keeps runs.jsonl (the run records, exact values): merge reads a shard's, and a
// sweep run again reuses its finished runs from it (previous-result.ts). A shard directory has
// no summary.csv (a shard's summary would mislead). The files' text comes from result-files.ts.
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
