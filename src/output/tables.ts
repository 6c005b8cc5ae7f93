// runs.csv, summary.csv and timeseries.csv. Rows follow the run list order (configuration in
// grid order, then replication); metric columns appear in the order the metrics first occur
// in that order; numbers use formatNumber. Same records ⇒ same bytes.
import { stringify } from 'csv-stringify/sync';
import { summarize } from '../stats/summarize.js';
import { formatCell, formatNumber } from './number-format.js';
import type { ResultContext } from './result-context.js';
import type { RunRecord } from './run-record.js';

function csv(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { record_delimiter: 'unix' });
}

function sortedRecords(records: Iterable<RunRecord>): RunRecord[] {
  return [...records].sort((a, b) => a.index - b.index);
}

/** Metric names in order of first appearance over the records (in run order). */
export function metricColumns(records: Iterable<RunRecord>): string[] {
  const seen = new Set<string>();
  for (const r of sortedRecords(records)) for (const k of Object.keys(r.metrics)) seen.add(k);
  return [...seen];
}

export function runsCsv(ctx: ResultContext, records: Iterable<RunRecord>): string {
  const sorted = sortedRecords(records);
  const metrics = metricColumns(sorted);
  const byId = new Map(ctx.configurations.map((c) => [c.id, c]));
  const rows: string[][] = [['experiment', 'config_id', 'replication', 'seed', ...ctx.columns, ...metrics]];
  for (const r of sorted) {
    const cfg = byId.get(r.configId);
    rows.push([
      ctx.experiment,
      r.configId,
      String(r.replication),
      r.seed,
      ...ctx.columns.map((c) => formatCell(cfg?.swept[c])),
      ...metrics.map((m) => formatNumber(r.metrics[m])),
    ]);
  }
  return csv(rows);
}

export interface SummaryRow {
  readonly configId: string;
  readonly configIndex: number;
  readonly swept: Readonly<Record<string, unknown>>;
  readonly metric: string;
  readonly mean: number;
  readonly std: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  readonly halfWidth: number;
  readonly n: number;
}

/** One row per configuration (grid order) and metric (column order): Student-t 95% interval. */
export function summaryRows(ctx: ResultContext, records: Iterable<RunRecord>): SummaryRow[] {
  const sorted = sortedRecords(records);
  const metrics = metricColumns(sorted);
  const out: SummaryRow[] = [];
  for (const cfg of ctx.configurations) {
    const runs = sorted.filter((r) => r.configId === cfg.id);
    if (runs.length === 0) continue;
    for (const metric of metrics) {
      const s = summarize(runs.map((r) => r.metrics[metric] ?? NaN));
      out.push({ configId: cfg.id, configIndex: cfg.index, swept: cfg.swept, metric, ...s });
    }
  }
  return out;
}

export function summaryCsv(ctx: ResultContext, rows: readonly SummaryRow[]): string {
  const table: string[][] = [['experiment', 'config_id', ...ctx.columns, 'metric', 'mean', 'std', 'ci95_low', 'ci95_high', 'n']];
  for (const r of rows) {
    table.push([
      ctx.experiment,
      r.configId,
      ...ctx.columns.map((c) => formatCell(r.swept[c])),
      r.metric,
      formatNumber(r.n > 0 ? r.mean : NaN),
      formatNumber(r.std),
      formatNumber(r.ci95Low),
      formatNumber(r.ci95High),
      String(r.n),
    ]);
  }
  return csv(table);
}

/** Long format: config_id, replication, t_s, metric, value. */
export function timeseriesCsv(records: Iterable<RunRecord>): string {
  const rows: string[][] = [['config_id', 'replication', 't_s', 'metric', 'value']];
  for (const r of sortedRecords(records)) {
    for (const sample of r.timeseries ?? []) {
      for (const [metric, value] of Object.entries(sample.values)) {
        rows.push([r.configId, String(r.replication), formatNumber(sample.t), metric, formatNumber(value)]);
      }
    }
  }
  return csv(rows);
}

export function traceJsonl(record: RunRecord): string {
  return (record.trace ?? []).map((t) => `${JSON.stringify(t)}\n`).join('');
}
