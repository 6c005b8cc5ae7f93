// A load balancer: picks the replica that receives the next request, among the replicas the
// group routes to now. Balancers see the outstanding requests of each replica (in service plus
// queued at that replica's server, indexed by `replica.index`) and draw from their own stream.
import type { Replica } from '../replica.js';

export interface Balancer {
  /** Short name ('round-robin', 'random', 'least-outstanding', 'p2c', 'jsq'). */
  readonly kind: BalancerKind;
  /**
   * The replica for the next request. `routable` is non-empty (callers handle the empty case);
   * `outstanding[r.index]` is replica r's number of requests in service or queued.
   */
  pick(routable: readonly Replica[], outstanding: ArrayLike<number>): Replica;
}

export const BALANCER_KINDS = ['round-robin', 'random', 'least-outstanding', 'p2c', 'jsq'] as const;
export type BalancerKind = (typeof BALANCER_KINDS)[number];
