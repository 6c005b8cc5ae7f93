// Horizontal autoscaling of a request-level service, after the Kubernetes HPA rule. The service's
// group holds `max` replicas from the start; each is in one of four states:
// - absent: not running, not billed; held down (reason 'scaled-in'), its failures paused;
// - provisioning: started and billed, not yet serving (still held down) for a drawn delay;
// - serving: up to its own failures, routable;
// - draining: billed and finishing its outstanding requests, but sent no new ones (the service's
//   routable set leaves it out); it becomes absent when its last request ends.
//
// Rule, at t = interval, 2·interval, … (MONITOR priority: after everything else at the instant):
// - current = serving + provisioning replicas at t;
// - observed, over the serving replicas, averaged over the window [t − window, t] (window in
//   [0, interval]; metrics-server likewise reports a pod's CPU averaged over a window):
//   utilisation = ∫ busy slots dt / (capacity × ∫ serving dt) (slot-seconds used over slot-seconds
//   available), or queue = ∫ requests in service and waiting dt / ∫ serving dt, where both
//   integrands sum over the replicas serving at each instant. A replica counts from the instant it
//   serves (the start for the initial ones, the end of its provisioning for the others) to the
//   instant it is chosen to drain: its load before and after, and its slots, are not counted. A
//   serving replica that crashes still counts, with no load while it is down. Drains start at
//   evaluations, before the next window opens, so within a window the serving set only grows (a
//   provisioning ends). If none served during the whole window, nothing is decided;
// - window 0 samples at the instant t instead: utilisation = busy slots / (capacity × serving),
//   queue = requests in service and waiting / serving; if none serves, nothing is decided;
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
//
// The window's integrals come from the service's LoadMeter (kept only for an autoscaled service
// with window > 0): the window opens at t − window (at the previous evaluation when window =
// interval, else by an event at MONITOR priority), where the meter restarts from 0; a replica's
// load while serving is its meter reading when it stops serving (or at t) less its reading when
// it started serving (0 if it served when the window opened).
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Replica } from '../replica.js';
import type { LoadMeter } from './load-meter.js';
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
  /** Seconds over which the observed metric is averaged, in [0, interval]; 0 samples at the instant. */
  readonly window: number;
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
  /** The service's load integrals (window > 0 only). */
  private readonly meter: LoadMeter | null = null;
  /** Meter reading of each serving replica when it started serving, 0 if it served when the window opened. */
  private readonly base: Float64Array;
  /** Load-seconds within the window of replicas that stopped serving in it. */
  private leftLoad = 0;
  /** Serving replica-seconds within the window, up to `servingAt`. */
  private servingSeconds = 0;
  private servingAt = 0;
  private serving = 0;
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
    this.serving = config.initial;
    this.billed = config.initial;
    this.lastChange = sim.now;
    this.since = sim.now;
    this.base = new Float64Array(config.window > 0 ? n : 0);
    if (config.window > 0) this.meter = service.loadMeter();
    service.onDrained = (i) => this.remove(i);
    this.scheduleNext();
    this.scheduleWindow();
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
    this.scheduleWindow();
  };

  /** Opens the window of the next evaluation: now if it starts now, else by an event at its start. */
  private scheduleWindow(): void {
    if (this.meter === null) return;
    if (this.c.window >= this.c.interval) this.openWindow();
    else this.sim.scheduleAt(this.evaluations * this.c.interval - this.c.window, this.onOpenWindow, this, Priority.MONITOR);
  }

  private readonly onOpenWindow = (): void => this.openWindow();

  /** The window starts: every integral restarts from 0. */
  private openWindow(): void {
    const now = this.sim.now;
    this.meter!.zero(now);
    this.base.fill(0);
    this.leftLoad = 0;
    this.servingSeconds = 0;
    this.servingAt = now;
  }

  /** Replica i's meter reading of the metric's load, integrated up to now. */
  private loadSeconds(i: number): number {
    this.service.servers[i]!.advanceMeter();
    const m = this.meter!;
    return this.c.metric === 'utilisation' ? m.busySeconds[i]! : m.outstandingSeconds[i]!;
  }

  /** Replica i starts (on) or stops serving. */
  private setServing(i: number, on: boolean): void {
    this.state[i] = on ? SERVING : DRAINING;
    if (this.meter !== null) {
      const now = this.sim.now;
      this.servingSeconds += this.serving * (now - this.servingAt);
      this.servingAt = now;
      if (on) this.base[i] = this.loadSeconds(i);
      else this.leftLoad += this.loadSeconds(i) - this.base[i]!;
    }
    this.serving += on ? 1 : -1;
  }

  /** The observed metric over the window ending now; NaN if no replica served in it. */
  private averaged(): number {
    let load = this.leftLoad;
    for (let i = 0; i < this.state.length; i++) if (this.state[i] === SERVING) load += this.loadSeconds(i) - this.base[i]!;
    const seconds = this.servingSeconds + this.serving * (this.sim.now - this.servingAt);
    if (!(seconds > 0)) return NaN;
    return this.c.metric === 'utilisation' ? load / (this.service.config.capacity * seconds) : load / seconds;
  }

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
    let observed: number;
    if (this.meter !== null) {
      observed = this.averaged();
      if (Number.isNaN(observed)) return;
    } else {
      if (serving === 0) return;
      observed = c.metric === 'utilisation' ? load / (this.service.config.capacity * serving) : load / serving;
    }
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
    this.setServing(i, true);
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
    this.setServing(i, false);
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
