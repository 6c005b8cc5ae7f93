// Disaster recovery of one stateful service: backups (full / incremental, retention, silent
// corruption, restore tests), replication (sync / async), disasters (disk, zone, region loss;
// logical corruption such as a bad deploy or ransomware) and recovery plans (runbooks of steps
// with dependencies, on-call response, failures and redo, untested / undocumented penalties).
// Reports per-disaster data loss (RPO) and recovery time (RTO), unrecoverable losses, corrupt
// restores, availability and two cost proxies (standby capacity × time, backup GB-days).
//
// `strategy` selects one of the four AWS DR strategies as a preset (presets.ts). State level:
// writes are a rate; a simulated year with hourly backups is ~10k events. The parameters are in
// schema.ts, the optional hooks in hooks.ts; here they become the component configuration.
import { drEstimateEvents } from '../estimate-events.js';
import type { Model, ModelRun, RunContext } from '../common/model.js';
import type { MetricRecord } from '../../src/base/metric-record.js';
import { makeSampler, type DistSpec } from '../../src/random/index.js';
import type { RandomStreams } from '../../src/random/streams.js';
import {
  DrService,
  type BackupScheduleConfig,
  type DisasterTypeConfig,
  type DrServiceConfig,
  type ReplicationConfig,
  type RunbookConfig,
  type PlanFactors,
} from '../../src/components/dr/index.js';
import { drHeadline, drMetricSpec, drWarnings } from './hooks.js';
import { resolveStrategy } from './presets.js';
import { drParams, type DrParams, type StepParams } from './schema.js';

const MB_PER_GB = 1000;

function gbps(t: number | 'unlimited'): number {
  return t === 'unlimited' ? Infinity : t / MB_PER_GB;
}

function plan(
  name: string,
  steps: StepParams[],
  onCall: DistSpec,
  flags: { untested: boolean; undocumented: boolean },
  factors: PlanFactors,
  streams: RandomStreams,
): RunbookConfig {
  return {
    name,
    steps: steps.map((s) => ({
      name: s.name,
      duration: makeSampler(s.duration as DistSpec, streams.stream(`dr.plan.${name}.${s.name}.duration`)),
      after: s.after,
      failureProbability: s.failureProbability,
      automated: s.automated,
      restore: s.restore,
      untested: s.untested,
      undocumented: s.undocumented,
    })),
    onCallResponse: makeSampler(onCall, streams.stream(`dr.plan.${name}.oncall`)),
    untested: flags.untested,
    undocumented: flags.undocumented,
    factors,
  };
}

/** The component configuration of a run (samplers drawn from `streams`). */
export function drServiceConfig(p: DrParams, streams: RandomStreams): DrServiceConfig {
  const r = resolveStrategy(p);
  const backups: BackupScheduleConfig[] = r.backups.map((b, i) => ({
    name: b.name ?? `${b.kind}-${i + 1}`,
    kind: b.kind,
    intervalS: b.interval,
    offsetS: b.offset,
    throughputGBps: gbps(b.throughputMBps),
    destination: b.destination,
    immutable: b.immutable,
    corruptProbability: b.corruptProbability,
  }));
  const rep = r.replication;
  const replication: ReplicationConfig =
    rep.mode === 'none'
      ? { mode: 'none' }
      : rep.mode === 'sync'
        ? { mode: 'sync', location: rep.location, writeLatencyS: rep.writeLatency }
        : { mode: 'async', location: rep.location, lag: makeSampler(rep.lag as DistSpec, streams.stream('dr.replication.lag')) };
  const disasters: DisasterTypeConfig[] = p.disasters.map((d) => ({
    name: d.name,
    kind: d.kind,
    ratePerS: d.rate ?? 0,
    startS: d.startAfter,
    atS: d.at,
    outage: makeSampler(d.outage as DistSpec, streams.stream(`dr.disaster.${d.name}.outage`)),
    detectionDelay: makeSampler(d.detectionDelay as DistSpec, streams.stream(`dr.disaster.${d.name}.detection`)),
    deletesBackupsAt: d.deletesBackupsAt,
  }));
  const tests = p.restoreTests;
  return {
    store: { writeRatePerS: p.store.writeRate, writeSizeBytes: p.store.writeSizeKB * 1000, growthFraction: p.store.growthFraction, initialSizeGB: p.store.initialSizeGB },
    backups,
    retention: r.retention,
    restoreThroughputGBps: gbps(p.restoreThroughputMBps),
    restoreTests: tests !== undefined && tests.enabled ? { intervalS: tests.interval, offsetS: tests.offset } : null,
    replication,
    standbyCapacity: r.standbyCapacity,
    disasters,
    failoverPlan: plan('failover', r.failoverSteps, r.failoverOnCall, p.failoverPlan, p.planFactors, streams),
    restorePlan: plan('restore', r.restoreSteps, r.restoreOnCall, p.restorePlan, p.planFactors, streams),
  };
}

// ---------------------------------------------------------------- the run

class DrRun implements ModelRun {
  private readonly service: DrService;

  constructor(ctx: RunContext, p: DrParams) {
    this.service = new DrService(ctx.sim, drServiceConfig(p, ctx.streams), ctx.streams);
    const trace = ctx.trace;
    if (trace !== undefined) this.service.onOutcome((o) => trace({ t: ctx.sim.now, event: 'disaster', ...o }));
  }

  resetStats(): void {
    this.service.resetStats();
  }

  sample(): MetricRecord {
    const s = this.service;
    return { recovering_count: s.isRecovering ? 1 : 0, backup_storage_gb: s.catalog.storedGB, backups_stored_count: s.catalog.all().length };
  }

  metrics(): MetricRecord {
    return this.service.metrics();
  }
}

export const drModel: Model<DrParams> = {
  name: 'dr',
  description:
    'Disaster recovery of a stateful service: backups (full/incremental, retention incl. GFS, silent corruption, restore tests), ' +
    'replication (sync/async), disasters (disk, zone, region loss; logical corruption such as ransomware) and recovery runbooks ' +
    '(DAG of steps, on-call, failures, untested/undocumented penalties). Presets for the four AWS DR strategies. Reports RPO and ' +
    'RTO over disasters (NaN when none), unrecoverable losses, corrupt restores, availability, backup GB-days and standby cost ' +
    '(production-site-hours).',
  params: drParams,
  headline: ['rpo_mean_s', 'rpo_physical_mean_s', 'rto_mean_s', 'rto_physical_mean_s', 'unrecoverable_pct', 'availability_pct', 'standby_cost_unit_hours'],
  headlineFor: drHeadline,
  metricSpec: drMetricSpec,
  warnings: drWarnings,
  estimateEvents: drEstimateEvents,
  build: (ctx, p) => new DrRun(ctx, p),
};
