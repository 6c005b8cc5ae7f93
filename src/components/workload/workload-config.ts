// The config fields open and closed workloads share (name, target, request classes, the
// [start, stop) window, stats options), checked and turned into their parts the same way.
import type { Simulation } from '../../engine/simulation.js';
import type { RequestStatsOptions } from '../../metrics/request-stats.js';
import type { Rng } from '../../random/rng.js';
import { requireConfig } from '../../base/config-error.js';
import type { Invoker } from '../service/invoker.js';
import { ClassTable, DEFAULT_CLASS, type RequestClassConfig } from './request-class.js';
import { WorkloadStats } from './workload-stats.js';

export interface SharedWorkloadConfig {
  readonly name: string;
  readonly target: Invoker;
  readonly classes?: readonly RequestClassConfig[];
  readonly classRng?: Rng;
  readonly start?: number;
  readonly stop?: number;
  readonly stats?: Omit<RequestStatsOptions, 'slo'>;
}

/** Checks the name and the target; returns how error messages name the workload. */
export function checkWorkloadTarget(config: SharedWorkloadConfig): string {
  const who = `workload ${JSON.stringify(config.name)}`;
  requireConfig(typeof config.name === 'string' && config.name.length > 0, 'workload', 'name', config.name, 'must be a non-empty string');
  requireConfig(config.target !== null && typeof config.target === 'object' && typeof config.target.invoke === 'function', who, 'target', config.target, 'must be an Invoker');
  return who;
}

export interface WorkloadParts {
  readonly classTable: ClassTable;
  /** critical[cls] = 1 iff class cls is critical. */
  readonly critical: Uint8Array;
  readonly stats: WorkloadStats;
  /** When the workload starts, seconds (≥ now). */
  readonly start: number;
  /** No request is sent at or after this time, seconds (> start). */
  readonly stop: number;
}

/** Builds the class table and the stats, and checks the [start, stop) window (default [now, ∞)). */
export function workloadParts(sim: Simulation, who: string, config: SharedWorkloadConfig): WorkloadParts {
  const classTable = new ClassTable(who, config.classes ?? [DEFAULT_CLASS], config.classRng);
  const critical = Uint8Array.from(classTable.classes, (c) => (c.critical ? 1 : 0));
  const stats = new WorkloadStats(sim.now, classTable.classes, config.stats ?? {});
  const start = config.start ?? sim.now;
  requireConfig(Number.isFinite(start) && start >= sim.now, who, 'start', start, `must be a finite time ≥ now (${sim.now})`);
  const stop = config.stop ?? Infinity;
  requireConfig(stop > start, who, 'stop', stop, `must be after start (${start})`);
  return { classTable, critical, stats, start, stop };
}
