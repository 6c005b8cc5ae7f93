// What the report knows about metric names: the unit from the suffix, and which metrics are
// headlines (availability as nines, downtime per year, p99 latency, RPO, RTO). A headline is a
// source column of summary.csv plus a monotone transform of its mean and interval bounds.
import { log10, powInt } from '../base/math/index.js';

export const SECONDS_PER_YEAR = 365 * 86_400;
/** Nines are capped here: an observed availability of exactly 1 has infinitely many. */
export const NINES_CAP = 12;

/** Human-readable unit of a metric from its suffix ('' when it has none). */
export function unitOf(metric: string): string {
  if (metric.endsWith('_pct')) return '%';
  if (metric.endsWith('_per_s')) return '/s';
  if (metric.endsWith('_ms')) return 'ms';
  if (metric.endsWith('_s')) return 's';
  if (metric.endsWith('_count')) return 'count';
  return '';
}

/** "mean_sojourn_s" → "mean sojourn (s)". */
export function metricLabel(metric: string): string {
  const unit = unitOf(metric);
  const base = metric.replace(/_(pct|per_s|ms|s|count)$/, '').replace(/_/g, ' ');
  return unit === '' || unit === 'count' ? base : `${base} (${unit})`;
}

export type HeadlineKind = 'nines' | 'downtime' | 'p99' | 'rpo' | 'rto' | 'metric';

export interface Headline {
  readonly kind: HeadlineKind;
  /** summary.csv metric it is computed from. */
  readonly metric: string;
  readonly title: string;
  /** y-axis label. */
  readonly axis: string;
  /** Transformed (mean, low, high); NaN where undefined. A decreasing transform swaps the bounds. */
  transform(mean: number, low: number, high: number): { mean: number; low: number; high: number };
  /** theory_<metric> shown beside it as a dashed reference line, where present. */
  readonly reference?: string;
}

const identity = (mean: number, low: number, high: number) => ({ mean, low, high });

function word(metric: string, w: string): boolean {
  return new RegExp(`(^|_)${w}(_|$)`).test(metric);
}

function isTheory(metric: string): boolean {
  return metric.startsWith('theory_');
}

/** Availability as a fraction in [0, 1] from an availability metric's value. */
function fraction(metric: string): (v: number) => number {
  return metric.endsWith('_pct') ? (v) => v / 100 : (v) => v;
}

function nines(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const u = 1 - a;
  return u <= 1 / powInt(10, NINES_CAP) ? NINES_CAP : -log10(u);
}

function availabilityHeadlines(metric: string): Headline[] {
  const f = fraction(metric);
  const downtimeMin = (a: number) => (Number.isNaN(a) ? NaN : (Math.max(0, 1 - a) * SECONDS_PER_YEAR) / 60);
  return [
    {
      kind: 'nines',
      metric,
      title: 'Availability (nines)',
      axis: 'availability (nines, −log10(1−A))',
      transform: (m, lo, hi) => ({ mean: nines(f(m)), low: nines(f(lo)), high: nines(f(hi)) }),
    },
    {
      kind: 'downtime',
      metric,
      title: 'Downtime per year',
      axis: 'downtime (minutes per year)',
      transform: (m, lo, hi) => ({ mean: downtimeMin(f(m)), low: downtimeMin(f(hi)), high: downtimeMin(f(lo)) }),
    },
  ];
}

function plain(kind: HeadlineKind, metric: string, metrics: readonly string[], title?: string): Headline {
  const ref = `theory_${metric}`;
  return {
    kind,
    metric,
    title: title ?? metricLabel(metric),
    axis: metricLabel(metric),
    transform: identity,
    ...(metrics.includes(ref) ? { reference: ref } : {}),
  };
}

/**
 * The headline metrics among `metrics` (those with data): availability (as nines and as
 * downtime per year), an explicit downtime metric, p99 latency, RPO, RTO; where none exists,
 * the model's own headline list (`hint`), else the first four metrics.
 */
export function chooseHeadlines(metrics: readonly string[], hint: readonly string[]): Headline[] {
  const measured = metrics.filter((m) => !isTheory(m));
  const first = (pred: (m: string) => boolean): string | undefined => measured.find(pred);
  const out: Headline[] = [];
  const availability = first((m) => word(m, 'availability') && (m.endsWith('_pct') || !/_(s|ms|count|per_s)$/.test(m)));
  if (availability) out.push(...availabilityHeadlines(availability));
  const downtime = first((m) => word(m, 'downtime'));
  if (downtime) out.push(plain('downtime', downtime, metrics));
  const p99 = first((m) => word(m, 'p99') && /_(ms|s)$/.test(m) && /latency|response|sojourn|duration/.test(m)) ?? first((m) => word(m, 'p99') && /_(ms|s)$/.test(m));
  if (p99) out.push(plain('p99', p99, metrics, 'p99 latency'));
  const rpo = first((m) => word(m, 'rpo'));
  if (rpo) out.push(plain('rpo', rpo, metrics, 'RPO'));
  const rto = first((m) => word(m, 'rto'));
  if (rto) out.push(plain('rto', rto, metrics, 'RTO'));
  if (out.length > 0) return out;
  const hinted = hint.filter((m) => metrics.includes(m));
  // A theory_ column is drawn beside its measured metric, not on its own.
  const generic = (hinted.length > 0 ? hinted : metrics.slice(0, 4)).filter((m) => !(isTheory(m) && metrics.includes(m.slice('theory_'.length))));
  return generic.map((m) => plain('metric', m, metrics));
}

/** Metrics of the headline table: the headlines' source columns, then the model's headline list. */
export function tableMetrics(headlines: readonly Headline[], metrics: readonly string[], hint: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of [...headlines.flatMap((h) => (h.reference ? [h.metric, h.reference] : [h.metric])), ...hint]) {
    if (metrics.includes(m) && !out.includes(m)) out.push(m);
  }
  return out;
}
