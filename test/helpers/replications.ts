// Replication helpers for the statistical HA tests.
import { expect } from 'vitest';
import { summarize, studentTQuantile, type Summary } from '../../src/stats/index.js';

/** Runs `fn(r)` for r = 0..R−1 and summarizes the results. */
export function replicate(R: number, fn: (rep: number) => number): Summary {
  const values: number[] = [];
  for (let r = 0; r < R; r++) values.push(fn(r));
  return summarize(values);
}

/**
 * Asserts that the Student-t confidence interval at `level` (default 99.9%, so that a suite
 * of many such checks is not flaky) covers `exact`, and that the 95% half-width is at most
 * `maxHalfWidth` (a broken model cannot pass by being noisy).
 */
export function expectCovers(s: Summary, exact: number, maxHalfWidth: number, level = 0.999): void {
  const hw = (s.halfWidth * studentTQuantile(1 - (1 - level) / 2, s.n - 1)) / studentTQuantile(0.975, s.n - 1);
  expect(s.halfWidth, `95% half-width ${s.halfWidth}`).toBeLessThan(maxHalfWidth);
  expect(Math.abs(s.mean - exact), `mean ${s.mean} ± ${hw} vs exact ${exact}`).toBeLessThanOrEqual(hw);
}
