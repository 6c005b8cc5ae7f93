// Mean, 95th percentile and maximum of a small list of per-disaster values (data-loss windows,
// recovery times). The percentile is the nearest-rank one: the value at rank ⌈0.95·n⌉ of the
// sorted list, so with fewer than 20 values it is the maximum. NaN when the list is empty.

export interface SampleSummary {
  readonly mean: number;
  readonly p95: number;
  readonly max: number;
}

export function summarizeSample(values: readonly number[]): SampleSummary {
  const n = values.length;
  if (n === 0) return { mean: NaN, p95: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return { mean: sum / n, p95: sorted[Math.ceil(0.95 * n) - 1]!, max: sorted[n - 1]! };
}
