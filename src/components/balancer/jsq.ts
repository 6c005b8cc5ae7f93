// JSQ(d), join the shortest of d queues (Mitzenmacher's supermarket model; Envoy least_request
// with choice_count): d distinct routable replicas drawn uniformly, the one with the fewest
// outstanding requests wins. d = 1 is uniform random routing, d = 2 the power of two choices,
// d ≥ the routable count the full join-the-shortest-queue. Ties go to the earliest drawn, and
// the draw order is uniform, so a tie is broken uniformly at random.
//
// Sampling: a partial Fisher–Yates shuffle of a permutation kept between picks (it only needs to
// be SOME permutation of the routable positions for the first d of the shuffle to be a uniform
// sample without replacement), so a pick costs min(d, n) − 1 uniforms and O(d) work, whatever n.
// With a single routable replica no randomness is drawn.
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import type { Balancer } from './balancer.js';
import { requireInteger } from '../../stats/validate.js';

export class JsqBalancer implements Balancer {
  readonly kind = 'jsq' as const;
  readonly choices: number;
  private perm = new Int32Array(0);

  constructor(
    private readonly rng: Rng,
    choices: number,
  ) {
    this.choices = requireInteger('jsq balancer', 'choices', choices, 1);
  }

  pick(routable: readonly Replica[], outstanding: ArrayLike<number>): Replica {
    const n = routable.length;
    if (n === 1) return routable[0]!;
    let perm = this.perm;
    if (perm.length !== n) {
      perm = this.perm = new Int32Array(n);
      for (let i = 0; i < n; i++) perm[i] = i;
    }
    const m = Math.min(this.choices, n);
    let best: Replica | undefined;
    let bestLoad = Infinity;
    for (let k = 0; k < m; k++) {
      // The last position of a full shuffle has one candidate left: no draw.
      const j = k === n - 1 ? k : k + Math.floor(this.rng() * (n - k));
      const pj = perm[j]!;
      perm[j] = perm[k]!;
      perm[k] = pj;
      const r = routable[pj]!;
      const load = outstanding[r.index]!;
      if (load < bestLoad) {
        best = r;
        bestLoad = load;
      }
    }
    return best!;
  }
}
