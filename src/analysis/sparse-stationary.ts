/**
 * Stationary distribution of a large sparse continuous-time Markov chain (too large for the dense
 * GTH solver of ctmc.ts) by Gauss–Seidel sweeps on the global balance equations
 *   π_j = Σ_i π_i q_ij / q_j      (q_j: total rate out of j),
 * renormalised after each sweep. Every update is a sum of positive terms (no subtraction), so
 * probabilities of 1e-15 keep their relative precision; with states numbered breadth-first from
 * the all-up state, a sweep carries probability down the failure paths at once and the repairs
 * bring it back, so chains whose repairs are much faster than failures converge in a few dozen
 * sweeps. Converged means no state's probability above 1e-300 moved by more than `tolerance`
 * (relative) in a sweep; otherwise it throws.
 */
export interface SparseTransition {
  readonly from: number;
  readonly to: number;
  /** Rate per second, ≥ 0. */
  readonly rate: number;
}

export interface SparseOptions {
  /** Relative change per sweep below which a state has converged (default 1e-13). */
  readonly tolerance?: number;
  /** Sweeps before giving up (default 20 000). */
  readonly maxSweeps?: number;
}

export function sparseStationary(n: number, transitions: readonly SparseTransition[], options: SparseOptions = {}): number[] {
  const tolerance = options.tolerance ?? 1e-13;
  const maxSweeps = options.maxSweeps ?? 20_000;
  const out = new Float64Array(n);
  const count = new Int32Array(n + 1);
  for (const t of transitions) {
    if (t.from === t.to || !(t.rate > 0)) continue;
    out[t.from]! += t.rate;
    count[t.to + 1]!++;
  }
  for (let j = 0; j < n; j++) count[j + 1]! += count[j]!;
  const src = new Int32Array(count[n]!);
  const rate = new Float64Array(count[n]!);
  const fill = count.slice(0, n);
  for (const t of transitions) {
    if (t.from === t.to || !(t.rate > 0)) continue;
    const k = fill[t.to]!++;
    src[k] = t.from;
    rate[k] = t.rate;
  }
  for (let j = 0; j < n; j++) {
    if (!(out[j]! > 0)) throw new Error(`sparseStationary: state ${j} has no way out (the chain is not irreducible)`);
  }
  const pi = new Float64Array(n).fill(1 / n);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let worst = 0;
    let total = 0;
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = count[j]!; k < count[j + 1]!; k++) v += pi[src[k]!]! * rate[k]!;
      v /= out[j]!;
      const old = pi[j]!;
      if (v > 1e-300) worst = Math.max(worst, Math.abs(v - old) / v);
      pi[j] = v;
      total += v;
    }
    if (!(total > 0)) throw new Error('sparseStationary: the probabilities vanished (the chain is not irreducible)');
    for (let j = 0; j < n; j++) pi[j]! /= total;
    if (worst < tolerance && sweep > 0) return Array.from(pi);
  }
  throw new Error(`sparseStationary: no convergence to ${tolerance} in ${maxSweeps} sweeps`);
}
