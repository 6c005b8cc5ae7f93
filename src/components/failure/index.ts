export { RepairCrews, type RepairCrewsConfig, type RepairJob } from './repair-crews.js';
export {
  FailureProcess,
  CRASH_REASON,
  FAILURE_DEGRADATION_REASON,
  type FailureProcessConfig,
  type FailureModeSpec,
  type FailureMode,
  type FailureState,
} from './failure-process.js';
export { Zone, ZONE_OUTAGE_CAUSE, type ZoneConfig, type ZoneOutageConfig } from './zone.js';
export { Region, type RegionConfig } from './region.js';
export {
  FaultTimeline,
  type ScheduledFault,
  type ScheduledFaultMode,
  type FaultTargets,
  type FaultTimelineOptions,
} from './fault-timeline.js';
export { CommonCause, type CommonCauseConfig } from './common-cause.js';
export { DeployProcess, DEPLOY_REASON, type DeployConfig } from './deploys.js';
