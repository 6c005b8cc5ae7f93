// A headline metric against one swept parameter: one line per combination of the other swept
// parameters, the 95% confidence interval as a band (numeric x) or as error bars (categories),
// and the theory value, where the model reports one, as a dashed line.
import { CHART_HEIGHT, CHART_WIDTH, chartConfig, title, type ChartSpec, type Row } from './spec-common.js';

export interface HeadlinePoint {
  readonly x: number | string;
  readonly series: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly reference?: number;
}

export interface HeadlineChart {
  readonly title: string;
  readonly subtitle?: string;
  readonly xTitle: string;
  /** Quantitative x axis; otherwise categories in the order of `xOrder`. */
  readonly xNumeric: boolean;
  readonly xOrder: readonly (number | string)[];
  readonly yTitle: string;
  readonly yLog: boolean;
  /** Legend title (the other swept parameters), or undefined for a single line. */
  readonly seriesTitle: string | undefined;
  readonly points: readonly HeadlinePoint[];
}

/** Mark types the rendered chart contains (Vega's SVG class names mark-<type>). */
export function headlineMarks(c: HeadlineChart): string[] {
  const band = c.xNumeric && new Set(c.points.map((p) => p.x)).size >= 2;
  return [band ? 'area' : 'rule', 'line', 'symbol'];
}

export function headlineSpec(c: HeadlineChart): ChartSpec {
  const band = c.xNumeric && new Set(c.points.map((p) => p.x)).size >= 2;
  const finite = (v: number) => Number.isFinite(v) && (!c.yLog || v > 0);
  const rows: Row[] = c.points.filter((p) => finite(p.mean)).map((p) => ({ x: p.x, series: p.series, mean: p.mean }));
  const ci: Row[] = c.points.filter((p) => finite(p.low) && finite(p.high)).map((p) => ({ x: p.x, series: p.series, low: p.low, high: p.high }));
  const ref: Row[] = c.points
    .filter((p) => p.reference !== undefined && finite(p.reference))
    .map((p) => ({ x: p.x, series: p.series, reference: p.reference ?? null }));
  const x = c.xNumeric
    ? { field: 'x', type: 'quantitative' as const, title: c.xTitle, scale: { zero: false, nice: false }, ...(c.xOrder.length <= 12 ? { axis: { values: [...c.xOrder], ...(c.xOrder.every((v) => Number.isInteger(v)) ? { format: 'd' } : {}) } } : {}) }
    : { field: 'x', type: 'ordinal' as const, title: c.xTitle, sort: c.xOrder.map(String) };
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: c.yTitle,
    scale: c.yLog ? { type: 'log' as const } : { zero: false },
  });
  const color = c.seriesTitle
    ? { field: 'series', type: 'nominal' as const, title: c.seriesTitle, sort: [...new Set(c.points.map((p) => p.series))] }
    : { value: '#1f77b4' };
  const stringX = (r: Row[]) => (c.xNumeric ? r : r.map((o) => ({ ...o, x: String(o['x']) })));
  const layers: object[] = [
    band
      ? { data: { values: stringX(ci) }, mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: y('low'), y2: { field: 'high' }, color } }
      : { data: { values: stringX(ci) }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: y('low'), y2: { field: 'high' }, color } },
    { data: { values: stringX(rows) }, mark: { type: 'line', point: { filled: true, size: 36 }, strokeWidth: 2 }, encoding: { x, y: y('mean'), color } },
  ];
  if (ref.length > 0) {
    layers.push({
      data: { values: stringX(ref) },
      mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5, opacity: 0.8 },
      encoding: { x, y: y('reference'), color, detail: { field: 'series' } },
    });
  }
  return {
    ...chartConfig,
    title: title(c.title, c.subtitle),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: layers,
  } as ChartSpec;
}
