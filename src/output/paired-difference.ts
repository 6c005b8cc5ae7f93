// The paired difference of one metric between a configuration and the baseline: replication r
// of both ran on the same random streams (common random numbers), so d_r = x_r − baseline_r
// removes the variation they share, and the Student-t interval of mean(d) is far narrower than
// the two marginal intervals suggest. Pairs are matched by replication number. When every
// difference is equal and one side is a one-sided bound (nothing observed), a zero-width
// interval would claim more than is known: the difference is then bounded by the two
// intervals instead (unpaired, conservative).
import type { MetricRecord } from '../base/metric-record.js';
import { summarize } from '../stats/summarize.js';
import type { MetricInterval } from '../experiment/metric-interval.js';

export interface PairedDifference {
  readonly mean: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  /** Pairs used. */
  readonly n: number;
  readonly note: string;
}

export interface ReplicatedRecord {
  readonly replication: number;
  readonly metrics: MetricRecord;
}

export function pairedDifference(
  runs: readonly ReplicatedRecord[],
  baseline: readonly ReplicatedRecord[],
  metric: string,
  interval: MetricInterval,
  baselineInterval: MetricInterval,
): PairedDifference {
  const base = new Map<number, number>();
  for (const r of baseline) {
    const v = r.metrics[metric];
    if (v !== undefined && Number.isFinite(v)) base.set(r.replication, v);
  }
  const d: number[] = [];
  for (const r of runs) {
    const v = r.metrics[metric];
    const b = base.get(r.replication);
    if (v !== undefined && Number.isFinite(v) && b !== undefined) d.push(v - b);
  }
  const s = summarize(d);
  if (s.n === 0) return { mean: NaN, ci95Low: NaN, ci95High: NaN, n: 0, note: '' };
  if ((s.std === 0 || s.n === 1) && (interval.oneSided || baselineInterval.oneSided)) {
    const low = interval.ci95Low - baselineInterval.ci95High;
    const high = interval.ci95High - baselineInterval.ci95Low;
    return { mean: s.mean, ci95Low: low, ci95High: high, n: s.n, note: 'difference bounded by the two intervals (nothing observed on one side)' };
  }
  return { mean: s.mean, ci95Low: s.ci95Low, ci95High: s.ci95High, n: s.n, note: '' };
}
