/**
 * Steady-state unavailability of an HA system's up/down structure by regenerative simulation
 * with importance sampling: balanced failure biasing (Shahabuddin 1994; Goyal, Shahabuddin,
 * Heidelberger, Nicola and Glynn 1992), extended to repairs of any distribution as in Nicola,
 * Shahabuddin, Heidelberger and Glynn (1993), "Fast simulation of steady-state availability in
 * non-Markovian highly dependable systems".
 *
 * Structure: services of replicas, up while at least k of their replicas are up; replicas fail
 * after exponential operating times and are repaired by finite or unlimited crews, first come
 * first served, for any repair-time distribution; zones go out after exponential times, for any
 * duration, taking their replicas down while the replicas' own failure clocks keep running. The
 * system is up while every required service is up.
 *
 * Regeneration: every failure time is exponential, so each entry into "all up" (every replica
 * working, no zone out, no repair in progress) forgets the past. A cycle is an all-up sojourn,
 * exponential with the total failure rate Λ₀, then an excursion until all is up again. By the
 * renewal-reward theorem the unavailability is U = E[Z] / E[τ], Z the system's downtime in a
 * cycle and τ the cycle's length; the frequency of system failures is E[N] / E[τ], N the
 * failures of the system in a cycle.
 *
 * Numerator, by importance sampling: excursions are simulated under a changed measure Q where
 *   - from all up, the first failure is one of the m₀ components that can fail, each with
 *     probability 1/m₀ (the time to it does not matter: no downtime accrues while all is up);
 *   - in a state with something down, each of the m components that can fail fails at rate
 *     Λ′/m, with Λ′ = max(Λ, b/(1−b)·M): Λ the true total failure rate, M the sum of
 *     1/mean over the repairs and zone outages in progress and b the failure bias — for the
 *     first WINDOW / M seconds in the state, at the true rate Λ (still split equally) after.
 *     Were the repairs exponential, a failure would come before the next repair with
 *     probability b, split equally among the components ("balanced"); for other repair times M
 *     is that heuristic's scale, and any choice leaves the estimate unbiased.
 * Repairs and zone outage durations keep their true distributions, so the likelihood ratio dP/dQ
 * involves only the exponential failure clocks: for each stretch of length t in a state,
 * exp(−(Λ − Λ′)·min(t, WINDOW / M)), and for each failure of component i, λᵢ / (h/m), h the
 * total rate simulated at that moment (λᵢ m₀/Λ₀ for the first). Each instant's downtime, and
 * each failure of the system, is weighted by the likelihood ratio of the path up to it (not of
 * the whole excursion: E[∫ f(X_t) dt] = E_Q[∫ f(X_t) L_t dt]), so the biased steps after it add
 * nothing to its variance. E[Z] = E_Q[Σ weighted downtime], E[N] likewise.
 *
 * Denominator, by plain simulation: E[τ] = 1/Λ₀ + E[D], D an excursion's length, estimated from
 * as many independent excursions simulated under the true measure (the all-up sojourn's mean is
 * known exactly, so it is not sampled). In highly available systems 1/Λ₀ dominates E[τ], so the
 * denominator adds almost no variance.
 *
 * The estimates of one call are ratios of means over `cycles` excursions (bias O(1/cycles), far
 * below their standard error); the confidence interval comes from independent calls
 * (replications).
 *
 * The system's structure is in rare-event-system.ts, the excursions in excursion-simulator.ts.
 */
import type { Rng } from '../../random/rng.js';
import { ExcursionSimulator } from './excursion-simulator.js';
import type { RareEventSystem } from './rare-event-system.js';

export interface RegenerativeOptions {
  /** Excursions under the biased measure (numerator) and under the true one (denominator). */
  readonly cycles: number;
  /** Failure bias b in (0, 1). */
  readonly failureBias: number;
  /** Draws of the biased excursions (failure times and choices). */
  readonly biasedRng: Rng;
  /** Draws of the plain excursions. */
  readonly plainRng: Rng;
  /** Excursion events at most before the run is stopped as runaway (default 10⁷). */
  readonly maxEventsPerCycle?: number;
}

export interface UpDownEstimate {
  readonly unavailability: number;
  /** Up → down transitions per second. */
  readonly failureFrequency: number;
  /** Up → down transitions seen in the biased excursions (unweighted). */
  readonly observedOutages: number;
}

export interface RegenerativeEstimate {
  /** Excursions simulated under each measure. */
  readonly cycles: number;
  /** Estimated mean cycle length, seconds (Infinity when nothing can fail). */
  readonly meanCycle: number;
  readonly system: UpDownEstimate;
  /** Per service, in the order given. */
  readonly services: readonly UpDownEstimate[];
}
/** Estimates the steady-state unavailability and failure frequency of the system and of every service. */
export function estimateRegenerative(sys: RareEventSystem, opts: RegenerativeOptions): RegenerativeEstimate {
  const b = opts.failureBias;
  if (!(b > 0 && b < 1)) throw new RangeError(`failureBias must lie in (0, 1), got ${b}`);
  if (!(Number.isInteger(opts.cycles) && opts.cycles >= 2)) throw new RangeError(`cycles must be an integer ≥ 2, got ${opts.cycles}`);
  for (const s of sys.services) {
    if (!(Number.isInteger(s.k) && s.k >= 1 && s.k <= s.replicas)) throw new RangeError(`service ${s.name}: k must be an integer in [1, ${s.replicas}], got ${s.k}`);
  }
  const maxEvents = opts.maxEventsPerCycle ?? 10_000_000;
  const biased = new ExcursionSimulator(sys, opts.biasedRng, b, maxEvents);
  const svcs = sys.services.length;
  if (!(biased.allUpRate > 0)) {
    // Nothing can fail: always up.
    const zero: UpDownEstimate = { unavailability: 0, failureFrequency: 0, observedOutages: 0 };
    return { cycles: 0, meanCycle: Infinity, system: zero, services: sys.services.map(() => zero) };
  }
  const plain = new ExcursionSimulator(sys, opts.plainRng, undefined, maxEvents);
  const n = opts.cycles;
  let sumZ = 0;
  let sumN = 0;
  let observed = 0;
  const sumZs = new Float64Array(svcs);
  const sumNs = new Float64Array(svcs);
  const observedS = new Float64Array(svcs);
  for (let i = 0; i < n; i++) {
    const ex = biased.excursion();
    sumZ += ex.sysDown;
    sumN += ex.sysFailures;
    observed += ex.sysSeen;
    for (let s = 0; s < svcs; s++) {
      sumZs[s]! += ex.down[s]!;
      sumNs[s]! += ex.failures[s]!;
      observedS[s]! += ex.seen[s]!;
    }
  }
  let sumD = 0;
  for (let i = 0; i < n; i++) {
    const d = plain.excursion().length;
    sumD += d;
  }
  const meanCycle = 1 / biased.allUpRate + sumD / n;
  const estimate = (z: number, f: number, seen: number): UpDownEstimate => ({ unavailability: z / n / meanCycle, failureFrequency: f / n / meanCycle, observedOutages: seen });
  return {
    cycles: n,
    meanCycle,
    system: estimate(sumZ, sumN, observed),
    services: sys.services.map((_, s) => estimate(sumZs[s]!, sumNs[s]!, observedS[s]!)),
  };
}
