// Disaster recovery: data stores, backups, retention, restore tests, replication, disasters,
// recovery plans, and the service that ties them together.
export { COPY_LOCATIONS, scopeDestroys, type CopyLocation, type PhysicalScope } from './locations.js';
export { DataStore, type DataStoreConfig } from './data-store.js';
export { chainOf, rootOf, chainSizeGB, chainUsable, firstCorruptInRestoreOrder, type Backup, type BackupKind, type BackupRemoval } from './backup.js';
export { retainedIndices, validateRetention, DAY_S, WEEK_S, MONTH_S, type RetentionConfig } from './retention.js';
export { BackupCatalog } from './backup-catalog.js';
export { BackupSchedule, validateBackupSchedule, type BackupScheduleConfig, type BackupIdSource } from './backup-schedule.js';
export { RestoreTester, type RestoreTestConfig } from './restore-test.js';
export { Replication, type ReplicationConfig } from './replication.js';
export { LostWrites } from './lost-writes.js';
export { DisasterSource, validateDisasterType, DISASTER_KINDS, type DisasterKind, type DisasterTypeConfig } from './disaster.js';
export {
  Runbook,
  criticalPath,
  topologicalOrder,
  NEUTRAL_FACTORS,
  NO_TRANSFER,
  type PlanFactors,
  type RunbookConfig,
  type RunbookStepConfig,
  type RunbookOutcome,
  type RestoreTransfer,
} from './runbook.js';
export { summarizeSample, type SampleSummary } from './sample-summary.js';
export { StandbyCost } from './standby-cost.js';
export { DrService, type DrServiceConfig, type StreamSource } from './dr-service.js';
export { drMetrics, type DisasterOutcome, type DrTotals, type RecoveryPath } from './disaster-outcome.js';
