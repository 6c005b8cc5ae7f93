// runs.csv, summary.csv and timeseries.csv. Rows follow the run list order (configuration in
// grid order, then replication); metric columns appear in the order the metrics first occur
// in that order; numbers use formatNumber. Same records ⇒ same bytes.
import { stringify } from 'csv-stringify/sync';
import { metricInterval } from '../experiment/metric-interval.js';
import { formatCell, formatNumber } from './number-format.js';
import { numericCompanions, sweptHeader, type NumericCompanion } from './numeric-columns.js';
import { pairedDifference, type PairedDifference } from './paired-difference.js';
import type { ResultContext } from './result-context.js';
import type { RunRecord } from '../experiment/run-record.js';

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

const RUNS_FIXED = ['experiment', 'config_id', 'replication', 'seed'];
const SUMMARY_FIXED = ['metric', 'mean', 'std', 'ci95_low', 'ci95_high', 'n', 'diff_mean', 'diff_ci95_low', 'diff_ci95_high', 'diff_n', 'note'];

/**
 * The numeric companions (numeric-columns.ts) of the experiment's swept columns, the same for
 * runs.csv, summary.csv and meta.json: no companion takes the name of a fixed column or of one
 * of `metrics` (the metric columns of runs.csv).
 */
export function resultCompanions(ctx: ResultContext, metrics: readonly string[]): NumericCompanion[] {
  return numericCompanions(ctx.columns, ctx.configurations, [...RUNS_FIXED, ...SUMMARY_FIXED, ...metrics]);
}

/** A configuration's swept cells: each swept value, followed by its companion's number. */
function sweptCells(columns: readonly string[], companions: readonly NumericCompanion[], swept: Readonly<Record<string, unknown>> | undefined): string[] {
  const bySwept = new Map(companions.map((c) => [c.swept, c]));
  return columns.flatMap((c) => {
    const cell = formatCell(swept?.[c]);
    const comp = bySwept.get(c);
    return comp ? [cell, formatNumber(comp.value(swept?.[c]))] : [cell];
  });
}

export function runsCsv(ctx: ResultContext, records: Iterable<RunRecord>): string {
  const sorted = sortedRecords(records);
  const metrics = metricColumns(sorted);
  const companions = resultCompanions(ctx, metrics);
  const byId = new Map(ctx.configurations.map((c) => [c.id, c]));
  const rows: string[][] = [[...RUNS_FIXED, ...sweptHeader(ctx.columns, companions), ...metrics]];
  for (const r of sorted) {
    const cfg = byId.get(r.configId);
    rows.push([
      ctx.experiment,
      r.configId,
      String(r.replication),
      r.seed,
      ...sweptCells(ctx.columns, companions, cfg?.swept),
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
  /** Empty, or how the interval was formed (see metric-interval.ts) and whether this is the baseline. */
  readonly note: string;
  /** True when [ci95Low, ci95High] is a one-sided bound: nothing was observed. */
  readonly oneSided: boolean;
  /** Events behind a rare-event metric, summed over the runs. */
  readonly observedEvents: number | undefined;
  /** The paired difference to the baseline configuration (absent on the baseline's own rows). */
  readonly diff: PairedDifference | undefined;
}

/**
 * One row per configuration (grid order) and metric (column order): the 95% interval by the
 * metric's rule (metric-interval.ts) and the paired difference to the baseline.
 */
export function summaryRows(ctx: ResultContext, records: Iterable<RunRecord>): SummaryRow[] {
  const sorted = sortedRecords(records);
  const metrics = metricColumns(sorted);
  const byConfig = new Map<string, RunRecord[]>();
  for (const r of sorted) {
    const list = byConfig.get(r.configId);
    if (list) list.push(r);
    else byConfig.set(r.configId, [r]);
  }
  const baselineRuns = ctx.baselineId !== undefined ? byConfig.get(ctx.baselineId) : undefined;
  const out: SummaryRow[] = [];
  for (const metric of metrics) {
    const spec = ctx.metricSpec(metric);
    const baselineInterval = baselineRuns ? metricInterval(baselineRuns.map((r) => r.metrics), metric, spec, ctx.durationS) : undefined;
    for (const cfg of ctx.configurations) {
      const runs = byConfig.get(cfg.id);
      if (!runs) continue;
      const isBaseline = cfg.id === ctx.baselineId;
      const interval = isBaseline && baselineInterval ? baselineInterval : metricInterval(runs.map((r) => r.metrics), metric, spec, ctx.durationS);
      const diff = baselineRuns && baselineInterval && !isBaseline ? pairedDifference(runs, baselineRuns, metric, interval, baselineInterval) : undefined;
      const notes = [isBaseline ? 'baseline' : '', interval.note, diff?.note ?? ''].filter((x) => x !== '');
      out.push({
        configId: cfg.id,
        configIndex: cfg.index,
        swept: cfg.swept,
        metric,
        mean: interval.mean,
        std: interval.std,
        ci95Low: interval.ci95Low,
        ci95High: interval.ci95High,
        halfWidth: interval.halfWidth,
        n: interval.n,
        note: notes.join('; '),
        oneSided: interval.oneSided,
        observedEvents: interval.observedEvents,
        diff,
      });
    }
  }
  const metricOrder = new Map(metrics.map((m, i) => [m, i]));
  return out.sort((a, b) => a.configIndex - b.configIndex || (metricOrder.get(a.metric) ?? 0) - (metricOrder.get(b.metric) ?? 0));
}

export function summaryCsv(ctx: ResultContext, rows: readonly SummaryRow[]): string {
  // The rows hold every metric of the records, in column order (summaryRows).
  const companions = resultCompanions(ctx, [...new Set(rows.map((r) => r.metric))]);
  const table: string[][] = [['experiment', 'config_id', ...sweptHeader(ctx.columns, companions), ...SUMMARY_FIXED]];
  for (const r of rows) {
    table.push([
      ctx.experiment,
      r.configId,
      ...sweptCells(ctx.columns, companions, r.swept),
      r.metric,
      formatNumber(r.n > 0 ? r.mean : NaN),
      formatNumber(r.std),
      formatNumber(r.ci95Low),
      formatNumber(r.ci95High),
      String(r.n),
      formatNumber(r.diff && r.diff.n > 0 ? r.diff.mean : undefined),
      formatNumber(r.diff?.ci95Low),
      formatNumber(r.diff?.ci95High),
      r.diff ? String(r.diff.n) : '',
      r.note,
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
