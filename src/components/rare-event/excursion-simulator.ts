/**
 * The excursion simulator of regenerative-availability.ts: one excursion from all up back to all
 * up, under the biased measure (balanced failure biasing, likelihood ratio) or the true one, with
 * its downtime and failures weighted by the likelihood ratio of the path up to them.
 *
 * One file of about 390 lines: the state arrays, the failure and repair steps and the
 * likelihood-ratio bookkeeping change together at every event of the hot loop.
 */
import type { Rng } from '../../random/rng.js';
import type { Measure, RareEventSystem } from './rare-event-system.js';
import { exp, expm1, log } from '../../base/math/index.js';

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
export interface Excursion {
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
export class ExcursionSimulator {
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
    const w = exp(ex.logL);
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
      const factor = excess === 0 || biasedPart === 0 ? 1 : exp(-excess * biasedPart);
      let anyDown = this.requiredDown > 0;
      for (let s = 0; s < this.svcK.length && !anyDown; s++) if (this.upCount[s]! < this.svcK[s]!) anyDown = true;
      if (anyDown) {
        const integral = (excess === 0 || biasedPart === 0 ? biasedPart : -expm1(-excess * biasedPart) / excess) + factor * (dt - biasedPart);
        const weight = exp(ex.logL) * integral;
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
      ex.logL += log((rate * this.allUpCount) / this.allUpRate);
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
        wait = -log(1 - rng()) / biased;
        hazard = biased;
        if (wait >= window) {
          wait = lambda > 0 ? window - log(1 - rng()) / lambda : Infinity;
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
          ex.logL += log((rate * m) / hazard);
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
