// Wires the request side of a topology on top of its failure wiring: one Service per service
// (its replica group, a balancer, replica servers), call edges between services (with the
// caller's timeout and, when given, a policy pipeline, and its network link: build-network.ts),
// and the workload at the entry service (from its origin zones when `workload.origins` is given).
import type { RunContext } from '../common/model.js';
import { Service, CallEdge, Autoscaler, type Invoker } from '../../src/components/service/index.js';
import { serviceBalancer } from './build-balancer.js';
import type { Locality } from '../../src/components/balancer/index.js';
import type { NetworkLink } from '../../src/components/network/index.js';
import {
  OpenWorkload,
  ClosedWorkload,
  StepRate,
  RampRate,
  DailyRate,
  spikeRate,
  ClientOrigins,
  ClassTable,
  DEFAULT_CLASS,
  WorkloadStats,
  type RateProfile,
  type RequestClassConfig,
} from '../../src/components/workload/index.js';
import { makeSampler, type DistSpec } from '../../src/random/index.js';
import { LoadShedder, Brownout, OutlierDetector, parsePipeline, type PipelineSpec } from '../../src/policies/index.js';
import type { FailureWiring } from './build-failures.js';
import type { TopologyParams } from './schema.js';
import { entryService } from './system-graph.js';
import { buildNetwork } from './build-network.js';
import { originGroups } from './origins.js';
import type { Rng } from '../../src/random/index.js';

/** Wraps an edge's invoker with its policy pipeline (identity when the edge has none). */
export type EdgeWrapper = (edgeName: string, inner: Invoker, policies: PipelineSpec | undefined) => Invoker;

export interface RequestWiring {
  readonly services: ReadonlyMap<string, Service>;
  readonly workload: OpenWorkload | ClosedWorkload;
  /** The autoscaler of each service with an `autoscaling` section. */
  readonly autoscalers: ReadonlyMap<string, Autoscaler>;
  /** The network links of the call edges that lose messages (`loss` > 0). */
  readonly lossyLinks: readonly NetworkLink[];
  /** The requests of each origin key (`workload.origins`), when there are two or more. */
  readonly origins: readonly { readonly name: string; readonly stats: WorkloadStats }[];
}

type Workload = NonNullable<TopologyParams['workload']>;

export function rateProfile(w: Workload): number | RateProfile {
  const base = w.rate!;
  const p = w.profile;
  if (p === undefined) return base;
  switch (p.kind) {
    case 'steps':
      return new StepRate({ initial: base, steps: p.steps.map((s) => ({ at: s.at, rate: s.rate })) });
    case 'ramp':
      return new RampRate(p.points.map((s) => ({ at: s.at, rate: s.rate })));
    case 'spike':
      return spikeRate({ base, peak: p.rate, at: p.at, duration: p.for });
    case 'daily':
      return new DailyRate({ mean: base, amplitude: p.amplitude * base, peakAt: p.peakAt }); // amplitude is relative in the file
  }
}

const localityOf = (locality: Locality | undefined): { locality?: Locality } => (locality !== undefined ? { locality } : {});

/** Services in an order where every callee comes before its callers. */
function calleesFirst(p: TopologyParams): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const c of p.services[n]!.calls) visit(typeof c === 'string' ? c : c.service);
    order.push(n);
  };
  for (const n of Object.keys(p.services)) visit(n);
  return order;
}

export function buildRequests(ctx: RunContext, p: TopologyParams, failures: FailureWiring, wrap: EdgeWrapper): RequestWiring {
  const { sim, streams } = ctx;
  const network = buildNetwork(ctx, p, failures);
  const services = new Map<string, Service>();
  const autoscalers = new Map<string, Autoscaler>();
  const lossyLinks: NetworkLink[] = [];
  // Each service has one entry: a call edge, wrapped in its admission pipeline (bulkhead, rate
  // limiter) shared by all its callers. A caller's timeout and policies wrap that entry.
  const entries = new Map<string, Invoker>();
  // The edge's own timeout is the innermost step of its pipeline (a per-attempt timeout), so
  // that its timeouts are counted under the edge's name like every other policy's.
  const callerEdge = (caller: string, callee: string, timeout: number | undefined, cancelOnTimeout: boolean, policies: PipelineSpec | undefined): Invoker => {
    const steps: PipelineSpec = [...(policies ?? []), ...(timeout !== undefined ? parsePipeline([{ type: 'timeout', timeout, cancelOnTimeout }]) : [])];
    return wrap(caller === 'client' ? 'client' : `${caller}_to_${callee}`, entries.get(callee)!, steps);
  };
  for (const name of calleesFirst(p)) {
    const s = p.services[name]!;
    const group = failures.services.get(name)!.group;
    const calls = s.calls.map((c, i) => {
      const callee = typeof c === 'string' ? c : c.service;
      const target =
        typeof c === 'string' ? callerEdge(name, callee, undefined, false, undefined) : callerEdge(name, callee, c.timeout, c.cancelOnTimeout, c.policies);
      const link = network.link(name, i, c, callee);
      if (link !== undefined && link.loss > 0) lossyLinks.push(link);
      return { name: callee, target, optional: typeof c !== 'string' && c.optional, ...(link !== undefined ? { link } : {}) };
    });
    const service = new Service(sim, {
      name,
      group,
      balancer: serviceBalancer(s, streams.stream(`${name}.balancer`)),
      capacity: s.capacity,
      queueCapacity: s.queue === 'unlimited' ? Infinity : s.queue,
      serviceTime: makeSampler(s.serviceTime as DistSpec, streams.stream(`${name}.service`)),
      latencyPerConcurrent: s.latencyPerConcurrent,
      errorProbability: s.errorRate,
      errorRng: streams.stream(`${name}.errors`),
      calls,
      callMode: s.callMode,
      ...localityOf(network.locality(name)),
      ...(s.loadShedding != null ? { shedder: new LoadShedder(s.loadShedding) } : {}),
      ...(s.brownout != null ? { brownout: new Brownout(s.brownout, sim.now) } : {}),
      ...(s.outlierDetection != null
        ? {
            outlierDetector: new OutlierDetector(s.outlierDetection, [...Array(group.replicas.length).keys()], {
              startTime: sim.now,
              rng: streams.stream(`${name}.outlier`),
            }),
          }
        : {}),
    });
    services.set(name, service);
    const a = s.autoscaling;
    if (a !== undefined) {
      const processes = failures.services.get(name)!.processes;
      autoscalers.set(
        name,
        new Autoscaler(sim, service, {
          min: a.min,
          max: a.max,
          metric: a.metric,
          target: a.target,
          interval: a.interval,
          window: a.window ?? a.interval,
          cooldown: a.cooldown,
          tolerance: a.tolerance,
          provisioning: makeSampler(a.provisioning as DistSpec, streams.stream(`${name}.provisioning`)),
          scaleOutStep: a.scaleOutStep,
          scaleInStep: a.scaleInStep,
          initial: s.replicas,
          ...(processes.length > 0 ? { onStart: (r) => processes[r.index]!.resume(), onStop: (r) => processes[r.index]!.pause() } : {}),
        }),
      );
    }
    entries.set(name, wrap(`${name}_admission`, new CallEdge(sim, service, { cancelOnAbandon: false }), s.admission));
  }

  const w = p.workload!;
  const classes: RequestClassConfig[] | undefined =
    w.classes === undefined
      ? undefined
      : Object.entries(w.classes).map(([name, c]) => ({
          name,
          share: c.share,
          criticality: c.critical ? 'critical' : 'optional',
          ...(c.slo !== undefined ? { slo: c.slo } : {}),
        }));
  const classPart = classes !== undefined ? { classes, classRng: streams.stream('workload.class') } : {};
  const entry = entryService(p);
  const edge = callerEdge('client', entry, w.timeout, false, w.policies);
  // Requests with origins carry the origin link through the client's policies to the entry edge;
  // with two origin keys or more, each key's requests are counted apart.
  const originLink = network.origins(entry);
  const groupNames = originGroups(p);
  const originStats = groupNames.length > 1 ? originStatsOf(sim.now, groupNames, classPart) : [];
  const groups = originStats.length > 0 && originLink !== undefined ? { groups: { groupOf: originLink.groupOf, stats: originStats.map((o) => o.stats) } } : {};
  const target = originLink === undefined ? edge : new ClientOrigins(edge, { link: originLink.link, shares: originLink.shares, rng: streams.stream('workload.origin'), ...groups });
  const workload =
    w.clients !== undefined
      ? new ClosedWorkload(sim, {
          name: 'workload',
          target,
          clients: w.clients.count,
          thinkTime: makeSampler(w.clients.thinkTime as DistSpec, streams.stream('workload.think')),
          ...classPart,
        })
      : w.interarrival !== undefined
        ? new OpenWorkload(sim, {
            name: 'workload',
            target,
            interarrival: makeSampler(w.interarrival as DistSpec, streams.stream('workload.arrivals')),
            ...classPart,
          })
        : new OpenWorkload(sim, { name: 'workload', target, rate: rateProfile(w), arrivalRng: streams.stream('workload.arrivals'), ...classPart });
  return { services, workload, autoscalers, lossyLinks, origins: originStats };
}

/** Statistics per origin group, with the workload's request classes. */
function originStatsOf(now: number, names: readonly string[], classPart: { classes?: RequestClassConfig[]; classRng?: Rng }): { name: string; stats: WorkloadStats }[] {
  const classes = new ClassTable('workload', classPart.classes ?? [DEFAULT_CLASS], classPart.classRng).classes;
  return names.map((name) => ({ name, stats: new WorkloadStats(now, classes) }));
}
