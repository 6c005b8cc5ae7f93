// Least-outstanding: the routable replica with the fewest outstanding requests. Ties are broken
// by a rotating start position (the scan starts one position further at each request and keeps
// the first minimum), so an idle pool is used in round-robin order; no randomness is drawn.
import type { Replica } from '../replica.js';
import type { Balancer } from './balancer.js';

export class LeastOutstandingBalancer implements Balancer {
  readonly kind = 'least-outstanding' as const;
  private start = 0;

  pick(routable: readonly Replica[], outstanding: ArrayLike<number>): Replica {
    const n = routable.length;
    if (this.start >= n) this.start = 0;
    let best = routable[this.start]!;
    let bestLoad = outstanding[best.index]!;
    for (let k = 1; k < n && bestLoad > 0; k++) {
      let i = this.start + k;
      if (i >= n) i -= n;
      const r = routable[i]!;
      const load = outstanding[r.index]!;
      if (load < bestLoad) {
        best = r;
        bestLoad = load;
      }
    }
    this.start++;
    return best;
  }
}
