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
//      heartbeat (failure-detection.ts). If the primary comes back before detection, nothing
//      else happens (the outage is short). Until detection the dead primary stays routable.
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
// keeps receiving requests until detected), [] otherwise. The config and its checks are in
// active-passive-config.ts. The rest is one state machine whose transitions read together, hence
// the file's length, over 350 lines.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import type { ReplicaGroup } from '../replica-group.js';
import { ReplicaGroupBase } from './replica-group-base.js';
import { drawDuration } from '../failure/config-checks.js';
import { resolveActivePassiveConfig, type ActivePassiveConfig, type FailbackPolicy, type FailureClock, type StandbyKind } from './active-passive-config.js';
import { FailureDetector } from './failure-detection.js';

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

const HOME = 0;

/** What the group is doing, with the data of that phase. */
type PhaseState =
  | { readonly phase: 'serving' | 'detecting' | 'manual' | 'waiting' }
  /** The standby `target` is being promoted. */
  | { readonly phase: 'promoting'; readonly target: number }
  /** Switching back to the original primary from the replica `from`. */
  | { readonly phase: 'failback'; readonly from: number };

const SERVING: PhaseState = { phase: 'serving' };
const DETECTING: PhaseState = { phase: 'detecting' };
const MANUAL: PhaseState = { phase: 'manual' };
const WAITING: PhaseState = { phase: 'waiting' };

export class ActivePassiveGroup extends ReplicaGroupBase implements ReplicaGroup {
  readonly sim: Simulation;
  readonly name: string;
  readonly replicas: readonly Replica[];
  readonly standby: StandbyKind;
  readonly failback: FailbackPolicy;
  private readonly where: string;
  private readonly detector: FailureDetector;
  private readonly startupDelay: () => number;
  private readonly promotionDelay: () => number;
  private readonly coverage: number = 0;
  private readonly coverageRng: Rng | undefined;
  private readonly manualRecovery: () => number;
  private readonly failbackDelay: () => number;
  private readonly failbackOutage: () => number;
  private readonly clocks: readonly (FailureClock | undefined)[];

  private state: PhaseState = SERVING;
  private _primary = HOME;
  private actionHandle = -1;
  private failbackHandle = -1;
  private episodeStart = NaN;

  private _failovers = 0;
  private _failedFailovers = 0;
  private _noStandby = 0;
  private _failbacks = 0;
  private restoreCount = 0;
  private restoreSum = 0;

  constructor(sim: Simulation, config: ActivePassiveConfig) {
    super(true);
    const c = resolveActivePassiveConfig(config);
    this.sim = sim;
    this.name = c.name;
    this.where = c.where;
    this.replicas = c.replicas;
    this.standby = c.standby;
    this.startupDelay = c.startupDelay;
    this.detector = new FailureDetector(c.where, c.detection);
    this.promotionDelay = c.promotionDelay;
    this.coverage = c.coverage;
    this.coverageRng = c.coverageRng;
    this.manualRecovery = c.manualRecovery;
    this.failback = c.failback;
    this.failbackDelay = c.failbackDelay;
    this.failbackOutage = c.failbackOutage;
    this.clocks = c.clocks;

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
    return this.state.phase;
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
    this.detector.detected();
    this._primary = -1;
    const s = this.firstUp(-1);
    if (s < 0) {
      this._noStandby++;
      this.state = WAITING;
    } else {
      this._failovers++;
      const works = this.coverage >= 1 ? true : this.coverage <= 0 ? false : (this.coverageRng as Rng)() < this.coverage;
      if (works) this.startPromotion(s);
      else {
        this._failedFailovers++;
        this.state = MANUAL;
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
    const s = this.state;
    if (s.phase !== 'promoting') throw new Error(`${this.where}: a promotion ended in phase ${s.phase}`);
    this.becomePrimary(s.target);
  }

  /** @internal End of a manual recovery. */
  _manualDone(): void {
    this.actionHandle = -1;
    const s = this.firstUp(-1);
    if (s >= 0) this.becomePrimary(s);
    else {
      this.state = WAITING;
      this.update();
    }
  }

  /** @internal The failback delay has elapsed. */
  _failbackStart(): void {
    this.failbackHandle = -1;
    const home = this.replicas[HOME] as Replica;
    if (this.state.phase !== 'serving' || this._primary === HOME || !home.isUp) return;
    const d = drawDuration(this.where, 'failbackOutage', this.failbackOutage, false);
    this.state = { phase: 'failback', from: this._primary };
    this._primary = -1;
    this.actionHandle = this.sim.schedule(d, onFailbackDone, this, Priority.REPAIR);
    this.applyIdle();
    this.update();
  }

  /** @internal End of the failback switch. */
  _failbackDone(): void {
    this.actionHandle = -1;
    this._failbacks++;
    const s = this.state;
    if (s.phase !== 'failback') throw new Error(`${this.where}: a failback ended in phase ${s.phase}`);
    const from = s.from;
    const next = (this.replicas[HOME] as Replica).isUp ? HOME : (this.replicas[from] as Replica).isUp ? from : this.firstUp(-1);
    if (next >= 0) {
      this.episodeStart = NaN; // a planned switch, not a failure
      this.becomePrimary(next);
    } else {
      this.state = WAITING;
      this.applyIdle();
      this.update();
    }
  }

  // ---- replica changes ----------------------------------------------------------------

  private replicaDown(i: number): void {
    const state = this.state;
    const phase = state.phase;
    if (i === this._primary && phase === 'serving') {
      this.primaryFailed();
      return;
    }
    if (state.phase === 'promoting' && i === state.target) {
      // The standby being promoted failed: promote the next one up, or wait.
      this.sim.cancel(this.actionHandle);
      this.actionHandle = -1;
      const s = this.firstUp(i);
      if (s >= 0) this.startPromotion(s);
      else this.state = WAITING;
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
    const phase = this.state.phase;
    if (phase === 'detecting' && i === this._primary) {
      // Back before detection: no failover.
      this.sim.cancel(this.actionHandle);
      this.actionHandle = -1;
      this.detector.cameBack(this.sim.now);
      this.episodeStart = NaN;
      this.state = SERVING;
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
    this.state = DETECTING;
    this.episodeStart = this.sim.now;
    if (this.failbackHandle >= 0) {
      this.sim.cancel(this.failbackHandle);
      this.failbackHandle = -1;
    }
    this.actionHandle = this.sim.scheduleAt(this.detector.detectionTime(this.sim.now), onDetected, this, Priority.MONITOR);
    this.update();
  }

  private startPromotion(s: number): void {
    this.state = { phase: 'promoting', target: s };
    let d = drawDuration(this.where, 'promotionDelay', this.promotionDelay, false);
    if (this.standby !== 'hot') d += drawDuration(this.where, 'startupDelay', this.startupDelay, false);
    this.actionHandle = this.sim.schedule(d, onPromoted, this, Priority.REPAIR);
  }

  private becomePrimary(i: number): void {
    this._primary = i;
    this.state = SERVING;
    this.detector.newPrimary();
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
    if (this.failback !== 'auto' || this.state.phase !== 'serving' || this._primary === HOME || this.failbackHandle >= 0) return;
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
    const state = this.state;
    const active = state.phase === 'failback' ? state.from : this._primary;
    this.clocks.forEach((c, i) => {
      if (c === undefined) return;
      if (i === active) c.resume();
      else c.pause();
    });
  }

  private update(): void {
    const phase = this.state.phase;
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
}
