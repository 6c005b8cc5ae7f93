// Builds a balancer from its name. `rng` is the balancer's own stream (e.g.
// `streams.stream('web.balancer')`); round-robin and least-outstanding draw nothing from it.
// `choices` is JSQ(d)'s d (default 2), unused by the other kinds.
import type { Rng } from '../../random/rng.js';
import { BALANCER_KINDS, type Balancer, type BalancerKind } from './balancer.js';
import { LeastOutstandingBalancer } from './least-outstanding.js';
import { P2cBalancer } from './p2c.js';
import { JsqBalancer } from './jsq.js';
import { RandomBalancer } from './random.js';
import { RoundRobinBalancer } from './round-robin.js';
import { ConfigError } from '../../base/config-error.js';

export function makeBalancer(kind: BalancerKind, rng: Rng, choices = 2): Balancer {
  switch (kind) {
    case 'round-robin':
      return new RoundRobinBalancer();
    case 'random':
      return new RandomBalancer(rng);
    case 'least-outstanding':
      return new LeastOutstandingBalancer();
    case 'p2c':
      return new P2cBalancer(rng);
    case 'jsq':
      return new JsqBalancer(rng, choices);
    default:
      throw new ConfigError(`makeBalancer: invalid kind = ${JSON.stringify(kind)}: expected one of ${BALANCER_KINDS.join(', ')}`);
  }
}
