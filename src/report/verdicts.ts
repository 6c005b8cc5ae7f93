// The verdict lines of the first screen: for each headline metric shown, every configuration
// against the baseline as its paired difference with the 95% interval, worded as the terminal
// words it after a run (output/verdict-wording.ts), from summary.csv's diff_* columns.
import { verdictLine } from '../output/verdict-wording.js';
import { configurationLabel } from '../experiment/configuration-label.js';
import type { summaryIndex } from './chart-plan.js';
import type { ResultConfig, Results } from './read-results.js';
import { sweepDimensions, type SweepDimension } from './sweep-dimensions.js';

/** At most this many lines on the first screen; the differences charts below have all. */
export const MAX_VERDICT_LINES = 12;

export interface Verdicts {
  /** "against the baseline (mode=active-active, minReplicas=1), 95% intervals" or '' without one. */
  readonly head: string;
  readonly lines: readonly string[];
  /** Lines left out past MAX_VERDICT_LINES. */
  readonly omitted: number;
}

/** "mode=active-passive, minReplicas=1"; a zip with a `variant` column by that alone ("variant=retry-budget"). */
function label(r: Results, dims: readonly SweepDimension[], cfg: ResultConfig): string {
  const written = r.writtenSwept.get(cfg.id) ?? cfg.swept;
  const columns = dims.flatMap((d) => d.labelColumns);
  return configurationLabel(Object.fromEntries(columns.map((c) => [c, written[c] ?? cfg.swept[c]])));
}

export function verdicts(r: Results, metrics: readonly string[], get: ReturnType<typeof summaryIndex>): Verdicts {
  const dims = sweepDimensions(r);
  const baseline = r.configs.find((c) => c.id === r.baselineId);
  if (!baseline || r.configs.length < 2) return { head: '', lines: [], omitted: 0 };
  const baseLabel = label(r, dims, baseline);
  const lines: string[] = [];
  let omitted = 0;
  for (const metric of metrics) {
    for (const cfg of r.configs) {
      if (cfg.id === baseline.id) continue;
      const s = get(cfg.id, metric);
      if (!s || s.diffN === 0 || !Number.isFinite(s.diffLow) || !Number.isFinite(s.diffHigh)) continue;
      if (lines.length >= MAX_VERDICT_LINES) {
        omitted++;
        continue;
      }
      const d = { mean: s.diffMean, ci95Low: s.diffLow, ci95High: s.diffHigh, n: s.diffN, bounded: s.diffBounded };
      lines.push(verdictLine(label(r, dims, cfg), metric, d, r.metricFacts.get(metric)?.better, baseLabel));
    }
  }
  return { head: lines.length > 0 ? `Against the baseline (${baseLabel}), 95% intervals:` : '', lines, omitted };
}
