// The topology model's work estimate (Model.estimateEvents): the events one run processes, from
// its rates and failure processes over the simulated time. An order of magnitude, measured on
// the shipped experiments (bench/estimate-check.ts) to be within a few × of the events counted,
// erring high.
import type { RunShape } from '../../src/base/run-shape.js';
import { distMean, type DistSpec } from '../../src/random/index.js';
import type { TopologyParams } from './schema.js';
import { expectedFailures } from './warnings.js';

/** Events per request per service visited: its arrival or call, its completion, its timers. */
const EVENTS_PER_VISIT = 4;
/** Events per call that crosses a network link: the request's arrival and the response's. */
const EVENTS_PER_HOP = 2;
/** Events per failure of a replica or zone: the failure, the repair, detection and failover steps. */
const EVENTS_PER_FAILURE = 6;

function mean(spec: unknown): number {
  const m = distMean(spec as DistSpec);
  return Number.isFinite(m) && m > 0 ? m : 0;
}

/** Requests per second entering the topology (the peak rate of a profile). */
function requestRate(w: NonNullable<TopologyParams['workload']>): number {
  if (w.clients !== undefined) return w.clients.count / Math.max(mean(w.clients.thinkTime), 1e-6);
  if (w.rate === undefined) return w.interarrival !== undefined ? 1 / mean(w.interarrival) : 0;
  const p = w.profile;
  if (p === undefined) return w.rate;
  switch (p.kind) {
    case 'steps':
      return Math.max(w.rate, ...p.steps.map((s) => s.rate));
    case 'ramp':
      return Math.max(w.rate, ...p.points.map((s) => s.rate));
    case 'spike':
      return Math.max(w.rate, p.rate);
    case 'daily':
      return w.rate * (1 + p.amplitude);
  }
}

/** Services a request visits, counting every call (a service called twice counts twice; optional calls too: an estimate errs high). */
function visits(p: TopologyParams, name: string, depth = 0): number {
  const s = p.services[name];
  if (s === undefined || depth > 64) return 1;
  let n = 1;
  for (const c of s.calls) n += visits(p, typeof c === 'string' ? c : c.service, depth + 1);
  return n;
}

/**
 * An importance-sampling run (src/components/rare-event/) simulates as many plain cycles as biased
 * ones, each a handful of failure and repair steps, and every step scans the replicas and zones:
 * counted as events of the reference speed, about 2 × 3 steps per cycle, scaled by the components.
 */
const EVENTS_PER_IS_CYCLE = 6;

/** Replicas and zones: what each step of an importance-sampling cycle scans. */
function stateComponents(p: TopologyParams): number {
  let n = Object.keys(p.zones ?? {}).length;
  for (const s of Object.values(p.services)) n += s.replicas;
  return n;
}

/** Whether a call edge from `caller` schedules network events (an edge latency, or zone latencies between placed services). */
function crossesNetwork(p: TopologyParams, caller: string, c: TopologyParams['services'][string]['calls'][number]): boolean {
  if (typeof c !== 'string' && c.latency !== undefined) return true;
  const callee = typeof c === 'string' ? c : c.service;
  return p.network !== undefined && p.services[caller]?.zones !== undefined && p.services[callee]?.zones !== undefined;
}

/** Network hops a request makes, counting every call as `visits` does. */
function hops(p: TopologyParams, name: string, depth = 0): number {
  const s = p.services[name];
  if (s === undefined || depth > 64) return 0;
  let n = 0;
  for (const c of s.calls) n += (crossesNetwork(p, name, c) ? 1 : 0) + hops(p, typeof c === 'string' ? c : c.service, depth + 1);
  return n;
}

export function topologyEstimateEvents(p: TopologyParams, run: RunShape): number {
  if (run.cycles !== undefined) return run.cycles * EVENTS_PER_IS_CYCLE * (1 + stateComponents(p) / 4);
  const horizon = run.warmup + run.duration;
  // The failure cycles of one run over its whole simulated time (the warnings' arithmetic).
  let events = EVENTS_PER_FAILURE * expectedFailures(p, { duration: horizon, warmup: 0, replications: 1 }).total;
  const fidelity = p.fidelity === 'auto' ? (p.workload !== undefined ? 'request' : 'state') : p.fidelity;
  const w = p.workload;
  if (fidelity === 'request' && w !== undefined) {
    const entry = w.target ?? Object.keys(p.services)[0] ?? '';
    // Requests from origins cross the zone matrix to the entry service too.
    const clientHops = w.origins !== undefined && p.network !== undefined ? 1 : 0;
    events += requestRate(w) * (EVENTS_PER_VISIT * visits(p, entry) + EVENTS_PER_HOP * (clientHops + hops(p, entry))) * horizon;
  }
  return events + 2 * p.faults.length + 100;
}
