// What a request-level service needs from the group that manages its replicas
// (active-active, active-passive, quorum): which replicas receive traffic now, and whether the
// group can serve at all. A dead replica stays routable until the group detects it.
import type { Replica } from './replica.js';

export interface ReplicaGroup {
  readonly name: string;
  readonly replicas: readonly Replica[];
  /** Replicas that receive traffic now (a cached array; do not mutate). */
  routable(): readonly Replica[];
  /** Whether the group is able to serve now (the basis of time availability). */
  readonly available: boolean;
  /** Called after any change of `routable()` or `available`. */
  onChange(listener: () => void): void;
}
