// The differences section: for each headline metric of the first screen, every configuration's
// paired difference to the baseline (summary.csv diff_*), in the metric axis's unit. With
// common random numbers this is the quantity to read where the marginal intervals overlap.
import type { PlannedChart, summaryIndex } from './chart-plan.js';
import { slug } from './labels.js';
import { metricAxis } from './metric-axis.js';
import type { ResultConfig, Results } from './read-results.js';
import { differencesMarks, differencesSpec, type DifferenceRow } from './spec-differences.js';
import type { SweepDimension } from './sweep-dimensions.js';

/** A configuration named by its values on every dimension ("active-passive / 1", "30, 2"). */
export function dimensionLabel(cfg: ResultConfig, dims: readonly SweepDimension[]): string {
  return dims.length > 0 ? dims.map((d) => String(d.valueOf(cfg))).join(', ') : cfg.id;
}

export function planDifferences(r: Results, metrics: readonly string[], dims: readonly SweepDimension[], get: ReturnType<typeof summaryIndex>): PlannedChart[] {
  const baseline = r.configs.find((c) => c.id === r.baselineId);
  if (!baseline) return [];
  const out: PlannedChart[] = [];
  for (const metric of metrics) {
    const found = r.configs
      .filter((c) => c.id !== baseline.id)
      .map((cfg) => ({ cfg, s: get(cfg.id, metric) }))
      .filter((x) => x.s !== undefined && x.s.diffN > 0 && Number.isFinite(x.s.diffLow) && Number.isFinite(x.s.diffHigh));
    if (found.length === 0) continue;
    const axis = metricAxis(metric, found.map((x) => x.s!.diffMean));
    const rows: DifferenceRow[] = found.map(({ cfg, s }) => ({
      label: dimensionLabel(cfg, dims),
      mean: s!.diffMean / axis.divisor,
      low: s!.diffLow / axis.divisor,
      high: s!.diffHigh / axis.divisor,
      bounded: s!.diffBounded,
    }));
    const n = Math.max(...found.map((x) => x.s!.diffN));
    const base = dimensionLabel(baseline, dims);
    const better = r.metricFacts.get(metric)?.better;
    out.push({
      id: slug(`diff-${metric}`),
      section: 'differences',
      title: `Difference in ${axis.name} vs ${base}`,
      caption: `${metric}: each configuration minus the baseline (${base}), replication by replication (common random numbers), mean and 95% interval over ${n} pairs${better ? `; ${better} is better` : ''}; a bar clear of the zero line is a difference the runs show.`,
      spec: differencesSpec({
        title: `Difference in ${axis.name}`,
        subtitle: `vs ${base}, paired, 95% interval`,
        xTitle: `${axis.name}, difference (${axis.unit === '%' ? 'pp' : axis.unit || 'count'})`,
        yTitle: dims.map((d) => d.title).join(', ') || 'configuration',
        rows,
      }),
      marks: differencesMarks(),
      metrics: [metric],
    });
  }
  return out;
}
