// Uniform random routing (the d = 1 supermarket model): one draw per request.
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import type { Balancer } from './balancer.js';

export class RandomBalancer implements Balancer {
  readonly kind = 'random' as const;
  constructor(private readonly rng: Rng) {}

  pick(routable: readonly Replica[], _outstanding: ArrayLike<number>): Replica {
    return routable[Math.floor(this.rng() * routable.length)]!;
  }
}
