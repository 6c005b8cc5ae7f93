// Horizontal autoscaling of a request-level service, after the Kubernetes HPA rule. The service's
// group holds `max` replicas from the start; each is in one of four states:
// - absent: not running, not billed; held down (reason 'scaled-in'), its failures paused;
// - provisioning: started and billed, not yet serving (still held down) for a drawn delay;
// - serving: up to its own failures, routable;
// - draining: billed and finishing its outstanding requests, but sent no new ones (the service's
//   routable set leaves it out); it becomes absent when its last request ends.
//
// Rule, at t = interval, 2·interval, … (MONITOR priority: after everything else at the instant):
// - current = serving + provisioning replicas; if none serves, nothing is decided;
// - observed, sampled at that instant over the serving replicas: utilisation = busy slots /
//   (capacity × serving), or queue = requests in service and waiting / serving;
// - within the tolerance band, |observed / target − 1| ≤ tolerance, nothing changes (as the
//   Kubernetes HPA, whose default tolerance is 0.1);
// - desired = ceil(current × observed / target), clamped to [min, max];
// - desired > current, and no scale-out in the last `cooldown` seconds: start
//   min(desired − current, scaleOutStep) absent replicas, lowest index first (fewer if fewer are
//   absent: a draining replica still counts against `max`);
// - desired < current, and no scale-in in the last `cooldown` seconds: remove
//   min(current − desired, scaleInStep) replicas, provisioning ones first (cancelled at once),
//   then serving ones, highest index first; a serving one drains.
// The two directions have separate cooldowns. Replica-seconds integrate the billed count
// (provisioning + serving + draining) since the last statistics reset.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Replica } from '../replica.js';
import type { Service } from './service.js';

export const SCALED_IN = 'scaled-in';

export interface AutoscalerConfig {
  readonly min: number;
  readonly max: number;
  readonly metric: 'utilisation' | 'queue';
  /** Target utilisation in (0, 1], or requests per serving replica. */
  readonly target: number;
  /** Seconds between evaluations (> 0). */
  readonly interval: number;
  /** Seconds after a change in one direction before the next change in that direction. */
  readonly cooldown: number;
  /** No change while |observed / target − 1| ≤ tolerance. */
  readonly tolerance: number;
  /** Draws the seconds a started replica takes before it serves. */
  readonly provisioning: () => number;
  readonly scaleOutStep: number;
  readonly scaleInStep: number;
  /** Replicas serving at the start (indices below it); the others are absent, already held down. */
  readonly initial: number;
  /** A replica starts running (its failures resume). */
  readonly onStart?: (replica: Replica) => void;
  /** A replica stops running (its failures pause). */
  readonly onStop?: (replica: Replica) => void;
}

const ABSENT = 0;
const PROVISIONING = 1;
const SERVING = 2;
const DRAINING = 3;

export class Autoscaler {
  readonly service: Service;
  private readonly sim: Simulation;
  private readonly c: AutoscalerConfig;
  private readonly replicas: readonly Replica[];
  private readonly state: Uint8Array;
  private readonly timers: number[];
  private billed = 0;
  private lastChange = 0;
  private replicaSeconds = 0;
  private since = 0;
  private lastOut = -Infinity;
  private lastIn = -Infinity;
  private evaluations = 0;
  /** Replicas started since the last reset. */
  scaleOuts = 0;
  /** Replicas removed (cancelled or drained) since the last reset. */
  scaleIns = 0;

  constructor(sim: Simulation, service: Service, config: AutoscalerConfig) {
    this.sim = sim;
    this.service = service;
    this.c = config;
    this.replicas = service.group.replicas;
    const n = this.replicas.length;
    this.state = new Uint8Array(n);
    this.timers = new Array<number>(n).fill(-1);
    for (let i = 0; i < config.initial; i++) this.state[i] = SERVING;
    this.billed = config.initial;
    this.lastChange = sim.now;
    this.since = sim.now;
    service.onDrained = (i) => this.remove(i);
    this.scheduleNext();
  }

  /** Replicas billed now (provisioning, serving or draining). */
  get count(): number {
    return this.billed;
  }

  /** Replica-seconds billed since the last reset, up to `now`. */
  billedSeconds(now: number = this.sim.now): number {
    return this.replicaSeconds + this.billed * (now - this.lastChange);
  }

  /** Time-average billed replicas since the last reset (NaN if no time passed). */
  meanReplicas(now: number = this.sim.now): number {
    return this.billedSeconds(now) / (now - this.since);
  }

  resetStats(now: number = this.sim.now): void {
    this.replicaSeconds = 0;
    this.lastChange = now;
    this.since = now;
    this.scaleOuts = 0;
    this.scaleIns = 0;
  }

  private setBilled(delta: number): void {
    const now = this.sim.now;
    this.replicaSeconds += this.billed * (now - this.lastChange);
    this.lastChange = now;
    this.billed += delta;
  }

  private scheduleNext(): void {
    this.evaluations++;
    this.sim.scheduleAt(this.evaluations * this.c.interval, this.onEvaluate, this, Priority.MONITOR);
  }

  private readonly onEvaluate = (): void => {
    this.evaluate();
    this.scheduleNext();
  };

  private evaluate(): void {
    const c = this.c;
    const servers = this.service.servers;
    let serving = 0;
    let provisioning = 0;
    let load = 0;
    for (let i = 0; i < this.state.length; i++) {
      const s = this.state[i]!;
      if (s === PROVISIONING) provisioning++;
      else if (s === SERVING) {
        serving++;
        load += c.metric === 'utilisation' ? servers[i]!.busy : servers[i]!.outstanding;
      }
    }
    if (serving === 0) return;
    const observed = c.metric === 'utilisation' ? load / (this.service.config.capacity * serving) : load / serving;
    const current = serving + provisioning;
    if (Math.abs(observed / c.target - 1) <= c.tolerance) return;
    // The small allowance keeps an exact product (2 × 0.5 / 0.5) from rounding up past an integer.
    const raw = Math.ceil((current * observed) / c.target - 1e-9);
    const desired = Math.min(c.max, Math.max(c.min, raw));
    const now = this.sim.now;
    if (desired > current && now - this.lastOut >= c.cooldown) {
      let k = Math.min(desired - current, c.scaleOutStep);
      for (let i = 0; i < this.state.length && k > 0; i++) {
        if (this.state[i] !== ABSENT) continue;
        this.start(i);
        k--;
        this.lastOut = now;
      }
    } else if (desired < current && now - this.lastIn >= c.cooldown) {
      let k = Math.min(current - desired, c.scaleInStep);
      this.lastIn = now;
      for (let i = this.state.length - 1; i >= 0 && k > 0; i--) if (this.state[i] === PROVISIONING) (this.cancel(i), k--);
      for (let i = this.state.length - 1; i >= 0 && k > 0; i--) if (this.state[i] === SERVING) (this.drain(i), k--);
    }
  }

  private start(i: number): void {
    this.state[i] = PROVISIONING;
    this.scaleOuts++;
    this.setBilled(1);
    this.c.onStart?.(this.replicas[i]!);
    this.timers[i] = this.sim.schedule(this.c.provisioning(), this.onProvisioned, i, Priority.REPAIR);
  }

  private readonly onProvisioned = (i: number): void => {
    this.timers[i] = -1;
    this.state[i] = SERVING;
    this.replicas[i]!.restore(SCALED_IN);
  };

  /** A provisioning replica is stopped before it serves. */
  private cancel(i: number): void {
    this.sim.cancel(this.timers[i]!);
    this.timers[i] = -1;
    this.state[i] = ABSENT;
    this.scaleIns++;
    this.setBilled(-1);
    this.c.onStop?.(this.replicas[i]!);
  }

  private drain(i: number): void {
    this.state[i] = DRAINING;
    this.scaleIns++;
    this.service.setDraining(i, true);
    if (this.service.outstanding[i] === 0) this.remove(i);
  }

  /** A draining replica has finished its last request: it stops. */
  private remove(i: number): void {
    if (this.state[i] !== DRAINING) return;
    this.state[i] = ABSENT;
    this.setBilled(-1);
    const r = this.replicas[i]!;
    r.down(SCALED_IN);
    this.service.setDraining(i, false);
    this.c.onStop?.(r);
  }
}
