// Time series of one run: one panel per sampled metric (goodput, queue length, breaker or
// replica states…), stacked with a shared time axis and each with its own y scale, drawn as
// steps (a sample holds until the next).
import { CHART_WIDTH, chartConfig, title, type ChartSpec } from './spec-common.js';

export interface TimeseriesChart {
  readonly title: string;
  readonly subtitle?: string;
  /** Time unit shown on the axis; `points[].t` is already in it. */
  readonly timeTitle: string;
  /** Panel order. */
  readonly metrics: readonly string[];
  readonly points: readonly { readonly metric: string; readonly t: number; readonly value: number }[];
}

export function timeseriesMarks(): string[] {
  return ['line'];
}

export function timeseriesSpec(c: TimeseriesChart): ChartSpec {
  return {
    ...chartConfig,
    title: title(c.title, c.subtitle),
    data: { values: c.points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.value)).map((p) => ({ ...p })) },
    facet: { row: { field: 'metric', type: 'nominal', title: null, sort: [...c.metrics], header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 11 } } },
    spec: {
      width: CHART_WIDTH + 80,
      height: 90,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.4 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: c.timeTitle, scale: { nice: false } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as ChartSpec;
}
