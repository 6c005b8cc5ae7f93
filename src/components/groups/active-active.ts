// Active-active replicas behind a load balancer: every replica in rotation receives traffic.
//
// Rotation. Without health checks the balancer knows the true state at once: a replica is in
// rotation exactly while it is up (slow and erroring replicas are up). With health checks,
// each replica is probed at times phase + k·interval; a probe fails iff the replica is down at
// that instant (probes run with the MONITOR priority, after failures and repairs of the same
// instant). `unhealthyThreshold` consecutive failed probes take the replica out of rotation,
// `healthyThreshold` consecutive passed probes put it back. So a dead replica keeps receiving
// traffic until detected, and a repaired one idles until re-admitted. Probes are simulated
// only while they can change something (the probed state disagrees with the rotation, or a
// count is in progress), so a year with health checks costs a few events per failure.
//
// Availability (`available`, the basis of time availability) uses the TRUE ability to serve:
// at least `minHealthy` replicas that are both in rotation and up. A dead replica still in
// rotation does not count (requests sent to it fail; request-level metrics see that), nor
// does an up replica not yet re-admitted.
//
// Concealed failures (imperfect coverage, imperfect-coverage.ts): `conceal(replica, until)`
// before a replica goes down hides that failure from the balancer and the health checks until
// `until`: the dead replica stays in rotation (probes pass), then leaves it at once. It never
// counts as serving.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import type { ReplicaGroup } from '../replica-group.js';
import { ReplicaGroupBase } from './replica-group-base.js';
import { requireName, requireRng } from '../failure/config-checks.js';
import { requireInteger, requireNonNegative, requirePositive } from '../../stats/validate.js';
import { ConfigError } from '../../base/config-error.js';

export interface HealthCheckConfig {
  /** Seconds between two probes of the same replica (> 0). */
  readonly interval: number;
  /** Consecutive failed probes that take a replica out of rotation (integer ≥ 1, default 3). */
  readonly unhealthyThreshold?: number;
  /** Consecutive passed probes that put a replica back in rotation (integer ≥ 1, default 2). */
  readonly healthyThreshold?: number;
  /** Offset of the probe grid in seconds, in [0, interval): probes at phase + k·interval (default 0, every replica). */
  readonly phase?: number;
  /** If given, each replica's phase is drawn uniformly in [0, interval) from this generator (overrides `phase`). */
  readonly phaseRng?: Rng;
}

export interface ActiveActiveConfig {
  /** Group name (usually the service name). */
  readonly name: string;
  /** The replicas (at least 1). */
  readonly replicas: readonly Replica[];
  /** The group is available while at least this many replicas are in rotation and up (integer in [1, n], default 1). */
  readonly minHealthy?: number;
  /** Health checks; omitted = the balancer sees failures and repairs instantly. */
  readonly healthCheck?: HealthCheckConfig;
}

interface Tracked {
  readonly group: ActiveActiveGroup;
  readonly replica: Replica;
  readonly phase: number;
  inRotation: boolean;
  /** Consecutive probes contradicting the rotation status. */
  counter: number;
  /** Index k of the next probe (at phase + k·interval). */
  k: number;
  handle: number;
  /** Until when the replica's failure is hidden (−Infinity: not hidden). */
  concealedUntil: number;
}

function onProbe(t: Tracked): void {
  t.group._probe(t);
}

function onReveal(t: Tracked): void {
  t.group._reveal(t);
}

export class ActiveActiveGroup extends ReplicaGroupBase implements ReplicaGroup {
  readonly sim: Simulation;
  readonly name: string;
  readonly replicas: readonly Replica[];
  readonly minHealthy: number = 0;
  private readonly interval: number = 0;
  private readonly unhealthyThreshold: number = 0;
  private readonly healthyThreshold: number = 0;
  private readonly checks: boolean;
  private readonly tracked: readonly Tracked[];
  private _removals = 0;

  constructor(sim: Simulation, config: ActiveActiveConfig) {
    super(false);
    this.sim = sim;
    this.name = requireName('active-active group', 'name', config.name);
    const where = `active-active group "${this.name}"`;
    if (!Array.isArray(config.replicas) || config.replicas.length === 0) {
      throw new ConfigError(`${where}: replicas must be a non-empty array, got ${String(config.replicas)}`);
    }
    this.replicas = [...config.replicas];
    this.minHealthy = config.minHealthy === undefined ? 1 : requireInteger(where, 'minHealthy', config.minHealthy, 1);
    if (this.minHealthy > this.replicas.length) {
      throw new ConfigError(`${where}: minHealthy must be <= the number of replicas ${this.replicas.length}, got ${this.minHealthy}`);
    }
    const hc = config.healthCheck;
    this.checks = hc !== undefined;
    this.interval = hc === undefined ? 0 : requirePositive(where, 'healthCheck.interval', hc.interval);
    this.unhealthyThreshold = hc?.unhealthyThreshold === undefined ? 3 : requireInteger(where, 'healthCheck.unhealthyThreshold', hc.unhealthyThreshold, 1);
    this.healthyThreshold = hc?.healthyThreshold === undefined ? 2 : requireInteger(where, 'healthCheck.healthyThreshold', hc.healthyThreshold, 1);
    let phase = 0;
    if (hc?.phase !== undefined) {
      phase = requireNonNegative(where, 'healthCheck.phase', hc.phase);
      if (phase >= this.interval) throw new ConfigError(`${where}: healthCheck.phase must be < interval ${this.interval}, got ${phase}`);
    }
    const phaseRng = hc?.phaseRng === undefined ? undefined : requireRng(where, 'healthCheck.phaseRng', hc.phaseRng);
    this.tracked = this.replicas.map((replica) => ({
      group: this,
      replica,
      phase: phaseRng === undefined ? phase : phaseRng() * this.interval,
      inRotation: replica.isUp,
      counter: 0,
      k: 0,
      handle: -1,
      concealedUntil: -Infinity,
    }));
    this.tracked.forEach((t) => {
      t.replica.onChange((r, prev) => {
        if ((prev === 'down') === !r.isUp) return; // only up <-> down matters here
        this.replicaChanged(t);
      });
    });
    this.rebuild();
  }

  /** Whether the balancer sends traffic to this replica now. */
  inRotation(replica: Replica): boolean {
    const t = this.tracked.find((x) => x.replica === replica);
    if (t === undefined) throw new RangeError(`active-active group "${this.name}": ${replica.name} is not one of its replicas`);
    return t.inRotation;
  }

  /** Replicas in rotation that are down (receiving traffic they cannot serve). */
  deadInRotation(): number {
    let n = 0;
    for (const t of this.tracked) if (t.inRotation && !t.replica.isUp) n++;
    return n;
  }

  /**
   * Hides the coming failure of `replica` until `until` (call it before the replica goes down):
   * it stays in rotation, probes pass, and at `until` it leaves rotation if still down.
   */
  conceal(replica: Replica, until: number): void {
    const t = this.trackedOf(replica);
    t.concealedUntil = until;
    this.sim.scheduleAt(Math.max(this.sim.now, until), onReveal, t, Priority.MONITOR);
  }

  /** Whether the group would stay available if `replica` went down now. */
  tolerates(replica: Replica): boolean {
    if (!this._available) return false;
    const t = this.trackedOf(replica);
    let serving = 0;
    for (const x of this.tracked) if (x.inRotation && x.replica.isUp) serving++;
    return serving - (t.inRotation && replica.isUp ? 1 : 0) >= this.minHealthy;
  }

  private trackedOf(replica: Replica): Tracked {
    const t = this.tracked.find((x) => x.replica === replica);
    if (t === undefined) throw new RangeError(`active-active group "${this.name}": ${replica.name} is not one of its replicas`);
    return t;
  }

  /** @internal The concealment of a replica's failure ends: the failure is detected now. */
  _reveal(t: Tracked): void {
    if (t.concealedUntil > this.sim.now) return; // concealed again since, a later reveal follows
    t.concealedUntil = -Infinity;
    if (!t.replica.isUp && t.inRotation) {
      t.inRotation = false;
      t.counter = 0;
      if (this.checks) this._removals++;
    }
    this.replicaChanged(t);
  }

  /** Times a health check took a replica out of rotation since the last reset. */
  get removals(): number {
    return this._removals;
  }

  resetStats(): void {
    this._removals = 0;
  }

  /** @internal A health probe of one replica. */
  _probe(t: Tracked): void {
    t.handle = -1;
    const up = t.replica.isUp || t.concealedUntil > this.sim.now;
    let changed = false;
    if (t.inRotation) {
      if (!up) {
        if (++t.counter >= this.unhealthyThreshold) {
          t.inRotation = false;
          t.counter = 0;
          this._removals++;
          changed = true;
        }
      } else t.counter = 0;
    } else if (up) {
      if (++t.counter >= this.healthyThreshold) {
        t.inRotation = true;
        t.counter = 0;
        changed = true;
      }
    } else t.counter = 0;
    if (t.counter !== 0 || t.inRotation !== t.replica.isUp) {
      t.k++;
      t.handle = this.sim.scheduleAt(Math.max(this.sim.now, t.phase + t.k * this.interval), onProbe, t, Priority.MONITOR);
    }
    if (changed) this.refresh();
  }

  private replicaChanged(t: Tracked): void {
    if (!t.replica.isUp && t.concealedUntil > this.sim.now) {
      // A hidden failure: the rotation does not change, only the true ability to serve.
      this.refresh();
      return;
    }
    if (!this.checks) {
      t.inRotation = t.replica.isUp;
      this.refresh();
      return;
    }
    if (t.handle < 0 && (t.counter !== 0 || t.inRotation !== t.replica.isUp)) {
      // First probe at or after now (a probe at this very instant runs after the change).
      const now = this.sim.now;
      t.k = Math.max(0, Math.ceil((now - t.phase) / this.interval - 1e-9));
      t.handle = this.sim.scheduleAt(Math.max(now, t.phase + t.k * this.interval), onProbe, t, Priority.MONITOR);
    }
    // The true ability to serve may have changed even if the rotation did not.
    this.refresh();
  }

  private rebuild(): boolean {
    const prevRoutable = this.routableCache;
    const prevAvailable = this._available;
    const routable: Replica[] = [];
    let serving = 0;
    for (const t of this.tracked) {
      if (!t.inRotation) continue;
      routable.push(t.replica);
      if (t.replica.isUp) serving++;
    }
    let same = routable.length === prevRoutable.length;
    for (let i = 0; same && i < routable.length; i++) same = routable[i] === prevRoutable[i];
    if (!same) this.routableCache = routable;
    this._available = serving >= this.minHealthy;
    return !same || prevAvailable !== this._available;
  }

  private refresh(): void {
    if (this.rebuild()) this.listeners.emit();
  }
}
