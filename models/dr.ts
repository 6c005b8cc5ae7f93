// Disaster recovery of one stateful service: backups (full / incremental, retention, silent
// corruption, restore tests), replication (sync / async), disasters (disk, zone, region loss;
// logical corruption such as a bad deploy or ransomware) and recovery plans (runbooks of steps
// with dependencies, on-call response, failures and redo, untested / undocumented penalties).
// Reports per-disaster data loss (RPO) and recovery time (RTO), unrecoverable losses, corrupt
// restores, availability and two cost proxies (standby capacity × time, backup GB-days).
//
// `strategy` selects one of the four AWS DR strategies as a preset (backups, retention,
// replication, standby capacity and both plans); any of those fields given explicitly replaces
// the preset's (a plan field by field: steps, onCallResponse). State level: writes are a rate;
// a simulated year with hourly backups is ~10k events.
import { z } from 'zod';
import { drEstimateEvents } from './estimate-events.js';
import type { Model, ModelRun, RunContext } from './common/model.js';
import type { MetricRecord } from '../src/base/metric-record.js';
import { distSpecSchema, durationDistSchema, makeSampler, type DistSpec } from '../src/random/index.js';
import type { RandomStreams } from '../src/random/streams.js';
import {
  DrService,
  type BackupScheduleConfig,
  type DisasterTypeConfig,
  type DrServiceConfig,
  type ReplicationConfig,
  type RunbookConfig,
  type PlanFactors,
} from '../src/components/dr/index.js';
import { duration, rate, int, probability } from './common/params.js';
import { drHeadline, drMetricSpec, drWarnings } from './dr-hooks.js';

// ---------------------------------------------------------------- parameter schema

const location = (description: string) =>
  z.enum(['same-zone', 'other-zone', 'other-region']).meta({ description: `${description}: same-zone, other-zone or other-region (relative to the primary)` });

const throughput = (description: string) =>
  z
    .union([z.number().positive('must be > 0'), z.literal('unlimited')])
    .meta({ description: `${description} (MB/s, 10⁶ bytes per second; "unlimited": takes no time)` });

// Every distribution here is a time: one that can draw a negative value is refused.
const dist = (description: string) => durationDistSchema.meta({ description: `${description} (a distribution spec; a bare duration such as "30m" is a constant)` });

const nonNegative = (description: string) => z.number().min(0, 'must be ≥ 0').meta({ description });

export const strategyNames = ['backup-restore', 'pilot-light', 'warm-standby', 'active-active'] as const;
export type StrategyName = (typeof strategyNames)[number];

const storeSchema = z
  .strictObject({
    writeRate: rate('writes accepted by the service while it is up').prefault(100),
    writeSizeKB: nonNegative('KB (10³ bytes) each write adds to the data set').default(4),
    growthFraction: probability('fraction of the written bytes that add new data (the rest overwrite existing data)').default(0.05),
    initialSizeGB: nonNegative('data size at the start of the run, GB (10⁹ bytes)').default(500),
  })
  .meta({ description: 'the data store: write stream and data size (grows with the writes)' });

const backupScheduleSchema = z
  .strictObject({
    name: z.string().min(1).optional().meta({ description: 'names the schedule (default "<kind>-<position>"); names its random stream' }),
    kind: z
      .enum(['full', 'incremental'])
      .default('full')
      .meta({ description: 'full: copies the whole data set; incremental: the writes since the newest usable backup at the same destination' }),
    interval: duration('time between backup starts'),
    offset: duration('time of the first backup').default(0),
    throughputMBps: throughput('copy throughput; a backup takes (GB to copy) / throughput').default(200),
    destination: location('where the backup is kept').default('other-region'),
    immutable: z.boolean().default(false).meta({ description: 'object-locked: ransomware cannot delete it' }),
    corruptProbability: probability('probability that a backup is silently corrupt').default(0),
  })
  .meta({ description: 'a backup schedule; a backup is consistent as of its start and usable once complete' });

const retentionSchema = z
  .strictObject({
    keepLast: int('keep the newest N restore points', 0).default(0),
    daily: int('grandfather-father-son: keep the newest restore point of each of the last N days', 0).default(0),
    weekly: int('GFS: keep the newest restore point of each of the last N 7-day weeks', 0).default(0),
    monthly: int('GFS: keep the newest restore point of each of the last N 30-day months', 0).default(0),
  })
  .refine((r) => r.keepLast + r.daily + r.weekly + r.monthly > 0, { message: 'retention keeps nothing; set keepLast, daily, weekly or monthly above 0' })
  .meta({ description: 'retention, per destination: the union of keep-last-N and GFS; keeping a restore point keeps its chain' });

const restoreTestsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: 'run restore tests (false: backups are never tested)' }),
    interval: duration('time between restore tests; each reads the newest backup not yet tested').prefault('1d'),
    offset: duration('time of the first test (tests run after backups of the same instant)').default(0),
  })
  .meta({ description: 'restore tests: find silently corrupt backups before a real restore needs them' });

const replicationSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('none').meta({ description: 'no replica' }) }),
    z.strictObject({
      mode: z.literal('sync').meta({ description: 'synchronous: no loss on failover, every write pays a latency' }),
      location: location('where the replica runs').default('other-zone'),
      writeLatency: duration('latency each write pays for the synchronous round trip').prefault('2ms'),
    }),
    z.strictObject({
      mode: z.literal('async').meta({ description: 'asynchronous: a failover loses the writes of the last `lag` seconds' }),
      location: location('where the replica runs').default('other-region'),
      lag: dist('replication lag at the moment of a disaster, seconds').prefault({ dist: 'exponential', mean: 1 }),
    }),
  ])
  .meta({ description: 'replication to one replica: {mode: none} | {mode: sync, location, writeLatency} | {mode: async, location, lag}' });

const disasterSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'names the disaster type (and its random streams)' }),
    kind: z
      .enum(['disk', 'zone', 'region', 'logical'])
      .meta({ description: "disk, zone or region: loses the primary's disk / zone / region and the copies in it; logical: a corruption that replicates everywhere" }),
    rate: rate('Poisson rate of onsets (omit for none)').optional(),
    startAfter: duration('random onsets begin at this time (e.g. once a first backup exists)').default(0),
    at: z.array(duration('a fixed onset time')).default([]).meta({ description: 'fixed onset times, simulated time from the run start (scenario events)' }),
    outage: dist('physical: time until the lost disk / zone / region is back, seconds').prefault(0),
    detectionDelay: dist('logical: time from the corruption to its detection, seconds').prefault(0),
    deletesBackupsAt: z
      .array(location('a destination'))
      .default([])
      .meta({ description: 'logical (ransomware): destinations whose mutable backups it deletes at onset' }),
  })
  .meta({ description: 'a disaster type' });

const stepSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'step name, unique in the plan (detect, declare, provision, restore, replay-logs, verify, switch-traffic, ...)' }),
    duration: dist('duration of one attempt, seconds'),
    after: z.array(z.string()).default([]).meta({ description: 'steps that must finish first (a DAG: steps with no path between them run in parallel)' }),
    failureProbability: probability('probability that an attempt fails and the step is redone').default(0),
    automated: z.boolean().default(false).meta({ description: 'runs without a human: does not wait for the on-call response' }),
    restore: z.boolean().default(false).meta({ description: 'copies the backup back: each attempt also takes (backup chain GB) / restoreThroughputMBps' }),
    untested: z.boolean().default(false).meta({ description: 'this step was never rehearsed (multiplies by planFactors.untested*)' }),
    undocumented: z.boolean().default(false).meta({ description: 'this step is not written down (multiplies by planFactors.undocumented*)' }),
  })
  .meta({ description: 'a runbook step' });

const planSchema = z
  .strictObject({
    steps: z.array(stepSchema).optional().meta({ description: 'the runbook steps (default: the strategy preset\'s)' }),
    onCallResponse: dist('time from the plan start until the on-call engineer responds; manual steps wait for it (default: the preset\'s)').optional(),
    untested: z.boolean().default(false).meta({ description: 'the plan was never rehearsed: every step takes planFactors.untestedDuration × longer and fails planFactors.untestedFailure × more often' }),
    undocumented: z.boolean().default(false).meta({ description: 'the plan is not written down: factors planFactors.undocumentedDuration / undocumentedFailure' }),
  })
  .meta({ description: 'a recovery plan (runbook)' });

const planFactorsSchema = z
  .strictObject({
    untestedDuration: nonNegative('multiplies step durations of an untested plan or step').default(2),
    untestedFailure: nonNegative('multiplies step failure probabilities of an untested plan or step').default(3),
    undocumentedDuration: nonNegative('multiplies step durations of an undocumented plan or step').default(1.5),
    undocumentedFailure: nonNegative('multiplies step failure probabilities of an undocumented plan or step').default(2),
  })
  .meta({ description: 'penalties of untested and undocumented plans (both flags: the factors multiply)' });

const DEFAULT_DISASTERS: z.input<typeof disasterSchema>[] = [
  { name: 'disk-loss', kind: 'disk', rate: '1/y', outage: '1d' },
  { name: 'zone-loss', kind: 'zone', rate: '0.1/y', outage: { dist: 'exponential', mean: '8h' } },
  { name: 'region-loss', kind: 'region', rate: '0.02/y', outage: { dist: 'exponential', mean: '2d' } },
  { name: 'bad-deploy', kind: 'logical', rate: '1/y', detectionDelay: { dist: 'exponential', mean: '1h' } },
  { name: 'ransomware', kind: 'logical', rate: '0.01/y', detectionDelay: { dist: 'exponential', mean: '3d' }, deletesBackupsAt: ['same-zone', 'other-zone'] },
];

export const drParams = z
  .strictObject({
    strategy: z
      .enum(strategyNames)
      .default('backup-restore')
      .meta({
        description:
          'preset for backups, retention, replication, standbyCapacity and the plans (AWS DR strategies): backup-restore, pilot-light, warm-standby, active-active; explicit fields override it',
      }),
    store: storeSchema.prefault({}),
    backups: z.array(backupScheduleSchema).optional().meta({ description: "backup schedules (default: the preset's: daily full + hourly incremental to another region)" }),
    retention: retentionSchema.optional().meta({ description: "retention per destination (default: the preset's: last 48, GFS 7 daily, 4 weekly, 3 monthly)" }),
    restoreThroughputMBps: throughput('throughput when copying a backup back').default(200),
    restoreTests: restoreTestsSchema
      .optional()
      .meta({ description: 'restore tests (default: none: a corrupt backup is found only when a restore needs it)' }),
    replication: replicationSchema.optional().meta({ description: "replication (default: the preset's)" }),
    standbyCapacity: nonNegative(
      "capacity kept running in the recovery site, as a fraction of production (cost proxy; default: the preset's: 0, 0.1, 0.5, 1)",
    ).optional(),
    disasters: z.array(disasterSchema).prefault(DEFAULT_DISASTERS).meta({
      description:
        'disaster types (default: disk loss 1/y, zone loss 0.1/y, region loss 0.02/y, bad deploy 1/y detected after ~1h, ransomware 0.01/y detected after ~3d)',
    }),
    failoverPlan: planSchema.prefault({}).meta({ description: 'the plan run when a replica survives a physical disaster' }),
    restorePlan: planSchema.prefault({}).meta({ description: 'the plan run when the data comes back from a backup (always for logical corruption)' }),
    planFactors: planFactorsSchema.prefault({}),
  })
  .superRefine((p, ctx) => {
    // Names key the random streams and the results: two of the same would fail when the run is
    // built, so they are refused here, where the entry is written.
    const unique = (field: 'backups' | 'disasters', names: readonly string[], what: string): void => {
      const first = new Map<string, number>();
      names.forEach((name, i) => {
        const at = first.get(name);
        if (at === undefined) first.set(name, i);
        else ctx.addIssue({ code: 'custom', path: [field, i, 'name'], message: `${what} "${name}" is already the name of ${field}[${at}]; names must be unique` });
      });
    };
    if (p.backups) unique('backups', p.backups.map((b, i) => b.name ?? `${b.kind}-${i + 1}`), 'backup schedule name');
    unique('disasters', p.disasters.map((d) => d.name), 'disaster name');
  })
  .meta({ description: 'disaster-recovery parameters' });

export type DrParams = z.output<typeof drParams>;
type StepParams = z.output<typeof stepSchema>;

// ---------------------------------------------------------------- strategy presets

interface Preset {
  readonly backups: z.input<typeof backupScheduleSchema>[];
  readonly retention: z.input<typeof retentionSchema>;
  readonly replication: z.input<typeof replicationSchema>;
  readonly standbyCapacity: number;
  readonly failoverPlan: { steps: z.input<typeof stepSchema>[]; onCallResponse: z.input<typeof distSpecSchema> };
  readonly restorePlan: { steps: z.input<typeof stepSchema>[]; onCallResponse: z.input<typeof distSpecSchema> };
}

const PRESET_BACKUPS: Preset['backups'] = [
  { name: 'daily-full', kind: 'full', interval: '1d', offset: '2h', destination: 'other-region' },
  { name: 'hourly-incremental', kind: 'incremental', interval: '1h', offset: '30m', destination: 'other-region' },
];
const PRESET_RETENTION = { keepLast: 48, daily: 7, weekly: 4, monthly: 3 };
const ON_CALL = { dist: 'exponential', mean: '15m' } as const;

/** A restore runbook; `provision` is the time to stand up compute in the recovery site. */
function restoreSteps(provision: z.input<typeof distSpecSchema>): z.input<typeof stepSchema>[] {
  return [
    { name: 'detect', duration: { dist: 'exponential', mean: '5m' }, automated: true },
    { name: 'declare', duration: { dist: 'uniform', min: '10m', max: '30m' }, after: ['detect'] },
    { name: 'provision', duration: provision, after: ['declare'], failureProbability: 0.1 },
    { name: 'restore', duration: '10m', after: ['declare'], restore: true, failureProbability: 0.05 },
    { name: 'replay-logs', duration: { dist: 'uniform', min: '10m', max: '30m' }, after: ['restore'] },
    { name: 'verify', duration: '20m', after: ['provision', 'replay-logs'], failureProbability: 0.05 },
    { name: 'switch-traffic', duration: '10m', after: ['verify'] },
  ];
}

/** A failover runbook for a standby that needs `scaleUp` to take the full load. */
function failoverSteps(scaleUp: z.input<typeof distSpecSchema>): z.input<typeof stepSchema>[] {
  return [
    { name: 'detect', duration: { dist: 'exponential', mean: '3m' }, automated: true },
    { name: 'declare', duration: { dist: 'uniform', min: '5m', max: '15m' }, after: ['detect'] },
    { name: 'scale-up', duration: scaleUp, after: ['declare'], failureProbability: 0.05 },
    { name: 'promote-replica', duration: '5m', after: ['declare'], failureProbability: 0.02 },
    { name: 'verify', duration: '10m', after: ['scale-up', 'promote-replica'] },
    { name: 'switch-traffic', duration: '5m', after: ['verify'] },
  ];
}

const AUTOMATIC_FAILOVER: z.input<typeof stepSchema>[] = [
  { name: 'detect', duration: { dist: 'exponential', mean: '1m' }, automated: true },
  { name: 'switch-traffic', duration: '1m', after: ['detect'], automated: true },
];

const CROSS_REGION_ASYNC: Preset['replication'] = { mode: 'async', location: 'other-region', lag: { dist: 'exponential', mean: '1s' } };

/** A preset with the shared backups and retention, its plans paged to the on-call engineer. */
function preset(
  replication: Preset['replication'],
  standbyCapacity: number,
  failover: z.input<typeof stepSchema>[],
  restore: z.input<typeof stepSchema>[],
): Preset {
  return {
    backups: PRESET_BACKUPS,
    retention: PRESET_RETENTION,
    replication,
    standbyCapacity,
    failoverPlan: { steps: failover, onCallResponse: ON_CALL },
    restorePlan: { steps: restore, onCallResponse: ON_CALL },
  };
}

/** Provisioning (restore) and scale-up (failover) both take `d`. */
const manual = (replication: Preset['replication'], standbyCapacity: number, d: z.input<typeof distSpecSchema>): Preset =>
  preset(replication, standbyCapacity, failoverSteps(d), restoreSteps(d));

export const strategyPresets: Readonly<Record<StrategyName, Preset>> = {
  'backup-restore': manual({ mode: 'none' }, 0, { dist: 'uniform', min: '1h', max: '3h' }),
  'pilot-light': manual(CROSS_REGION_ASYNC, 0.1, { dist: 'uniform', min: '20m', max: '40m' }),
  'warm-standby': manual(CROSS_REGION_ASYNC, 0.5, { dist: 'uniform', min: '5m', max: '15m' }),
  'active-active': preset(CROSS_REGION_ASYNC, 1, AUTOMATIC_FAILOVER, restoreSteps(0)),
};

// ---------------------------------------------------------------- params → component configs

const MB_PER_GB = 1000;

function gbps(t: number | 'unlimited'): number {
  return t === 'unlimited' ? Infinity : t / MB_PER_GB;
}

interface Resolved {
  readonly backups: z.output<typeof backupScheduleSchema>[];
  readonly retention: z.output<typeof retentionSchema>;
  readonly replication: z.output<typeof replicationSchema>;
  readonly standbyCapacity: number;
  readonly failoverSteps: StepParams[];
  readonly failoverOnCall: DistSpec;
  readonly restoreSteps: StepParams[];
  readonly restoreOnCall: DistSpec;
}

/** Fills the fields the user left out from the strategy preset. */
export function resolveStrategy(p: DrParams): Resolved {
  const preset = strategyPresets[p.strategy];
  return {
    backups: p.backups ?? z.array(backupScheduleSchema).parse(preset.backups),
    retention: p.retention ?? retentionSchema.parse(preset.retention),
    replication: p.replication ?? replicationSchema.parse(preset.replication),
    standbyCapacity: p.standbyCapacity ?? preset.standbyCapacity,
    failoverSteps: p.failoverPlan.steps ?? z.array(stepSchema).parse(preset.failoverPlan.steps),
    failoverOnCall: (p.failoverPlan.onCallResponse ?? distSpecSchema.parse(preset.failoverPlan.onCallResponse)) as DistSpec,
    restoreSteps: p.restorePlan.steps ?? z.array(stepSchema).parse(preset.restorePlan.steps),
    restoreOnCall: (p.restorePlan.onCallResponse ?? distSpecSchema.parse(preset.restorePlan.onCallResponse)) as DistSpec,
  };
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
