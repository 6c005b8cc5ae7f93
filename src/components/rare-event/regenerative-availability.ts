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
 */
import type { Rng } from '../../random/rng.js';

/** The biased measure (importance sampling) or the true one. */
export type Measure = 'biased' | 'plain';

export interface RareEventService {
  readonly name: string;
  readonly replicas: number;
  /** Up while at least k replicas are up. */
  readonly k: number;
  /** Per replica: index into `zones`, or −1 (no zone with outages). */
  readonly zoneOf: readonly number[];
  /** Absent: the replicas never fail on their own. */
  readonly failure?: {
    /** Failure rate of one replica (1 / mean time to failure), per second. */
    readonly rate: number;
    /** Mean repair time, seconds (finite, ≥ 0). */
    readonly meanRepair: number;
    /**
     * The sampler of replica `index`'s repair times (≥ 0, seconds, drawn when a crew starts on
     * it) for the excursions of one measure; each measure asks once per replica.
     */
    readonly repair: (index: number, measure: Measure) => () => number;
  };
  /** Index into `pools`. */
  readonly pool: number;
}

export interface RareEventZone {
  readonly name: string;
  /** Outage rate (1 / mean time between outages), per second. */
  readonly rate: number;
  readonly meanDuration: number;
  /** The sampler of outage durations for the excursions of one measure. */
  readonly duration: (measure: Measure) => () => number;
}

export interface RareEventSystem {
  readonly services: readonly RareEventService[];
  readonly zones: readonly RareEventZone[];
  /** Crews per pool (Infinity: unlimited). */
  readonly pools: readonly number[];
  /** Indices of the services that must all be up for the system to be up. */
  readonly required: readonly number[];
}

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

/**
 * How long a biased failure rate lasts in one state, in mean repair times (WINDOW / M): the
 * likelihood ratio's time factor exp((Λ′ − Λ)·t) is then at most exp(WINDOW·b/(1 − b)), so its
 * variance stays finite whatever the tail of the repair times (a lognormal repair that outlasts
 * many means would otherwise grow it without bound).
 */
const WINDOW = 10;

const OK = 0;
const REPAIRING = 1;
const QUEUED = 2;

/**
 * Sums of one excursion's functionals, each increment weighted by the likelihood ratio of the
 * path up to its time (so that later biased steps do not add to its variance), and the failures
 * seen (unweighted).
 */
interface Excursion {
  length: number;
  /** log of the likelihood ratio of the path so far. */
  logL: number;
  sysDown: number;
  sysFailures: number;
  sysSeen: number;
  down: Float64Array;
  failures: Float64Array;
  seen: Float64Array;
  /** Failures of the event being applied, weighted once its likelihood-ratio factor is known. */
  pendingSys: number;
  pending: Float64Array;
}

/** The excursion simulator of one system under one measure. Its state is all up between excursions. */
class ExcursionSimulator {
  private readonly nRep: number;
  private readonly repService: Int32Array;
  private readonly repZone: Int32Array;
  private readonly repPool: Int32Array;
  private readonly repRate: Float64Array;
  /** 1 / mean repair (0 when the mean is 0). */
  private readonly repRepairRate: Float64Array;
  private readonly repRepair: (() => number)[];
  private readonly zoneRate: Float64Array;
  /** 1 / mean outage duration (0 when the mean is 0). */
  private readonly zoneBackRate: Float64Array;
  private readonly zoneDuration: (() => number)[];
  private readonly zoneMembers: number[][];
  private readonly svcK: Int32Array;
  private readonly required: Uint8Array;
  private readonly crews: Float64Array;

  private readonly cond: Uint8Array;
  private readonly repairEnd: Float64Array;
  private readonly zoneOut: Uint8Array;
  private readonly zoneEnd: Float64Array;
  private readonly busy: Int32Array;
  private readonly queues: number[][];
  private readonly upCount: Int32Array;
  private downComponents = 0;
  private requiredDown = 0;
  private now = 0;
  private readonly ex: Excursion;

  /** Total failure rate and number of components that can fail with everything up. */
  readonly allUpRate: number;
  private readonly allUpCount: number;

  constructor(
    sys: RareEventSystem,
    private readonly rng: Rng,
    /** Biased measure with this failure bias, or plain (undefined). */
    private readonly bias: number | undefined,
    private readonly maxEvents: number,
  ) {
    const measure: Measure = bias === undefined ? 'plain' : 'biased';
    const reps: { s: number; z: number; pool: number; rate: number; repairRate: number; repair: () => number }[] = [];
    sys.services.forEach((s, si) => {
      for (let i = 0; i < s.replicas; i++) {
        const f = s.failure;
        reps.push({
          s: si,
          z: s.zoneOf[i] ?? -1,
          pool: f !== undefined && Number.isFinite(sys.pools[s.pool]!) ? s.pool : -1,
          rate: f?.rate ?? 0,
          repairRate: f !== undefined && f.meanRepair > 0 ? 1 / f.meanRepair : 0,
          repair: f !== undefined ? f.repair(i, measure) : () => 0,
        });
      }
    });
    const n = reps.length;
    this.nRep = n;
    this.repService = Int32Array.from(reps, (r) => r.s);
    this.repZone = Int32Array.from(reps, (r) => r.z);
    this.repPool = Int32Array.from(reps, (r) => r.pool);
    this.repRate = Float64Array.from(reps, (r) => r.rate);
        this.repRepairRate = Float64Array.from(reps, (r) => r.repairRate);
    this.repRepair = reps.map((r) => r.repair);
    this.zoneRate = Float64Array.from(sys.zones, (z) => z.rate);
        this.zoneBackRate = Float64Array.from(sys.zones, (z) => (z.meanDuration > 0 ? 1 / z.meanDuration : 0));
    this.zoneDuration = sys.zones.map((z) => z.duration(measure));
    this.zoneMembers = sys.zones.map(() => []);
    reps.forEach((r, i) => {
      if (r.z >= 0) this.zoneMembers[r.z]!.push(i);
    });
    this.svcK = Int32Array.from(sys.services, (s) => s.k);
    this.required = new Uint8Array(sys.services.length);
    for (const s of sys.required) this.required[s] = 1;
    this.crews = Float64Array.from(sys.pools);
    this.cond = new Uint8Array(n);
    this.repairEnd = new Float64Array(n);
    this.zoneOut = new Uint8Array(sys.zones.length);
    this.zoneEnd = new Float64Array(sys.zones.length);
    this.busy = new Int32Array(sys.pools.length);
    this.queues = sys.pools.map(() => []);
    this.upCount = Int32Array.from(sys.services, (s) => s.replicas);
    let rate = 0;
    let count = 0;
    for (let r = 0; r < n; r++) if (this.repRate[r]! > 0) (rate += this.repRate[r]!), count++;
    for (let z = 0; z < this.zoneRate.length; z++) if (this.zoneRate[z]! > 0) (rate += this.zoneRate[z]!), count++;
    this.allUpRate = rate;
    this.allUpCount = count;
    const svcs = sys.services.length;
    this.ex = {
      length: 0,
      logL: 0,
      sysDown: 0,
      sysFailures: 0,
      sysSeen: 0,
      down: new Float64Array(svcs),
      failures: new Float64Array(svcs),
      seen: new Float64Array(svcs),
      pendingSys: 0,
      pending: new Float64Array(svcs),
    };
  }

  private serviceDownChange(s: number, down: boolean): void {
    if (down) {
      this.ex.pending[s]!++;
      if (this.required[s] === 1 && this.requiredDown++ === 0) this.ex.pendingSys++;
    } else if (this.required[s] === 1) this.requiredDown--;
  }

  private replicaDown(r: number): void {
    const s = this.repService[r]!;
    const before = this.upCount[s]!;
    this.upCount[s] = before - 1;
    if (before === this.svcK[s]!) this.serviceDownChange(s, true);
  }

  private replicaUp(r: number): void {
    const s = this.repService[r]!;
    const after = this.upCount[s]! + 1;
    this.upCount[s] = after;
    if (after === this.svcK[s]!) this.serviceDownChange(s, false);
  }

  private draw(sampler: () => number, what: string): number {
    const t = sampler();
    if (!(t >= 0 && t < Infinity)) throw new RangeError(`${what} drew ${t}; expected a finite duration ≥ 0`);
    return t;
  }

  private startRepair(r: number): void {
    this.cond[r] = REPAIRING;
    this.repairEnd[r] = this.now + this.draw(this.repRepair[r]!, 'a repair time');
  }

  private failReplica(r: number): void {
    const upBefore = this.repZone[r]! < 0 || this.zoneOut[this.repZone[r]!] === 0;
    const p = this.repPool[r]!;
    this.downComponents++;
    if (p < 0) this.startRepair(r);
    else if (this.busy[p]! < this.crews[p]!) {
      this.busy[p]!++;
      this.startRepair(r);
    } else {
      this.cond[r] = QUEUED;
      this.queues[p]!.push(r);
    }
    if (upBefore) this.replicaDown(r);
  }

  private repairDone(r: number): void {
    this.cond[r] = OK;
    this.downComponents--;
    const z = this.repZone[r]!;
    if (z < 0 || this.zoneOut[z] === 0) this.replicaUp(r);
    const p = this.repPool[r]!;
    if (p >= 0) {
      const next = this.queues[p]!.shift();
      if (next === undefined) this.busy[p]!--;
      else this.startRepair(next);
    }
  }

  private zoneDown(z: number): void {
    this.zoneOut[z] = 1;
    this.zoneEnd[z] = this.now + this.draw(this.zoneDuration[z]!, 'a zone outage');
    this.downComponents++;
    for (const r of this.zoneMembers[z]!) if (this.cond[r] === OK) this.replicaDown(r);
  }

  private zoneBack(z: number): void {
    this.zoneOut[z] = 0;
    this.downComponents--;
    for (const r of this.zoneMembers[z]!) if (this.cond[r] === OK) this.replicaUp(r);
  }

  /** Fails the j-th component that can fail (replicas first, then zones); its rate. */
  private failComponent(j: number): number {
    for (let r = 0; r < this.nRep; r++) {
      if (this.cond[r] !== OK || !(this.repRate[r]! > 0)) continue;
      if (j-- === 0) {
        this.failReplica(r);
        return this.repRate[r]!;
      }
    }
    for (let z = 0; z < this.zoneRate.length; z++) {
      if (this.zoneOut[z] === 1 || !(this.zoneRate[z]! > 0)) continue;
      if (j-- === 0) {
        this.zoneDown(z);
        return this.zoneRate[z]!;
      }
    }
    throw new Error('internal: no component to fail');
  }

  /** Fails a component chosen with probability proportional to its rate, from a uniform u·total. */
  private failProportional(target: number): void {
    let last = -1;
    for (let r = 0; r < this.nRep; r++) {
      if (this.cond[r] !== OK || !(this.repRate[r]! > 0)) continue;
      last = r;
      target -= this.repRate[r]!;
      if (target < 0) return this.failReplica(r);
    }
    let lastZone = -1;
    for (let z = 0; z < this.zoneRate.length; z++) {
      if (this.zoneOut[z] === 1 || !(this.zoneRate[z]! > 0)) continue;
      lastZone = z;
      target -= this.zoneRate[z]!;
      if (target < 0) return this.zoneDown(z);
    }
    // Rounding left a sliver: the last component.
    if (lastZone >= 0) this.zoneDown(lastZone);
    else if (last >= 0) this.failReplica(last);
    else throw new Error('internal: no component to fail');
  }

  /** Counts the failures of the event just applied, weighted by the likelihood ratio up to it. */
  private flush(): void {
    const ex = this.ex;
    if (ex.pendingSys === 0 && !ex.pending.some((x) => x > 0)) return;
    const w = Math.exp(ex.logL);
    ex.sysFailures += ex.pendingSys * w;
    ex.sysSeen += ex.pendingSys;
    ex.pendingSys = 0;
    for (let s = 0; s < ex.pending.length; s++) {
      const k = ex.pending[s]!;
      if (k === 0) continue;
      ex.failures[s]! += k * w;
      ex.seen[s]! += k;
      ex.pending[s] = 0;
    }
  }

  /**
   * Moves the clock to `to` through the current state, where the true total failure rate exceeds
   * the simulated one by `excess` (≤ 0) during the first `window` seconds: the likelihood ratio
   * after u seconds is L·exp(−excess·min(u, window)), and each instant's downtime is weighted by
   * it (the integral below), which is unbiased for the downtime and keeps later biased steps out
   * of its variance.
   */
  private advance(to: number, excess: number, window: number): void {
    const dt = to - this.now;
    const ex = this.ex;
    if (dt > 0) {
      const biasedPart = Math.min(dt, window);
      const factor = excess === 0 || biasedPart === 0 ? 1 : Math.exp(-excess * biasedPart);
      let anyDown = this.requiredDown > 0;
      for (let s = 0; s < this.svcK.length && !anyDown; s++) if (this.upCount[s]! < this.svcK[s]!) anyDown = true;
      if (anyDown) {
        const integral = (excess === 0 || biasedPart === 0 ? biasedPart : -Math.expm1(-excess * biasedPart) / excess) + factor * (dt - biasedPart);
        const weight = Math.exp(ex.logL) * integral;
        if (this.requiredDown > 0) ex.sysDown += weight;
        for (let s = 0; s < this.svcK.length; s++) if (this.upCount[s]! < this.svcK[s]!) ex.down[s]! += weight;
      }
      ex.logL -= excess * biasedPart;
    }
    this.now = to;
  }

  /** Simulates one excursion from all up back to all up; the sums are in the returned object (reused). */
  excursion(): Excursion {
    const ex = this.ex;
    ex.logL = 0;
    ex.sysDown = 0;
    ex.sysFailures = 0;
    ex.sysSeen = 0;
    ex.down.fill(0);
    ex.failures.fill(0);
    ex.seen.fill(0);
    this.now = 0;
    const rng = this.rng;
    // The first failure.
    if (this.bias === undefined) this.failProportional(rng() * this.allUpRate);
    else {
      const rate = this.failComponent(Math.min(this.allUpCount - 1, Math.floor(rng() * this.allUpCount)));
      ex.logL += Math.log((rate * this.allUpCount) / this.allUpRate);
    }
    this.flush();
    const boost = this.bias === undefined ? 0 : this.bias / (1 - this.bias);
    let events = 1;
    while (this.downComponents > 0) {
      if (++events > this.maxEvents) {
        throw new RangeError(`an excursion from all up went on for more than ${this.maxEvents} events without returning to all up`);
      }
      // The failure rate and the components that can fail now, the repair rate scale and the
      // next repair or zone return.
      let lambda = 0;
      let m = 0;
      let scale = 0;
      let next = Infinity;
      let nextKind = 0;
      let nextIndex = -1;
      for (let r = 0; r < this.nRep; r++) {
        const c = this.cond[r];
        if (c === OK) {
          if (this.repRate[r]! > 0) (lambda += this.repRate[r]!), m++;
        } else if (c === REPAIRING) {
          scale += this.repRepairRate[r]!;
          if (this.repairEnd[r]! < next) (next = this.repairEnd[r]!), (nextKind = 0), (nextIndex = r);
        }
      }
      for (let z = 0; z < this.zoneRate.length; z++) {
        if (this.zoneOut[z] === 0) {
          if (this.zoneRate[z]! > 0) (lambda += this.zoneRate[z]!), m++;
        } else {
          scale += this.zoneBackRate[z]!;
          if (this.zoneEnd[z]! < next) (next = this.zoneEnd[z]!), (nextKind = 1), (nextIndex = z);
        }
      }
      if (!(next < Infinity)) throw new Error('internal: something is down but nothing ends');
      // Biased rate for the first `window` seconds of the stretch, the true rate after.
      const biased = m > 0 && scale > 0 ? Math.max(lambda, boost * scale) : lambda;
      const window = biased > lambda ? WINDOW / scale : 0;
      let wait = Infinity;
      let hazard = lambda;
      if (biased > 0) {
        wait = -Math.log(1 - rng()) / biased;
        hazard = biased;
        if (wait >= window) {
          wait = lambda > 0 ? window - Math.log(1 - rng()) / lambda : Infinity;
          hazard = lambda;
        }
      }
      const failAt = this.now + wait;
      if (failAt < next) {
        this.advance(failAt, lambda - biased, window);
        if (this.bias === undefined) this.failProportional(rng() * lambda);
        else {
          // Balanced: each component that can fail equally likely.
          const rate = this.failComponent(Math.min(m - 1, Math.floor(rng() * m)));
          ex.logL += Math.log((rate * m) / hazard);
        }
        this.flush();
      } else {
        this.advance(next, lambda - biased, window);
        if (nextKind === 0) this.repairDone(nextIndex);
        else this.zoneBack(nextIndex);
      }
    }
    ex.length = this.now;
    return ex;
  }
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
