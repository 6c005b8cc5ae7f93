// The verdict lines that end the table: for every headline metric, each configuration against
// the baseline as the paired difference with its 95% interval, and what it means: better,
// worse (where the metric's better direction is known), higher / lower, or no clear
// difference (the interval contains 0).
import { configurationLabel, labelColumns } from '../experiment/configuration-label.js';
import type { ResultContext } from '../output/result-context.js';
import type { SummaryRow } from '../output/tables.js';
import { shownMetrics } from './table.js';
import { statable, verdictLine } from '../output/verdict-wording.js';

/** At most this many lines; the rest are in summary.csv (diff_* columns). */
const MAX_LINES = 12;

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
      const d = row?.diff ? { ...row.diff, bounded: row.diff.note !== '' } : undefined;
      if (!row || !statable(d)) continue;
      if (lines.length >= MAX_LINES) {
        omitted++;
        continue;
      }
      lines.push(verdictLine(label(cfg.swept), metric, d, better, baseLabel));
    }
  }
  if (lines.length === 0) return [];
  const head = `verdict against the baseline (${baseLabel}), 95% intervals:`;
  return [head, ...lines.map((l) => `  ${l}`), ...(omitted > 0 ? [`  … ${omitted} more in summary.csv (diff_* columns)`] : [])];
}
