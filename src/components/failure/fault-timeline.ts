// Scheduled faults for scenario experiments ("what if zone a goes out for 2 h at day 90?").
// Each fault starts at an absolute time `at` (seconds since the start of the run) and lasts
// `for` seconds (Infinity: never cleared). A fault hits either
//   - a zone:     { at, for, zone }                         every replica placed in it is down;
//   - replicas:   { at, for, service, replica?, mode, ... }  one replica (`replica: 0`), several
//                 (`replica: [0, 2]`) or, without `replica`, every replica of the service, with
//                 mode 'crash' (down, the default), 'slow' (latency × factor) or 'erroring'
//                 (each request fails with probability errorRate).
// Every fault uses its own reason (`fault:<i>`, i = index in the list), so faults compose with
// each other and with random failures: a replica is down while any reason holds. Faults start
// with the FAILURE priority and end with the REPAIR priority.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Replica, Degradation } from '../replica.js';
import type { Zone } from './zone.js';
import { ConfigError, quote } from '../../base/config-error.js';
import { requireDurationOrInfinity, requireName, requireOneOf } from './config-checks.js';
import { requireNonNegative } from '../../stats/validate.js';

export type ScheduledFaultMode = 'crash' | 'slow' | 'erroring';

export interface ScheduledFault {
  /** Start time, seconds since the start of the run (must not be before the timeline is created). */
  readonly at: number;
  /** Duration in seconds; Infinity = the fault is never cleared. */
  readonly for: number;
  /** Zone to take out (then `service`, `replica` and `mode` must be absent). */
  readonly zone?: string;
  /** Service whose replicas are hit (exclusive with `zone`). */
  readonly service?: string;
  /** Replica index, or indices; omitted = every replica of the service. */
  readonly replica?: number | readonly number[];
  /** What happens to the replicas (default 'crash'). */
  readonly mode?: ScheduledFaultMode;
  /** Latency multiplier > 1 for mode 'slow' (required there). */
  readonly factor?: number;
  /** Probability in (0, 1] that a request fails, for mode 'erroring' (required there). */
  readonly errorRate?: number;
}

export interface FaultTargets {
  /** Zones by name. */
  readonly zones?: ReadonlyMap<string, Zone>;
  /** Replicas of each service by service name, indexed by replica index. */
  readonly services?: ReadonlyMap<string, readonly Replica[]>;
}

interface ResolvedFault {
  readonly timeline: FaultTimeline;
  readonly index: number;
  readonly reason: string;
  readonly at: number;
  readonly duration: number;
  readonly zone: Zone | undefined;
  readonly replicas: readonly Replica[];
  readonly mode: ScheduledFaultMode;
  readonly degradation: Degradation | undefined;
  active: boolean;
}

function onFaultStart(f: ResolvedFault): void {
  f.timeline._start(f);
}
function onFaultEnd(f: ResolvedFault): void {
  f.timeline._end(f);
}

export interface FaultTimelineOptions {
  /** Name used in errors and as the prefix of the reasons (default 'fault'). */
  readonly name?: string;
}

export class FaultTimeline {
  readonly sim: Simulation;
  readonly name: string;
  private readonly faults: readonly ResolvedFault[];
  private _started = 0;

  constructor(sim: Simulation, faults: readonly ScheduledFault[], targets: FaultTargets, options: FaultTimelineOptions = {}) {
    this.sim = sim;
    this.name = options.name === undefined ? 'fault' : requireName('fault timeline', 'name', options.name);
    if (!Array.isArray(faults)) throw new ConfigError(`fault timeline "${this.name}": faults must be an array, got ${quote(faults)}`);
    this.faults = faults.map((f, i) => this.resolve(f, i, targets));
    for (const f of this.faults) sim.scheduleAt(f.at, onFaultStart, f, Priority.FAILURE);
  }

  /** Faults started since the timeline was created. */
  get started(): number {
    return this._started;
  }
  /** Indices of the faults in effect now. */
  activeFaults(): number[] {
    return this.faults.filter((f) => f.active).map((f) => f.index);
  }

  /** @internal */
  _start(f: ResolvedFault): void {
    f.active = true;
    this._started++;
    if (f.duration !== Infinity) this.sim.schedule(f.duration, onFaultEnd, f, Priority.REPAIR);
    if (f.zone !== undefined) {
      f.zone.takeDown(f.reason);
      return;
    }
    for (const r of f.replicas) {
      if (f.degradation === undefined) r.down(f.reason);
      else r.degrade(f.reason, f.degradation);
    }
  }

  /** @internal */
  _end(f: ResolvedFault): void {
    f.active = false;
    if (f.zone !== undefined) {
      f.zone.bringUp(f.reason);
      return;
    }
    for (const r of f.replicas) {
      if (f.degradation === undefined) r.restore(f.reason);
      else r.undegrade(f.reason);
    }
  }

  private resolve(f: ScheduledFault, i: number, targets: FaultTargets): ResolvedFault {
    const where = `fault timeline "${this.name}"`;
    const field = (k: string): string => `faults[${i}].${k}`;
    if (f === null || typeof f !== 'object') throw new ConfigError(`${where}: faults[${i}] must be an object, got ${quote(f)}`);
    const at = requireNonNegative(where, field('at'), f.at);
    if (at < this.sim.now) throw new ConfigError(`${where}: ${field('at')} must be >= the current time ${this.sim.now}, got ${at}`);
    const duration = requireDurationOrInfinity(where, field('for'), f.for);
    const base = { timeline: this, index: i, reason: `${this.name}:${i}`, at, duration, active: false };
    if (f.zone !== undefined) {
      for (const k of ['service', 'replica', 'mode', 'factor', 'errorRate'] as const) {
        if (f[k] !== undefined) throw new ConfigError(`${where}: ${field(k)} is not allowed with zone (a zone fault takes every replica of the zone down), got ${quote(f[k])}`);
      }
      const zone = targets.zones?.get(f.zone);
      if (zone === undefined) {
        const known = [...(targets.zones?.keys() ?? [])].join(', ') || 'none';
        throw new ConfigError(`${where}: ${field('zone')} names an unknown zone ${quote(f.zone)} (known: ${known})`);
      }
      return { ...base, zone, replicas: [], mode: 'crash', degradation: undefined };
    }
    if (f.service === undefined) throw new ConfigError(`${where}: faults[${i}] needs a zone or a service`);
    const all = targets.services?.get(f.service);
    if (all === undefined) {
      const known = [...(targets.services?.keys() ?? [])].join(', ') || 'none';
      throw new ConfigError(`${where}: ${field('service')} names an unknown service ${quote(f.service)} (known: ${known})`);
    }
    let replicas: Replica[];
    if (f.replica === undefined) replicas = [...all];
    else {
      const idx = typeof f.replica === 'number' ? [f.replica] : f.replica;
      if (!Array.isArray(idx) || idx.length === 0) throw new ConfigError(`${where}: ${field('replica')} must be a replica index or a non-empty list of indices, got ${quote(f.replica)}`);
      replicas = idx.map((k: unknown) => {
        const r = typeof k === 'number' && Number.isInteger(k) ? all[k] : undefined;
        if (r === undefined) {
          throw new ConfigError(`${where}: ${field('replica')} must be an integer in [0, ${all.length - 1}] (service "${f.service}" has ${all.length} replicas), got ${quote(k)}`);
        }
        return r;
      });
    }
    const mode = f.mode === undefined ? 'crash' : requireOneOf(where, field('mode'), f.mode, ['crash', 'slow', 'erroring'] as const);
    let degradation: Degradation | undefined;
    if (mode === 'slow') {
      if (f.errorRate !== undefined) throw new ConfigError(`${where}: ${field('errorRate')} is only allowed with mode 'erroring', got ${quote(f.errorRate)}`);
      if (!(typeof f.factor === 'number' && Number.isFinite(f.factor) && f.factor > 1)) {
        throw new ConfigError(`${where}: ${field('factor')} must be a finite number > 1 for mode 'slow', got ${quote(f.factor)}`);
      }
      degradation = { mode: 'slow', factor: f.factor };
    } else if (mode === 'erroring') {
      if (f.factor !== undefined) throw new ConfigError(`${where}: ${field('factor')} is only allowed with mode 'slow', got ${quote(f.factor)}`);
      if (!(typeof f.errorRate === 'number' && f.errorRate > 0 && f.errorRate <= 1)) {
        throw new ConfigError(`${where}: ${field('errorRate')} must be a probability in (0, 1] for mode 'erroring', got ${quote(f.errorRate)}`);
      }
      degradation = { mode: 'erroring', errorRate: f.errorRate };
    } else {
      for (const k of ['factor', 'errorRate'] as const) {
        if (f[k] !== undefined) throw new ConfigError(`${where}: ${field(k)} is not allowed with mode 'crash', got ${quote(f[k])}`);
      }
    }
    return { ...base, zone: undefined, replicas, mode, degradation };
  }
}
