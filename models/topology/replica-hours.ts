// Replica-hours (the cost beside availability and latency) of a topology run, per service and for
// the system, over the measured window: the billed replicas integrated over time, / 3600. A fixed
// service bills its `replicas` all the time (whether up or failed: a failed replica is still paid
// for); an autoscaled one bills its provisioning, serving and draining replicas (autoscaler.ts),
// and also reports its mean replica count and the replicas it started and removed.
import type { Simulation } from '../../src/engine/simulation.js';
import type { MetricRecord } from '../../src/base/metric-record.js';
import type { Autoscaler } from '../../src/components/service/index.js';
import type { TopologyParams } from './schema.js';

export class ReplicaHours {
  private since: number;

  constructor(
    private readonly sim: Simulation,
    private readonly p: TopologyParams,
    private readonly autoscalers: ReadonlyMap<string, Autoscaler> = new Map(),
  ) {
    this.since = sim.now;
  }

  resetStats(now: number = this.sim.now): void {
    this.since = now;
    for (const a of this.autoscalers.values()) a.resetStats(now);
  }

  /** Adds the replica-hours metrics up to `now` to `out`. */
  metrics(out: MetricRecord, now: number = this.sim.now): void {
    let total = 0;
    for (const [name, s] of Object.entries(this.p.services)) {
      const a = this.autoscalers.get(name);
      const seconds = a !== undefined ? a.billedSeconds(now) : s.replicas * (now - this.since);
      out[`${name}_replica_hours`] = seconds / 3600;
      total += seconds;
      if (a !== undefined) {
        out[`${name}_mean_replicas`] = a.meanReplicas(now);
        out[`${name}_scale_out_count`] = a.scaleOuts;
        out[`${name}_scale_in_count`] = a.scaleIns;
      }
    }
    out['replica_hours'] = total / 3600;
  }
}
