// Where the downtime (or the failed requests) come from: per configuration, one horizontal bar of
// each service's own figure, stacked, with the system's as a black tick on the same axis. The
// stack is not a decomposition of the system's figure: services can be down at the same time (the
// stack counts that twice), a failure downstream also fails its callers, and a service the system
// does not require adds to the stack without taking the system down, so the tick can sit left or
// right of the stack's end.
import { CHART_WIDTH, chartConfig, title, type ChartSpec, type Row } from './spec-common.js';

export interface DowntimeBar {
  /** The configuration, as the y axis names it. */
  readonly label: string;
  readonly service: string;
  /** The service's mean figure (downtime per year, failed requests), in the axis unit. */
  readonly value: number;
}

export interface DowntimeByServiceChart {
  readonly title: string;
  readonly subtitle: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Configuration labels, top to bottom. */
  readonly order: readonly string[];
  /** Services in stacking and legend order. */
  readonly services: readonly string[];
  readonly bars: readonly DowntimeBar[];
  /** The system's mean figure per configuration, in the axis unit. */
  readonly system: readonly { readonly label: string; readonly value: number }[];
}

/** Mark types the rendered chart contains: Vega draws both the bars and the ticks as mark-rect. */
export function downtimeByServiceMarks(): string[] {
  return ['rect'];
}

export function downtimeByServiceSpec(c: DowntimeByServiceChart): ChartSpec {
  const bars: Row[] = c.bars.filter((b) => Number.isFinite(b.value)).map((b) => ({ label: b.label, service: b.service, value: b.value, rank: c.services.indexOf(b.service) }));
  const system: Row[] = c.system.filter((s) => Number.isFinite(s.value)).map((s) => ({ label: s.label, system: s.value }));
  const y = { field: 'label', type: 'nominal' as const, title: c.yTitle, sort: [...c.order], axis: { labelLimit: 220 } };
  const layers: object[] = [
    {
      data: { values: bars },
      mark: { type: 'bar', height: { band: 0.6 } },
      encoding: {
        y,
        x: { field: 'value', type: 'quantitative', title: c.xTitle, stack: 'zero', scale: { zero: true } },
        color: { field: 'service', type: 'nominal', title: 'service', sort: [...c.services], legend: { orient: 'bottom', direction: 'horizontal' } },
        order: { field: 'rank', type: 'quantitative' },
      },
    },
  ];
  if (system.length > 0) {
    layers.push({
      data: { values: system },
      mark: { type: 'tick', orient: 'vertical', color: '#000', thickness: 2.5, bandSize: 22 },
      encoding: { y, x: { field: 'system', type: 'quantitative', title: c.xTitle } },
    });
  }
  return { ...chartConfig, title: title(c.title, c.subtitle), width: CHART_WIDTH + 80, height: Math.max(60, 30 * c.order.length), layer: layers } as ChartSpec;
}
