export { ActiveActiveGroup, type ActiveActiveConfig, type HealthCheckConfig } from './active-active.js';
export { ActivePassiveGroup, type ActivePassivePhase } from './active-passive.js';
export { type ActivePassiveConfig, type StandbyKind, type FailbackPolicy, type FailureClock } from './active-passive-config.js';
export { type FailureDetection } from './failure-detection.js';
export { QuorumGroup, type QuorumConfig } from './quorum.js';
export { ChangeListeners } from './change-listeners.js';
export { ImperfectCoverage, type CoverableGroup, type ImperfectCoverageConfig, type UncoveredEffect } from './imperfect-coverage.js';
