// A service's balancer from its `balancer` parameter: a kind's name, or JSQ(d) with its d.
import type { Rng } from '../../src/random/rng.js';
import { makeBalancer, type Balancer } from '../../src/components/balancer/index.js';
import type { ServiceParams } from './schema.js';

export function serviceBalancer(s: ServiceParams, rng: Rng): Balancer {
  const b = s.balancer;
  return typeof b === 'string' ? makeBalancer(b, rng) : makeBalancer(b.kind, rng, b.choices);
}
