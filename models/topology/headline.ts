// The topology's headline by the question a configuration asks (Model.headlineFor):
// - request level (fidelity request, or auto with a workload): how the requests fared: request
//   and SLO availability (per class when there are several classes, whose SLOs differ), median
//   and tail latency, then time availability. Downtime per year is left out: a request-level
//   run covers minutes or hours, too short for a yearly figure to mean much.
// - state level: time availability, downtime per year and the number of outages behind them,
//   then their exact values when the configuration has them (theory.ts).
import type { TopologyParams } from './schema.js';
import { topologyTheory } from './theory.js';

/** Whether a configuration runs at request level (as the model's build decides). */
export function isRequestLevel(p: TopologyParams): boolean {
  return p.fidelity === 'request' || (p.fidelity === 'auto' && p.workload !== undefined);
}

export function topologyHeadline(p: TopologyParams): string[] {
  if (!isRequestLevel(p)) {
    const exact = topologyTheory(p);
    const theory = exact !== undefined && 'values' in exact ? ['theory_availability_pct', 'theory_downtime_per_year_s'] : [];
    return ['availability_pct', 'downtime_per_year_s', 'outages_count', ...theory];
  }
  const classes = Object.keys(p.workload?.classes ?? {});
  const perClass = classes.length > 1 ? classes.map((c) => `${c}_slo_availability_pct`) : [];
  return ['request_availability_pct', 'slo_availability_pct', ...perClass, 'latency_p50_ms', 'latency_p99_ms', 'availability_pct'];
}
