// Common-cause failures: one event takes down every replica in its scope at once (a bad config
// push, a shared dependency, a power feed). Events come as a renewal process: the times between
// them are drawn from `interval` (exponential for the beta-factor model's Poisson events). What an
// event does to each replica in scope:
//   - without `ttr`: the replica's own failure process crashes now (`failNow`) if it is not failed
//     already, and is repaired as any crash (its crews, its ttr), then draws a fresh ttf;
//   - with `ttr`: one duration is drawn per event and every replica in scope is held down for
//     it (down-reason `<name>#<event>`), whatever its own failure process does; no crew is used.
// The beta-factor split of a member's failure rate λ into an independent part (1 − β)·λ and a
// common part β·λ is the caller's arithmetic (build-failures.ts stretches the members' ttf and
// sets the event rate); this component only runs the events.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Replica } from '../replica.js';
import type { FailureProcess } from './failure-process.js';
import { drawDuration, requireName, requireSampler } from './config-checks.js';
import { ConfigError } from '../../base/config-error.js';

export interface CommonCauseConfig {
  /** Name used in errors and in the down-reasons. */
  readonly name: string;
  /** Time between events, seconds (> 0 on average; Infinity = no more events). */
  readonly interval: () => number;
  /** The replicas in scope; with no `ttr`, each with the failure process it crashes. */
  readonly members: readonly { readonly replica: Replica; readonly process?: FailureProcess }[];
  /** Outage duration of all members at once; omitted = each member's own repair. */
  readonly ttr?: () => number;
}

function onEvent(c: CommonCause): void {
  c._event();
}

function onHoldEnd(h: { readonly cause: CommonCause; readonly reason: string }): void {
  h.cause._release(h.reason);
}

export class CommonCause {
  readonly sim: Simulation;
  readonly name: string;
  private readonly interval: () => number;
  private readonly members: CommonCauseConfig['members'];
  private readonly ttr: (() => number) | undefined;
  private readonly where: string;
  private sequence = 0;
  private _events = 0;

  constructor(sim: Simulation, config: CommonCauseConfig) {
    this.sim = sim;
    this.name = requireName('common cause', 'name', config.name);
    this.where = `common cause "${this.name}"`;
    this.interval = requireSampler(this.where, 'interval', config.interval);
    this.ttr = config.ttr === undefined ? undefined : requireSampler(this.where, 'ttr', config.ttr);
    if (!Array.isArray(config.members) || config.members.length === 0) {
      throw new ConfigError(`${this.where}: members must be a non-empty array`);
    }
    if (this.ttr === undefined) {
      const lacking = config.members.find((m) => m.process === undefined);
      if (lacking !== undefined) throw new ConfigError(`${this.where}: ${lacking.replica.name} has no failure process to crash; give a ttr`);
    }
    this.members = [...config.members];
    this.next();
  }

  /** Events since the last reset. */
  get events(): number {
    return this._events;
  }

  resetStats(): void {
    this._events = 0;
  }

  /** @internal */
  _event(): void {
    this._events++;
    if (this.ttr !== undefined) {
      const d = drawDuration(this.where, 'ttr', this.ttr, false);
      const reason = `${this.name}#${++this.sequence}`;
      for (const m of this.members) m.replica.down(reason);
      this.sim.schedule(d, onHoldEnd, { cause: this, reason }, Priority.REPAIR);
    } else {
      for (const m of this.members) m.process!.failNow();
    }
    this.next();
  }

  /** @internal */
  _release(reason: string): void {
    for (const m of this.members) m.replica.restore(reason);
  }

  private next(): void {
    const d = drawDuration(this.where, 'interval', this.interval, true);
    if (d !== Infinity) this.sim.schedule(d, onEvent, this, Priority.FAILURE);
  }
}
