// The mmc model's optional hooks: metric specs and the warning of a queue that cannot be stable.
// theory_* columns are exact values (the same in every run), so they get a range and a
// direction but never a rare-event rule; levels and volumes get a plain range.
import type { MetricSpec } from '../src/base/metric-spec.js';
import type { RunShape } from '../src/base/run-shape.js';
import { distMean, type DistSpec } from '../src/random/index.js';
import { plain } from './common/metric-specs.js';
import { fmt, fmtDuration, fmtRate, plural } from './common/format.js';
import type { MmcParams } from './mmc.js';

const SPECS: Readonly<Record<string, MetricSpec>> = {
  arrivals_count: plain('nonneg'),
  completed_count: plain('nonneg'),
  throughput_per_s: plain('nonneg'),
  blocked_count: { range: 'nonneg', better: 'lower', rare: { events: 'blocked_count', exposure: 'run', perEvent: 'finite_queue', scale: 1, side: 'high', event: 'blocked arrival' } },
  finite_queue: plain('nonneg'),
  // No blocked arrival among N: ≤ 300/N % (rule of three); with an unlimited queue, exactly 0.
  blocking_pct: { range: 'pct', better: 'lower', rare: { events: 'blocked_count', exposure: 'arrivals_count', perEvent: 'finite_queue', scale: 100, side: 'high', event: 'blocked arrival' } },
  utilisation_pct: plain('pct'),
  mean_in_system: plain('nonneg', 'lower'),
  mean_wait_s: plain('nonneg', 'lower'),
  mean_sojourn_s: plain('nonneg', 'lower'),
  theory_mean_wait_s: plain('nonneg', 'lower'),
  theory_mean_sojourn_s: plain('nonneg', 'lower'),
  theory_blocking_pct: plain('pct', 'lower'),
  theory_utilisation_pct: plain('pct'),
  // Time series.
  in_system_count: plain('nonneg'),
  busy_servers_count: plain('nonneg'),
};

export function mmcMetricSpec(metric: string): MetricSpec | undefined {
  return SPECS[metric];
}

/** λ ≥ c·μ with an unlimited queue: no steady state (a bounded queue is always stable; it blocks). */
export function mmcWarnings(p: MmcParams, _run: RunShape): string[] {
  if (p.queueCapacity !== 'unlimited') return [];
  const meanS = distMean(p.serviceTime as DistSpec);
  const capacity = p.servers / meanS;
  if (p.arrivalRate < capacity) return [];
  return [
    `arrival rate ${fmtRate(p.arrivalRate)} is at or above the capacity ${fmtRate(capacity)} of ${plural(p.servers, 'server')} ` +
      `(mean service time ${fmtDuration(meanS)}, ρ = ${fmt(p.arrivalRate / capacity)}): the queue cannot be stable; ` +
      'waiting and sojourn times grow with the run length and the theory_* columns are NaN',
  ];
}
