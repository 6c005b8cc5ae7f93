// The "where the downtime comes from" charts of a topology result: each service's downtime per
// year (summary means of the `<service>_downtime_per_year_s` columns) stacked per configuration,
// beside the system's (`downtime_per_year_s`); at request level the same for failed requests
// (`<service>_failed_count` beside `failed_count`). Planned only where there are at least two
// services and something to show.
import type { PlannedChart, summaryIndex } from './chart-plan.js';
import { metricAxis } from './metric-axis.js';
import { dimensionLabel } from './plan-differences.js';
import type { Results } from './read-results.js';
import { downtimeByServiceMarks, downtimeByServiceSpec, type DowntimeBar, type DowntimeByServiceChart } from './spec-downtime-by-service.js';
import type { SweepDimension } from './sweep-dimensions.js';

export const SYSTEM_DOWNTIME = 'downtime_per_year_s';
export const SYSTEM_FAILED = 'failed_count';

/** A figure each service and the system report, to be charted per service. */
interface ServiceFigure {
  readonly id: string;
  /** The system's metric; a service's is `<service>_<metric>`. */
  readonly metric: string;
  readonly title: string;
  readonly what: string;
  readonly overlap: string;
}

const DOWNTIME: ServiceFigure = {
  id: 'downtime-by-service',
  metric: SYSTEM_DOWNTIME,
  title: 'Downtime per year of each service',
  what: "downtime per year",
  overlap: "Services can be down at the same time, and a service the system does not require does not take it down",
};

const FAILED: ServiceFigure = {
  id: 'failed-by-service',
  metric: SYSTEM_FAILED,
  title: 'Failed requests at each service',
  what: 'failed requests (each service counts the calls it received that failed)',
  overlap: 'A call that fails downstream also fails at each caller on its way back, and a failed optional call does not fail the request',
};

/** Services with a column of `metric`, in column order ("api_downtime_per_year_s" → "api"); theory_* columns (system or "<service>_theory_…") are not services. */
export function servicesWith(metrics: readonly string[], metric: string): string[] {
  const suffix = `_${metric}`;
  return metrics.filter((m) => m.endsWith(suffix) && m.length > suffix.length && !/(^|_)theory_/.test(m)).map((m) => m.slice(0, -suffix.length));
}

/** Services with a downtime column. */
export function downtimeServices(metrics: readonly string[]): string[] {
  return servicesWith(metrics, SYSTEM_DOWNTIME);
}

/** The downtime chart, and at request level the failed-requests chart: each where two or more services have something to show. */
export function planServiceShares(r: Results, dims: readonly SweepDimension[], get: ReturnType<typeof summaryIndex>): PlannedChart[] {
  return [DOWNTIME, FAILED].map((f) => planByService(r, dims, get, f)).filter((c): c is PlannedChart => c !== undefined);
}

export function planDowntimeByService(r: Results, dims: readonly SweepDimension[], get: ReturnType<typeof summaryIndex>): PlannedChart | undefined {
  return planByService(r, dims, get, DOWNTIME);
}

function planByService(r: Results, dims: readonly SweepDimension[], get: ReturnType<typeof summaryIndex>, f: ServiceFigure): PlannedChart | undefined {
  const suffix = `_${f.metric}`;
  // Class records share the request metrics' names: only prefixes that are services (they have a downtime column) count.
  const known = new Set(downtimeServices(r.metrics));
  const services = servicesWith(r.metrics, f.metric).filter((s) => f === DOWNTIME || known.has(s));
  if (services.length < 2) return undefined;
  const raw: { label: string; service: string; mean: number }[] = [];
  const system: { label: string; mean: number }[] = [];
  let n = 0;
  for (const cfg of r.configs) {
    const label = dimensionLabel(cfg, dims);
    for (const service of services) {
      const s = get(cfg.id, `${service}${suffix}`);
      if (s && Number.isFinite(s.mean)) {
        raw.push({ label, service, mean: s.mean });
        n = Math.max(n, Number.isFinite(s.n) ? s.n : 0);
      }
    }
    const sys = get(cfg.id, f.metric);
    if (sys && Number.isFinite(sys.mean)) system.push({ label, mean: sys.mean });
  }
  // Nothing anywhere: nothing to attribute.
  if (!raw.some((b) => b.mean > 0) && !system.some((s) => s.mean > 0)) return undefined;
  const axis = metricAxis(f.metric, [...raw.map((b) => b.mean), ...system.map((s) => s.mean)]);
  const bars: DowntimeBar[] = raw.map((b) => ({ label: b.label, service: b.service, value: b.mean / axis.divisor }));
  const order = [...new Set(r.configs.map((cfg) => dimensionLabel(cfg, dims)))];
  const yTitle = dims.map((d) => d.title).join(', ') || 'configuration';
  const chart: DowntimeByServiceChart = {
    title: f.title,
    subtitle: `stacked, mean over ${n} replication${n === 1 ? '' : 's'}; black tick: the system's ${f.what.split(' (')[0]}`,
    xTitle: axis.title,
    yTitle,
    order,
    services,
    bars,
    system: system.map((s) => ({ label: s.label, value: s.mean / axis.divisor })),
  };
  return {
    id: f.id,
    section: 'downtime',
    title: chart.title,
    caption:
      `Each service's own ${f.what} (${services.map((s) => `${s}${suffix}`).join(', ')}), mean over ${n} replication${n === 1 ? '' : 's'}, stacked per configuration; ` +
      `black tick: the system's (${f.metric}). ${f.overlap}, ` +
      "so the stack is not a split of the system's figure and need not end at the tick.",
    spec: downtimeByServiceSpec(chart),
    marks: downtimeByServiceMarks(),
    metrics: [...services.map((s) => `${s}${suffix}`), ...(system.length > 0 ? [f.metric] : [])],
  };
}
