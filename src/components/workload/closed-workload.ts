// Closed-loop workload: `clients` users, each thinking (think-time sampler), then sending one
// request and waiting for its outcome, then thinking again. Every client starts by thinking (so
// clients are staggered). No request is sent at or after `stop`. Each client owns one reusable
// Call; one event per request.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { RequestStatsOptions } from '../../metrics/request-stats.js';
import type { Rng } from '../../random/rng.js';
import { Call } from '../service/call.js';
import { requireConfig } from '../../base/config-error.js';
import type { Invoker } from '../service/invoker.js';
import type { ClassTable, RequestClassConfig } from './request-class.js';
import { checkWorkloadTarget, workloadParts } from './workload-config.js';
import type { WorkloadStats } from './workload-stats.js';

export interface ClosedWorkloadConfig {
  /** Name (error messages, stats). */
  readonly name: string;
  /** Where requests go: the entry CallEdge, or a policy pipeline wrapping it. */
  readonly target: Invoker;
  /** Number of clients, integer ≥ 1. */
  readonly clients: number;
  /** Think-time sampler, seconds (the time between an outcome and the client's next request). */
  readonly thinkTime: () => number;
  /** Request classes (default: one critical class 'default' with no SLO). */
  readonly classes?: readonly RequestClassConfig[];
  /** Uniform stream for class choice (required with two or more classes). */
  readonly classRng?: Rng;
  /** Time at which the clients start thinking, seconds (default: now). */
  readonly start?: number;
  /** No request is sent at or after this time, seconds (default Infinity). */
  readonly stop?: number;
  /** Latency-histogram options of the stats. */
  readonly stats?: Omit<RequestStatsOptions, 'slo'>;
}

export class ClosedWorkload {
  readonly sim: Simulation;
  readonly name: string;
  readonly target: Invoker;
  readonly clients: number = 0;
  readonly classTable: ClassTable;
  readonly stats: WorkloadStats;
  private readonly thinkTime: () => number;
  private readonly stop: number = 0;
  private readonly critical: Uint8Array;

  constructor(sim: Simulation, config: ClosedWorkloadConfig) {
    const who = checkWorkloadTarget(config);
    requireConfig(Number.isInteger(config.clients) && config.clients >= 1, who, 'clients', config.clients, 'must be an integer ≥ 1');
    requireConfig(typeof config.thinkTime === 'function', who, 'thinkTime', config.thinkTime, 'must be a sampler () => seconds');
    this.sim = sim;
    this.name = config.name;
    this.target = config.target;
    this.clients = config.clients;
    this.thinkTime = config.thinkTime;
    const parts = workloadParts(sim, who, config);
    this.classTable = parts.classTable;
    this.critical = parts.critical;
    this.stats = parts.stats;
    this.stop = parts.stop;
    const start = parts.start;
    for (let i = 0; i < this.clients; i++) {
      const client = new Call();
      client.owner = this;
      client.slot = i;
      sim.post(start - sim.now + this.thinkTime(), this.onThinkDone, client, Priority.ARRIVAL);
    }
  }

  private readonly onThinkDone = (client: Call): void => {
    if (this.sim.now >= this.stop) return;
    const cls = this.classTable.pick();
    client.cls = cls;
    client.critical = this.critical[cls] === 1;
    this.stats.offer(cls);
    this.target.invoke(client, this.onDone);
  };

  private readonly onDone = (client: Call): void => {
    this.stats.complete(client);
    this.sim.post(this.thinkTime(), this.onThinkDone, client, Priority.ARRIVAL);
  };

  resetStats(now: number = this.sim.now): void {
    this.stats.resetStats(now);
  }
}
