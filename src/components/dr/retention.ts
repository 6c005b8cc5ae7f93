// Retention: which restore points a destination keeps. The union of
//   - keep the last N restore points, and
//   - grandfather-father-son: the newest restore point of each of the last `daily` days, of each
//     of the last `weekly` weeks and of each of the last `monthly` months.
// Periods are fixed blocks of simulated time counted from t = 0: a day is 86 400 s, a week
// 7 days, a month 30 days; "the last D days" are the current day block and the D − 1 before it.
// Keeping a restore point keeps its whole chain (the catalog adds the ancestors).
import { ConfigError } from '../../base/config-error.js';

export interface RetentionConfig {
  /** Keep the newest N restore points (≥ 0). */
  readonly keepLast: number;
  /** GFS: newest restore point of each of the last `daily` days (≥ 0). */
  readonly daily: number;
  /** GFS: newest restore point of each of the last `weekly` 7-day weeks (≥ 0). */
  readonly weekly: number;
  /** GFS: newest restore point of each of the last `monthly` 30-day months (≥ 0). */
  readonly monthly: number;
}

export const DAY_S = 86_400;
export const WEEK_S = 7 * DAY_S;
export const MONTH_S = 30 * DAY_S;

export function validateRetention(cfg: RetentionConfig): void {
  for (const k of ['keepLast', 'daily', 'weekly', 'monthly'] as const) {
    const v = cfg[k];
    if (!Number.isInteger(v) || v < 0) throw new ConfigError(`retention: ${k} must be an integer ≥ 0; got ${String(v)}`);
  }
  if (cfg.keepLast + cfg.daily + cfg.weekly + cfg.monthly === 0) {
    throw new ConfigError('retention: keeps nothing (keepLast, daily, weekly and monthly are all 0); keep at least one restore point');
  }
}

/**
 * Indices of the restore points to keep at `now`. `starts` are the restore points' recovery
 * points (start times), ascending.
 */
export function retainedIndices(starts: ArrayLike<number>, now: number, cfg: RetentionConfig): Set<number> {
  const mask = new Uint8Array(starts.length);
  markRetained(starts, starts.length, now, cfg, mask);
  const keep = new Set<number>();
  mask.forEach((m, i) => {
    if (m === 1) keep.add(i);
  });
  return keep;
}

/**
 * Allocation-free form: sets `mask[i] = 1` for each of the first `n` restore points to keep and
 * 0 for the others; returns how many are kept.
 */
export function markRetained(starts: ArrayLike<number>, n: number, now: number, cfg: RetentionConfig, mask: Uint8Array): number {
  mask.fill(0, 0, n);
  for (let i = Math.max(0, n - cfg.keepLast); i < n; i++) mask[i] = 1;
  gfs(starts, n, now, cfg.daily, DAY_S, mask);
  gfs(starts, n, now, cfg.weekly, WEEK_S, mask);
  gfs(starts, n, now, cfg.monthly, MONTH_S, mask);
  let kept = 0;
  for (let i = 0; i < n; i++) kept += mask[i]!;
  return kept;
}

function gfs(starts: ArrayLike<number>, n: number, now: number, count: number, period: number, mask: Uint8Array): void {
  if (count === 0) return;
  const current = Math.floor(now / period);
  const oldest = current - count + 1;
  let lastBucket = NaN;
  // Walk newest first: the first point met in each bucket is that bucket's newest.
  for (let i = n - 1; i >= 0; i--) {
    const b = Math.floor(starts[i]! / period);
    if (b < oldest) break;
    if (b !== lastBucket) {
      mask[i] = 1;
      lastBucket = b;
    }
  }
}
