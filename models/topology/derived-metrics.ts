// Metrics a topology run adds to its record beyond what its components count, for the summary's
// rare-event rules (see metric-specs.ts):
// - outage_length_bound_s and <service>_outage_length_bound_s: the stated bound on one outage's
//   length (outage-bound.ts), a figure of the parameters, the same in every run of a configuration;
// - <prefix>slo_missed_count = completed − SLO met, for every request record (system, classes,
//   services): the requests that count against SLO availability.
import type { MetricRecord } from '../../src/base/metric-record.js';
import type { TopologyParams } from './schema.js';
import { outageLengthBounds, type OutageBounds } from './outage-bound.js';

const SLO_MET = 'slo_met_count';
const COMPLETED = 'completed_count';

export class DerivedMetrics {
  private readonly bounds: OutageBounds;

  constructor(p: TopologyParams) {
    this.bounds = outageLengthBounds(p);
  }

  /** Adds the derived metrics to a run's record. */
  add(out: MetricRecord): void {
    out['outage_length_bound_s'] = this.bounds.system;
    for (const [name, bound] of this.bounds.services) out[`${name}_outage_length_bound_s`] = bound;
    for (const key of Object.keys(out)) {
      if (!key.endsWith(SLO_MET)) continue;
      const prefix = key.slice(0, key.length - SLO_MET.length);
      const completed = out[`${prefix}${COMPLETED}`];
      if (completed !== undefined) out[`${prefix}slo_missed_count`] = completed - out[key]!;
    }
  }
}
