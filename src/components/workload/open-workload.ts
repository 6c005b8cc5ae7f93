// Open-loop workload: requests arrive whatever the system's state (no feedback), from
// - a homogeneous Poisson process (`rate`: a number of requests per second),
// - a non-homogeneous Poisson process (`rate`: a RateProfile; thinning, see rate-profile.ts), or
// - a renewal process (`interarrival`: any inter-arrival sampler, seconds).
// The first arrival comes one inter-arrival time after `start`; no arrival at or after `stop`.
// Each arrival picks its class (ClassTable, own stream), is sent to `target` and recorded in
// `stats` when it ends. One event per arrival; Call objects are pooled.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { RequestStatsOptions } from '../../metrics/request-stats.js';
import type { Rng } from '../../random/rng.js';
import type { Call } from '../service/call.js';
import { CallPool } from '../service/call-pool.js';
import { requireConfig } from '../../base/config-error.js';
import type { Invoker } from '../service/invoker.js';
import { NhppArrivals } from './nhpp.js';
import type { ClassTable, RequestClassConfig } from './request-class.js';
import type { RateProfile } from './rate-profile.js';
import { checkWorkloadTarget, workloadParts } from './workload-config.js';
import type { WorkloadStats } from './workload-stats.js';
import { expZiggurat } from '../../random/exp-ziggurat.js';

export interface OpenWorkloadConfig {
  /** Name (error messages, stats). */
  readonly name: string;
  /** Where requests go: the entry CallEdge, or a policy pipeline wrapping it. */
  readonly target: Invoker;
  /** Poisson arrivals: a constant rate per second (> 0), or a RateProfile. Give `rate` or `interarrival`. */
  readonly rate?: number | RateProfile;
  /** Renewal arrivals: inter-arrival time sampler, seconds. */
  readonly interarrival?: () => number;
  /** Uniform stream for Poisson arrivals (required with `rate`), e.g. `streams.stream('workload.arrivals')`. */
  readonly arrivalRng?: Rng;
  /** Request classes (default: one critical class 'default' with no SLO). */
  readonly classes?: readonly RequestClassConfig[];
  /** Uniform stream for class choice (required with two or more classes). */
  readonly classRng?: Rng;
  /** Time from which arrivals are generated, seconds (default: now). */
  readonly start?: number;
  /** No arrival at or after this time, seconds (default Infinity). */
  readonly stop?: number;
  /** Latency-histogram options of the stats. */
  readonly stats?: Omit<RequestStatsOptions, 'slo'>;
}

const RENEWAL = 0;
const POISSON = 1;
const NHPP = 2;

export class OpenWorkload {
  readonly sim: Simulation;
  readonly name: string;
  readonly target: Invoker;
  readonly classTable: ClassTable;
  readonly stats: WorkloadStats;
  private readonly mode: number = 0;
  private readonly lambda: number = 0;
  private readonly rng: Rng | undefined;
  private readonly sampler: (() => number) | undefined;
  private readonly nhpp: NhppArrivals | undefined;
  private readonly stop: number = 0;
  private readonly pool = new CallPool();
  private readonly critical: Uint8Array;

  constructor(sim: Simulation, config: OpenWorkloadConfig) {
    const who = checkWorkloadTarget(config);
    requireConfig((config.rate === undefined) !== (config.interarrival === undefined), who, 'rate', config.rate, 'give exactly one of rate or interarrival');
    this.sim = sim;
    this.name = config.name;
    this.target = config.target;
    const parts = workloadParts(sim, who, config);
    this.classTable = parts.classTable;
    this.critical = parts.critical;
    this.stats = parts.stats;
    this.stop = parts.stop;
    if (config.interarrival !== undefined) {
      requireConfig(typeof config.interarrival === 'function', who, 'interarrival', config.interarrival, 'must be a sampler () => seconds');
      this.mode = RENEWAL;
      this.sampler = config.interarrival;
      this.lambda = NaN;
    } else {
      requireConfig(typeof config.arrivalRng === 'function', who, 'arrivalRng', config.arrivalRng, 'is required with rate');
      this.rng = config.arrivalRng;
      const rate = config.rate!;
      if (typeof rate === 'number') {
        requireConfig(rate > 0 && rate < Infinity, who, 'rate', rate, 'must be a finite number of requests per second > 0');
        this.mode = POISSON;
        this.lambda = rate;
      } else {
        requireConfig(rate !== null && typeof rate === 'object' && typeof rate.rate === 'function', who, 'rate', rate, 'must be a number or a RateProfile');
        this.mode = NHPP;
        this.lambda = NaN;
        this.nhpp = new NhppArrivals(rate, config.arrivalRng!);
      }
    }
    this.scheduleFrom(parts.start);
  }

  private scheduleFrom(t: number): void {
    const next = this.mode === POISSON ? t + expZiggurat(this.rng!) / this.lambda : this.nextOther(t);
    if (next < this.stop) this.sim.post(next - this.sim.now, this.onArrival, this, Priority.ARRIVAL);
  }

  /** Next arrival time after `t` of a renewal or non-homogeneous Poisson workload. */
  private nextOther(t: number): number {
    return this.mode === RENEWAL ? t + this.sampler!() : this.nhpp!.next(t);
  }

  private readonly onArrival = (_self: OpenWorkload): void => {
    const call = this.pool.acquire();
    const cls = this.classTable.pick();
    call.cls = cls;
    call.critical = this.critical[cls] === 1;
    this.stats.offer(cls);
    this.scheduleFrom(this.sim.now);
    this.target.invoke(call, this.onDone);
  };

  private readonly onDone = (call: Call): void => {
    this.stats.complete(call);
    this.pool.release(call);
  };

  resetStats(now: number = this.sim.now): void {
    this.stats.resetStats(now);
  }
}
