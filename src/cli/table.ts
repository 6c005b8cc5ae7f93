// The compact table printed after a run: one row per configuration, its swept values and the
// model's headline metrics as mean ± 95% CI half-width.
import { formatCell } from '../output/number-format.js';
import type { ResultContext } from '../output/result-context.js';
import type { SummaryRow } from '../output/tables.js';

/** mean ± half-width, both rounded to the half-width's second significant digit. */
export function formatEstimate(mean: number, halfWidth: number, n: number): string {
  if (n === 0 || Number.isNaN(mean)) return '–';
  if (!Number.isFinite(mean)) return String(mean);
  if (!Number.isFinite(halfWidth)) return trim(mean.toPrecision(6));
  if (halfWidth === 0) return `${trim(mean.toPrecision(6))} ± 0`;
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(halfWidth))));
  return `${mean.toFixed(decimals)} ± ${halfWidth.toFixed(decimals)}`;
}

function trim(s: string): string {
  return s.includes('e') || !s.includes('.') ? s : s.replace(/\.?0+$/, '');
}

export function headlineTable(ctx: ResultContext, rows: readonly SummaryRow[]): string {
  const metrics = rows.map((r) => r.metric).filter((m, i, a) => a.indexOf(m) === i);
  let shown = ctx.headline.filter((m) => metrics.includes(m));
  if (shown.length === 0) shown = metrics.slice(0, 3);
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
        return r ? formatEstimate(r.mean, r.halfWidth, r.n) : '–';
      }),
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((row) => [...(row[i] ?? '')].length)));
  return table
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

/** Long swept values (e.g. a policy list) are cut in the terminal table; the CSV keeps them whole. */
function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
