// The verdict lines that end the table: for every headline metric, each configuration against
// the baseline as the paired difference with its 95% interval, and what it means: better,
// worse (where the metric's better direction is known), higher / lower, or no clear
// difference (the interval contains 0).
import { configurationLabel, labelColumns } from '../experiment/configuration-label.js';
import type { ResultContext } from '../output/result-context.js';
import type { SummaryRow } from '../output/tables.js';
import { roundTo, shownMetrics } from './table.js';

/** At most this many lines; the rest are in summary.csv (diff_* columns). */
const MAX_LINES = 12;

const TIME_UNITS: readonly [string, number][] = [
  ['d', 86400],
  ['h', 3600],
  ['min', 60],
  ['s', 1],
];

/** The difference and its interval in the metric's unit, durations in the largest fitting unit. */
export function formatDifference(metric: string, mean: number, low: number, high: number): string {
  let unit = '';
  let scale = 1;
  if (metric.endsWith('_pct')) unit = ' pp';
  else if (metric.endsWith('_ms')) unit = ' ms';
  else if (metric.endsWith('_s')) {
    const perYear = metric.endsWith('_per_year_s');
    const size = Math.max(Math.abs(low), Math.abs(high), Math.abs(mean));
    const found = TIME_UNITS.find(([, s]) => size >= 3 * s) ?? ['s', 1];
    unit = ` ${found[0]}${perYear ? '/yr' : ''}`;
    scale = found[1];
  }
  const [m, l, h] = [mean / scale, low / scale, high / scale];
  const width = Math.max(m - l, h - m);
  const sign = (x: string): string => (x.startsWith('-') ? `−${x.slice(1)}` : `+${x}`);
  const symmetric = Math.abs(m - l - (h - m)) <= 1e-9 * Math.max(1, Math.abs(m));
  if (symmetric) return `${sign(roundTo(m, width))} ± ${roundTo(width, width)}${unit}`;
  return `${sign(roundTo(m, width))}${unit} [${sign(roundTo(l, width))}, ${sign(roundTo(h, width))}]`;
}

function meaning(row: SummaryRow, better: 'higher' | 'lower' | undefined): string {
  const d = row.diff;
  if (!d || !(d.ci95Low > 0 || d.ci95High < 0)) return 'no clear difference';
  const higher = d.ci95Low > 0;
  const direction = higher ? 'higher' : 'lower';
  if (better === undefined) return direction;
  return `${direction} (${(better === 'higher') === higher ? 'better' : 'worse'})`;
}

export function verdictLines(ctx: ResultContext, rows: readonly SummaryRow[]): string[] {
  const baseline = ctx.configurations.find((c) => c.id === ctx.baselineId);
  if (!baseline || ctx.configurations.length < 2) return [];
  const columns = labelColumns(ctx.configurations);
  const label = (swept: Readonly<Record<string, unknown>>): string => configurationLabel(swept, 32, columns);
  const baseLabel = label(baseline.swept);
  const lines: string[] = [];
  let omitted = 0;
  for (const metric of shownMetrics(ctx, rows)) {
    const better = ctx.metricSpec(metric).better;
    for (const cfg of ctx.configurations) {
      if (cfg.id === baseline.id) continue;
      const row = rows.find((r) => r.configId === cfg.id && r.metric === metric);
      const d = row?.diff;
      if (!row || !d || d.n === 0 || !Number.isFinite(d.ci95Low) || !Number.isFinite(d.ci95High)) continue;
      if (lines.length >= MAX_LINES) {
        omitted++;
        continue;
      }
      const how = d.note !== '' ? 'bounded, nothing observed on one side' : `paired over ${d.n} replication${d.n === 1 ? '' : 's'}`;
      lines.push(`${label(cfg.swept)}: ${metric} ${formatDifference(metric, d.mean, d.ci95Low, d.ci95High)} vs ${baseLabel}, ${meaning(row, better)} (${how})`);
    }
  }
  if (lines.length === 0) return [];
  const head = `verdict against the baseline (${baseLabel}), 95% intervals:`;
  return [head, ...lines.map((l) => `  ${l}`), ...(omitted > 0 ? [`  … ${omitted} more in summary.csv (diff_* columns)`] : [])];
}
