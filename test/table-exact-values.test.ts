// Exact values in the terminal table: a theory_ column prints its value alone, with enough
// decimals to show what a percentage near 100 lacks; a blocking percentage that cannot be other
// than 0 is exact, and one that merely was not observed is a one-sided bound.
import { describe, expect, it } from 'vitest';
import { formatExact, isExactColumn } from '../src/cli/table.js';
import { metricInterval } from '../src/experiment/metric-interval.js';
import { mmcModel } from '../models/mmc.js';
import { replicate } from './helpers/run-model.js';

describe('exact columns in the table', () => {
  it('recognises system and per-service theory columns, nothing else', () => {
    expect(isExactColumn('theory_availability_pct')).toBe(true);
    expect(isExactColumn('db_theory_downtime_per_year_s')).toBe(true);
    expect(isExactColumn('availability_pct')).toBe(false);
    expect(isExactColumn('theoryless_pct')).toBe(false);
  });

  it('shows three significant digits of the unavailability, never 100 for a design that is down', () => {
    // Down 2.25 s a year: 100 − 7.14e-6 %.
    expect(formatExact(100 - 7.139e-6, 'theory_availability_pct')).toBe('99.99999286');
    expect(formatExact(99.9948, 'theory_availability_pct')).toBe('99.9948');
    expect(formatExact(100, 'theory_availability_pct')).toBe('100');
    expect(formatExact(2.252968, 'theory_downtime_per_year_s')).toBe('2.25297');
  });
});

describe('mmc blocking_pct interval', () => {
  const spec = { warmup: 100, duration: 2000 };
  it('is exactly 0 with an unlimited queue', () => {
    const { runs } = replicate(mmcModel, { arrivalRate: 0.5, servers: 2 }, spec, 5);
    const iv = metricInterval(runs, 'blocking_pct', mmcModel.metricSpec!('blocking_pct')!, spec.duration);
    expect(iv.mean).toBe(0);
    expect(iv.oneSided).toBe(false);
    expect(iv.note).toContain('no blocked arrival possible');
  });

  it('is a one-sided rule-of-three bound when a finite queue blocked no arrival', () => {
    const { runs } = replicate(mmcModel, { arrivalRate: 0.1, servers: 4, queueCapacity: 50 }, spec, 5);
    const arrivals = runs.reduce((a, r) => a + (r['arrivals_count'] ?? 0), 0);
    const iv = metricInterval(runs, 'blocking_pct', mmcModel.metricSpec!('blocking_pct')!, spec.duration);
    expect(iv.oneSided).toBe(true);
    expect(iv.ci95Low).toBe(0);
    expect(iv.ci95High).toBeCloseTo(300 / arrivals, 10);
  });
});
