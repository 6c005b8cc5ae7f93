// One chart of a headline metric against the sweep: x is the first numeric dimension (a swept
// number, duration or rate), else the first dimension (variants as categories); a second
// dimension is the colour (further ones join it). Values are shown in the metric axis's unit.
import type { PlannedChart, summaryIndex } from './chart-plan.js';
import { slug } from './labels.js';
import { metricAxis } from './metric-axis.js';
import type { ResultConfig, Results } from './read-results.js';
import { headlineMarks, headlineSpec, type HeadlineChart, type HeadlinePoint } from './spec-headline.js';
import type { SweepDimension } from './sweep-dimensions.js';

/** Ratio of largest to smallest value from which a metric axis is logarithmic. */
const Y_LOG_SPAN = 100;

export function planHeadline(r: Results, metric: string, dims: readonly SweepDimension[], get: ReturnType<typeof summaryIndex>): PlannedChart | undefined {
  const xDim = dims.find((d) => d.numeric) ?? dims[0];
  const others = dims.filter((d) => d !== xDim);
  const xOf = (cfg: ResultConfig): number | string => (xDim ? xDim.valueOf(cfg) : cfg.id);
  const seriesOf = (cfg: ResultConfig): string => (others.length > 0 ? others.map((d) => String(d.valueOf(cfg))).join(', ') : metric);
  const stats = r.configs.map((cfg) => ({ cfg, s: get(cfg.id, metric) })).filter((x) => x.s !== undefined && Number.isFinite(x.s.mean));
  if (stats.length === 0) return undefined;
  const axis = metricAxis(metric, stats.map((x) => x.s!.mean));
  const ref = r.metrics.includes(`theory_${metric}`) ? `theory_${metric}` : undefined;
  const points: HeadlinePoint[] = stats.map(({ cfg, s }) => {
    const refStat = ref ? get(cfg.id, ref) : undefined;
    return {
      x: xOf(cfg),
      series: seriesOf(cfg),
      mean: s!.mean / axis.divisor,
      low: s!.ci95Low / axis.divisor,
      high: s!.ci95High / axis.divisor,
      oneSided: s!.oneSided,
      ...(refStat && Number.isFinite(refStat.mean) ? { reference: refStat.mean / axis.divisor } : {}),
    };
  });
  const shown = points.flatMap((p) => [p.mean, p.low, p.high]).filter((v) => Number.isFinite(v));
  const minV = Math.min(...shown);
  const maxV = Math.max(...shown);
  const yLog = axis.unit !== '%' && minV > 0 && maxV / minV >= Y_LOG_SPAN;
  const n = Math.max(0, ...stats.map((x) => x.s!.n).filter(Number.isFinite));
  const seriesTitle = others.length > 0 ? others.map((d) => d.title).join(', ') : undefined;
  const chart: HeadlineChart = {
    title: axis.name.charAt(0).toUpperCase() + axis.name.slice(1),
    subtitle: `mean and 95% interval over ${n} replication${n === 1 ? '' : 's'}`,
    xTitle: xDim ? xDim.title : 'configuration',
    xNumeric: xDim?.numeric ?? false,
    xLog: xDim?.log ?? false,
    xOrder: xDim ? xDim.order : r.configs.map((c) => c.id),
    yTitle: axis.title,
    yLog,
    seriesTitle,
    points,
  };
  const caption = [
    `${metric} per configuration: mean with its 95% interval (${xDim?.numeric ? 'band' : 'bar'})`,
    seriesTitle ? `colour: ${seriesTitle}` : '',
    points.some((p) => p.oneSided) ? 'dashed bar ending in a tick: nothing observed in any run, a one-sided 95% bound (rule of three)' : '',
    ref ? `dashed line: ${ref}` : '',
    yLog ? 'logarithmic y axis' : '',
    xDim?.log ? 'logarithmic x axis' : '',
  ].filter((s) => s !== '');
  return {
    id: slug(metric),
    section: 'answer',
    title: chart.title,
    caption: `${caption.join('; ')}.`,
    spec: headlineSpec(chart),
    marks: headlineMarks(chart),
    metrics: ref ? [metric, ref] : [metric],
  };
}
