// Reads a result directory (runs.csv, summary.csv, meta.json, and timeseries.csv or
// histogram.csv where present) into plain values for the report. Columns are found by name;
// the swept columns are those between config_id and metric in summary.csv (or, without it,
// those meta.json names), so a report does not depend on a particular hasim version.
// Without summary.csv (a shard directory) the summary is computed from runs.csv.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '../stats/summarize.js';
import { UsageError } from '../experiment/spec-error.js';
import { readPublished } from '../output/publish.js';
import { parseCsv, parseNumberCell, type CsvTable } from './csv-parse.js';
import { experimentInfo, metricFacts, obj, readMeta, str, strings, tracedRun, writtenSwept, zipGroups, type MetricFacts } from './result-meta.js';

export type { MetricFacts } from './result-meta.js';

export type SweptValue = number | string;

export interface ResultConfig {
  readonly id: string;
  /** 0-based, in grid order (first appearance in summary.csv / runs.csv). */
  readonly index: number;
  readonly swept: Readonly<Record<string, SweptValue>>;
}

export interface SummaryStat {
  readonly configId: string;
  readonly metric: string;
  readonly mean: number;
  readonly std: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  readonly n: number;
  /** Paired difference to the baseline (summary.csv diff_*; NaN / 0 where absent, as on the baseline's rows). */
  readonly diffMean: number;
  readonly diffLow: number;
  readonly diffHigh: number;
  readonly diffN: number;
  /** summary.csv `note` ('' where the file has no such column). */
  readonly note: string;
  /** Nothing observed in any run: [ci95Low, ci95High] is a one-sided bound (rule of three). */
  readonly oneSided: boolean;
  /** The difference is bounded by the two intervals rather than paired (nothing observed on one side). */
  readonly diffBounded: boolean;
}

export interface TimeseriesPoint {
  readonly configId: string;
  readonly replication: number;
  readonly t: number;
  readonly metric: string;
  readonly value: number;
}

/** One bucket of histogram.csv: `count` observations of `metric` at most `upper` (in the metric's unit). */
export interface HistogramBin {
  readonly configId: string;
  readonly metric: string;
  readonly upper: number;
  readonly count: number;
}

export interface Results {
  readonly dir: string;
  readonly experiment: string;
  readonly description: string;
  readonly model: string | undefined;
  readonly hasimVersion: string | undefined;
  /** Swept parameter paths, in column order. */
  readonly sweptColumns: readonly string[];
  /** Swept columns whose every value is a finite number. */
  readonly numericColumns: ReadonlySet<string>;
  /** Swept column → its numeric companion column (`<swept>_s`, `<swept>_per_s`), where the files have one. */
  readonly numericCompanions: ReadonlyMap<string, string>;
  readonly configs: readonly ResultConfig[];
  /** Metric columns in file order. */
  readonly metrics: readonly string[];
  readonly summary: readonly SummaryStat[];
  /** The model's headline metrics from meta.json (may be empty). */
  readonly headlineHint: readonly string[];
  /** The configuration the paired differences are taken against (meta.json), if any. */
  readonly baselineId: string | undefined;
  /** metric → facts from meta.json metric_specs (empty for older result directories). */
  readonly metricFacts: ReadonlyMap<string, MetricFacts>;
  /** meta.json warnings (config_warnings where a directory has only those). */
  readonly warnings: readonly string[];
  /** Swept columns that vary together (a `zip` of the sweep), each group one dimension. */
  readonly zipGroups: readonly (readonly string[])[];
  /** config id → swept values as written in the experiment (meta.json configurations[].swept). */
  readonly writtenSwept: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** The experiment's params as written (meta.json experiment.params), if recorded. */
  readonly writtenParams: unknown;
  readonly runCount: number;
  /** meta.json parsed, or undefined where it is missing or unreadable. */
  readonly meta: Readonly<Record<string, unknown>> | undefined;
  readonly timeseries: readonly TimeseriesPoint[] | undefined;
  readonly histogram: readonly HistogramBin[] | undefined;
  /** The traced run named in meta.json, if any (a natural choice of "one run"). */
  readonly tracedRun: { readonly configId: string; readonly replication: number } | undefined;
}

const RUN_FIXED = ['experiment', 'config_id', 'replication', 'seed'];
const SUMMARY_STATS = ['mean', 'std', 'ci95_low', 'ci95_high', 'n'];
const DIFF_STATS = ['diff_mean', 'diff_ci95_low', 'diff_ci95_high', 'diff_n', 'note'];

function readTable(dir: string, file: string): CsvTable | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  return parseCsv(readFileSync(path, 'utf8'), path);
}

function need(table: CsvTable, name: string, file: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new UsageError(`${file}: expected a column "${name}", found ${table.header.map((h) => `"${h}"`).join(', ')}`);
  return i;
}

/** Columns whose every non-empty cell is a finite number become numbers; others stay strings. */
function typedColumns(columns: readonly string[], cells: (col: string) => string[]): { numeric: Set<string>; convert: (col: string, cell: string) => SweptValue } {
  const numeric = new Set<string>();
  for (const c of columns) {
    const vals = cells(c).filter((s) => s !== '');
    if (vals.length > 0 && vals.every((s) => Number.isFinite(Number(s)))) numeric.add(c);
  }
  return { numeric, convert: (col, cell) => (numeric.has(col) && cell !== '' ? Number(cell) : cell) };
}

/**
 * Numeric companions (src/output/numeric-columns.ts) as meta.json `numeric_columns` names
 * them; without that mapping, a column named `<swept>_s` or `<swept>_per_s` written right after
 * the swept column `<swept>`.
 */
function companionColumns(header: readonly string[], swept: readonly string[], meta: Record<string, unknown> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const mapping = meta?.['numeric_columns'];
  if (mapping !== null && typeof mapping === 'object' && !Array.isArray(mapping)) {
    for (const [c, v] of Object.entries(mapping as Record<string, unknown>)) {
      const column = obj(v)['column'];
      if (swept.includes(c) && typeof column === 'string' && header[header.indexOf(c) + 1] === column) out.set(c, column);
    }
    return out;
  }
  for (const c of swept) {
    if (out.has(c) || [...out.values()].includes(c)) continue;
    const next = header[header.indexOf(c) + 1];
    if (next !== undefined && (next === `${c}_s` || next === `${c}_per_s`)) out.set(c, next);
  }
  return out;
}

/** Reads `dir` as one published result (never half of a result being replaced: publish.ts). */
export function readResults(dir: string): Results {
  return readPublished(dir, () => readResultsOnce(dir));
}

function readResultsOnce(dir: string): Results {
  const runs = readTable(dir, 'runs.csv');
  const summaryTable = readTable(dir, 'summary.csv');
  if (!runs && !summaryTable) throw new UsageError(`${dir}: no runs.csv or summary.csv here (is it a hasim result directory?)`);
  const meta = readMeta(dir);

  // Swept columns.
  let swept: string[];
  if (summaryTable) {
    const a = need(summaryTable, 'config_id', 'summary.csv');
    const b = need(summaryTable, 'metric', 'summary.csv');
    swept = summaryTable.header.slice(a + 1, b);
  } else {
    const metaCols = strings(meta?.['swept_columns']);
    swept = metaCols.filter((c) => runs!.header.includes(c));
  }
  // A swept column's numeric companion is no parameter of its own (nor a metric).
  const companions = companionColumns(summaryTable?.header ?? runs!.header, swept, meta);
  swept = swept.filter((c) => ![...companions.values()].includes(c));

  // Metric columns of runs.csv: everything not fixed, not swept and no companion.
  const companionNames = new Set(companions.values());
  const runMetrics = runs ? runs.header.filter((h) => !RUN_FIXED.includes(h) && !swept.includes(h) && !companionNames.has(h)) : [];

  // Configurations in order of first appearance, with their swept cells.
  const primary = summaryTable ?? runs!;
  const primaryName = summaryTable ? 'summary.csv' : 'runs.csv';
  const idCol = need(primary, 'config_id', primaryName);
  const sweptIdx = swept.map((c) => need(primary, c, primaryName));
  const cellsOf = (col: string): string[] => {
    const i = primary.header.indexOf(col);
    return primary.rows.map((r) => r[i] ?? '');
  };
  const { numeric, convert } = typedColumns(swept, cellsOf);
  const configs: ResultConfig[] = [];
  const seen = new Set<string>();
  for (const row of primary.rows) {
    const id = row[idCol]!;
    if (seen.has(id)) continue;
    seen.add(id);
    const values: Record<string, SweptValue> = {};
    swept.forEach((c, k) => {
      values[c] = convert(c, row[sweptIdx[k]!] ?? '');
    });
    configs.push({ id, index: configs.length, swept: values });
  }

  // Summary statistics.
  const summary: SummaryStat[] = [];
  let metrics: string[];
  if (summaryTable) {
    const mi = need(summaryTable, 'metric', 'summary.csv');
    const [meanI, stdI, loI, hiI, nI] = SUMMARY_STATS.map((s) => need(summaryTable, s, 'summary.csv')) as [number, number, number, number, number];
    // Older result directories have no diff_* / note columns: those read as absent.
    const [dmI, dlI, dhI, dnI, noteI] = DIFF_STATS.map((s) => summaryTable.header.indexOf(s)) as [number, number, number, number, number];
    const cell = (r: readonly string[], i: number): string => (i >= 0 ? (r[i] ?? '') : '');
    const order: string[] = [];
    for (const r of summaryTable.rows) {
      const metric = r[mi]!;
      if (!order.includes(metric)) order.push(metric);
      const note = cell(r, noteI);
      summary.push({
        diffMean: parseNumberCell(cell(r, dmI)),
        diffLow: parseNumberCell(cell(r, dlI)),
        diffHigh: parseNumberCell(cell(r, dhI)),
        diffN: cell(r, dnI) === '' ? 0 : parseNumberCell(cell(r, dnI)),
        note,
        oneSided: note.includes('none observed'),
        diffBounded: note.includes('difference bounded'),
        configId: r[idCol]!,
        metric,
        mean: parseNumberCell(r[meanI]!),
        std: parseNumberCell(r[stdI]!),
        ci95Low: parseNumberCell(r[loI]!),
        ci95High: parseNumberCell(r[hiI]!),
        n: parseNumberCell(r[nI]!),
      });
    }
    metrics = runMetrics.length > 0 ? runMetrics.filter((m) => order.includes(m)).concat(order.filter((m) => !runMetrics.includes(m))) : order;
  } else {
    metrics = runMetrics;
    for (const cfg of configs) {
      const rows = runs!.rows.filter((r) => r[idCol] === cfg.id);
      for (const metric of metrics) {
        const i = runs!.header.indexOf(metric);
        const s = summarize(rows.map((r) => parseNumberCell(r[i]!)));
        summary.push({ configId: cfg.id, metric, mean: s.n > 0 ? s.mean : NaN, std: s.std, ci95Low: s.ci95Low, ci95High: s.ci95High, n: s.n, ...NO_DIFF });
      }
    }
  }

  const experiment = experimentInfo(meta, primary);
  return {
    dir,
    ...experiment,
    sweptColumns: swept,
    numericColumns: numeric,
    numericCompanions: companions,
    configs,
    metrics,
    summary,
    headlineHint: strings(meta?.['headline']),
    baselineId: str(meta?.['baseline_config_id']),
    metricFacts: metricFacts(meta),
    warnings: strings(meta?.['warnings']).length > 0 ? strings(meta?.['warnings']) : strings(meta?.['config_warnings']),
    zipGroups: zipGroups(meta, swept),
    writtenSwept: writtenSwept(meta),
    writtenParams: obj(meta?.['experiment'])['params'],
    runCount: runs ? runs.rows.length : Math.max(0, ...summary.map((s) => (Number.isFinite(s.n) ? s.n : 0))) * configs.length,
    meta,
    timeseries: readTimeseries(dir),
    histogram: readHistogram(dir),
    tracedRun: tracedRun(meta),
  };
}

/** A shard's summary is computed here, without paired differences. */
const NO_DIFF = { diffMean: NaN, diffLow: NaN, diffHigh: NaN, diffN: 0, note: '', oneSided: false, diffBounded: false } as const;

function readTimeseries(dir: string): TimeseriesPoint[] | undefined {
  const t = readTable(dir, 'timeseries.csv');
  if (!t) return undefined;
  const [c, r, ts, m, v] = ['config_id', 'replication', 't_s', 'metric', 'value'].map((h) => need(t, h, 'timeseries.csv')) as [number, number, number, number, number];
  return t.rows.map((row) => ({
    configId: row[c]!,
    replication: parseNumberCell(row[r]!),
    t: parseNumberCell(row[ts]!),
    metric: row[m]!,
    value: parseNumberCell(row[v]!),
  }));
}

/** histogram.csv (long): config_id, metric, upper (bucket's upper bound), count; further columns are ignored. */
function readHistogram(dir: string): HistogramBin[] | undefined {
  const t = readTable(dir, 'histogram.csv');
  if (!t) return undefined;
  const c = need(t, 'config_id', 'histogram.csv');
  const m = need(t, 'metric', 'histogram.csv');
  const u = ['upper', 'le', 'upper_bound'].map((h) => t.header.indexOf(h)).find((i) => i >= 0);
  if (u === undefined) throw new UsageError('histogram.csv: expected a column "upper" (the bucket\'s upper bound)');
  const n = need(t, 'count', 'histogram.csv');
  return t.rows.map((row) => ({ configId: row[c]!, metric: row[m]!, upper: parseNumberCell(row[u]!), count: parseNumberCell(row[n]!) }));
}
