// A Wilson score interval for a proportion estimated as the mean of per-run proportions
// (availability, success rate). The runs' variance gives an effective sample size
// n_eff = p̂(1 − p̂) / Var(p̂), the size of a binomial sample with the same precision (Kish's
// design effect); the Wilson interval at that size stays inside [0, 1] where the Student-t
// interval on the same mean would cross 0 or 1 (Wilson 1927; Korn & Graubard 1998 for
// effective sizes).

export interface ProportionInterval {
  readonly low: number;
  readonly high: number;
}

/**
 * `p` in [0, 1]; `varianceOfMean` = s²/n of the per-run values (as fractions); `z` the quantile
 * (e.g. the Student-t quantile with n − 1 degrees of freedom). Returns [p, p] when the variance
 * is 0 (the caller decides what a zero-width interval means).
 */
export function wilsonEffective(p: number, varianceOfMean: number, z: number): ProportionInterval {
  const q = Math.min(1, Math.max(0, p));
  if (!(varianceOfMean > 0) || q === 0 || q === 1) return { low: q, high: q };
  const n = (q * (1 - q)) / varianceOfMean;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (q + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
