// The time series of one run (the traced run where there is one, else the first
// configuration's first replication): every sampled metric in its own panel, so a retry storm
// or a failover is seen as it unfolds.
import type { PlannedChart } from './chart-plan.js';
import { configLabel, slug } from './labels.js';
import type { Results, TimeseriesPoint } from './read-results.js';
import { timeseriesMarks, timeseriesSpec } from './spec-timeseries.js';

/** Samples kept per metric; longer series are thinned keeping each bucket's extremes. */
export const MAX_SAMPLES = 1500;

/** Keeps the first, the minimum and the maximum sample of each of ~max/3 time buckets, in time order. */
export function thin<T extends { readonly t: number; readonly value: number }>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const buckets = Math.max(1, Math.floor(max / 3));
  const size = points.length / buckets;
  const out: T[] = [];
  for (let b = 0; b < buckets; b++) {
    const slice = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (slice.length === 0) continue;
    let lo = slice[0]!;
    let hi = slice[0]!;
    for (const p of slice) {
      if (p.value < lo.value) lo = p;
      if (p.value > hi.value) hi = p;
    }
    for (const p of new Set([slice[0]!, lo, hi])) out.push(p);
  }
  return out.sort((a, b) => a.t - b.t);
}

/** The unit simulated time up to maxT seconds is read in. */
export function timeUnit(maxT: number): { title: string; scale: number } {
  if (maxT >= 2 * 86_400) return { title: 'simulated time (days)', scale: 86_400 };
  if (maxT >= 2 * 3600) return { title: 'simulated time (hours)', scale: 3600 };
  if (maxT >= 120) return { title: 'simulated time (minutes)', scale: 60 };
  return { title: 'simulated time (s)', scale: 1 };
}

export function planTimeseries(r: Results): PlannedChart[] {
  const ts = r.timeseries;
  if (!ts || ts.length === 0) return [];
  const traced = r.tracedRun && ts.some((p) => p.configId === r.tracedRun!.configId && p.replication === r.tracedRun!.replication) ? r.tracedRun : undefined;
  const configId = traced?.configId ?? r.configs.find((c) => ts.some((p) => p.configId === c.id))?.id ?? ts[0]!.configId;
  const replication = traced?.replication ?? Math.min(...ts.filter((p) => p.configId === configId).map((p) => p.replication));
  const run = ts.filter((p) => p.configId === configId && p.replication === replication);
  const metrics = [...new Set(run.map((p) => p.metric))];
  const maxT = Math.max(...run.map((p) => p.t).filter(Number.isFinite));
  const unit = timeUnit(maxT);
  const points: TimeseriesPoint[] = [];
  for (const m of metrics) points.push(...thin(run.filter((p) => p.metric === m).sort((a, b) => a.t - b.t), MAX_SAMPLES));
  if (!points.some((p) => Number.isFinite(p.value))) return [];
  const cfg = r.configs.find((c) => c.id === configId);
  const who = cfg ? configLabel(cfg, r.sweptColumns) : configId;
  const title = `Time series: ${configId}, replication ${replication}`;
  const subtitle = who;
  const caption = `One run, ${who} (config ${configId}, replication ${replication}): ${metrics.length} sampled metric${metrics.length === 1 ? '' : 's'}, each on its own scale`;
  return [
    {
      id: slug(`timeseries-${configId}-r${replication}`),
      section: 'timeseries',
      title,
      caption: `${caption}.`,
      spec: timeseriesSpec({ title, subtitle, timeTitle: unit.title, metrics, points: points.map((p) => ({ metric: p.metric, t: p.t / unit.scale, value: p.value })) }),
      marks: timeseriesMarks(),
      metrics: [],
    },
  ];
}
