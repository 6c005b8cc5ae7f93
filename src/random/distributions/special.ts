// Special functions needed for exact moments (no dependency provides them).
import { exp, log, sin } from '../../base/math/index.js';

// Lanczos approximation, g = 7, n = 9 (published coefficients); relative error ~1e-15.
const LANCZOS_G = 7;
const LANCZOS: readonly number[] = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be > 0; got ${x}`);
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1−x) = π / sin(πx)
    return log(Math.PI / sin(Math.PI * x)) - logGamma(1 - x);
  }
  const y = x - 1;
  let a = LANCZOS[0]!;
  const t = y + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i);
  return 0.5 * log(2 * Math.PI) + (y + 0.5) * log(t) - t + log(a);
}

/** Γ(x) for x > 0 (Infinity on overflow, x > ~171.6). */
export function gammaFn(x: number): number {
  return exp(logGamma(x));
}

/** Φ⁻¹(0.99), the standard normal 99th percentile. */
export const Z99 = 2.3263478740408408;
