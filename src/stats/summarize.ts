/**
 * Sample summary with a Student-t 95% confidence interval for the mean.
 */
import { studentTQuantile } from './student-t.js';
import { Welford } from './welford.js';

export interface Summary {
  /** Number of finite values used. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1). */
  readonly std: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  /** t_{0.975, n−1} · std / √n. */
  readonly halfWidth: number;
}

/**
 * Summarizes `values`. Non-finite entries (NaN, ±Infinity) are skipped and `n` counts only the
 * finite ones. With n = 0 every field except n is NaN; with n = 1 the mean is the value and std,
 * halfWidth and the interval bounds are NaN (a CSV writer should print those as empty cells).
 * When all values are equal, std = 0 and the interval collapses to [mean, mean].
 */
export function summarize(values: readonly number[]): Summary {
  const acc = new Welford();
  for (const v of values) if (Number.isFinite(v)) acc.add(v);
  const n = acc.count;
  const mean = acc.mean;
  const std = acc.std;
  const halfWidth = n >= 2 ? (studentTQuantile(0.975, n - 1) * std) / Math.sqrt(n) : NaN;
  return { n, mean, std, ci95Low: mean - halfWidth, ci95High: mean + halfWidth, halfWidth };
}
