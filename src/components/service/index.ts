export { Call, type CallDone } from './call.js';
export { CallPool } from './call-pool.js';
export type { Invoker } from './invoker.js';
export { CallEdge, type CallEdgeConfig } from './call-edge.js';
export { Service } from './service.js';
export {
  resolveServiceConfig,
  type ServiceConfig,
  type ResolvedServiceConfig,
  type DependencyConfig,
  type CallMode,
  type DownBehaviour,
} from './service-config.js';
export { ReplicaServer } from './replica-server.js';
export { Job, JobState } from './job.js';
export { JobQueue } from './job-queue.js';
export { ConfigError, requireConfig, quote } from '../../base/config-error.js';
export { Autoscaler, SCALED_IN, type AutoscalerConfig } from './autoscaler.js';
