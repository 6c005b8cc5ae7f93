// Writes a result directory's final files, each atomically, meta.json last: a directory with
// meta.json is complete. A shard directory also keeps runs.jsonl (exact values, for merge)
// and has no summary.csv (a shard's summary would mislead).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { metaJson, type Meta } from './meta.js';
import { resultWarnings } from './result-warnings.js';
import type { ResultContext } from './result-context.js';
import { encodeRecord, type RunRecord } from './run-record.js';
import { metricColumns, runsCsv, summaryCsv, summaryRows, timeseriesCsv, traceJsonl, type SummaryRow } from './tables.js';

export const RESULT_FILES = ['runs.csv', 'summary.csv', 'timeseries.csv', 'trace.jsonl', 'runs.jsonl', 'meta.json'] as const;

/** Removes the files a previous result left in `dir` (other files are left alone). */
export function removeResultFiles(dir: string): void {
  for (const f of RESULT_FILES) rmSync(join(dir, f), { force: true });
}

export interface WrittenResults {
  readonly summary: SummaryRow[];
  /** config_warnings followed by the warnings found in the results (result-warnings.ts). */
  readonly warnings: readonly string[];
}

export function writeResults(
  dir: string,
  ctx: ResultContext,
  records: readonly RunRecord[],
  meta: Omit<Meta, 'metric_columns' | 'metric_specs' | 'warnings'>,
): WrittenResults {
  mkdirSync(dir, { recursive: true });
  const sorted = [...records].sort((a, b) => a.index - b.index);
  const shard = meta.kind === 'shard';
  writeFileAtomic(join(dir, 'runs.csv'), runsCsv(ctx, sorted));
  const rows = summaryRows(ctx, sorted);
  if (!shard) writeFileAtomic(join(dir, 'summary.csv'), summaryCsv(ctx, rows));
  if (meta.outputs.timeseries) writeFileAtomic(join(dir, 'timeseries.csv'), timeseriesCsv(sorted));
  const traced = sorted.find((r) => r.trace !== undefined);
  if (meta.outputs.trace && traced) writeFileAtomic(join(dir, 'trace.jsonl'), traceJsonl(traced));
  if (shard) writeFileAtomic(join(dir, 'runs.jsonl'), sorted.map((r) => `${encodeRecord(r)}\n`).join(''));
  const columns = metricColumns(sorted);
  const warnings = [...meta.config_warnings, ...resultWarnings(ctx, rows, columns)];
  const metric_specs = Object.fromEntries(columns.map((m) => [m, ctx.metricSpec(m)]));
  writeFileAtomic(join(dir, 'meta.json'), metaJson({ ...meta, metric_columns: columns, metric_specs, warnings } as Meta));
  return { summary: rows, warnings };
}
