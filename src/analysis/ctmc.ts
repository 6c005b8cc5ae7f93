/**
 * Finite continuous-time Markov chain built from a list of transitions, with its stationary
 * distribution.
 *
 * Solver: the GTH algorithm (Grassmann–Taksar–Heyman: state reduction without subtractions),
 * which stays accurate when rates differ by many orders of magnitude (failure 1e-7/s vs repair
 * 1e-3/s). GTH needs every censored state to reach a lower-numbered one; when that fails (e.g. an
 * absorbing state) the solver falls back to Gaussian elimination with partial pivoting on πQ = 0
 * with one balance equation replaced by Σπ = 1. A chain without a unique stationary distribution
 * (several closed classes) throws an Error. O(N³) time, O(N²) memory: fine up to a few hundred states.
 */
import { quote } from '../base/config-error.js';

export type StateId = string | number;

export interface Transition<S extends StateId> {
  readonly from: S;
  readonly to: S;
  /** Rate per second, finite and ≥ 0 (0-rate transitions are accepted and ignored). */
  readonly rate: number;
}

export interface CtmcOptions<S extends StateId> {
  /**
   * Every state, in the order used by vectors and the generator. States with no transitions
   * (absorbing or isolated) must be listed here. Default: order of first appearance in transitions.
   */
  readonly states?: readonly S[];
}

export class Ctmc<S extends StateId> {
  /** States in index order. */
  readonly states: readonly S[];
  readonly #index: Map<S, number>;
  /** Off-diagonal rates, rates[i][j] for i ≠ j (duplicates summed). */
  readonly #rates: readonly Float64Array[];
  #pi: readonly number[] | undefined;

  constructor(transitions: readonly Transition<S>[], options: CtmcOptions<S> = {}) {
    const index = new Map<S, number>();
    const states: S[] = [];
    if (options.states !== undefined) {
      for (const s of options.states) {
        if (index.has(s)) throw new RangeError(`Ctmc: options.states lists state ${quote(s)} twice`);
        index.set(s, states.length);
        states.push(s);
      }
    } else {
      for (const t of transitions) {
        for (const s of [t.from, t.to]) {
          if (!index.has(s)) {
            index.set(s, states.length);
            states.push(s);
          }
        }
      }
    }
    if (states.length === 0) throw new RangeError('Ctmc: the chain must have at least one state');
    const n = states.length;
    const rates = Array.from({ length: n }, () => new Float64Array(n));
    transitions.forEach((t, k) => {
      const i = index.get(t.from);
      const j = index.get(t.to);
      if (i === undefined) throw new RangeError(`Ctmc: transitions[${k}].from ${quote(t.from)} is not a listed state`);
      if (j === undefined) throw new RangeError(`Ctmc: transitions[${k}].to ${quote(t.to)} is not a listed state`);
      if (i === j) throw new RangeError(`Ctmc: transitions[${k}] is a self-loop on ${quote(t.from)}`);
      if (typeof t.rate !== 'number' || !Number.isFinite(t.rate) || t.rate < 0) {
        throw new RangeError(`Ctmc: transitions[${k}].rate must be a finite number >= 0, got ${quote(t.rate)}`);
      }
      (rates[i] as Float64Array)[j] = ((rates[i] as Float64Array)[j] as number) + t.rate;
    });
    this.states = states;
    this.#index = index;
    this.#rates = rates;
  }

  get size(): number {
    return this.states.length;
  }

  /** Index of a state in `states`; throws for unknown states. */
  indexOf(state: S): number {
    const i = this.#index.get(state);
    if (i === undefined) throw new RangeError(`Ctmc: unknown state ${quote(state)}`);
    return i;
  }

  /** Total rate from one state to another (0 if none). */
  rate(from: S, to: S): number {
    return (this.#rates[this.indexOf(from)] as Float64Array)[this.indexOf(to)] as number;
  }

  /** Infinitesimal generator Q (fresh copy): off-diagonals are rates, rows sum to 0. */
  generator(): number[][] {
    return this.#rates.map((row, i) => {
      const out = Array.from(row);
      out[i] = -out.reduce((s, r, j) => (j === i ? s : s + r), 0);
      return out;
    });
  }

  /** Stationary distribution in `states` order (computed once, then cached). */
  steadyStateVector(): readonly number[] {
    if (this.#pi === undefined) this.#pi = gth(this.#rates) ?? gaussian(this.generator());
    return this.#pi;
  }

  /** Stationary distribution as a Map state → probability. */
  steadyState(): Map<S, number> {
    const pi = this.steadyStateVector();
    return new Map(this.states.map((s, i) => [s, pi[i] as number]));
  }

  /** Stationary probability of the states satisfying `predicate` (e.g. availability). */
  probability(predicate: (state: S) => boolean): number {
    const pi = this.steadyStateVector();
    let p = 0;
    this.states.forEach((s, i) => {
      if (predicate(s)) p += pi[i] as number;
    });
    return p;
  }

  /** Stationary expectation of f(state) (e.g. mean number of up replicas). */
  expectation(f: (state: S) => number): number {
    const pi = this.steadyStateVector();
    return this.states.reduce((sum, s, i) => sum + (pi[i] as number) * f(s), 0);
  }

  /**
   * Long-run frequency (per second) of transitions from states in `set` to states outside it.
   * With set = up states this is the system failure frequency; MTBF-like cycle = 1/frequency,
   * mean up time = A/frequency, mean down time = (1 − A)/frequency.
   */
  exitFrequency(set: (state: S) => boolean): number {
    const pi = this.steadyStateVector();
    const inSet = this.states.map(set);
    let f = 0;
    this.#rates.forEach((row, i) => {
      if (!inSet[i]) return;
      row.forEach((r, j) => {
        if (!inSet[j]) f += (pi[i] as number) * r;
      });
    });
    return f;
  }
}

/** GTH state reduction; undefined when some censored state cannot reach a lower-numbered one. */
function gth(rates: readonly Float64Array[]): number[] | undefined {
  const n = rates.length;
  const p = rates.map((row) => Float64Array.from(row));
  const row = (i: number): Float64Array => p[i] as Float64Array;
  for (let k = n - 1; k >= 1; k--) {
    const pk = row(k);
    let s = 0;
    for (let j = 0; j < k; j++) s += pk[j] as number;
    if (!(s > 0)) return undefined;
    for (let i = 0; i < k; i++) {
      const pi = row(i);
      const pik = (pi[k] as number) / s;
      pi[k] = pik;
      if (pik === 0) continue;
      for (let j = 0; j < k; j++) if (j !== i) pi[j] = (pi[j] as number) + pik * (pk[j] as number);
    }
  }
  const pi = new Array<number>(n).fill(0);
  pi[0] = 1;
  let total = 1;
  for (let j = 1; j < n; j++) {
    let v = 0;
    for (let i = 0; i < j; i++) v += (pi[i] as number) * (row(i)[j] as number);
    pi[j] = v;
    total += v;
  }
  return pi.map((v) => v / total);
}

/** Solves πQ = 0, Σπ = 1 by Gaussian elimination (last balance equation replaced by normalization). */
function gaussian(q: number[][]): number[] {
  const n = q.length;
  // Augmented system A x = b with A = Qᵀ, last row all ones, b = e_n.
  const a: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(n + 1);
    for (let j = 0; j < n; j++) r[j] = i === n - 1 ? 1 : ((q[j] as number[])[i] as number);
    r[n] = i === n - 1 ? 1 : 0;
    a.push(r);
  }
  const scale = Math.max(1, ...q.map((r) => Math.max(...r.map(Math.abs))));
  for (let col = 0; col < n; col++) {
    let best = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[best] as number[])[col] as number)) best = r;
    }
    const pivotRow = a[best] as number[];
    const pivot = pivotRow[col] as number;
    if (Math.abs(pivot) <= 1e-13 * scale) {
      throw new Error('Ctmc: the chain has no unique stationary distribution (more than one closed class of states)');
    }
    a[best] = a[col] as number[];
    a[col] = pivotRow;
    for (let r = col + 1; r < n; r++) {
      const rr = a[r] as number[];
      const factor = (rr[col] as number) / pivot;
      if (factor === 0) continue;
      for (let j = col; j <= n; j++) rr[j] = (rr[j] as number) - factor * (pivotRow[j] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const r = a[i] as number[];
    let v = r[n] as number;
    for (let j = i + 1; j < n; j++) v -= (r[j] as number) * (x[j] as number);
    x[i] = v / (r[i] as number);
  }
  const clamped = x.map((v) => Math.max(0, v));
  const total = clamped.reduce((s, v) => s + v, 0);
  return clamped.map((v) => v / total);
}
