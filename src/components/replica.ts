// A replica of a service: the unit that fails, is repaired, and serves requests. Its mode is
// derived from the reasons currently holding it (its own crash, a zone outage, a scheduled
// fault, ...), so overlapping faults compose: the replica is down while any down-reason holds,
// otherwise erroring or slow while such a degradation holds, otherwise up.
import type { Simulation } from '../engine/simulation.js';

export type ReplicaMode = 'up' | 'down' | 'slow' | 'erroring';

export type Degradation =
  | { readonly mode: 'slow'; readonly factor: number }
  | { readonly mode: 'erroring'; readonly errorRate: number };

export type ReplicaListener = (replica: Replica, previous: ReplicaMode) => void;

export class Replica {
  readonly sim: Simulation;
  readonly service: string;
  readonly index: number = 0;
  readonly zone: string | undefined;
  readonly name: string;
  private readonly downReasons = new Set<string>();
  private readonly degradations = new Map<string, Degradation>();
  private readonly listeners: ReplicaListener[] = [];
  private _mode: ReplicaMode = 'up';
  private _slowFactor = 1;
  private _errorRate = 0;

  constructor(sim: Simulation, service: string, index: number, zone?: string) {
    this.sim = sim;
    this.service = service;
    this.index = index;
    this.zone = zone;
    this.name = `${service}[${index}]`;
  }

  get mode(): ReplicaMode {
    return this._mode;
  }
  /** Able to process work (possibly slowly or with errors). */
  get isUp(): boolean {
    return this._mode !== 'down';
  }
  /** Latency multiplier while slow (1 otherwise). */
  get slowFactor(): number {
    return this._slowFactor;
  }
  /** Probability that a request fails while erroring (0 otherwise). */
  get errorRate(): number {
    return this._errorRate;
  }
  /** The reasons holding the replica down, e.g. ['crash'] or ['zone:a']. */
  get downCauses(): readonly string[] {
    return [...this.downReasons];
  }

  onChange(listener: ReplicaListener): void {
    this.listeners.push(listener);
  }

  /** Adds a reason for being down. Adding a reason already held changes nothing. */
  down(reason: string): void {
    if (this.downReasons.has(reason)) return;
    this.downReasons.add(reason);
    this.update();
  }

  /** Removes a down-reason; the replica comes back when no reason is left. */
  restore(reason: string): void {
    if (this.downReasons.delete(reason)) this.update();
  }

  degrade(reason: string, d: Degradation): void {
    this.degradations.set(reason, d);
    this.update();
  }

  undegrade(reason: string): void {
    if (this.degradations.delete(reason)) this.update();
  }

  private update(): void {
    const prev = this._mode;
    let slow = 1;
    let err = 0;
    for (const d of this.degradations.values()) {
      if (d.mode === 'slow') slow = Math.max(slow, d.factor);
      else err = Math.max(err, d.errorRate);
    }
    this._slowFactor = slow;
    this._errorRate = err;
    this._mode = this.downReasons.size > 0 ? 'down' : err > 0 ? 'erroring' : slow > 1 ? 'slow' : 'up';
    if (this._mode !== prev) for (const l of this.listeners) l(this, prev);
  }
}
