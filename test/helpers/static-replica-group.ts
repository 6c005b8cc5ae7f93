// A trivial ReplicaGroup for request-level tests: every replica is always routable (a down replica
// keeps receiving traffic, as if health checks never detected it); available while any replica is up.
import type { Simulation } from '../../src/engine/simulation.js';
import { Replica } from '../../src/components/replica.js';
import type { ReplicaGroup } from '../../src/components/replica-group.js';

export class StaticReplicaGroup implements ReplicaGroup {
  readonly name: string;
  readonly replicas: readonly Replica[];
  private readonly listeners: (() => void)[] = [];
  /** Replicas removed from routing by the test (by index). */
  private readonly excluded = new Set<number>();
  private cache: readonly Replica[];

  constructor(sim: Simulation, name: string, n: number) {
    this.name = name;
    this.replicas = Array.from({ length: n }, (_, i) => new Replica(sim, name, i));
    this.cache = this.replicas;
    for (const r of this.replicas) r.onChange(() => this.listeners.forEach((l) => l()));
  }

  routable(): readonly Replica[] {
    return this.cache;
  }

  get available(): boolean {
    return this.replicas.some((r) => r.isUp);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Takes replica i out of (or back into) routing, as a health check would. */
  setRoutable(i: number, routable: boolean): void {
    if (routable) this.excluded.delete(i);
    else this.excluded.add(i);
    this.cache = this.replicas.filter((r) => !this.excluded.has(r.index));
    this.listeners.forEach((l) => l());
  }
}
