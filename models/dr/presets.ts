// The four AWS DR strategies as presets (backups, retention, replication, standby capacity and
// both plans), and the resolution of a run's parameters against its strategy: any field given
// explicitly replaces the preset's (a plan field by field: steps, onCallResponse).
import { z } from 'zod';
import { distSpecSchema, type DistSpec } from '../../src/random/index.js';
import { backupScheduleSchema, replicationSchema, retentionSchema, stepSchema, type DrParams, type StepParams, type StrategyName } from './schema.js';

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
