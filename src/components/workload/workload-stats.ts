// End-to-end statistics of a workload, per request class (each with its own SLO), plus totals.
import { RequestStats, type RequestStatsOptions, type StatsRecord } from '../../metrics/request-stats.js';
import type { Call } from '../service/call.js';
import type { RequestClass } from './request-class.js';

export class WorkloadStats {
  readonly classes: readonly RequestClass[];
  /** Per-class statistics, in class order. */
  readonly byClass: readonly RequestStats[];

  constructor(t0: number, classes: readonly RequestClass[], options: Omit<RequestStatsOptions, 'slo'> = {}) {
    this.classes = classes;
    this.byClass = classes.map((c) => new RequestStats(t0, { ...options, slo: c.slo }));
  }

  /** A request of class `cls` was issued. */
  offer(cls: number): void {
    this.byClass[cls]!.offer();
  }

  /** A request ended (its outcome, cause and end are set). */
  complete(call: Call): void {
    this.byClass[call.cls]!.complete(call.start, call.end, call.outcome, call.degraded);
  }

  resetStats(now: number): void {
    for (const s of this.byClass) s.resetStats(now);
  }

  /** All classes together (each request judged against its own class's SLO). */
  total(): RequestStats {
    if (this.byClass.length === 1) return this.byClass[0]!;
    const t = new RequestStats(Math.min(...this.byClass.map((s) => s.startTime)));
    for (const s of this.byClass) t.addAll(s);
    return t;
  }

  /** Flat record of all classes together. */
  record(now: number): StatsRecord {
    return this.total().record(now);
  }

  /** Flat record per class, keyed by class name. */
  classRecords(now: number): Record<string, StatsRecord> {
    const out: Record<string, StatsRecord> = {};
    this.classes.forEach((c, i) => {
      out[c.name] = this.byClass[i]!.record(now);
    });
    return out;
  }
}
