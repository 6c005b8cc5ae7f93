// Writes a result directory's final files, published together (publish.ts): the directory
// holds the previous complete result until the new one is complete, then all the new files.
// Every result keeps runs.jsonl (the run records, exact values): merge reads a shard's, and a
// sweep run again reuses its finished runs from it (previous-result.ts). A shard directory has
// no summary.csv (a shard's summary would mislead).
import { mkdirSync } from 'node:fs';
import { metaJson, type Meta } from './meta.js';
import { publishResult, type ResultFile } from './publish.js';
import { resultWarnings } from './result-warnings.js';
import type { ResultContext } from './result-context.js';
import type { RunRecord } from '../experiment/run-record.js';
import { encodeRecord } from './run-record-json.js';
import { numericColumnsMeta } from './numeric-columns.js';
import { metricColumns, resultCompanions, runsCsv, summaryCsv, summaryRows, timeseriesCsv, traceJsonl, type SummaryRow } from './tables.js';

export interface WrittenResults {
  readonly summary: SummaryRow[];
  /** config_warnings followed by the warnings found in the results (result-warnings.ts). */
  readonly warnings: readonly string[];
}

export function writeResults(
  dir: string,
  ctx: ResultContext,
  records: readonly RunRecord[],
  meta: Omit<Meta, 'metric_columns' | 'metric_specs' | 'warnings' | 'numeric_columns'>,
): WrittenResults {
  mkdirSync(dir, { recursive: true });
  const sorted = [...records].sort((a, b) => a.index - b.index);
  const shard = meta.kind === 'shard';
  const files = new Map<ResultFile, string>();
  files.set('runs.csv', runsCsv(ctx, sorted));
  const rows = summaryRows(ctx, sorted);
  if (!shard) files.set('summary.csv', summaryCsv(ctx, rows));
  if (meta.outputs.timeseries) files.set('timeseries.csv', timeseriesCsv(sorted));
  const traced = sorted.find((r) => r.trace !== undefined);
  if (meta.outputs.trace && traced) files.set('trace.jsonl', traceJsonl(traced));
  files.set('runs.jsonl', sorted.map((r) => `${encodeRecord(r)}\n`).join(''));
  const columns = metricColumns(sorted);
  const warnings = [...meta.config_warnings, ...resultWarnings(ctx, rows, columns)];
  const metric_specs = Object.fromEntries(columns.map((m) => [m, ctx.metricSpec(m)]));
  const numeric_columns = numericColumnsMeta(resultCompanions(ctx, columns));
  files.set('meta.json', metaJson({ ...meta, numeric_columns, metric_columns: columns, metric_specs, warnings } as Meta));
  publishResult(dir, files);
  return { summary: rows, warnings };
}
