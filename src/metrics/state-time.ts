// Time spent in each of a set of named states (e.g. a replica's modes up / slow / erroring /
// down), over the window since the last reset.
import type { Simulation } from '../engine/simulation.js';

export class StateTime<S extends string = string> {
  readonly sim: Simulation;
  private _state: S;
  private windowStart: number = 0;
  private lastChange: number = 0;
  private readonly totals = new Map<S, number>();
  private readonly entries = new Map<S, number>();

  constructor(sim: Simulation, initial: S) {
    this.sim = sim;
    this._state = initial;
    this.windowStart = sim.now;
    this.lastChange = sim.now;
    this.entries.set(initial, 1);
  }

  /** A StateTime following anything with a `mode` and an `onChange` (a Replica fits). */
  static watch<M extends string>(sim: Simulation, source: { readonly mode: M; onChange(l: () => void): void }): StateTime<M> {
    const st = new StateTime<M>(sim, source.mode);
    source.onChange(() => st.set(source.mode));
    return st;
  }

  get state(): S {
    return this._state;
  }

  /** The state from now on. */
  set(state: S): void {
    if (state === this._state) return;
    const now = this.sim.now;
    this.totals.set(this._state, (this.totals.get(this._state) ?? 0) + (now - this.lastChange));
    this.lastChange = now;
    this._state = state;
    this.entries.set(state, (this.entries.get(state) ?? 0) + 1);
  }

  /** Seconds spent in `state` in the window. */
  time(state: S): number {
    const t = this.totals.get(state) ?? 0;
    return state === this._state ? t + (this.sim.now - this.lastChange) : t;
  }

  /** Fraction of the window spent in `state` (for an empty window: 1 for the current state, else 0). */
  fraction(state: S): number {
    const span = this.sim.now - this.windowStart;
    if (!(span > 0)) return state === this._state ? 1 : 0;
    return this.time(state) / span;
  }

  /** Times `state` was entered in the window (the state at reset counts once). */
  entriesOf(state: S): number {
    return this.entries.get(state) ?? 0;
  }

  /** Every state seen in the window with its time, seconds. */
  times(): Map<S, number> {
    const out = new Map<S, number>();
    for (const s of this.totals.keys()) out.set(s, this.time(s));
    out.set(this._state, this.time(this._state));
    return out;
  }

  resetStats(): void {
    const now = this.sim.now;
    this.windowStart = now;
    this.lastChange = now;
    this.totals.clear();
    this.entries.clear();
    this.entries.set(this._state, 1);
  }
}
