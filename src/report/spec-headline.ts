// A headline metric against what was swept: the mean of each configuration with its 95%
// interval. On a numeric axis (a swept number, duration or rate) the means are joined by a line
// and the interval is a band; on a categorical axis (variants) each mean is a point with an
// error bar and nothing joins the categories. A one-sided bound (nothing observed in any run)
// is drawn as a dashed bar ending in a tick, never as an interval. A second swept dimension is a
// colour; a `theory_*` value, where the model reports one, a dashed line.
import { CHART_HEIGHT, CHART_WIDTH, chartConfig, title, type ChartSpec, type Row } from './spec-common.js';

export interface HeadlinePoint {
  readonly x: number | string;
  readonly series: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** [low, high] is a one-sided 95% bound: nothing was observed in any run. */
  readonly oneSided: boolean;
  readonly reference?: number;
}

export interface HeadlineChart {
  readonly title: string;
  readonly subtitle?: string;
  readonly xTitle: string;
  /** Quantitative x axis; otherwise categories in the order of `xOrder`. */
  readonly xNumeric: boolean;
  readonly xLog: boolean;
  readonly xOrder: readonly (number | string)[];
  readonly yTitle: string;
  readonly yLog: boolean;
  /** Legend title (the other swept dimension), or undefined for a single series. */
  readonly seriesTitle: string | undefined;
  readonly points: readonly HeadlinePoint[];
}

function hasBand(c: HeadlineChart): boolean {
  return c.xNumeric && new Set(c.points.filter((p) => !p.oneSided).map((p) => p.x)).size >= 2;
}

/** Mark types the rendered chart contains (Vega's SVG class names mark-<type>). */
export function headlineMarks(c: HeadlineChart): string[] {
  const marks = [hasBand(c) ? 'area' : 'rule', 'symbol'];
  if (c.xNumeric) marks.push('line');
  if (c.points.some((p) => p.oneSided)) marks.push('tick');
  return [...new Set(marks)];
}

export function headlineSpec(c: HeadlineChart): ChartSpec {
  const band = hasBand(c);
  const finite = (v: number) => Number.isFinite(v) && (!c.yLog || v > 0);
  const row = (p: HeadlinePoint, extra: Row): Row => ({ x: c.xNumeric ? p.x : String(p.x), series: p.series, ...extra });
  const means: Row[] = c.points.filter((p) => finite(p.mean)).map((p) => row(p, { mean: p.mean }));
  const intervals: Row[] = c.points.filter((p) => !p.oneSided && finite(p.low) && finite(p.high)).map((p) => row(p, { low: p.low, high: p.high }));
  // A one-sided bound runs from the observed value (the mean) to the bound.
  const bounds: Row[] = c.points
    .filter((p) => p.oneSided && finite(p.mean))
    .map((p) => {
      const bound = p.high > p.mean ? p.high : p.low;
      return row(p, { mean: p.mean, bound: finite(bound) ? bound : p.mean });
    });
  const ref: Row[] = c.points.filter((p) => p.reference !== undefined && finite(p.reference)).map((p) => row(p, { reference: p.reference ?? null }));
  const x = c.xNumeric
    ? {
        field: 'x',
        type: 'quantitative' as const,
        title: c.xTitle,
        scale: c.xLog ? { type: 'log' as const, nice: false } : { zero: false, nice: false },
        ...(c.xOrder.length <= 12 ? { axis: { values: [...c.xOrder], format: '~g' } } : {}),
      }
    : { field: 'x', type: 'nominal' as const, title: c.xTitle, sort: c.xOrder.map(String), axis: { labelAngle: c.xOrder.some((v) => String(v).length > 12) ? -20 : 0, labelLimit: 160 } };
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: c.yTitle, scale: c.yLog ? { type: 'log' as const } : { zero: false } });
  const seriesOrder = [...new Set(c.points.map((p) => p.series))];
  const color = c.seriesTitle ? { field: 'series', type: 'nominal' as const, title: c.seriesTitle, sort: seriesOrder, legend: { orient: 'bottom' as const, direction: 'horizontal' as const } } : { value: '#1f77b4' };
  // Several series on a categorical axis sit side by side within each category.
  const offset = !c.xNumeric && c.seriesTitle ? { xOffset: { field: 'series', type: 'nominal' as const, sort: seriesOrder } } : {};
  const layers: object[] = [];
  if (intervals.length > 0) {
    layers.push(
      band
        ? { data: { values: intervals }, mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: y('low'), y2: { field: 'high' }, color } }
        : { data: { values: intervals }, mark: { type: 'rule', strokeWidth: 2 }, encoding: { x, y: y('low'), y2: { field: 'high' }, color, ...offset } },
    );
  }
  if (c.xNumeric) layers.push({ data: { values: means }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: y('mean'), color } });
  layers.push({ data: { values: means }, mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { x, y: y('mean'), color, ...offset } });
  if (bounds.length > 0) {
    layers.push(
      { data: { values: bounds }, mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [4, 3] }, encoding: { x, y: y('mean'), y2: { field: 'bound' }, color, ...offset } },
      { data: { values: bounds }, mark: { type: 'tick', orient: 'horizontal', thickness: 2, size: 14 }, encoding: { x, y: y('bound'), color, ...offset } },
    );
  }
  if (ref.length > 0) {
    layers.push({ data: { values: ref }, mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5, opacity: 0.8 }, encoding: { x, y: y('reference'), color, detail: { field: 'series' } } });
  }
  return { ...chartConfig, title: title(c.title, c.subtitle), width: CHART_WIDTH, height: CHART_HEIGHT, layer: layers } as ChartSpec;
}
