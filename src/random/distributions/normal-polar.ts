// Normal variates by the Marsaglia polar method (G. Marsaglia and T. A. Bray, "A convenient
// method for generating normal variables", SIAM Review 6(3), 1964).
//
// A point (x, y) uniform in the square [−1, 1)² is kept when it falls inside the unit disc
// (r = x² + y² in (0, 1]); then x·f and y·f with f = √(−2 ln r / r) are two independent standard
// normal variates. The sampler returns the y one first and keeps the x one for the next call.
//
// The draws and the arithmetic are those of d3-random's randomNormal 3.0 (x drawn before y, each
// as 2U − 1; mean + sd·y·f, evaluated left to right), so that a seed gives d3's variates draw for
// draw; the logarithm is base/math's, the same on every engine.
import { log } from '../../base/math/index.js';
import type { Rng } from '../rng.js';

/** A sampler of Normal(mean, sd²) drawing from `rng`; it consumes two uniforms per accepted pair. */
export function normalPolar(rng: Rng, mean: number, sd: number): () => number {
  let spare = 0;
  let spareFactor = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return mean + sd * spare * spareFactor;
    }
    let x: number;
    let y: number;
    let r: number;
    do {
      x = rng() * 2 - 1;
      y = rng() * 2 - 1;
      r = x * x + y * y;
    } while (r === 0 || r > 1);
    const f = Math.sqrt((-2 * log(r)) / r);
    spare = x;
    spareFactor = f;
    hasSpare = true;
    return mean + sd * y * f;
  };
}
