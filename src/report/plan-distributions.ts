// Latency distributions per configuration, from (in this order of preference for a metric):
// histogram.csv buckets, latency samples in timeseries.csv (pooled over replications), or
// three or more percentile columns (…_p50_…, …_p99_…) in summary.csv.
import type { PlannedChart, summaryIndex } from './chart-plan.js';
import { configValues, slug } from './labels.js';
import { metricLabel, unitOf } from './metrics.js';
import type { Results } from './read-results.js';
import { cdfMarks, cdfSpec, type CdfChart, type CdfPoint } from './spec-cdf.js';

/** At most this many configurations per distribution chart (the first in grid order). */
export const MAX_CDF_SERIES = 12;
/** Points kept per empirical distribution. */
const CDF_POINTS = 200;

const LATENCY = /latency|response|sojourn|wait|duration|rtt/;

function isLatency(metric: string): boolean {
  return LATENCY.test(metric) && (unitOf(metric) === 'ms' || unitOf(metric) === 's');
}

/** Quantile of a percentile token: p50 → 0.5, p99 → 0.99, p999 → 0.999, p100 → 1. */
export function percentileOf(token: string): number | undefined {
  const m = /^p(\d+)$/.exec(token);
  if (!m) return undefined;
  const d = m[1]!;
  if (d.length <= 2 || d === '100') return Number(d) / 100;
  return Number(`0.${d}`);
}

/** Empirical CDF of the samples, thinned to about CDF_POINTS steps. */
export function ecdf(values: readonly number[]): { value: number; p: number }[] {
  const v = values.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return [];
  const step = Math.max(1, Math.ceil(n / CDF_POINTS));
  const out: { value: number; p: number }[] = [];
  for (let i = 0; i < n; i += step) out.push({ value: v[i]!, p: (i + 1) / n });
  if (out[out.length - 1]!.p !== 1) out.push({ value: v[n - 1]!, p: 1 });
  return out;
}

function chart(r: Results, id: string, metric: string, short: string, source: string, style: CdfChart['style'], bySeries: Map<string, { value: number; p: number }[]>): PlannedChart | undefined {
  const points: CdfPoint[] = [];
  let series = 0;
  for (const cfg of r.configs) {
    const pts = bySeries.get(cfg.id);
    if (!pts || pts.length === 0 || series >= MAX_CDF_SERIES) continue;
    series++;
    const label = configValues(cfg, r.sweptColumns);
    for (const p of pts) points.push({ series: label, value: p.value, p: p.p });
  }
  if (points.length === 0) return undefined;
  const more = [...bySeries.values()].filter((p) => p.length > 0).length - series;
  const caption = `${source}${more > 0 ? `; first ${series} configurations of ${series + more}` : ''}; logarithmic x axis`;
  const c: CdfChart = {
    title: `Distribution of ${metricLabel(metric)}`,
    subtitle: short,
    xTitle: metricLabel(metric),
    seriesTitle: r.sweptColumns.length > 0 ? r.sweptColumns.join(', ') : 'configuration',
    style,
    points,
  };
  return { id: slug(id), section: 'distribution', title: c.title, caption: `${caption}.`, spec: cdfSpec(c), marks: cdfMarks(c), metrics: [] };
}

export function planDistributions(r: Results, get: ReturnType<typeof summaryIndex>): PlannedChart[] {
  const out: PlannedChart[] = [];
  const done = new Set<string>();

  if (r.histogram) {
    const metrics = [...new Set(r.histogram.map((b) => b.metric))];
    for (const metric of metrics) {
      const bySeries = new Map<string, { value: number; p: number }[]>();
      for (const cfg of r.configs) {
        const counts = new Map<number, number>();
        for (const b of r.histogram) {
          if (b.metric === metric && b.configId === cfg.id && Number.isFinite(b.count)) counts.set(b.upper, (counts.get(b.upper) ?? 0) + b.count);
        }
        const bins = [...counts].filter(([u]) => Number.isFinite(u) && u > 0).sort((a, b) => a[0] - b[0]);
        const total = bins.reduce((s, [, c]) => s + c, 0);
        if (total <= 0) continue;
        let cum = 0;
        bySeries.set(cfg.id, bins.map(([u, c]) => ({ value: u, p: (cum += c) / total })));
      }
      const c = chart(r, `cdf-${metric}`, metric, 'histogram, replications pooled', 'from histogram.csv, all replications pooled', 'empirical', bySeries);
      if (c) {
        out.push(c);
        done.add(metric);
      }
    }
  }

  if (r.timeseries) {
    const metrics = [...new Set(r.timeseries.map((p) => p.metric))].filter((m) => isLatency(m) && !done.has(m));
    for (const metric of metrics) {
      const samples = new Map<string, number[]>();
      for (const p of r.timeseries) {
        if (p.metric !== metric) continue;
        const list = samples.get(p.configId) ?? [];
        list.push(p.value);
        samples.set(p.configId, list);
      }
      const bySeries = new Map([...samples].map(([id, v]) => [id, ecdf(v)]));
      const c = chart(r, `cdf-${metric}`, metric, 'samples, replications pooled', 'empirical, from the samples in timeseries.csv, all replications pooled', 'empirical', bySeries);
      if (c) {
        out.push(c);
        done.add(metric);
      }
    }
  }

  // Percentile columns grouped by the name without the pNN token: latency_p99_ms → latency_ms.
  const groups = new Map<string, { metric: string; q: number }[]>();
  for (const metric of r.metrics) {
    if (metric.startsWith('theory_')) continue;
    const tokens = metric.split('_');
    const k = tokens.findIndex((t) => percentileOf(t) !== undefined);
    if (k < 0) continue;
    const base = [...tokens.slice(0, k), ...tokens.slice(k + 1)].join('_');
    if (unitOf(base) !== 'ms' && unitOf(base) !== 's') continue;
    const list = groups.get(base) ?? [];
    list.push({ metric, q: percentileOf(tokens[k]!)! });
    groups.set(base, list);
  }
  for (const [base, cols] of groups) {
    if (cols.length < 3 || done.has(base)) continue;
    cols.sort((a, b) => a.q - b.q);
    const bySeries = new Map<string, { value: number; p: number }[]>();
    for (const cfg of r.configs) {
      const pts = cols.map((c) => ({ value: get(cfg.id, c.metric)?.mean ?? NaN, p: c.q })).filter((p) => Number.isFinite(p.value) && p.value > 0);
      if (pts.length > 0) bySeries.set(cfg.id, pts);
    }
    const c = chart(r, `cdf-${base}`, base, 'reported percentiles (means)', `reported percentiles ${cols.map((c) => c.metric.split('_').find((t) => percentileOf(t) !== undefined)).join(', ')} (means over replications)`, 'quantiles', bySeries);
    if (c) out.push(c);
  }
  return out;
}
