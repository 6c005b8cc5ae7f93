// Time-availability metrics of a topology: per service (its replica group) and for the system
// (up while every required service is available), with downtime per year, outages, observed
// MTBF, failovers and nines.
import type { Simulation } from '../../src/engine/simulation.js';
import { AvailabilityMonitor, SECONDS_PER_365_DAYS } from '../../src/metrics/index.js';
import { ActivePassiveGroup } from '../../src/components/groups/index.js';
import type { FailureWiring, ServiceFailures } from './build-failures.js';
import type { MetricRecord } from '../../src/base/metric-record.js';
import { log10 } from '../../src/base/math/index.js';

function monitorMetrics(prefix: string, m: AvailabilityMonitor, out: MetricRecord): void {
  const a = m.availability();
  out[`${prefix}availability_pct`] = 100 * a;
  out[`${prefix}availability_nines`] = a >= 1 ? Infinity : -log10(1 - a);
  out[`${prefix}downtime_per_year_s`] = m.downtimePerYear();
  out[`${prefix}outages_count`] = m.outages;
  out[`${prefix}outages_per_year`] = m.observed() > 0 ? (m.outages * SECONDS_PER_365_DAYS) / m.observed() : NaN;
  out[`${prefix}mean_outage_s`] = m.meanOutageDuration();
  out[`${prefix}longest_outage_s`] = m.longestOutage();
  out[`${prefix}mtbf_s`] = m.mtbf();
}

export class AvailabilityMetrics {
  private readonly system: AvailabilityMonitor;
  private readonly perService: { svc: ServiceFailures; monitor: AvailabilityMonitor }[] = [];

  constructor(
    sim: Simulation,
    private readonly wiring: FailureWiring,
    required: readonly string[],
    trace?: (record: Record<string, unknown>) => void,
  ) {
    const req = required.map((n) => wiring.services.get(n)!);
    const systemUp = (): boolean => req.every((s) => s.group.available);
    this.system = new AvailabilityMonitor(sim, systemUp(), 'system');
    for (const svc of wiring.services.values()) {
      this.perService.push({ svc, monitor: AvailabilityMonitor.watch(sim, svc.group, svc.name) });
    }
    for (const s of req) s.group.onChange(() => this.system.set(systemUp()));
    if (trace !== undefined) {
      // The event trace of a chosen run: every replica mode change and service availability change.
      for (const svc of wiring.services.values()) {
        for (const r of svc.replicas) {
          r.onChange((rep, from) => trace({ t: sim.now, kind: 'replica', replica: rep.name, from, to: rep.mode, causes: rep.downCauses }));
        }
        let was = svc.group.available;
        svc.group.onChange(() => {
          const now = svc.group.available;
          if (now !== was) trace({ t: sim.now, kind: 'service', service: svc.name, available: now });
          was = now;
        });
      }
    }
  }

  get systemUp(): boolean {
    return this.system.up;
  }

  resetStats(): void {
    this.system.resetStats();
    for (const { svc, monitor } of this.perService) {
      monitor.resetStats();
      for (const p of svc.processes) p.resetStats();
      if (svc.group instanceof ActivePassiveGroup) svc.group.resetStats();
      svc.coverage?.resetStats();
    }
    for (const c of this.wiring.crews) c.resetStats();
    for (const c of this.wiring.commonCauses) c.resetStats();
    for (const d of this.wiring.deploys.values()) d.resetStats();
  }

  metrics(out: MetricRecord): void {
    monitorMetrics('', this.system, out);
    if (this.wiring.commonCauses.length > 0) out['common_cause_events_count'] = this.wiring.commonCauses.reduce((a, c) => a + c.events, 0);
    for (const { svc, monitor } of this.perService) {
      const pre = `${svc.name}_`;
      monitorMetrics(pre, monitor, out);
      out[`${pre}replica_failures_count`] = svc.processes.reduce((a, p) => a + p.failures, 0);
      const deploys = this.wiring.deploys.get(svc.name);
      if (deploys !== undefined) {
        out[`${pre}deploys_count`] = deploys.deploys;
        out[`${pre}bad_deploys_count`] = deploys.badDeploys;
      }
      if (svc.coverage !== undefined) {
        out[`${pre}uncovered_failures_count`] = svc.coverage.uncoveredFailures;
        if (svc.coverage.uncovered === 'fatal') out[`${pre}uncovered_outages_count`] = svc.coverage.holds;
      }
      if (svc.group instanceof ActivePassiveGroup) {
        out[`${pre}failovers_count`] = svc.group.failovers;
        out[`${pre}failed_failovers_count`] = svc.group.failedFailovers;
        out[`${pre}mean_failover_s`] = svc.group.meanFailoverTime();
      }
    }
  }
}
