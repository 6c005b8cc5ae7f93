// The headline time series of every configuration on one chart: the sampled metric that best
// answers the question (the first headline metric that is also sampled, else goodput, request
// availability or whether the system is up, else the first sampled metric), with per
// configuration the median across replications at each sample time and a band from the lowest
// to the highest replication; scheduled faults and spikes common to all configurations shaded.
import { answerMetrics } from './answer-metrics.js';
import type { PlannedChart } from './chart-plan.js';
import { slug } from './labels.js';
import { metricAxis } from './metric-axis.js';
import { dimensionLabel } from './plan-differences.js';
import { MAX_SAMPLES, thin, timeUnit } from './plan-timeseries.js';
import type { Results, TimeseriesPoint } from './read-results.js';
import { scheduledWindows } from './scheduled-windows.js';
import { timeseriesBandMarks, timeseriesBandSpec, type BandPoint } from './spec-timeseries-band.js';
import type { SweepDimension } from './sweep-dimensions.js';

/** Sampled metrics that show a run's health, in order of preference, where no headline metric is sampled. */
const PREFERRED = ['goodput_per_s', 'request_availability_pct', 'system_up'];

export function headlineSeries(r: Results, sampled: readonly string[]): string | undefined {
  return answerMetrics(r, Infinity).find((m) => sampled.includes(m)) ?? PREFERRED.find((m) => sampled.includes(m)) ?? sampled[0];
}

/** Median of sorted finite values (the mean of the two middle ones for an even count). */
export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Per sample time: the median, lowest and highest finite value across replications. */
export function acrossReplications(points: readonly TimeseriesPoint[]): { t: number; median: number; low: number; high: number; n: number }[] {
  const byT = new Map<number, number[]>();
  for (const p of points) {
    if (!Number.isFinite(p.t) || !Number.isFinite(p.value)) continue;
    const list = byT.get(p.t);
    if (list) list.push(p.value);
    else byT.set(p.t, [p.value]);
  }
  return [...byT.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, vs]) => {
      const s = [...vs].sort((a, b) => a - b);
      return { t, median: median(s), low: s[0]!, high: s[s.length - 1]!, n: s.length };
    });
}

export function planTimeseriesByConfig(r: Results, dims: readonly SweepDimension[]): PlannedChart | undefined {
  const ts = r.timeseries;
  if (!ts || ts.length === 0) return undefined;
  const metric = headlineSeries(r, [...new Set(ts.map((p) => p.metric))]);
  if (metric === undefined) return undefined;
  const ofMetric = ts.filter((p) => p.metric === metric);
  const maxT = Math.max(...ofMetric.map((p) => p.t).filter(Number.isFinite));
  const unit = timeUnit(maxT);
  const series: string[] = [];
  const raw: BandPoint[] = [];
  let reps = 0;
  for (const cfg of r.configs) {
    const rows = ofMetric.filter((p) => p.configId === cfg.id);
    if (rows.length === 0) continue;
    const label = dimensionLabel(cfg, dims);
    series.push(label);
    reps = Math.max(reps, new Set(rows.map((p) => p.replication)).size);
    const agg = acrossReplications(rows);
    // Long series keep each time bucket's extremes of the median, with their bands.
    const kept = thin(agg.map((a) => ({ ...a, value: a.median })), MAX_SAMPLES);
    for (const a of kept) raw.push({ series: label, t: a.t, median: a.median, low: a.low, high: a.high });
  }
  if (raw.length === 0) return undefined;
  const axis = metricAxis(metric, raw.map((p) => p.median));
  const points = raw.map((p) => ({ ...p, t: p.t / unit.scale, median: p.median / axis.divisor, low: p.low / axis.divisor, high: p.high / axis.divisor }));
  // A window is shaded where it overlaps the run, clipped to the last sample.
  const windows = scheduledWindows(r.meta)
    .filter((w) => w.end > 0 && w.start < maxT)
    .map((w) => ({ label: w.label, start: Math.max(w.start, 0) / unit.scale, end: Math.min(w.end, maxT) / unit.scale }));
  const name = axis.name.charAt(0).toUpperCase() + axis.name.slice(1);
  const band = `lowest to highest of ${reps} replication${reps === 1 ? '' : 's'}`;
  const chart = {
    title: `${name} over time`,
    subtitle: `median across replications; band: ${band}`,
    timeTitle: unit.title,
    yTitle: axis.title,
    seriesTitle: dims.map((d) => d.title).join(', ') || 'configuration',
    series,
    points,
    windows,
  };
  const caption = [
    `${metric} (timeseries.csv) of every configuration: at each sample time the median across replications (line) and the lowest to highest replication (band), each value drawn over the sample interval that ends at its time`,
    windows.length > 0 ? `grey: scheduled ${windows.map((w) => w.label).join(', ')} (from the resolved parameters, the same in every configuration)` : '',
  ].filter((s) => s !== '');
  return {
    id: slug(`timeseries-${metric}`),
    section: 'timeseries',
    title: chart.title,
    caption: `${caption.join('; ')}.`,
    spec: timeseriesBandSpec(chart),
    marks: timeseriesBandMarks(chart),
    metrics: [],
  };
}
