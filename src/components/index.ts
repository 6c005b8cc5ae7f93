// HA components: replicas, failures, replica groups, workloads, services, balancers, resilience
// invokers and disaster recovery. Each sub-folder is also importable on its own.
export { Replica, type ReplicaMode, type Degradation, type ReplicaListener } from './replica.js';
export type { ReplicaGroup } from './replica-group.js';
export * from './failure/index.js';
export * from './groups/index.js';
export * from './workload/index.js';
export * from './service/index.js';
export * from './balancer/index.js';
export * from './resilience/index.js';
