// The metrics the first screen answers with: meta.json's `headline` (the experiment's
// `headline:`, or the model's choice by fidelity), else, for older result directories, the
// metrics the name heuristics of metrics.ts pick. Only metrics with data; a metric whose
// every estimate equals one already chosen (slo_availability_pct without an SLO is
// request_availability_pct) is left out, since its chart would repeat the other, and so is one
// whose estimate is the same in every configuration (a flat line answers nothing; the
// first screen names it instead).
import { chooseHeadlines } from './metrics.js';
import type { Results, SummaryStat } from './read-results.js';

/** Charts of headline metrics on the first screen. */
export const MAX_ANSWER_METRICS = 3;

function headlineCandidates(r: Results, withData: readonly string[]): string[] {
  // A theory_ column is drawn beside its measured metric, not on its own.
  const hinted = r.headlineHint.filter((m) => withData.includes(m) && !(m.startsWith('theory_') && withData.includes(m.slice('theory_'.length))));
  return hinted.length > 0 ? hinted : [...new Set(chooseHeadlines(withData, r.headlineHint).map((h) => h.metric))];
}

/** Headline metrics whose estimate is the same in every configuration. */
export function constantHeadlines(r: Results): string[] {
  const withData = r.metrics.filter((m) => r.summary.some((s) => s.metric === m && Number.isFinite(s.mean)));
  return headlineCandidates(r, withData).filter((m) => constantAcross(r, m));
}

function sameEstimates(r: Results, a: string, b: string): boolean {
  const of = (m: string): SummaryStat[] => r.summary.filter((s) => s.metric === m);
  const [x, y] = [of(a), of(b)];
  return x.length === y.length && x.every((s, i) => s.configId === y[i]!.configId && Object.is(s.mean, y[i]!.mean) && Object.is(s.ci95Low, y[i]!.ci95Low) && Object.is(s.ci95High, y[i]!.ci95High));
}

/** The same mean and interval in every configuration (more than one). */
export function constantAcross(r: Results, metric: string): boolean {
  const s = r.summary.filter((x) => x.metric === metric);
  return r.configs.length > 1 && s.length === r.configs.length && s.every((x) => Object.is(x.mean, s[0]!.mean) && Object.is(x.ci95Low, s[0]!.ci95Low) && Object.is(x.ci95High, s[0]!.ci95High));
}

/** Headline metrics with data, in order, duplicates and constants left out (at most `max`). */
export function answerMetrics(r: Results, max = MAX_ANSWER_METRICS): string[] {
  const withData = r.metrics.filter((m) => r.summary.some((s) => s.metric === m && Number.isFinite(s.mean)));
  const candidates = headlineCandidates(r, withData);
  const out: string[] = [];
  for (const m of candidates) {
    if (out.length >= max) break;
    if (!constantAcross(r, m) && !out.some((o) => sameEstimates(r, o, m))) out.push(m);
  }
  return out;
}
