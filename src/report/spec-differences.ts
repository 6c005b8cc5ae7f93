// Paired differences to the baseline: one row per configuration, the mean difference as a point
// and its 95% interval as a bar, against a line at zero: a bar clear of zero is a difference the
// runs show, whatever the overlap of the two marginal intervals. A difference bounded by the two
// intervals (nothing observed on one side, so not paired) is dashed.
import { CHART_WIDTH, chartConfig, title, type ChartSpec, type Row } from './spec-common.js';

export interface DifferenceRow {
  readonly label: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly bounded: boolean;
}

export interface DifferencesChart {
  readonly title: string;
  readonly subtitle: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly rows: readonly DifferenceRow[];
}

export function differencesMarks(): string[] {
  return ['rule', 'symbol'];
}

export function differencesSpec(c: DifferencesChart): ChartSpec {
  const order = c.rows.map((r) => r.label);
  const values: Row[] = c.rows.map((r) => ({ label: r.label, mean: r.mean, low: r.low, high: r.high, how: r.bounded ? 'bounded by the two intervals' : 'paired' }));
  const y = { field: 'label', type: 'nominal' as const, title: c.yTitle, sort: order, axis: { labelLimit: 220 } };
  const x = (field: string) => ({ field, type: 'quantitative' as const, title: c.xTitle, scale: { zero: true } });
  return {
    ...chartConfig,
    title: title(c.title, c.subtitle),
    width: CHART_WIDTH,
    height: Math.max(60, 28 * c.rows.length),
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888', strokeWidth: 1 }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      {
        data: { values },
        mark: { type: 'rule', strokeWidth: 2.5, color: '#d62728' },
        encoding: { y, x: x('low'), x2: { field: 'high' }, strokeDash: { field: 'how', type: 'nominal', title: null, scale: { domain: ['paired', 'bounded by the two intervals'], range: [[1, 0], [4, 3]] }, legend: values.some((v) => v['how'] !== 'paired') ? { orient: 'bottom' } : null } },
      },
      { data: { values }, mark: { type: 'point', filled: true, size: 60, color: '#d62728', opacity: 1 }, encoding: { y, x: x('mean') } },
    ],
  } as ChartSpec;
}
