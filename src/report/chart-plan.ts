// Chooses the report's charts from what the experiment varied and measured: each headline
// metric against each swept parameter; latency distributions where a histogram, a sampled
// latency or reported percentiles exist; the time series of one run where they were sampled.
import { chooseHeadlines, NINES_CAP, type Headline } from './metrics.js';
import { configValues, slug } from './labels.js';
import { planDistributions } from './plan-distributions.js';
import { planTimeseries } from './plan-timeseries.js';
import type { Results, SummaryStat } from './read-results.js';
import type { ChartSpec } from './spec-common.js';
import { headlineMarks, headlineSpec, type HeadlinePoint } from './spec-headline.js';

export type ChartSection = 'headline' | 'distribution' | 'timeseries';

export interface PlannedChart {
  /** Unique; the SVG is charts/<id>.svg. */
  readonly id: string;
  readonly section: ChartSection;
  readonly title: string;
  readonly caption: string;
  readonly spec: ChartSpec;
  /** Vega mark types the rendered SVG must contain (class mark-<type>). */
  readonly marks: readonly string[];
}

/** summary lookup: config id → metric → statistics. */
export function summaryIndex(summary: readonly SummaryStat[]): (configId: string, metric: string) => SummaryStat | undefined {
  const m = new Map<string, SummaryStat>();
  for (const s of summary) m.set(`${s.configId}\u0000${s.metric}`, s);
  return (configId, metric) => m.get(`${configId}\u0000${metric}`);
}

function headlineChart(r: Results, h: Headline, x: string, get: ReturnType<typeof summaryIndex>): PlannedChart | undefined {
  const others = r.sweptColumns.filter((c) => c !== x);
  const points: HeadlinePoint[] = [];
  for (const cfg of r.configs) {
    const s = get(cfg.id, h.metric);
    if (!s) continue;
    const t = h.transform(s.mean, s.ci95Low, s.ci95High);
    const refStat = h.reference ? get(cfg.id, h.reference) : undefined;
    const xv = cfg.swept[x];
    if (xv === undefined) continue;
    points.push({
      x: xv,
      series: others.length > 0 ? configValues(cfg, others) : h.metric,
      mean: t.mean,
      low: t.low,
      high: t.high,
      ...(refStat ? { reference: h.transform(refStat.mean, refStat.mean, refStat.mean).mean } : {}),
    });
  }
  if (!points.some((p) => Number.isFinite(p.mean))) return undefined;
  const lows = points.flatMap((p) => [p.mean, p.low]).filter(Number.isFinite);
  const highs = points.flatMap((p) => [p.mean, p.high]).filter(Number.isFinite);
  const minV = Math.min(...lows);
  const maxV = Math.max(...highs);
  const yLog = h.kind !== 'nines' && minV > 0 && maxV / minV > 100;
  const n = Math.max(...r.summary.filter((s) => s.metric === h.metric).map((s) => s.n).filter(Number.isFinite), 0);
  const xOrder = [...new Set(r.configs.map((c) => c.swept[x]).filter((v): v is number | string => v !== undefined))];
  const caption = [
    `${h.title} from ${h.metric}: mean with 95% confidence interval over ${n} replication${n === 1 ? '' : 's'}`,
    others.length > 0 ? `one line per ${others.join(', ')}` : '',
    h.reference ? `dashed: ${h.reference}` : '',
    h.kind === 'nines' && points.some((p) => p.high >= NINES_CAP) ? `capped at ${NINES_CAP} nines` : '',
  ]
    .filter((s) => s !== '')
    .join('; ');
  const chart = {
    title: `${h.title} vs ${x}`,
    subtitle: `${h.metric}, mean and 95% CI, n = ${n}`,
    xTitle: x,
    xNumeric: r.numericColumns.has(x),
    xOrder,
    yTitle: h.axis,
    yLog,
    seriesTitle: others.length > 0 ? others.join(', ') : undefined,
    points,
  };
  return {
    id: slug(`${h.kind === 'metric' ? h.metric : `${h.kind}-${h.metric}`}-vs-${x}`),
    section: 'headline',
    title: chart.title,
    caption: `${caption}${yLog ? '; logarithmic y axis' : ''}.`,
    spec: headlineSpec(chart),
    marks: headlineMarks(chart),
  };
}

export function planCharts(r: Results): PlannedChart[] {
  const get = summaryIndex(r.summary);
  const withData = r.metrics.filter((m) => r.summary.some((s) => s.metric === m && Number.isFinite(s.mean)));
  const headlines = chooseHeadlines(withData, r.headlineHint);
  const charts: PlannedChart[] = [];
  for (const h of headlines) {
    for (const x of r.sweptColumns) {
      const c = headlineChart(r, h, x, get);
      if (c) charts.push(c);
    }
  }
  charts.push(...planDistributions(r, get), ...planTimeseries(r));
  // Ids are unique (a second chart of the same name gets a numeric suffix).
  const used = new Set<string>();
  return charts.map((c) => {
    let id = c.id;
    for (let k = 2; used.has(id); k++) id = `${c.id}-${k}`;
    used.add(id);
    return id === c.id ? c : { ...c, id };
  });
}
