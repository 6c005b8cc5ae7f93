// The text of a result's files (runs.csv, summary.csv, timeseries.csv, trace.jsonl, runs.jsonl,
// meta.json) from its records and meta, with no file system: write-results.ts publishes them into
// a result directory, the web playground offers them as downloads. Same records ⇒ same bytes.
import { metaJson, type Meta } from './meta.js';
import type { ResultFile } from './publish.js';
import { resultWarnings } from './result-warnings.js';
import type { ResultContext } from './result-context.js';
import type { RunRecord } from '../experiment/run-record.js';
import { encodeRecord } from './run-record-json.js';
import { numericColumnsMeta } from './numeric-columns.js';
import { metricColumns, resultCompanions, runsCsv, summaryCsv, summaryRows, timeseriesCsv, traceJsonl, type SummaryRow } from './tables.js';

/** meta.json's fields that come from the results rather than from the caller. */
export type MetaInput = Omit<Meta, 'metric_columns' | 'metric_specs' | 'warnings' | 'numeric_columns'>;

export interface ResultFiles {
  /** File name → text, in the order written. */
  readonly files: ReadonlyMap<ResultFile, string>;
  readonly summary: SummaryRow[];
  /** config_warnings followed by the warnings found in the results (result-warnings.ts). */
  readonly warnings: readonly string[];
}

export function resultFiles(ctx: ResultContext, records: readonly RunRecord[], meta: MetaInput): ResultFiles {
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
  return { files, summary: rows, warnings };
}
