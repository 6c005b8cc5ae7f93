export { ActiveActiveGroup, type ActiveActiveConfig, type HealthCheckConfig } from './active-active.js';
export {
  ActivePassiveGroup,
  type ActivePassiveConfig,
  type ActivePassivePhase,
  type StandbyKind,
  type FailbackPolicy,
  type FailureDetection,
  type FailureClock,
} from './active-passive.js';
export { QuorumGroup, type QuorumConfig } from './quorum.js';
export { ChangeListeners } from './change-listeners.js';
