// Round-robin: the k-th request goes to routable[k mod n]. When the routable set changes the
// counter carries on (no reset), so the rotation continues over the new set.
import type { Replica } from '../replica.js';
import type { Balancer } from './balancer.js';

export class RoundRobinBalancer implements Balancer {
  readonly kind = 'round-robin' as const;
  private next = 0;

  pick(routable: readonly Replica[], _outstanding: ArrayLike<number>): Replica {
    const n = routable.length;
    if (this.next >= n) this.next = 0;
    return routable[this.next++]!;
  }
}
