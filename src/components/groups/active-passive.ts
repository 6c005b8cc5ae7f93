// Active-passive replicas: one primary serves, the others are standbys.
//
// Standby kinds:
//   - hot:  running and synchronised; promotion takes `promotionDelay`; fails while idle.
//   - warm: running but not ready; promotion takes `promotionDelay + startupDelay`; fails while idle.
//   - cold: not running; promotion takes `promotionDelay + startupDelay`; does NOT fail while
//           idle: the group pauses the ttf clock of every replica that is not the serving
//           primary (pass their `failureProcesses`), and resumes it when the replica becomes
//           primary (at the end of its promotion). Repairs in progress continue.
//
// Failover sequence after the primary goes down (at time t):
//   1. detection: after a fixed delay, after a random delay drawn at each failure, or by
//      heartbeat — heartbeats are due at
//      phase + k·interval and the failure is detected at the `missed`-th missed heartbeat, i.e.
//      at c + (missed − 1)·interval where c is the first heartbeat time ≥ t; the delay is thus in
//      [(missed − 1)·interval, missed·interval) depending on the phase. (A primary that
//      comes back before any heartbeat was received keeps its missed count.) If the primary
//      comes back before detection, nothing else happens (the outage is short). Until
//      detection the dead primary stays routable.
//   2. the first up standby (by replica index) is chosen. None up: the group waits, down, until
//      any replica comes back (repair or end of a fault), which is then promoted (promotion
//      delay, plus the start-up delay for warm / cold); coverage does not apply there.
//   3. with probability `coverage` the failover works: the standby is promoted after the
//      promotion delay (if it fails meanwhile, the next up standby is promoted instead; if none,
//      the group waits as in 2). Otherwise (a failed failover) the service stays down for a
//      `manualRecovery` duration, after which an operator puts the first up replica in service
//      (or the group waits as in 2 if none is up).
// Failback when the original primary (replicas[0]) is repaired while another replica serves:
//   - 'none' (non-revertive): it simply becomes a standby;
//   - 'auto': after `failbackDelay` (service unaffected), the service switches back, down for
//     `failbackOutage` seconds (if the original primary fails before that, nothing happens).
//
// `available` is true while the primary serves (up, not failing over or failing back): the
// true ability to serve. Routable: [primary] while serving or before detection (a dead primary
// keeps receiving requests until detected), [] otherwise.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import type { ReplicaGroup } from '../replica-group.js';
import { ReplicaGroupBase } from './replica-group-base.js';
import { drawDuration, requireName, requireOneOf, requireRng, requireSampler } from '../failure/config-checks.js';
import { requireInteger, requireNonNegative, requirePositive, requireProbability } from '../../stats/validate.js';
import { ConfigError } from '../../base/config-error.js';

export type StandbyKind = 'hot' | 'warm' | 'cold';
export type FailbackPolicy = 'none' | 'auto';

/** How the failure of the primary is detected. */
export type FailureDetection =
  /** Detected `delay` seconds after the failure. */
  | { readonly kind: 'fixed'; readonly delay: number }
  /** Detected a random delay after each failure, drawn afresh every time (≥ 0). */
  | { readonly kind: 'random'; readonly delay: () => number }
  /** Heartbeats every `interval` seconds (grid offset `phase` in [0, interval), default 0); detected at the `missed`-th missed beat. */
  | { readonly kind: 'heartbeat'; readonly interval: number; readonly missed: number; readonly phase?: number };

/** What the group pauses / resumes for cold standbys (a FailureProcess). */
export interface FailureClock {
  pause(): void;
  resume(): void;
}

export interface ActivePassiveConfig {
  /** Group name (usually the service name). */
  readonly name: string;
  /** The replicas; replicas[0] is the original primary, the others standbys in order of preference. */
  readonly replicas: readonly Replica[];
  /** Standby kind (default 'hot'). */
  readonly standby?: StandbyKind;
  /** Warm / cold: seconds to start a standby at promotion, added to the promotion delay (default 0). Not allowed for hot. */
  readonly startupDelay?: () => number;
  /** Failure detection of the primary (default: fixed, 0 s). */
  readonly detection?: FailureDetection;
  /** Seconds from detection (or from a repair when no standby was up) to the promoted replica serving (default 0). */
  readonly promotionDelay?: () => number;
  /** Probability that an automatic failover works (default 1). */
  readonly coverage?: number;
  /** Draws whether a failover works; required when 0 < coverage < 1. */
  readonly coverageRng?: Rng;
  /** Seconds of manual recovery after a failed failover; required when coverage < 1. */
  readonly manualRecovery?: () => number;
  /** Failback to replicas[0] once repaired (default 'none'). */
  readonly failback?: FailbackPolicy;
  /** 'auto': seconds between the repair of replicas[0] and the switch back (default 0). */
  readonly failbackDelay?: () => number;
  /** 'auto': seconds the service is down during the switch back (default 0). */
  readonly failbackOutage?: () => number;
  /** Cold standbys: the failure process of each replica (same order as replicas), paused while it idles. */
  readonly failureProcesses?: readonly (FailureClock | undefined)[];
}

export type ActivePassivePhase =
  /** The primary serves. */
  | 'serving'
  /** The primary is down, not yet detected. */
  | 'detecting'
  /** A standby is being promoted. */
  | 'promoting'
  /** A failover failed; waiting for manual recovery. */
  | 'manual'
  /** No replica up to take over; waiting for one to come back. */
  | 'waiting'
  /** Switching back to the original primary. */
  | 'failback';

function onDetected(g: ActivePassiveGroup): void {
  g._detected();
}
function onPromoted(g: ActivePassiveGroup): void {
  g._promoted();
}
function onManualDone(g: ActivePassiveGroup): void {
  g._manualDone();
}
function onFailbackStart(g: ActivePassiveGroup): void {
  g._failbackStart();
}
function onFailbackDone(g: ActivePassiveGroup): void {
  g._failbackDone();
}

const zero = (): number => 0;
const HOME = 0;

export class ActivePassiveGroup extends ReplicaGroupBase implements ReplicaGroup {
  readonly sim: Simulation;
  readonly name: string;
  readonly replicas: readonly Replica[];
  readonly standby: StandbyKind;
  readonly failback: FailbackPolicy;
  private readonly where: string;
  private readonly detection: FailureDetection;
  private readonly startupDelay: () => number;
  private readonly promotionDelay: () => number;
  private readonly coverage: number = 0;
  private readonly coverageRng: Rng | undefined;
  private readonly manualRecovery: () => number;
  private readonly failbackDelay: () => number;
  private readonly failbackOutage: () => number;
  private readonly clocks: readonly (FailureClock | undefined)[];

  private _phase: ActivePassivePhase = 'serving';
  private _primary = HOME;
  private target = -1;
  private failbackFrom = -1;
  private actionHandle = -1;
  private failbackHandle = -1;
  private episodeStart = NaN;
  // heartbeat bookkeeping
  private missStart = NaN;
  private lastRecovery = NaN;

  private _failovers = 0;
  private _failedFailovers = 0;
  private _noStandby = 0;
  private _failbacks = 0;
  private restoreCount = 0;
  private restoreSum = 0;

  constructor(sim: Simulation, config: ActivePassiveConfig) {
    super(true);
    this.sim = sim;
    this.name = requireName('active-passive group', 'name', config.name);
    const where = (this.where = `active-passive group "${this.name}"`);
    if (!Array.isArray(config.replicas) || config.replicas.length === 0) {
      throw new ConfigError(`${where}: replicas must be a non-empty array, got ${String(config.replicas)}`);
    }
    this.replicas = [...config.replicas];
    this.standby = config.standby === undefined ? 'hot' : requireOneOf(where, 'standby', config.standby, ['hot', 'warm', 'cold'] as const);
    if (config.startupDelay !== undefined && this.standby === 'hot') {
      throw new ConfigError(`${where}: startupDelay is only allowed with standby 'warm' or 'cold', got standby "hot"`);
    }
    this.startupDelay = config.startupDelay === undefined ? zero : requireSampler(where, 'startupDelay', config.startupDelay);
    this.detection = this.checkDetection(config.detection ?? { kind: 'fixed', delay: 0 });
    this.promotionDelay = config.promotionDelay === undefined ? zero : requireSampler(where, 'promotionDelay', config.promotionDelay);
    this.coverage = config.coverage === undefined ? 1 : requireProbability(where, 'coverage', config.coverage);
    this.coverageRng =
      this.coverage > 0 && this.coverage < 1 ? requireRng(where, 'coverageRng', config.coverageRng) : config.coverageRng;
    if (this.coverage < 1 && config.manualRecovery === undefined) {
      throw new ConfigError(`${where}: manualRecovery is required when coverage < 1, got coverage ${this.coverage}`);
    }
    this.manualRecovery = config.manualRecovery === undefined ? zero : requireSampler(where, 'manualRecovery', config.manualRecovery);
    this.failback = config.failback === undefined ? 'none' : requireOneOf(where, 'failback', config.failback, ['none', 'auto'] as const);
    if (this.failback === 'none') {
      for (const k of ['failbackDelay', 'failbackOutage'] as const) {
        if (config[k] !== undefined) throw new ConfigError(`${where}: ${k} is only allowed with failback 'auto', got failback "none"`);
      }
    }
    this.failbackDelay = config.failbackDelay === undefined ? zero : requireSampler(where, 'failbackDelay', config.failbackDelay);
    this.failbackOutage = config.failbackOutage === undefined ? zero : requireSampler(where, 'failbackOutage', config.failbackOutage);
    const clocks = config.failureProcesses ?? [];
    if (!Array.isArray(clocks) || clocks.length > this.replicas.length) {
      throw new ConfigError(`${where}: failureProcesses must be an array of at most ${this.replicas.length} entries, got ${String(clocks)}`);
    }
    this.clocks = clocks;

    this.replicas.forEach((r, i) => {
      r.onChange((rep, prev) => {
        if ((prev === 'down') === !rep.isUp) return; // only up <-> down matters
        if (rep.isUp) this.replicaUp(i);
        else this.replicaDown(i);
      });
    });
    this.applyIdle();
    if (!(this.replicas[HOME] as Replica).isUp) this.primaryFailed();
    else this.update();
  }

  /** What the group is doing now. */
  get phase(): ActivePassivePhase {
    return this._phase;
  }
  /** The replica designated primary (serving, or dead and not yet detected), or null. */
  get primary(): Replica | null {
    return this._primary >= 0 ? (this.replicas[this._primary] as Replica) : null;
  }
  /** Failovers attempted since the last reset (detections with a standby up to promote). */
  get failovers(): number {
    return this._failovers;
  }
  /** Failovers that did not work (probability 1 − coverage) and needed manual recovery. */
  get failedFailovers(): number {
    return this._failedFailovers;
  }
  /** Detected primary failures with no standby up. */
  get noStandbyFailures(): number {
    return this._noStandby;
  }
  /** Switches back to the original primary (failback 'auto'). */
  get failbacks(): number {
    return this._failbacks;
  }
  /** Detected primary failures after which service was restored, since the last reset. */
  get restorations(): number {
    return this.restoreCount;
  }
  /**
   * Mean failover time: from the primary's failure to service restored, over the detected
   * failures whose service was restored since the last reset (whatever the path: automatic
   * failover, manual recovery, or waiting for a repair). NaN if none.
   */
  meanFailoverTime(): number {
    return this.restoreCount > 0 ? this.restoreSum / this.restoreCount : NaN;
  }

  resetStats(): void {
    this._failovers = 0;
    this._failedFailovers = 0;
    this._noStandby = 0;
    this._failbacks = 0;
    this.restoreCount = 0;
    this.restoreSum = 0;
  }

  // ---- events -------------------------------------------------------------------------

  /** @internal Detection of the primary's failure. */
  _detected(): void {
    this.actionHandle = -1;
    this.missStart = NaN;
    this._primary = -1;
    const s = this.firstUp(-1);
    if (s < 0) {
      this._noStandby++;
      this._phase = 'waiting';
    } else {
      this._failovers++;
      const works = this.coverage >= 1 ? true : this.coverage <= 0 ? false : (this.coverageRng as Rng)() < this.coverage;
      if (works) this.startPromotion(s);
      else {
        this._failedFailovers++;
        this._phase = 'manual';
        const d = drawDuration(this.where, 'manualRecovery', this.manualRecovery, false);
        this.actionHandle = this.sim.schedule(d, onManualDone, this, Priority.REPAIR);
      }
    }
    this.applyIdle();
    this.update();
  }

  /** @internal End of a promotion. */
  _promoted(): void {
    this.actionHandle = -1;
    this.becomePrimary(this.target);
  }

  /** @internal End of a manual recovery. */
  _manualDone(): void {
    this.actionHandle = -1;
    const s = this.firstUp(-1);
    if (s >= 0) this.becomePrimary(s);
    else {
      this._phase = 'waiting';
      this.update();
    }
  }

  /** @internal The failback delay has elapsed. */
  _failbackStart(): void {
    this.failbackHandle = -1;
    const home = this.replicas[HOME] as Replica;
    if (this._phase !== 'serving' || this._primary === HOME || !home.isUp) return;
    const d = drawDuration(this.where, 'failbackOutage', this.failbackOutage, false);
    this.failbackFrom = this._primary;
    this._phase = 'failback';
    this._primary = -1;
    this.target = HOME;
    this.actionHandle = this.sim.schedule(d, onFailbackDone, this, Priority.REPAIR);
    this.applyIdle();
    this.update();
  }

  /** @internal End of the failback switch. */
  _failbackDone(): void {
    this.actionHandle = -1;
    this._failbacks++;
    const from = this.failbackFrom;
    this.failbackFrom = -1;
    const next = (this.replicas[HOME] as Replica).isUp ? HOME : (this.replicas[from] as Replica).isUp ? from : this.firstUp(-1);
    if (next >= 0) {
      this.episodeStart = NaN; // a planned switch, not a failure
      this.becomePrimary(next);
    } else {
      this._phase = 'waiting';
      this.applyIdle();
      this.update();
    }
  }

  // ---- replica changes ----------------------------------------------------------------

  private replicaDown(i: number): void {
    const phase = this._phase;
    if (i === this._primary && phase === 'serving') {
      this.primaryFailed();
      return;
    }
    if (phase === 'promoting' && i === this.target) {
      // The standby being promoted failed: promote the next one up, or wait.
      this.sim.cancel(this.actionHandle);
      this.actionHandle = -1;
      const s = this.firstUp(i);
      if (s >= 0) this.startPromotion(s);
      else this._phase = 'waiting';
      this.applyIdle();
      this.update();
      return;
    }
    if (i === HOME && this.failbackHandle >= 0) {
      this.sim.cancel(this.failbackHandle);
      this.failbackHandle = -1;
    }
  }

  private replicaUp(i: number): void {
    const phase = this._phase;
    if (phase === 'detecting' && i === this._primary) {
      // Back before detection: no failover.
      this.sim.cancel(this.actionHandle);
      this.actionHandle = -1;
      this.lastRecovery = this.sim.now;
      this.episodeStart = NaN;
      this._phase = 'serving';
      this.update();
      return;
    }
    if (phase === 'waiting') {
      this.startPromotion(i);
      this.applyIdle();
      this.update();
      return;
    }
    if (phase === 'serving') this.maybeScheduleFailback();
    this.applyIdle();
  }

  // ---- helpers --------------------------------------------------------------------------

  private primaryFailed(): void {
    this._phase = 'detecting';
    this.episodeStart = this.sim.now;
    const d = this.detection;
    if (this.failbackHandle >= 0) {
      this.sim.cancel(this.failbackHandle);
      this.failbackHandle = -1;
    }
    let at: number;
    const now = this.sim.now;
    if (d.kind === 'fixed') at = now + d.delay;
    else if (d.kind === 'random') at = now + drawDuration(this.where, 'detection.delay', d.delay, false);
    else {
      const phase = d.phase ?? 0;
      const firstBeatAtOrAfter = (t: number): number => phase + Math.max(0, Math.ceil((t - phase) / d.interval - 1e-9)) * d.interval;
      // Keep the missed count if no heartbeat was received since the last recovery.
      const keep = Number.isFinite(this.missStart) && Number.isFinite(this.lastRecovery) && firstBeatAtOrAfter(this.lastRecovery) >= now;
      if (!keep) this.missStart = firstBeatAtOrAfter(now);
      at = this.missStart + (d.missed - 1) * d.interval;
    }
    this.actionHandle = this.sim.scheduleAt(Math.max(now, at), onDetected, this, Priority.MONITOR);
    this.update();
  }

  private startPromotion(s: number): void {
    this._phase = 'promoting';
    this.target = s;
    let d = drawDuration(this.where, 'promotionDelay', this.promotionDelay, false);
    if (this.standby !== 'hot') d += drawDuration(this.where, 'startupDelay', this.startupDelay, false);
    this.actionHandle = this.sim.schedule(d, onPromoted, this, Priority.REPAIR);
  }

  private becomePrimary(i: number): void {
    this._primary = i;
    this.target = -1;
    this._phase = 'serving';
    this.missStart = NaN;
    this.lastRecovery = NaN;
    if (Number.isFinite(this.episodeStart)) {
      this.restoreCount++;
      this.restoreSum += this.sim.now - this.episodeStart;
    }
    this.episodeStart = NaN;
    this.applyIdle();
    this.update();
    this.maybeScheduleFailback();
  }

  private maybeScheduleFailback(): void {
    if (this.failback !== 'auto' || this._phase !== 'serving' || this._primary === HOME || this.failbackHandle >= 0) return;
    if (!(this.replicas[HOME] as Replica).isUp) return;
    const d = drawDuration(this.where, 'failbackDelay', this.failbackDelay, false);
    this.failbackHandle = this.sim.schedule(d, onFailbackStart, this, Priority.NORMAL);
  }

  /** The first up replica (by index) other than `except` and the current primary, or -1. */
  private firstUp(except: number): number {
    for (let i = 0; i < this.replicas.length; i++) {
      if (i !== except && i !== this._primary && (this.replicas[i] as Replica).isUp) return i;
    }
    return -1;
  }

  /** Cold standbys: only the primary's failure clock runs (while serving, detecting or failing back). */
  private applyIdle(): void {
    if (this.standby !== 'cold') return;
    const active = this._phase === 'failback' ? this.failbackFrom : this._primary;
    this.clocks.forEach((c, i) => {
      if (c === undefined) return;
      if (i === active) c.resume();
      else c.pause();
    });
  }

  private update(): void {
    const phase = this._phase;
    const available = phase === 'serving';
    const p = this._primary;
    const primary = p >= 0 && (phase === 'serving' || phase === 'detecting') ? (this.replicas[p] as Replica) : null;
    const prev = this.routableCache;
    const changed = primary === null ? prev.length !== 0 : prev.length !== 1 || prev[0] !== primary;
    if (changed) this.routableCache = primary === null ? [] : [primary];
    if (changed || available !== this._available) {
      this._available = available;
      this.listeners.emit();
    }
  }

  private checkDetection(d: FailureDetection): FailureDetection {
    const where = this.where;
    const kind = requireOneOf(where, 'detection.kind', (d as { kind?: unknown }).kind, ['fixed', 'random', 'heartbeat'] as const);
    if (kind === 'fixed') {
      const fd = d as Extract<FailureDetection, { kind: 'fixed' }>;
      return { kind, delay: requireNonNegative(where, 'detection.delay', fd.delay) };
    }
    if (kind === 'random') {
      const rd = d as Extract<FailureDetection, { kind: 'random' }>;
      return { kind, delay: requireSampler(where, 'detection.delay', rd.delay) };
    }
    const hb = d as Extract<FailureDetection, { kind: 'heartbeat' }>;
    const interval = requirePositive(where, 'detection.interval', hb.interval);
    const missed = requireInteger(where, 'detection.missed', hb.missed, 1);
    const phase = hb.phase === undefined ? 0 : requireNonNegative(where, 'detection.phase', hb.phase);
    if (phase >= interval) throw new ConfigError(`${where}: detection.phase must be < interval ${interval}, got ${phase}`);
    return { kind, interval, missed, phase };
  }
}
