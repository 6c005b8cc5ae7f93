// Latency distribution per configuration: the cumulative distribution on a log axis, one line
// per configuration — a step line for an empirical distribution (samples or histogram
// buckets), a line through points for the percentiles a run reported.
import { CHART_HEIGHT, CHART_WIDTH, chartConfig, title, type ChartSpec } from './spec-common.js';

export interface CdfPoint {
  readonly series: string;
  /** Latency, > 0 (the axis is logarithmic). */
  readonly value: number;
  /** Cumulative probability in [0, 1]. */
  readonly p: number;
}

export interface CdfChart {
  readonly title: string;
  readonly subtitle?: string;
  readonly xTitle: string;
  readonly seriesTitle: string;
  /** 'empirical' steps; 'quantiles' joins reported percentiles with points. */
  readonly style: 'empirical' | 'quantiles';
  readonly points: readonly CdfPoint[];
}

export function cdfMarks(c: CdfChart): string[] {
  return c.style === 'quantiles' ? ['line', 'symbol'] : ['line'];
}

export function cdfSpec(c: CdfChart): ChartSpec {
  const values = c.points.filter((p) => Number.isFinite(p.value) && p.value > 0 && Number.isFinite(p.p));
  return {
    ...chartConfig,
    title: title(c.title, c.subtitle),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: values.map((p) => ({ series: p.series, value: p.value, p: p.p })) },
    mark:
      c.style === 'empirical'
        ? { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 }
        : { type: 'line', point: { filled: true, size: 30 }, strokeWidth: 1.8 },
    encoding: {
      x: { field: 'value', type: 'quantitative', title: c.xTitle, scale: { type: 'log' } },
      y: { field: 'p', type: 'quantitative', title: 'cumulative probability', scale: { domain: [0, 1] } },
      color: { field: 'series', type: 'nominal', title: c.seriesTitle, sort: [...new Set(values.map((p) => p.series))] },
      order: { field: 'value', type: 'quantitative' },
    },
  } as ChartSpec;
}
