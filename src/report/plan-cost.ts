// For DR experiments, the trade-off the strategies are chosen by: the recovery objectives (the
// first RPO and RTO metrics of the headline, e.g. rpo_physical_mean_s, rto_physical_mean_s)
// against the first cost metric (e.g. standby_cost_unit_hours), with the Pareto-efficient
// configurations (no other is as cheap and as good on both objectives, and better on one) marked.
import type { PlannedChart, summaryIndex } from './chart-plan.js';
import { metricAxis } from './metric-axis.js';
import { dimensionLabel } from './plan-differences.js';
import type { Results } from './read-results.js';
import { costMarks, costSpec, type CostPoint } from './spec-cost.js';
import type { SweepDimension } from './sweep-dimensions.js';

/** Indices of the rows no other row dominates (all criteria: lower is better). */
export function paretoEfficient(rows: readonly (readonly number[])[]): Set<number> {
  const out = new Set<number>();
  rows.forEach((a, i) => {
    const dominated = rows.some((b, j) => j !== i && b.every((v, k) => v <= a[k]!) && b.some((v, k) => v < a[k]!));
    if (!dominated) out.add(i);
  });
  return out;
}

export function planCost(r: Results, dims: readonly SweepDimension[], get: ReturnType<typeof summaryIndex>): PlannedChart | undefined {
  const pool = [...r.headlineHint, ...r.metrics];
  const hasData = (m: string): boolean => r.configs.every((c) => Number.isFinite(get(c.id, m)?.mean ?? NaN));
  const cost = pool.find((m) => /(^|_)cost(_|$)/.test(m) && hasData(m));
  const objectives = ['rpo', 'rto'].map((k) => pool.find((m) => m.startsWith(`${k}_`) && m.endsWith('_s') && hasData(m))).filter((m): m is string => m !== undefined);
  if (!cost || objectives.length === 0 || r.configs.length < 2) return undefined;
  const mean = (id: string, m: string): number => get(id, m)!.mean;
  const efficient = paretoEfficient(r.configs.map((c) => [mean(c.id, cost), ...objectives.map((o) => mean(c.id, o))]));
  const costAxis = metricAxis(cost, r.configs.map((c) => mean(c.id, cost)));
  const all = r.configs.flatMap((c) => objectives.map((o) => mean(c.id, o)));
  const timeAxis = metricAxis(objectives[0]!, all);
  const names = objectives.map((o) => metricAxis(o).name);
  const points: CostPoint[] = r.configs.flatMap((c, i) =>
    objectives.map((o, k) => ({ label: dimensionLabel(c, dims), objective: names[k]!, cost: mean(c.id, cost) / costAxis.divisor, value: mean(c.id, o) / timeAxis.divisor, efficient: efficient.has(i) })),
  );
  const shown = points.map((p) => p.value).filter((v) => v > 0);
  const yLog = shown.length === points.length && Math.max(...shown) / Math.min(...shown) >= 100;
  const short = objectives.map((o) => o.split('_')[0]!.toUpperCase());
  const chartTitle = `${short.join(' and ')} against ${costAxis.name}`;
  return {
    id: 'cost-objectives',
    section: 'answer',
    title: chartTitle,
    caption: `Means of ${objectives.join(', ')} against ${cost} per configuration; filled: Pareto-efficient (no other configuration is at least as cheap and as good on ${objectives.length === 1 ? 'the objective' : 'both objectives'}, and better on one), hollow: dominated${yLog ? '; logarithmic y axis' : ''}.`,
    spec: costSpec({ title: chartTitle, subtitle: 'filled: Pareto-efficient, hollow: dominated', xTitle: costAxis.title, yTitle: `${names.length > 1 ? 'recovery objective' : names[0]} (${timeAxis.unit})`, yLog, objectives: names, points }),
    marks: costMarks(),
    metrics: [cost, ...objectives],
  };
}
