// What the replica groups keep the same way: the cached array of routable replicas, the
// `available` flag and the `onChange` listeners, with the ReplicaGroup accessors that expose them.
// A subclass updates `routableCache` and `_available`, then calls `listeners.emit()`.
import type { Replica } from '../replica.js';
import { ChangeListeners } from './change-listeners.js';

export abstract class ReplicaGroupBase {
  protected readonly listeners = new ChangeListeners();
  protected routableCache: readonly Replica[] = [];
  protected _available: boolean;

  /** `available`: the flag's value until the subclass first sets it. */
  protected constructor(available: boolean) {
    this._available = available;
  }

  get available(): boolean {
    return this._available;
  }

  routable(): readonly Replica[] {
    return this.routableCache;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }
}
