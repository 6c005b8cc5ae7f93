// Chooses the report's charts from the experiment's question: the first screen ('answer') has
// one chart per headline metric against what was swept (and, for DR, RPO and RTO against cost);
// below it, for topology results, each service's downtime beside the system's; then each
// configuration's paired difference to the baseline; then latency distributions
// where a histogram, sampled latencies or reported percentiles exist, and the time series (the
// headline series of every configuration, then every sampled metric of one run).
import { answerMetrics, MAX_ANSWER_METRICS } from './answer-metrics.js';
import { planCost } from './plan-cost.js';
import { planDifferences } from './plan-differences.js';
import { planServiceShares } from './plan-downtime-by-service.js';
import { planDistributions } from './plan-distributions.js';
import { planHeadline } from './plan-headline.js';
import { planTimeseries } from './plan-timeseries.js';
import { planTimeseriesByConfig } from './plan-timeseries-by-config.js';
import type { Results, SummaryStat } from './read-results.js';
import type { ChartSpec } from './spec-common.js';
import { sweepDimensions } from './sweep-dimensions.js';

export type ChartSection = 'answer' | 'downtime' | 'differences' | 'distribution' | 'timeseries';

export interface PlannedChart {
  /** Unique; the SVG is charts/<id>.svg. */
  readonly id: string;
  readonly section: ChartSection;
  readonly title: string;
  readonly caption: string;
  readonly spec: ChartSpec;
  /** Vega mark types the rendered SVG must contain (class mark-<type>). */
  readonly marks: readonly string[];
  /** summary.csv metrics the chart shows (empty for distributions and time series). */
  readonly metrics: readonly string[];
}

/** summary lookup: config id → metric → statistics. */
export function summaryIndex(summary: readonly SummaryStat[]): (configId: string, metric: string) => SummaryStat | undefined {
  const m = new Map<string, SummaryStat>();
  for (const s of summary) m.set(`${s.configId}\u0000${s.metric}`, s);
  return (configId, metric) => m.get(`${configId}\u0000${metric}`);
}

export function planCharts(r: Results): PlannedChart[] {
  const get = summaryIndex(r.summary);
  const dims = sweepDimensions(r);
  const cost = planCost(r, dims, get);
  // With a cost chart on the first screen, one headline chart fewer keeps it one screen.
  const metrics = answerMetrics(r, cost ? MAX_ANSWER_METRICS - 1 : MAX_ANSWER_METRICS);
  const charts: PlannedChart[] = [];
  for (const m of metrics) {
    const c = planHeadline(r, m, dims, get);
    if (c) charts.push(c);
  }
  if (cost) charts.push(cost);
  charts.push(...planServiceShares(r, dims, get));
  charts.push(...planDifferences(r, metrics, dims, get), ...planDistributions(r, get));
  const series = planTimeseriesByConfig(r, dims);
  if (series) charts.push(series);
  charts.push(...planTimeseries(r));
  // Ids are unique (a second chart of the same name gets a numeric suffix).
  const used = new Set<string>();
  return charts.map((c) => {
    let id = c.id;
    for (let k = 2; used.has(id); k++) id = `${c.id}-${k}`;
    used.add(id);
    return id === c.id ? c : { ...c, id };
  });
}
