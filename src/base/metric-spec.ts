// What the summary needs to know about a metric to give an honest interval and a verdict: its
// possible range, which direction is better, and, for metrics that rest on rare events, how to
// bound them when no event was observed in any run (the rule of three). A model declares these
// through `Model.metricSpec`; names it does not declare get the defaults below, from the unit
// suffix of the output contract.

/** `pct`: [0, 100]; `nonneg`: [0, ∞); `real`: unbounded. */
export type MetricRange = 'pct' | 'nonneg' | 'real';

/**
 * A metric that rests on events counted by another metric of the same run record. When that
 * count is 0 in every run of a configuration, nothing was observed and a two-sided interval
 * would be "± 0"; the summary then writes a one-sided 95% bound instead:
 *
 *   rate bound  r = 3 / Σ exposure      (rule of three: P(no event | rate ≥ r) ≤ e^-3 ≈ 0.05)
 *   bound       = value ∓ scale · r · mean(perEvent)
 *
 * `side` says which end the bound is (`low` for availability, `high` for downtime and counts).
 */
export interface RareEventRule {
  /** The `_count` metric counting the events (may be the metric itself). */
  readonly events: string;
  /** Exposure per run: a metric of the record, `duration_s` (the run's measured duration) or `run` (1 per run). */
  readonly exposure: string;
  /** A metric bounding one event's effect (e.g. an outage's length in seconds); 1 when absent. */
  readonly perEvent?: string;
  readonly scale: number;
  readonly side: 'low' | 'high';
  /** Words for the note, e.g. "outage". */
  readonly event: string;
}

export interface MetricSpec {
  readonly range: MetricRange;
  /** For verdicts: which direction is an improvement (absent: the verdict only says higher / lower). */
  readonly better?: 'higher' | 'lower';
  readonly rare?: RareEventRule;
}

const NONNEG_SUFFIXES = ['_count', '_s', '_ms', '_per_s', '_per_year', '_nines', '_days', '_hours', '_per_request', '_per_client', '_unit_hours'];

/** The spec a metric gets from its name alone: `_pct` is a percentage; unit suffixes are non-negative; `_count` metrics are rare-event counts of themselves. */
export function defaultMetricSpec(metric: string): MetricSpec {
  if (metric.endsWith('_pct')) return { range: 'pct' };
  if (metric.endsWith('_count')) {
    return { range: 'nonneg', rare: { events: metric, exposure: 'run', scale: 1, side: 'high', event: metric } };
  }
  if (NONNEG_SUFFIXES.some((s) => metric.endsWith(s))) return { range: 'nonneg' };
  return { range: 'real' };
}
