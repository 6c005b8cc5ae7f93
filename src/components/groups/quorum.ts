// A k-of-n quorum group (consensus stores, erasure-coded storage): the group serves while at
// least k of its n replicas are up (slow and erroring replicas count as up). While it serves,
// every up replica is routable; below quorum nothing is routable. A replica whose failure is
// concealed (`conceal`, imperfect coverage) stays routable while down until the concealment ends,
// but never counts towards the quorum.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Replica } from '../replica.js';
import type { ReplicaGroup } from '../replica-group.js';
import { ReplicaGroupBase } from './replica-group-base.js';
import { requireName } from '../failure/config-checks.js';
import { requireInteger } from '../../stats/validate.js';
import { ConfigError } from '../../base/config-error.js';

export interface QuorumConfig {
  /** Group name (usually the service name). */
  readonly name: string;
  /** The n replicas (n ≥ 1). */
  readonly replicas: readonly Replica[];
  /** Quorum size k, an integer in [1, n]: available while at least k replicas are up. */
  readonly k: number;
}

function onReveal(g: QuorumGroup): void {
  g._reveal();
}

export class QuorumGroup extends ReplicaGroupBase implements ReplicaGroup {
  readonly sim: Simulation;
  readonly name: string;
  readonly replicas: readonly Replica[];
  readonly k: number = 0;
  private upCount = 0;
  /** Per replica index: until when its failure is hidden (−Infinity: not hidden). */
  private readonly concealedUntil: number[];

  constructor(sim: Simulation, config: QuorumConfig) {
    super(false);
    this.sim = sim;
    this.name = requireName('quorum group', 'name', config.name);
    const where = `quorum group "${this.name}"`;
    if (!Array.isArray(config.replicas) || config.replicas.length === 0) {
      throw new ConfigError(`${where}: replicas must be a non-empty array, got ${String(config.replicas)}`);
    }
    this.replicas = [...config.replicas];
    this.concealedUntil = this.replicas.map(() => -Infinity);
    this.k = requireInteger(where, 'k', config.k, 1);
    if (this.k > this.replicas.length) {
      throw new ConfigError(`${where}: k must be <= the number of replicas ${this.replicas.length}, got ${this.k}`);
    }
    const onReplica = (r: Replica, prev: string): void => {
      if ((prev === 'down') === !r.isUp) return; // up <-> slow <-> erroring: nothing routable changes
      this.refresh();
    };
    for (const r of this.replicas) r.onChange(onReplica);
    this.rebuild();
  }

  /** Hides the coming failure of `replica` until `until` (call it before the replica goes down). */
  conceal(replica: Replica, until: number): void {
    const i = this.replicas.indexOf(replica);
    if (i < 0) throw new RangeError(`quorum group "${this.name}": ${replica.name} is not one of its replicas`);
    this.concealedUntil[i] = until;
    this.sim.scheduleAt(Math.max(this.sim.now, until), onReveal, this, Priority.MONITOR);
  }

  /** Whether the group would stay available if `replica` went down now. */
  tolerates(replica: Replica): boolean {
    return this._available && this.upCount - (replica.isUp ? 1 : 0) >= this.k;
  }

  /** @internal A concealment ended. */
  _reveal(): void {
    this.refresh();
  }

  /** Replicas up now. */
  get up(): number {
    return this.upCount;
  }

  private rebuild(): void {
    const now = this.sim.now;
    const up = this.replicas.filter((r) => r.isUp);
    this.upCount = up.length;
    this._available = up.length >= this.k;
    this.routableCache = this._available ? this.replicas.filter((r, i) => r.isUp || this.concealedUntil[i]! > now) : [];
  }

  private refresh(): void {
    this.rebuild();
    this.listeners.emit();
  }
}
