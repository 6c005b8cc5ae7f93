// The dr model's parameters: the stored data, backups, retention, restore tests, replication,
// disasters, the two recovery plans and the plan factors. Fields a strategy preset fills
// (presets.ts) are optional here; the component configs are built from them in model.ts.
import { z } from 'zod';
import { durationDistSchema } from '../../src/random/index.js';
import { duration, rate, int, probability } from '../common/params.js';

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

export const backupScheduleSchema = z
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

export const retentionSchema = z
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

export const replicationSchema = z
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

export const stepSchema = z
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
export type StepParams = z.output<typeof stepSchema>;
