// The `topology` model: an HA topology described in the experiment file's params, simulated at
// request level (every request) or state level (only up/down processes: a year in milliseconds).
import type { Model, ModelRun, RunContext, MetricRecord } from '../../src/experiment/model.js';
import { topologyParams, type TopologyParams } from './schema.js';
import { buildFailures } from './build-failures.js';
import { AvailabilityMetrics } from './availability-metrics.js';
import { requiredServices } from './system-graph.js';

class StateLevelRun implements ModelRun {
  private readonly availability: AvailabilityMetrics;

  constructor(ctx: RunContext, p: TopologyParams) {
    const wiring = buildFailures(ctx, p);
    this.availability = new AvailabilityMetrics(ctx.sim, wiring, requiredServices(p));
  }

  resetStats(): void {
    this.availability.resetStats();
  }

  sample(): MetricRecord {
    return { system_up: this.availability.systemUp ? 1 : 0 };
  }

  metrics(): MetricRecord {
    const out: MetricRecord = {};
    this.availability.metrics(out);
    return out;
  }
}

export const topologyModel: Model<TopologyParams> = {
  name: 'topology',
  description:
    'An HA topology: services with replicas in zones (active-active behind a balancer, active-passive with failover, quorum), ' +
    'replica failures and repairs, zone outages, scheduled faults, and optionally a workload (request level). Reports time ' +
    'availability, downtime per year, outages, failovers, and at request level request/SLO availability, latency percentiles and errors.',
  params: topologyParams,
  headline: ['availability_pct', 'downtime_per_year_s', 'outages_per_year'],
  build(ctx, p) {
    const fidelity = p.fidelity === 'auto' ? (p.workload !== undefined ? 'request' : 'state') : p.fidelity;
    if (fidelity === 'request') {
      throw new Error('request-level topology simulation is not wired yet');
    }
    return new StateLevelRun(ctx, p);
  },
};
