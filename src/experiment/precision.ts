// Sequential replications for `precision:`: after each stage, every configuration whose
// interval of the chosen metric is wider than the target gets another batch, up to
// maxReplications. The interval is the one summary.csv reports (metric-interval.ts), so the
// target holds for what the user reads. Decisions read only finished records: the same runs
// whatever the number of workers, and a resumed run decides the same way.
import type { MetricSpec } from '../base/metric-spec.js';
import type { MetricRecord } from './model.js';
import { closestName } from './levenshtein.js';
import { metricInterval } from './metric-interval.js';
import type { RunTask } from './plan.js';
import type { Experiment } from './spec.js';
import { UsageError } from './spec-error.js';

/** Whether an interval meets the target: its half-width (or its one-sided bound's distance) is small enough. */
export function meetsPrecision(halfWidth: number, mean: number, target: { halfWidth?: number | undefined; relativeHalfWidth?: number | undefined }): boolean {
  if (!Number.isFinite(halfWidth)) return false;
  if (target.halfWidth !== undefined) return halfWidth <= target.halfWidth;
  if (target.relativeHalfWidth !== undefined) return halfWidth <= target.relativeHalfWidth * Math.abs(mean);
  return true;
}

/** Replications per configuration for the next stage, or undefined when every configuration is done. */
export function nextReplications(
  exp: Experiment,
  specOf: (metric: string) => MetricSpec,
  tasks: readonly RunTask[],
  records: ReadonlyMap<number, { readonly metrics: MetricRecord }>,
): number[] | undefined {
  const precision = exp.spec.precision;
  if (!precision) return undefined;
  const batch = precision.batch ?? exp.spec.replications;
  const spec = specOf(precision.metric);
  const counts = exp.configurations.map(() => 0);
  const runs: MetricRecord[][] = exp.configurations.map(() => []);
  for (const t of tasks) {
    counts[t.configIndex] = (counts[t.configIndex] ?? 0) + 1;
    const r = records.get(t.index);
    if (r) runs[t.configIndex]?.push(r.metrics);
  }
  const anyRecord = runs.find((list) => list.length > 0)?.[0];
  if (anyRecord && !(precision.metric in anyRecord)) {
    const names = Object.keys(anyRecord);
    const hint = closestName(precision.metric, names);
    throw new UsageError(`${exp.file}: precision.metric: the model reports no metric "${precision.metric}"${hint !== undefined ? ` (did you mean "${hint}"?)` : ''}`);
  }
  let grew = false;
  const next = counts.map((n, i) => {
    const iv = metricInterval(runs[i] ?? [], precision.metric, spec, exp.spec.duration);
    if (n >= precision.maxReplications || meetsPrecision(iv.halfWidth, iv.mean, precision)) return n;
    grew = true;
    return Math.min(precision.maxReplications, n + batch);
  });
  return grew ? next : undefined;
}
