// Arrival times of a non-homogeneous Poisson process of rate profile λ(t), by thinning with
// piecewise bounds (see rate-profile.ts). Draws: one uniform per candidate, plus one acceptance
// uniform where λ(candidate) < bound.
import type { Rng } from '../../random/rng.js';
import type { RateProfile } from './rate-profile.js';
import { expZiggurat } from '../../random/exp-ziggurat.js';

export class NhppArrivals {
  constructor(
    readonly profile: RateProfile,
    private readonly rng: Rng,
  ) {}

  /** The first arrival after time t, or Infinity when λ stays 0 from some time on. */
  next(t: number): number {
    const p = this.profile;
    const rng = this.rng;
    for (;;) {
      const bound = p.maxRate(t);
      const end = p.segmentEnd(t);
      if (bound > 0) {
        const candidate = t + expZiggurat(rng) / bound;
        if (candidate < end) {
          t = candidate;
          const r = p.rate(t);
          if (r >= bound || rng() * bound < r) return t;
          continue;
        }
      }
      if (end === Infinity) return Infinity;
      t = end;
    }
  }
}
