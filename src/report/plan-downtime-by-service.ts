// The "where the downtime comes from" chart of a topology result: each service's downtime per
// year (summary means of the `<service>_downtime_per_year_s` columns) stacked per configuration,
// beside the system's (`downtime_per_year_s`). Planned only where there are at least two
// services and some downtime to show.
import type { PlannedChart, summaryIndex } from './chart-plan.js';
import { metricAxis } from './metric-axis.js';
import { dimensionLabel } from './plan-differences.js';
import type { Results } from './read-results.js';
import { downtimeByServiceMarks, downtimeByServiceSpec, type DowntimeBar, type DowntimeByServiceChart } from './spec-downtime-by-service.js';
import type { SweepDimension } from './sweep-dimensions.js';

export const SYSTEM_DOWNTIME = 'downtime_per_year_s';
const SUFFIX = `_${SYSTEM_DOWNTIME}`;

/** Services with a downtime column, in column order ("api_downtime_per_year_s" → "api"); theory_* columns are not services. */
export function downtimeServices(metrics: readonly string[]): string[] {
  return metrics.filter((m) => m.endsWith(SUFFIX) && m.length > SUFFIX.length && !m.startsWith('theory_')).map((m) => m.slice(0, -SUFFIX.length));
}

export function planDowntimeByService(r: Results, dims: readonly SweepDimension[], get: ReturnType<typeof summaryIndex>): PlannedChart | undefined {
  const services = downtimeServices(r.metrics);
  if (services.length < 2) return undefined;
  const raw: { label: string; service: string; mean: number }[] = [];
  const system: { label: string; mean: number }[] = [];
  let n = 0;
  for (const cfg of r.configs) {
    const label = dimensionLabel(cfg, dims);
    for (const service of services) {
      const s = get(cfg.id, `${service}${SUFFIX}`);
      if (s && Number.isFinite(s.mean)) {
        raw.push({ label, service, mean: s.mean });
        n = Math.max(n, Number.isFinite(s.n) ? s.n : 0);
      }
    }
    const sys = get(cfg.id, SYSTEM_DOWNTIME);
    if (sys && Number.isFinite(sys.mean)) system.push({ label, mean: sys.mean });
  }
  // No downtime anywhere: nothing to attribute.
  if (!raw.some((b) => b.mean > 0) && !system.some((s) => s.mean > 0)) return undefined;
  const axis = metricAxis(SYSTEM_DOWNTIME, [...raw.map((b) => b.mean), ...system.map((s) => s.mean)]);
  const bars: DowntimeBar[] = raw.map((b) => ({ label: b.label, service: b.service, downtime: b.mean / axis.divisor }));
  const order = [...new Set(r.configs.map((cfg) => dimensionLabel(cfg, dims)))];
  const yTitle = dims.map((d) => d.title).join(', ') || 'configuration';
  const chart: DowntimeByServiceChart = {
    title: 'Downtime per year of each service',
    subtitle: `stacked, mean over ${n} replication${n === 1 ? '' : 's'}; black tick: the system's downtime per year`,
    xTitle: axis.title,
    yTitle,
    order,
    services,
    bars,
    system: system.map((s) => ({ label: s.label, downtime: s.mean / axis.divisor })),
  };
  return {
    id: 'downtime-by-service',
    section: 'downtime',
    title: chart.title,
    caption:
      `Each service's own downtime per year (${services.map((s) => `${s}${SUFFIX}`).join(', ')}), mean over ${n} replication${n === 1 ? '' : 's'}, stacked per configuration; ` +
      `black tick: the system's downtime per year (${SYSTEM_DOWNTIME}). Services can be down at the same time, and a service the system does not require does not take it down, ` +
      "so the stack is not a split of the system's downtime and need not end at the tick.",
    spec: downtimeByServiceSpec(chart),
    marks: downtimeByServiceMarks(),
    metrics: [...services.map((s) => `${s}${SUFFIX}`), ...(system.length > 0 ? [SYSTEM_DOWNTIME] : [])],
  };
}
