// The compact table printed after a run: one row per configuration, its swept values and the
// headline metrics as mean ± 95% CI half-width; an interval that is not symmetric (kept inside
// the metric's range) as mean [low, high]; nothing observed as the mean and its one-sided bound,
// e.g. "100 (≥ 99.9993)", explained in a footnote; the same value in every run as "168 (every run)".
import { formatCell } from '../output/number-format.js';
import type { ResultContext } from '../output/result-context.js';
import type { SummaryRow } from '../output/tables.js';
import { roundTo, trim } from '../output/round-to.js';
import { formatExact, isExactColumn } from '../output/exact-value.js';
import { log10 } from '../base/math/index.js';


const EVERY_RUN = '(every run)';

/** mean ± half-width, both rounded to the half-width's second significant digit. */
export function formatEstimate(mean: number, halfWidth: number, n: number): string {
  if (n === 0 || Number.isNaN(mean)) return '–';
  if (!Number.isFinite(mean)) return String(mean);
  if (!Number.isFinite(halfWidth)) return trim(mean.toPrecision(6));
  // Every run gave this value: no spread to form an interval from, and "± 0" would read as certain.
  if (halfWidth === 0) return `${trim(mean.toPrecision(6))} ${EVERY_RUN}`;
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(log10(halfWidth))));
  return `${mean.toFixed(decimals)} ± ${halfWidth.toFixed(decimals)}`;
}

/** A summary row as the table shows it. */
export function formatRow(r: SummaryRow): string {
  if (r.n === 0 || Number.isNaN(r.mean)) return '–';
  if (isExactColumn(r.metric) && r.std === 0) return formatExact(r.mean, r.metric);
  if (r.note.includes(' possible (')) return `${trim(r.mean.toPrecision(6))} (exact)`;
  if (r.oneSided) {
    const low = r.ci95Low < r.mean;
    const bound = low ? r.ci95Low : r.ci95High;
    if (!Number.isFinite(bound)) return `${trim(r.mean.toPrecision(6))} (no bound)`;
    return `${trim(r.mean.toPrecision(6))} (${low ? '≥' : '≤'} ${roundTo(bound, Math.abs(bound - r.mean), low ? 'down' : 'up')})`;
  }
  const symmetric = Math.abs(r.mean - r.ci95Low - (r.ci95High - r.mean)) <= 1e-9 * Math.max(1, Math.abs(r.mean));
  if (symmetric || !Number.isFinite(r.ci95Low) || !Number.isFinite(r.ci95High)) return formatEstimate(r.mean, r.halfWidth, r.n);
  const width = Math.max(r.mean - r.ci95Low, r.ci95High - r.mean);
  return `${roundTo(r.mean, width)} [${roundTo(r.ci95Low, width, 'down')}, ${roundTo(r.ci95High, width, 'up')}]`;
}



/** The headline metrics the table shows: those of the context that were reported, else the first three. */
export function shownMetrics(ctx: ResultContext, rows: readonly SummaryRow[]): string[] {
  const metrics = rows.map((r) => r.metric).filter((m, i, a) => a.indexOf(m) === i);
  const shown = ctx.headline.filter((m) => metrics.includes(m));
  return shown.length > 0 ? shown : metrics.slice(0, 3);
}

export function headlineTable(ctx: ResultContext, rows: readonly SummaryRow[]): string {
  const shown = shownMetrics(ctx, rows);
  const header = ['config_id', ...ctx.columns, ...shown];
  const table: string[][] = [header];
  for (const cfg of ctx.configurations) {
    const mine = rows.filter((r) => r.configId === cfg.id);
    if (mine.length === 0) continue;
    table.push([
      cfg.id,
      ...ctx.columns.map((c) => shorten(formatCell(cfg.swept[c]))),
      ...shown.map((m) => {
        const r = mine.find((x) => x.metric === m);
        return r ? formatRow(r) : '–';
      }),
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((row) => [...(row[i] ?? '')].length)));
  const lines = table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd());
  const unobserved = rows.filter((r) => r.oneSided && shown.includes(r.metric));
  if (unobserved.length > 0) {
    const notes = [...new Set(unobserved.map((r) => r.note.split('; ').find((n) => n.startsWith('none observed')) ?? r.note))];
    lines.push(`(≥ / ≤: nothing observed in any run, so a one-sided 95% bound instead of an interval: ${notes.join('; ').replace(/none observed: /g, '')}; see docs/intervals.md)`);
  }
  if (table.some((row) => row.some((cell) => cell.endsWith(EVERY_RUN)))) {
    lines.push(`${EVERY_RUN}: the same value in each run, so no spread to form an interval from (more runs, or longer ones, give one if the metric can vary)`);
  }
  const relative = importanceSamplingPrecision(ctx, rows);
  if (relative !== undefined) lines.push(relative);
  if (shown.some(isExactColumn)) lines.push('(theory_*: the exact value the model computes for the configuration (closed form or Markov chain), no interval; – where none applies, reason in meta.json)');
  return lines.join('\n');
}

/**
 * Importance-sampling runs (they report is_cycles_count) state their own precision: the relative
 * 95% half-width of the system unavailability per configuration, in table order.
 */
function importanceSamplingPrecision(ctx: ResultContext, rows: readonly SummaryRow[]): string | undefined {
  if (!rows.some((r) => r.metric === 'is_cycles_count')) return undefined;
  const parts: string[] = [];
  for (const cfg of ctx.configurations) {
    const r = rows.find((x) => x.configId === cfg.id && x.metric === 'unavailability_ppb');
    if (r === undefined || !(r.mean > 0) || !Number.isFinite(r.halfWidth)) continue;
    parts.push(`${cfg.id} ${trim(((100 * r.halfWidth) / r.mean).toPrecision(2))}%`);
  }
  if (parts.length === 0) return undefined;
  return `(importance sampling: relative 95% half-width of the unavailability: ${parts.join(', ')}; see docs/rare-events.md)`;
}

/** Long swept values (e.g. a policy list) are cut in the terminal table; the CSV keeps them whole. */
function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
