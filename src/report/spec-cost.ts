// Recovery objectives against cost: one point per configuration and objective (physical RPO,
// physical RTO) at its cost, on a logarithmic time axis where the values span decades; filled
// where the configuration is Pareto-efficient, hollow where another is at least as good on
// cost and every objective and better on one. Each configuration is named beside its point
// (the cost axis runs 30% past the largest cost to leave room for the names).
import { CHART_HEIGHT, CHART_WIDTH, chartConfig, title, type ChartSpec, type Row } from './spec-common.js';

export interface CostPoint {
  readonly label: string;
  readonly objective: string;
  readonly cost: number;
  readonly value: number;
  readonly efficient: boolean;
}

export interface CostChart {
  readonly title: string;
  readonly subtitle: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly yLog: boolean;
  readonly objectives: readonly string[];
  readonly points: readonly CostPoint[];
}

export function costMarks(): string[] {
  return ['symbol', 'text'];
}

export function costSpec(c: CostChart): ChartSpec {
  const values: Row[] = c.points
    .filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.value) && (!c.yLog || p.value > 0))
    .map((p) => ({ label: p.label, objective: p.objective, cost: p.cost, value: p.value, pareto: p.efficient ? 'Pareto-efficient' : 'dominated' }));
  const x = { field: 'cost', type: 'quantitative' as const, title: c.xTitle, scale: { domainMin: 0, domainMax: Math.max(0, ...c.points.map((p) => p.cost).filter(Number.isFinite)) * 1.3, nice: false } };
  const y = { field: 'value', type: 'quantitative' as const, title: c.yTitle, scale: c.yLog ? { type: 'log' as const } : { zero: true } };
  const color = { field: 'objective', type: 'nominal' as const, title: null, sort: [...c.objectives], legend: { orient: 'bottom' as const, direction: 'horizontal' as const } };
  const efficient = (yes: boolean) => ({ filter: { field: 'pareto', equal: yes ? 'Pareto-efficient' : 'dominated' } });
  return {
    ...chartConfig,
    title: title(c.title, c.subtitle),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    layer: [
      { mark: { type: 'line', strokeWidth: 1, opacity: 0.35 }, encoding: { x, y, color, detail: { field: 'objective' } } },
      { transform: [efficient(true)], mark: { type: 'point', filled: true, size: 80, opacity: 1 }, encoding: { x, y, color } },
      { transform: [efficient(false)], mark: { type: 'point', filled: false, size: 80, strokeWidth: 2, opacity: 1 }, encoding: { x, y, color } },
      {
        transform: [{ filter: { field: 'objective', equal: c.objectives[0] ?? '' } }],
        mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: '#333' },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  } as ChartSpec;
}
