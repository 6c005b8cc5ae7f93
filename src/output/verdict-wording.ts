// The wording of one verdict line, shared by the terminal (verdict.ts, after a run or merge) and
// the report (report.html's first screen), so both say the same thing: a configuration's paired
// difference to the baseline with its 95% interval in the metric's unit, and what it means.
import { roundTo, trim } from './round-to.js';
import { isExactColumn } from './exact-value.js';

/** The part of a paired difference a verdict needs (summary.csv's diff_* columns). */
export interface DifferenceFacts {
  readonly mean: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  /** Pairs used. */
  readonly n: number;
  /** Set when the difference is bounded by the two intervals (nothing observed on one side). */
  readonly bounded: boolean;
}

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
  // An exact difference (two theory_* values) has no interval to round to: four significant digits.
  if (width === 0) return `${sign(trim(m.toPrecision(4)))}${unit}`;
  const symmetric = Math.abs(m - l - (h - m)) <= 1e-9 * Math.max(1, Math.abs(m));
  if (symmetric) return `${sign(roundTo(m, width))} ± ${roundTo(width, width)}${unit}`;
  return `${sign(roundTo(m, width))}${unit} [${sign(roundTo(l, width, 'down'))}, ${sign(roundTo(h, width, 'up'))}]`;
}

/** "higher (worse)", "lower", "no clear difference" (the interval contains 0). */
export function differenceMeaning(low: number, high: number, better: 'higher' | 'lower' | undefined): string {
  if (!(low > 0 || high < 0)) return 'no clear difference';
  const higher = low > 0;
  const direction = higher ? 'higher' : 'lower';
  if (better === undefined) return direction;
  return `${direction} (${(better === 'higher') === higher ? 'better' : 'worse'})`;
}

/** Whether a difference can be stated: pairs were used and both bounds are finite. */
export function statable(d: DifferenceFacts | undefined): d is DifferenceFacts {
  return d !== undefined && d.n > 0 && Number.isFinite(d.ci95Low) && Number.isFinite(d.ci95High);
}

/** "mode=active-passive: downtime_per_year_s +26.0 ± 4.6 min/yr vs mode=active-active, higher (worse) (paired over 30 replications)". */
export function verdictLine(label: string, metric: string, d: DifferenceFacts, better: 'higher' | 'lower' | undefined, baseLabel: string): string {
  const exact = isExactColumn(metric) && d.ci95Low === d.mean && d.ci95High === d.mean;
  const how = exact ? 'exact' : d.bounded ? 'bounded, nothing observed on one side' : `paired over ${d.n} replication${d.n === 1 ? '' : 's'}`;
  return `${label}: ${metric} ${formatDifference(metric, d.mean, d.ci95Low, d.ci95High)} vs ${baseLabel}, ${differenceMeaning(d.ci95Low, d.ci95High, better)} (${how})`;
}
