// The `topology` model: an HA topology described in the experiment file's params, simulated at
// request level (every request) or state level (only up/down processes: a year in milliseconds).
import type { Model, ModelRun, RunContext } from '../common/model.js';
import type { MetricRecord } from '../../src/base/metric-record.js';
import { topologyParams, type TopologyParams } from './schema.js';
import { buildFailures } from './build-failures.js';
import { AvailabilityMetrics } from './availability-metrics.js';
import { requiredServices } from './system-graph.js';
import { buildRequests, type EdgeWrapper, type RequestWiring } from './build-requests.js';
import { buildPipeline, type BuiltPipeline } from '../../src/components/resilience/index.js';
import type { RequestStats } from '../../src/metrics/request-stats.js';
import { DerivedMetrics } from './derived-metrics.js';
import { topologyHeadline } from './headline.js';
import { topologyMetricSpec } from './metric-specs.js';
import { topologyWarnings } from './warnings.js';
import { topologyEstimateEvents } from './estimate.js';
import { ConfigError } from '../../src/base/config-error.js';
import { theoryColumns, topologyTheory } from './theory.js';
import { ImportanceSamplingRun } from './rare-event.js';
import { ReplicaHours } from './replica-hours.js';

class StateLevelRun implements ModelRun {
  private readonly availability: AvailabilityMetrics;
  private readonly derived: DerivedMetrics;
  /** Exact values (theory.ts), the same in every run of the configuration. */
  private readonly theory: MetricRecord;

  constructor(ctx: RunContext, p: TopologyParams) {
    this.derived = new DerivedMetrics(p);
    const wiring = buildFailures(ctx, p);
    this.availability = new AvailabilityMetrics(ctx.sim, wiring, requiredServices(p), ctx.trace);
    this.replicaHours = new ReplicaHours(ctx.sim, p);
    this.theory = theoryColumns(p, topologyTheory(p) ?? { reason: '' });
  }

  private readonly replicaHours: ReplicaHours;

  resetStats(): void {
    this.availability.resetStats();
    this.replicaHours.resetStats();
  }

  sample(): MetricRecord {
    return { system_up: this.availability.systemUp ? 1 : 0 };
  }

  metrics(): MetricRecord {
    const out: MetricRecord = {};
    this.availability.metrics(out);
    this.replicaHours.metrics(out);
    this.derived.add(out);
    Object.assign(out, this.theory);
    return out;
  }
}

function prefixed(prefix: string, rec: Readonly<Record<string, number>>, out: MetricRecord): void {
  for (const [k, v] of Object.entries(rec)) out[`${prefix}${k}`] = v;
}

/** The time-window metrics of a request-level run, frozen when the measured window closes. */
interface TimeWindowParts {
  readonly availability: MetricRecord;
  /** Per service: its full record (the per-request part is replaced after the drain). */
  readonly services: ReadonlyMap<string, MetricRecord>;
  /** Per edge pipeline, in `pipelines` order. */
  readonly pipelines: readonly MetricRecord[];
  /** Messages lost per lossy call edge (`<caller>_to_<callee>_messages_lost_count`). */
  readonly lost: MetricRecord;
}

// Requests follow the arrival-window rule (docs/architect.md, "Request metrics: the arrival window"): the
// requests that arrive in [warm-up, warm-up + duration) are followed to their end by `drain`, at
// every level (the workload, and each service's view of the calls it received); time
// availability, utilisation, throughput and the event counters of services and edge policies stay
// on that time window.
class RequestLevelRun implements ModelRun {
  private readonly availability: AvailabilityMetrics;
  private readonly requests: RequestWiring;
  private readonly sim: RunContext['sim'];
  private readonly duration: number;
  /** Set by `drain`: the time-window metrics at the end of the measured window. */
  private window: TimeWindowParts | undefined;

  private readonly pipelines: { name: string; pipeline: BuiltPipeline }[] = [];
  private readonly derived: DerivedMetrics;

  constructor(ctx: RunContext, p: TopologyParams) {
    this.sim = ctx.sim;
    this.duration = ctx.duration;
    this.derived = new DerivedMetrics(p);
    const wiring = buildFailures(ctx, p);
    this.availability = new AvailabilityMetrics(ctx.sim, wiring, requiredServices(p), ctx.trace);
    const trace = ctx.trace;
    const used = new Set<string>();
    const wrap: EdgeWrapper = (edge, inner, steps) => {
      if (steps === undefined || steps.length === 0) return inner;
      // A caller that calls the same service twice gets edge names <edge>, <edge>_2, …
      let name = edge;
      for (let i = 2; used.has(name); i++) name = `${edge}_${i}`;
      used.add(name);
      const pipeline = buildPipeline(ctx.sim, inner, steps, ctx.streams, name, {
        ...(trace !== undefined
          ? { onBreakerTransition: (_p: unknown, step: number, from: string, to: string, at: number) => trace({ t: at, kind: 'breaker', edge: name, step, from, to }) }
          : {}),
      });
      this.pipelines.push({ name, pipeline });
      return pipeline.invoker;
    };
    this.requests = buildRequests(ctx, p, wiring, wrap);
    this.replicaHours = new ReplicaHours(ctx.sim, p, this.requests.autoscalers);
  }

  private readonly replicaHours: ReplicaHours;

  resetStats(): void {
    const now = this.sim.now;
    this.window = undefined;
    this.availability.resetStats();
    this.replicaHours.resetStats(now);
    this.requests.workload.stats.resetStats(now);
    for (const o of this.requests.origins) o.stats.resetStats(now);
    for (const s of this.requests.services.values()) s.resetStats(now);
    for (const { pipeline } of this.pipelines) pipeline.resetStats();
    for (const link of this.requests.lossyLinks) link.resetStats();
    this.lastSample = { t: now, offered: 0, completed: 0, succeeded: 0, sloMet: 0 };
  }

  /** Counters at the previous time-series sample (zero at the start and after a statistics reset). */
  private lastSample = { t: 0, offered: 0, completed: 0, succeeded: 0, sloMet: 0 };

  /** Values over the interval since the previous sample (not cumulative), for the time series. */
  sample(): MetricRecord {
    const now = this.sim.now;
    const w = this.requests.workload.stats.total();
    const cur = { t: now, offered: w.offered, completed: w.completed, succeeded: w.succeeded, sloMet: w.timeWindowSloMet };
    const base = this.lastSample;
    const dt = now - base.t;
    const dCompleted = cur.completed - base.completed;
    this.lastSample = cur;
    const out: MetricRecord = {
      system_up: this.availability.systemUp ? 1 : 0,
      offered_per_s: (cur.offered - base.offered) / dt,
      goodput_per_s: (cur.sloMet - base.sloMet) / dt,
      request_availability_pct: dCompleted > 0 ? (100 * (cur.succeeded - base.succeeded)) / dCompleted : NaN,
      in_flight_count: w.censored,
    };
    for (const [name, svc] of this.requests.services) out[`${name}_busy_pct`] = 100 * svc.loadSignals(true).utilisation;
    for (const [name, a] of this.requests.autoscalers) out[`${name}_replicas`] = a.count;
    return out;
  }

  /** The metrics that follow the time window, as they are now. */
  private timeWindowParts(now: number): TimeWindowParts {
    const availability: MetricRecord = {};
    this.availability.metrics(availability);
    this.replicaHours.metrics(availability, now);
    const services = new Map<string, MetricRecord>();
    for (const [name, s] of this.requests.services) services.set(name, s.record(now));
    const lost: MetricRecord = {};
    for (const link of this.requests.lossyLinks) {
      const key = `${link.name}_messages_lost_count`;
      lost[key] = (lost[key] ?? 0) + link.lost.value;
    }
    return { availability, services, pipelines: this.pipelines.map(({ pipeline }) => pipeline.metrics()), lost };
  }

  drain(until: number): void {
    const sim = this.sim;
    const end = sim.now;
    this.window = this.timeWindowParts(end);
    const stats: RequestStats[] = [...this.requests.workload.stats.byClass];
    for (const o of this.requests.origins) stats.push(...o.stats.byClass);
    for (const s of this.requests.services.values()) stats.push(s.stats);
    for (const s of stats) s.closeWindow(end);
    // Run on in steps that double from duration/1024, checking between steps whether a measured
    // request is still running (no per-event check on the request path). The run overshoots the
    // last end by less than one step, which changes no metric: later arrivals are not counted
    // and the time-window metrics are frozen.
    let step = this.duration / 1024;
    while (sim.now < until && stats.some((s) => s.censored > 0)) {
      sim.run({ until: Math.min(until, sim.now + step) });
      step *= 2;
    }
  }

  metrics(): MetricRecord {
    const now = this.sim.now;
    const window = this.window ?? this.timeWindowParts(now);
    const out: MetricRecord = { ...window.availability };
    const stats = this.requests.workload.stats;
    prefixed('', stats.record(now), out);
    const byClass = stats.classRecords(now);
    if (Object.keys(byClass).length > 1) for (const [name, rec] of Object.entries(byClass)) prefixed(`${name}_`, rec, out);
    for (const o of this.requests.origins) prefixed(`origin_${o.name}_`, o.stats.record(now), out);
    // A service's record is its time-window record with the per-request part as it is now.
    for (const [name, s] of this.requests.services) prefixed(`${name}_`, { ...window.services.get(name)!, ...s.stats.record(now) }, out);
    this.pipelines.forEach(({ name }, i) => prefixed(`${name}_`, window.pipelines[i]!, out));
    Object.assign(out, window.lost);
    this.derived.add(out);
    return out;
  }
}

export const topologyModel: Model<TopologyParams> = {
  name: 'topology',
  description:
    'An HA topology: services with replicas in zones (active-active behind a balancer, active-passive with failover, quorum), ' +
    'replica failures and repairs, imperfect detection, common-cause failures, bad deploys rolled out in waves, zone outages, scheduled faults, and optionally a workload (request level, where services may autoscale). Reports time ' +
    'availability, downtime per year, outages, failovers, replica-hours (cost), and at request level request/SLO availability, latency percentiles and errors. ' +
    'outage_length_bound_s (per service and system) is a generous bound on one outage\'s length from the parameters: mean repair + crew wait + ' +
    're-admission + failover (detection, promotion, start-up) + manual recovery if coverage < 1 + imperfect coverage (manual recovery or detection) + common-cause ttr + bad-deploy detection and rollback + zone outage + longest scheduled fault; the ' +
    "system's is its required services' largest. It bounds availability when no outage is observed.",
  params: topologyParams,
  headline: ['availability_pct', 'downtime_per_year_s', 'request_availability_pct', 'slo_availability_pct', 'latency_p99_ms'],
  headlineFor: topologyHeadline,
  metricSpec: topologyMetricSpec,
  warnings: topologyWarnings,
  estimateEvents: topologyEstimateEvents,
  theory: topologyTheory,
  estimators: ['importance-sampling'],
  build(ctx, p) {
    if (ctx.estimator !== undefined && ctx.estimator.kind === 'importance-sampling') {
      return new ImportanceSamplingRun(ctx.streams, p, ctx.estimator, theoryColumns(p, topologyTheory(p) ?? { reason: '' }));
    }
    const fidelity = p.fidelity === 'auto' ? (p.workload !== undefined ? 'request' : 'state') : p.fidelity;
    if (fidelity === 'request') {
      if (p.workload === undefined) throw new ConfigError('fidelity "request" needs a workload');
      return new RequestLevelRun(ctx, p);
    }
    return new StateLevelRun(ctx, p);
  },
};
