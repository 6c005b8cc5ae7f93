// Exact values in the terminal table: a theory_ column prints its value alone, with enough
// decimals to show what a percentage near 100 lacks; a blocking percentage that cannot be other
// than 0 is exact, and one that merely was not observed is a one-sided bound.
import { describe, expect, it } from 'vitest';
import { formatExact, isExactColumn } from '../src/output/exact-value.js';
import { verdictLine } from '../src/output/verdict-wording.js';
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

describe('verdicts on exact columns', () => {
  it('state an exact difference without an interval or a replication count', () => {
    const d = { mean: -0.005143771, ci95Low: -0.005143771, ci95High: -0.005143771, n: 30, bounded: false };
    expect(verdictLine('b', 'theory_availability_pct', d, 'higher', 'a')).toBe('b: theory_availability_pct −0.005144 pp vs a, lower (worse) (exact)');
    const sim = { mean: -0.0057, ci95Low: -0.0079, ci95High: -0.0035, n: 30, bounded: false };
    expect(verdictLine('b', 'availability_pct', sim, 'higher', 'a')).toBe('b: availability_pct −0.0057 ± 0.0022 pp vs a, lower (worse) (paired over 30 replications)');
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
