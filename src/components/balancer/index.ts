export { BALANCER_KINDS, type Balancer, type BalancerKind } from './balancer.js';
export { RoundRobinBalancer } from './round-robin.js';
export { RandomBalancer } from './random.js';
export { LeastOutstandingBalancer } from './least-outstanding.js';
export { P2cBalancer } from './p2c.js';
export { JsqBalancer } from './jsq.js';
export { makeBalancer } from './make-balancer.js';
export { Locality, type LocalityConfig, type LocalityPreference } from './locality.js';
