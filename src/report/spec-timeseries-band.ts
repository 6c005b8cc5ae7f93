// One sampled metric over simulated time for every configuration on one chart: per
// configuration a line through the median across replications and a translucent band from the
// lowest to the highest replication, both as steps over the interval each sample ends (goodput and request
// availability are measured over the interval since the previous sample); scheduled
// faults and spikes shaded grey behind them and named along the top.
import { CHART_HEIGHT, CHART_WIDTH, chartConfig, title, type ChartSpec, type Row } from './spec-common.js';

export interface BandPoint {
  readonly series: string;
  readonly t: number;
  readonly median: number;
  readonly low: number;
  readonly high: number;
}

export interface TimeseriesBandChart {
  readonly title: string;
  readonly subtitle: string;
  /** Time unit shown on the axis; every `t`, `start` and `end` is already in it. */
  readonly timeTitle: string;
  readonly yTitle: string;
  readonly seriesTitle: string;
  /** Legend order. */
  readonly series: readonly string[];
  readonly points: readonly BandPoint[];
  readonly windows: readonly { readonly label: string; readonly start: number; readonly end: number }[];
}

export function timeseriesBandMarks(c: TimeseriesBandChart): string[] {
  return c.windows.length > 0 ? ['rect', 'text', 'area', 'line'] : ['area', 'line'];
}

export function timeseriesBandSpec(c: TimeseriesBandChart): ChartSpec {
  const pts: Row[] = c.points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.median) && Number.isFinite(p.low) && Number.isFinite(p.high)).map((p) => ({ ...p }));
  const x = { field: 't', type: 'quantitative' as const, title: c.timeTitle, scale: { nice: false } };
  const color = { field: 'series', type: 'nominal' as const, title: c.seriesTitle, sort: [...c.series], legend: { orient: 'bottom' as const, direction: 'horizontal' as const, symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolOpacity: 1 } };
  const layers: object[] = [];
  if (c.windows.length > 0) {
    const windows: Row[] = c.windows.map((w) => ({ label: w.label, start: w.start, end: w.end }));
    layers.push(
      { data: { values: windows }, mark: { type: 'rect', color: '#999', opacity: 0.18 }, encoding: { x: { field: 'start', type: 'quantitative', title: c.timeTitle }, x2: { field: 'end' } } },
      { data: { values: windows }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 3, y: 0, fontSize: 10, color: '#555' }, encoding: { x: { field: 'start', type: 'quantitative', title: c.timeTitle }, text: { field: 'label' } } },
    );
  }
  layers.push(
    { data: { values: pts }, mark: { type: 'area', interpolate: 'step-before', opacity: 0.16 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: c.yTitle, scale: { zero: false } }, y2: { field: 'high' }, color } },
    { data: { values: pts }, mark: { type: 'line', interpolate: 'step-before', strokeWidth: 1.6 }, encoding: { x, y: { field: 'median', type: 'quantitative', title: c.yTitle }, color } },
  );
  return { ...chartConfig, title: title(c.title, c.subtitle), width: CHART_WIDTH + 80, height: CHART_HEIGHT, layer: layers } as ChartSpec;
}
