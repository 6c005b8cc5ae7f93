// Warnings read from the results themselves, printed after a run and kept in meta.json:
// - a headline metric the model did not report (a typo in `headline:`);
// - a headline metric whose interval rests on fewer than two observed events;
// - measured requests still unfinished when the drain limit ended a run (`censored_count`).
import { configurationLabel, labelColumns } from '../experiment/configuration-label.js';
import { closestName } from '../experiment/levenshtein.js';
import type { ResultContext } from './result-context.js';
import type { SummaryRow } from './tables.js';

export function resultWarnings(ctx: ResultContext, rows: readonly SummaryRow[], metrics: readonly string[]): string[] {
  const out: string[] = [];
  const label = (configId: string): string => {
    const cfg = ctx.configurations.find((c) => c.id === configId);
    return ctx.configurations.length > 1 && cfg ? `${configurationLabel(cfg.swept, 32, labelColumns(ctx.configurations))}: ` : '';
  };
  for (const m of ctx.headline) {
    if (metrics.length > 0 && !metrics.includes(m)) {
      const hint = closestName(m, metrics);
      out.push(`headline metric "${m}" is not reported by this model${hint !== undefined ? ` (did you mean "${hint}"?)` : ''}`);
    }
  }
  for (const r of rows) {
    const events = r.observedEvents;
    if (ctx.headline.includes(r.metric) && events !== undefined && events > 0 && events < 2) {
      const rare = ctx.metricSpec(r.metric).rare;
      out.push(`${label(r.configId)}${r.metric} rests on a single observed ${rare?.event ?? 'event'} over ${r.n} runs; its interval is not reliable (run longer or more replications)`);
    }
    if (r.metric === 'censored_count' && r.n > 0 && r.mean > 0) {
      out.push(`${label(r.configId)}${Math.round(r.mean * r.n)} measured requests were still unfinished when the drain limit ended the run (censored_count); latency is biased low by their absence`);
    }
  }
  return out;
}
