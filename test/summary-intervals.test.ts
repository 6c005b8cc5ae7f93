// Honest intervals: nothing observed is a one-sided bound, never "± 0";
// intervals stay inside the metric's range; paired differences against a baseline.
import { describe, expect, it } from 'vitest';
import { defaultMetricSpec, type MetricSpec } from '../src/base/metric-spec.js';
import { metricInterval, RULE_OF_THREE } from '../src/experiment/metric-interval.js';
import { pairedDifference } from '../src/output/paired-difference.js';
import { summaryRows } from '../src/output/tables.js';
import type { ResultContext } from '../src/output/result-context.js';
import type { RunRecord } from '../src/experiment/run-record.js';
import { wilsonEffective } from '../src/stats/wilson.js';
import { studentTQuantile } from '../src/stats/student-t.js';
import { xorshift } from './helpers/xorshift.js';
import { formatRow } from '../src/cli/table.js';
import { configurationLabel, labelColumns } from '../src/experiment/configuration-label.js';

const availabilitySpec: MetricSpec = {
  range: 'pct',
  better: 'higher',
  rare: { events: 'outages_count', exposure: 'duration_s', perEvent: 'outage_length_bound_s', scale: 100, side: 'low', event: 'outage' },
};
const downtimeSpec: MetricSpec = {
  range: 'nonneg',
  better: 'lower',
  rare: { events: 'outages_count', exposure: 'duration_s', perEvent: 'outage_length_bound_s', scale: 31_536_000, side: 'high', event: 'outage' },
};

describe('metric specs from names', () => {
  it('percentages are [0, 100], unit suffixes non-negative, counts their own rare events, others unbounded', () => {
    expect(defaultMetricSpec('availability_pct').range).toBe('pct');
    expect(defaultMetricSpec('latency_p99_ms').range).toBe('nonneg');
    expect(defaultMetricSpec('errors_count')).toMatchObject({ range: 'nonneg', rare: { events: 'errors_count', exposure: 'run', side: 'high' } });
    expect(defaultMetricSpec('profit').range).toBe('real');
  });
});

describe('nothing observed: a one-sided bound by the rule of three', () => {
  // 30 runs of 10 years with no outage; outages assumed to last at most 6 h each.
  const T = 10 * 365 * 86400;
  const runs = Array.from({ length: 30 }, () => ({ availability_pct: 100, downtime_per_year_s: 0, outages_count: 0, outage_length_bound_s: 6 * 3600 }));

  it('availability: the low bound is 100·(1 − 3·L/ΣT); downtime: the high bound is 3·L/ΣT per year', () => {
    const a = metricInterval(runs, 'availability_pct', availabilitySpec, T);
    const rate = RULE_OF_THREE / (30 * T);
    expect(a.oneSided).toBe(true);
    expect(a.ci95High).toBe(100);
    expect(a.ci95Low).toBeCloseTo(100 - 100 * rate * 6 * 3600, 12);
    expect(a.ci95Low).toBeLessThan(100);
    expect(a.note).toMatch(/^none observed: no outage in 30 runs × 10y, each assumed ≤ 6h \(outage_length_bound_s\); one-sided 95% bound/);
    const d = metricInterval(runs, 'downtime_per_year_s', downtimeSpec, T);
    expect(d.ci95Low).toBe(0);
    expect(d.ci95High).toBeCloseTo(rate * 6 * 3600 * 31_536_000, 9);
    expect(d.ci95High).toBeGreaterThan(0);
  });

  it('a count never observed is bounded by 3/n per run, not 0 ± 0', () => {
    const c = metricInterval(runs, 'outages_count', defaultMetricSpec('outages_count'), T);
    expect([c.ci95Low, c.ci95High]).toEqual([0, 0.1]);
    expect(c.note).toMatch(/^none observed/);
  });

  it('once one event is observed the ordinary interval is used', () => {
    const one = runs.map((r, i) => (i === 0 ? { ...r, availability_pct: 99.9, outages_count: 1 } : r));
    const a = metricInterval(one, 'availability_pct', availabilitySpec, T);
    expect(a.oneSided).toBe(false);
    expect(a.observedEvents).toBe(1);
    expect(a.ci95High).toBeLessThanOrEqual(100);
  });

  it('a model stating that no event can occur (bound 0) gets its exact value, said so', () => {
    const never = runs.map((r) => ({ ...r, outage_length_bound_s: 0 }));
    const a = metricInterval(never, 'availability_pct', availabilitySpec, T);
    expect([a.ci95Low, a.ci95High, a.oneSided]).toEqual([100, 100, false]);
    expect(a.note).toBe('no outage possible (outage_length_bound_s = 0)');
  });

  it('the rule of three covers the true rate at 95%: P(no event | rate = 3/X) = e^-3 < 0.05', () => {
    // For any true rate at or above the bound, seeing nothing has probability ≤ e^-3 ≈ 0.0498.
    expect(Math.exp(-RULE_OF_THREE)).toBeLessThan(0.05);
  });
});

describe('intervals stay inside the range', () => {
  it('a percentage whose t interval crosses 100 gets a Wilson interval inside [0, 100]', () => {
    // The zones-n1-vs-n2 case: most runs 100%, a few with short outages.
    const values = [...Array.from({ length: 27 }, () => 100), 99.995, 99.9975, 99.9998];
    const runs = values.map((v) => ({ availability_pct: v, outages_count: v < 100 ? 1 : 0, outage_length_bound_s: 3600 }));
    const t = metricInterval(runs, 'availability_pct', { range: 'real' }, 86400);
    expect(t.ci95High).toBeGreaterThan(100);
    const w = metricInterval(runs, 'availability_pct', availabilitySpec, 86400);
    expect(w.ci95High).toBeLessThanOrEqual(100);
    expect(w.ci95Low).toBeLessThan(w.mean);
    expect(w.ci95High).toBeGreaterThan(w.mean);
    expect(w.note).toMatch(/Wilson/);
  });

  it('a non-negative metric is clipped at 0 and says so', () => {
    const runs = [0, 0, 0, 0, 5].map((v) => ({ wait_s: v }));
    const r = metricInterval(runs, 'wait_s', defaultMetricSpec('wait_s'), 1);
    expect(r.ci95Low).toBe(0);
    expect(r.note).toMatch(/clipped/);
  });

  it('Wilson at the effective size covers the true proportion in ≥ 93% of seeded trials (nominal 95%)', () => {
    // Per-run availability = fraction of 200 Bernoulli(0.995) periods up, 10 runs per trial.
    const u = xorshift(12345);
    const p = 0.995;
    let covered = 0;
    const trials = 2000;
    for (let k = 0; k < trials; k++) {
      const runs = Array.from({ length: 10 }, () => {
        let up = 0;
        for (let i = 0; i < 200; i++) if (u() < p) up++;
        return { a_pct: (100 * up) / 200 };
      });
      const r = metricInterval(runs, 'a_pct', { range: 'pct' }, 1);
      if (r.ci95Low <= 100 * p && 100 * p <= r.ci95High) covered++;
      expect(r.ci95High).toBeLessThanOrEqual(100);
    }
    expect(covered / trials).toBeGreaterThan(0.93);
  });

  it('wilsonEffective matches the textbook Wilson interval when the variance is binomial', () => {
    // p̂ = 0.9, n = 100, z = 1.96: Wilson interval [0.82564, 0.94477].
    const w = wilsonEffective(0.9, (0.9 * 0.1) / 100, 1.96);
    expect(w.low).toBeCloseTo(0.82565, 4);
    expect(w.high).toBeCloseTo(0.94477, 4);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.96, 2);
  });
});

describe('paired differences against the baseline', () => {
  function records(configId: string, values: number[], offset: number): RunRecord[] {
    return values.map((v, i) => ({ index: offset + i, configId, replication: i + 1, seed: 's', metrics: { x_s: v } }));
  }

  it('common variation cancels: the paired interval is far narrower than the marginal ones', () => {
    const u = xorshift(99);
    const shared = Array.from({ length: 30 }, () => 100 * u());
    const a = shared.map((v) => v + 0.5 * u());
    const b = shared.map((v) => v + 2 + 0.5 * u());
    const ctx: ResultContext = {
      experiment: 'e',
      columns: ['k'],
      configurations: [
        { index: 0, id: 'a', swept: { k: 'a' } },
        { index: 1, id: 'b', swept: { k: 'b' } },
      ],
      headline: ['x_s'],
      durationS: 1,
      baselineId: 'a',
      metricSpec: defaultMetricSpec,
    };
    const rows = summaryRows(ctx, [...records('a', a, 0), ...records('b', b, 30)]);
    const rb = rows.find((r) => r.configId === 'b');
    expect(rb?.diff?.n).toBe(30);
    const diff = rb?.diff;
    expect(diff && diff.ci95Low < 2 && 2 < diff.ci95High).toBe(true);
    expect(diff && diff.ci95High - diff.ci95Low).toBeLessThan(0.5);
    expect((rb?.ci95High ?? 0) - (rb?.ci95Low ?? 0)).toBeGreaterThan(10);
    expect(rows.find((r) => r.configId === 'a')?.note).toBe('baseline');
  });

  it('both sides never observed: the difference is bounded by the two bounds, not 0 ± 0', () => {
    const none = Array.from({ length: 10 }, (_, i) => ({ replication: i + 1, metrics: { errors_count: 0 } }));
    const spec = defaultMetricSpec('errors_count');
    const iv = metricInterval(none.map((r) => r.metrics), 'errors_count', spec, 1);
    const d = pairedDifference(none, none, 'errors_count', iv, iv);
    expect(d.mean).toBe(0);
    expect(d.ci95Low).toBeCloseTo(-0.3, 12);
    expect(d.ci95High).toBeCloseTo(0.3, 12);
    expect(d.note).toMatch(/bounded/);
  });
});

describe('the table shows what the interval is', () => {
  const base = { configId: 'c', configIndex: 0, swept: {}, metric: 'availability_pct', std: 0, n: 30, observedEvents: 0, diff: undefined };
  it('a bound beside the mean, an asymmetric interval as [low, high], a stated impossibility as exact', () => {
    expect(formatRow({ ...base, mean: 100, ci95Low: 99.999315, ci95High: 100, halfWidth: 0.000685, note: 'none observed: …', oneSided: true })).toBe('100 (≥ 99.99931)');
    expect(formatRow({ ...base, metric: 'downtime_per_year_s', mean: 0, ci95Low: 0, ci95High: 216, halfWidth: 216, note: 'none observed: …', oneSided: true })).toBe('0 (≤ 216)');
    expect(formatRow({ ...base, mean: 99.9, ci95Low: 99.7, ci95High: 99.95, halfWidth: 0.1, note: 'Wilson …', oneSided: false })).toBe('99.90 [99.70, 99.95]');
    expect(formatRow({ ...base, mean: 100, ci95Low: 100, ci95High: 100, halfWidth: 0, note: 'no outage possible (outage_length_bound_s = 0)', oneSided: false })).toBe('100 (exact)');
  });
});

describe('configuration labels in verdicts and warnings', () => {
  it('one plain column that tells every configuration apart names them alone; structured values are left out', () => {
    const zip = [
      { swept: { variant: 'retry', 'workload.policies': [{ type: 'retry' }] } },
      { swept: { variant: 'budget', 'workload.policies': [{ type: 'retry', budget: 1 }] } },
    ];
    expect(labelColumns(zip)).toEqual(['variant']);
    expect(configurationLabel(zip[1]!.swept, 32, labelColumns(zip))).toBe('variant=budget');
    const grid = [
      { swept: { 'services.db.mode': 'active-active', 'services.db.minReplicas': 1 } },
      { swept: { 'services.db.mode': 'active-active', 'services.db.minReplicas': 2 } },
      { swept: { 'services.db.mode': 'active-passive', 'services.db.minReplicas': 1 } },
    ];
    expect(configurationLabel(grid[2]!.swept, 32, labelColumns(grid))).toBe('mode=active-passive, minReplicas=1');
  });
});
