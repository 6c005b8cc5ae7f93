// Power of two choices (Mitzenmacher; Envoy least_request, Finagle P2C): two distinct routable
// replicas drawn uniformly, the one with fewer outstanding requests wins, a tie goes to either
// with probability 1/2. With a single routable replica no randomness is drawn.
//
// One uniform u per pick (on the hot path, draws are a large share of the cost): its successive
// "digits" give the three choices: i = ⌊u·n⌋, then with f = u·n − i (uniform on [0, 1), independent
// of i), j' = ⌊f·(n−1)⌋ and the tie-break g = f·(n−1) − j' < ½. With 53-bit uniforms the digits keep
// about 53 − 2·log2(n) bits, far more than the choices need for any realistic replica count.
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import type { Balancer } from './balancer.js';

export class P2cBalancer implements Balancer {
  readonly kind = 'p2c' as const;
  constructor(private readonly rng: Rng) {}

  pick(routable: readonly Replica[], outstanding: ArrayLike<number>): Replica {
    const n = routable.length;
    if (n === 1) return routable[0]!;
    const x = this.rng() * n;
    const i = x | 0;
    const y = (x - i) * (n - 1);
    const j0 = y | 0;
    // The choices are coin flips, so branches on them are mispredicted half the time: the index
    // arithmetic below has none (counts are small non-negative integers, n < 2^31).
    const j = j0 + ((i - j0 - 1) >>> 31); // j0 ≥ i → j0 + 1
    const la = outstanding[routable[i]!.index]!;
    const lb = outstanding[routable[j]!.index]!;
    const aLess = (la - lb) >>> 31; // 1 when la < lb
    const bLess = (lb - la) >>> 31; // 1 when lb < la
    const tieA = 1 - (((y - j0) * 2) | 0); // 1 when the tie-break digit is < ½
    const pickA = aLess | ((1 - aLess - bLess) & tieA);
    return routable[j + (i - j) * pickA]!;
  }
}
