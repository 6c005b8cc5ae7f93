// The `topology` model's parameters: a whole HA topology described in the experiment file.
// Everything converts to plain numbers (seconds, per second) and resolved distribution specs;
// cross-references (calls, targets, zones) are checked with paths inside `params`.
// The sections live in schema-failures.ts, schema-network.ts and schema-workload.ts; this file
// assembles them with the services and their calls, and holds the checks across sections.
import { z } from 'zod';
import { duration, int, probability } from '../common/params.js';
import { checkCommonCauses } from './common-cause-scope.js';
import { checkDeploys } from './deploy-waves.js';
import { loadShedderConfigSchema, brownoutConfigSchema, outlierDetectionConfigSchema } from '../../src/policies/index.js';
import { dist, policies } from './schema-fields.js';
import { failureSchema, healthCheckSchema, failoverSchema, coverageSchema, deploysSchema, commonCauseSchema } from './schema-failures.js';
import { networkSchema, localitySchema, zoneSchema, regionSchema, faultSchema } from './schema-network.js';
import { workloadSchema } from './schema-workload.js';
import { autoscalingSchema } from './schema-autoscaling.js';
import { checkAutoscaling } from './autoscaling-checks.js';

export const balancerSchema = z
  .union([
    z.enum(['round-robin', 'random', 'least-outstanding', 'p2c']),
    z.strictObject({
      kind: z.literal('jsq'),
      choices: int('replicas sampled per request, the least loaded wins (d: 1 is random, 2 is p2c)', 1).default(2),
    }),
  ])
  .default('round-robin')
  .meta({ description: 'load balancing across routable replicas: round-robin, random, least-outstanding, p2c, or { kind: jsq, choices: d } (join the shortest of d sampled queues)' });

export const callSchema = z
  .union([
    z.string().meta({ description: 'name of a called service' }),
    z.strictObject({
      service: z.string().meta({ description: 'name of the called service' }),
      optional: z.boolean().default(false).meta({ description: 'an optional dependency: its failure does not fail the request' }),
      timeout: duration('caller gives up after this long (server work continues unless cancelled)').optional(),
      cancelOnTimeout: z.boolean().default(false).meta({ description: 'whether the server stops work the caller abandoned' }),
      policies: policies('on this edge').optional(),
      latency: dist('one-way network latency of this edge, drawn for the request and again for the response (added to any zone latency from `network`)').optional(),
      loss: z
        .number()
        .min(0)
        .lt(1)
        .default(0)
        .meta({ description: 'probability that a call is lost (half of them the request, half the response): the caller hears nothing and times out; needs a timeout on this edge' }),
    }),
  ])
  .meta({ description: 'a downstream call' });

export const serviceSchema = z
  .strictObject({
    replicas: int('number of replicas', 1, 10_000).default(1),
    zones: z.array(z.string()).min(1).optional().meta({ description: 'zones the replicas are placed in, round-robin' }),
    mode: z.enum(['active-active', 'active-passive', 'quorum']).default('active-active').meta({ description: 'how the replicas serve' }),
    balancer: balancerSchema,
    healthCheck: healthCheckSchema.optional(),
    locality: localitySchema.optional(),
    minReplicas: int('active-active: available while at least this many replicas are up', 1).default(1),
    quorum: int('quorum mode: replicas that must be up (default: a majority)', 1).optional(),
    capacity: int('concurrent requests per replica', 1).default(1),
    queue: z.union([int('waiting requests per replica', 0), z.literal('unlimited')]).default('unlimited').meta({ description: 'bounded queue per replica; a request beyond it is rejected' }),
    serviceTime: dist('service-time distribution of a request at one replica').prefault({ dist: 'exponential', mean: 0.01 }),
    latencyPerConcurrent: duration('load-dependent latency: added per request in service (base + k × concurrency)').prefault(0),
    errorRate: probability('probability that a request fails at this service').default(0),
    calls: z.array(callSchema).default([]).meta({ description: 'downstream calls made by each request' }),
    callMode: z.enum(['sequential', 'parallel']).default('sequential').meta({ description: 'downstream calls one after another, or fanned out in parallel' }),
    failure: failureSchema.optional(),
    autoscaling: autoscalingSchema.optional(),
    failover: failoverSchema.optional(),
    coverage: coverageSchema.optional(),
    deploys: deploysSchema.optional(),
    repairCrews: z.union([int('repair crews for this service', 1), z.literal('unlimited')]).optional().meta({ description: 'overrides the topology-wide repairCrews' }),
    admission: policies('shared by every caller of this service (bulkhead, rateLimiter)').optional(),
    loadShedding: loadShedderConfigSchema
      .nullable()
      .optional()
      .meta({ description: 'admission control at this service: queue-length, queue-time and concurrency limits, and priority shedding of optional classes (null: none, for sweeps)' }),
    outlierDetection: outlierDetectionConfigSchema
      .nullable()
      .optional()
      .meta({ description: 'Envoy outlier detection in the balancer: eject a replica after consecutive5xx failures (errors, rejections, timeouts, shed requests) or, at each interval, for a success rate far below the others (successRate*) or a failure percentage above failurePercentageThreshold (off unless enforcingFailurePercentage > 0), for baseEjectionTime × ejections (null: none)' }),
    brownout: brownoutConfigSchema
      .nullable()
      .optional()
      .meta({ description: 'graceful degradation: skip optional dependencies while utilisation or queueing delay is high, with hysteresis (null: none, for sweeps)' }),
  })
  .meta({ description: 'a service: replicas, their servers, failures and failover' });

export const topologyParams = z
  .strictObject({
    variant: z
      .string()
      .default('')
      .meta({ description: 'a free label for a configuration (sweep it together with what it names, in a zip); not used by the model' }),
    fidelity: z
      .enum(['auto', 'request', 'state'])
      .default('auto')
      .meta({ description: 'request: every request simulated; state: only up/down processes; auto: request when a workload is given' }),
    workload: workloadSchema.optional(),
    services: z.record(z.string(), serviceSchema).meta({ description: 'services by name' }),
    zones: z.record(z.string(), zoneSchema).default({}).meta({ description: 'zones by name (with optional outage processes)' }),
    repairCrews: z.union([int('repair crews shared by all services', 1), z.literal('unlimited')]).default('unlimited'),
    faults: z.array(faultSchema).default([]).meta({ description: 'scheduled faults for scenario experiments' }),
    commonCause: z.array(commonCauseSchema).default([]).meta({ description: 'common-cause failures (beta-factor or explicit rate) taking several replicas or services down together' }),
    network: networkSchema.optional(),
    regions: z.record(z.string(), regionSchema).default({}).meta({ description: 'regions by name, each a group of zones (for crossRegion latency, region outages and locality)' }),
  })
  .superRefine((p, ctx) => {
    const names = Object.keys(p.services);
    if (names.length === 0) ctx.addIssue({ code: 'custom', path: ['services'], message: 'at least one service is required' });
    const zoneNames = new Set(Object.keys(p.zones));
    const declaredZones = zoneNames.size > 0;
    for (const [name, s] of Object.entries(p.services)) {
      s.calls.forEach((c, i) => {
        const target = typeof c === 'string' ? c : c.service;
        if (!(target in p.services)) {
          ctx.addIssue({ code: 'custom', path: ['services', name, 'calls', i], message: `unknown service "${target}"; services are ${names.join(', ')}` });
        }
      });
      if (s.failover?.detection !== undefined && s.failover.heartbeat !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['services', name, 'failover'], message: 'give either detection or heartbeat, not both' });
      }
      if (s.quorum !== undefined && s.quorum > s.replicas) {
        ctx.addIssue({ code: 'custom', path: ['services', name, 'quorum'], message: `quorum ${s.quorum} exceeds replicas ${s.replicas}` });
      }
      if (s.minReplicas > s.replicas) {
        ctx.addIssue({ code: 'custom', path: ['services', name, 'minReplicas'], message: `minReplicas ${s.minReplicas} exceeds replicas ${s.replicas}` });
      }
      if (declaredZones) {
        s.zones?.forEach((z, i) => {
          if (!zoneNames.has(z)) ctx.addIssue({ code: 'custom', path: ['services', name, 'zones', i], message: `unknown zone "${z}"; zones are ${[...zoneNames].join(', ')}` });
        });
      }
    }
    networkIssues(p, ctx);
    // No call cycles.
    const state = new Map<string, number>();
    const visit = (n: string, trail: string[]): void => {
      if (state.get(n) === 2) return;
      if (state.get(n) === 1) {
        ctx.addIssue({ code: 'custom', path: ['services', n, 'calls'], message: `call cycle: ${[...trail, n].join(' → ')}` });
        return;
      }
      state.set(n, 1);
      for (const c of p.services[n]?.calls ?? []) {
        const t = typeof c === 'string' ? c : c.service;
        if (t in p.services) visit(t, [...trail, n]);
      }
      state.set(n, 2);
    };
    for (const n of names) visit(n, []);
    const w = p.workload;
    if (w !== undefined) {
      if (w.target !== undefined && !(w.target in p.services)) {
        ctx.addIssue({ code: 'custom', path: ['workload', 'target'], message: `unknown service "${w.target}"; services are ${names.join(', ')}` });
      }
      if (w.rate === undefined && w.clients === undefined && w.interarrival === undefined) {
        ctx.addIssue({ code: 'custom', path: ['workload'], message: 'give a rate or an interarrival distribution (open loop), or clients (closed loop)' });
      }
      if (w.profile !== undefined && w.rate === undefined) {
        ctx.addIssue({ code: 'custom', path: ['workload', 'profile'], message: 'a profile needs workload.rate (its base or mean rate)' });
      }
      if (w.interarrival !== undefined && w.profile !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['workload', 'profile'], message: 'a profile makes Poisson arrivals; it cannot be combined with interarrival' });
      }
      if (w.rate !== undefined && w.clients !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['workload'], message: 'give either rate or clients, not both' });
      }
      if (w.origins !== undefined) originIssues(p, w.origins, ctx);
      if (w.classes !== undefined) {
        const total = Object.values(w.classes).reduce((a, c) => a + c.share, 0);
        if (Math.abs(total - 1) > 1e-9) {
          ctx.addIssue({ code: 'custom', path: ['workload', 'classes'], message: `class shares must sum to 1; they sum to ${Number(total.toPrecision(6))}` });
        }
      }
    }
    checkCommonCauses(p, ctx);
    checkDeploys(p, ctx);
    checkAutoscaling(p, ctx);
    p.faults.forEach((f, i) => {
      if ('region' in f) {
        if (!(f.region in p.regions)) ctx.addIssue({ code: 'custom', path: ['faults', i, 'region'], message: `unknown region "${f.region}"; regions are ${Object.keys(p.regions).join(', ') || 'none'}` });
      } else if ('zone' in f) {
        const used = Object.values(p.services).some((s) => s.zones?.includes(f.zone));
        if (!used && !zoneNames.has(f.zone)) ctx.addIssue({ code: 'custom', path: ['faults', i, 'zone'], message: `unknown zone "${f.zone}"` });
      } else {
        const s = p.services[f.service];
        if (s === undefined) ctx.addIssue({ code: 'custom', path: ['faults', i, 'service'], message: `unknown service "${f.service}"; services are ${names.join(', ')}` });
        else {
          const wanted = f.replica === undefined ? [] : Array.isArray(f.replica) ? f.replica : [f.replica];
          const n = s.autoscaling?.max ?? s.replicas;
          for (const r of wanted) {
            if (r >= n) {
              ctx.addIssue({ code: 'custom', path: ['faults', i, 'replica'], message: `replica ${r} does not exist (service "${f.service}" has ${n}${s.autoscaling !== undefined ? ' at most' : ''})` });
            }
          }
        }
      }
    });
  })
  .meta({ description: 'an HA topology: services with replicas, failures, failover, zones, a workload' });

export type TopologyParams = z.output<typeof topologyParams>;

type NetworkCheckedParams = Pick<TopologyParams, 'services' | 'zones' | 'network' | 'regions'>;
export type RegionParams = TopologyParams['regions'][string];

/** The zones of a region, whichever way it was written. */
export function regionZones(r: RegionParams): readonly string[] {
  return Array.isArray(r) ? r : r.zones;
}
type IssueSink = {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string; params?: { unknownName: string; candidates: string[] } }): void;
};

/** Zones named anywhere in the topology: declared, or in a service's placement. */
export function knownZones(p: Pick<TopologyParams, 'services' | 'zones'>): Set<string> {
  const out = new Set(Object.keys(p.zones));
  for (const s of Object.values(p.services)) for (const z of s.zones ?? []) out.add(z);
  return out;
}

/** Network checks: lossy edges need a timeout; matrix pairs name known zones. */
function networkIssues(p: NetworkCheckedParams, ctx: IssueSink): void {
  for (const [name, s] of Object.entries(p.services)) {
    s.calls.forEach((c, i) => {
      if (typeof c === 'string' || c.loss === 0) return;
      const timed = c.timeout !== undefined || (c.policies ?? []).some((step) => step.type === 'timeout');
      if (!timed) {
        ctx.addIssue({ code: 'custom', path: ['services', name, 'calls', i, 'loss'], message: 'a lossy edge needs a timeout (timeout, or a timeout policy), else a lost call waits forever' });
      }
    });
  }
  const zones = knownZones(p);
  const owner = new Map<string, string>();
  for (const [name, r] of Object.entries(p.regions)) {
    const path = Array.isArray(r) ? ['regions', name] : ['regions', name, 'zones'];
    regionZones(r).forEach((z, i) => {
      if (!zones.has(z)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown zone "${z}"; zones are ${[...zones].join(', ')}` });
      else if (owner.has(z)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `zone "${z}" is already in region "${owner.get(z)}"` });
      else owner.set(z, name);
    });
  }
  p.network?.pairs.forEach((pair, i) =>
    pair.between.forEach((z, j) => {
      if (!zones.has(z)) ctx.addIssue({ code: 'custom', path: ['network', 'pairs', i, 'between', j], message: `unknown zone "${z}"; zones are ${[...zones].join(', ')}` });
    }),
  );
}
export type ServiceParams = z.output<typeof serviceSchema>;

/**
 * Checks of `workload.origins`: each key a region or a known zone (an unknown one carries the
 * names to suggest from), no zone named both itself and through its region, shares summing to 1,
 * and the entry service placed in zones.
 */
function originIssues(p: Pick<TopologyParams, 'services' | 'zones' | 'regions' | 'workload'>, origins: Readonly<Record<string, number>>, ctx: IssueSink): void {
  const zones = knownZones(p);
  const regions = Object.keys(p.regions);
  const candidates = [...regions, ...zones];
  for (const key of Object.keys(origins)) {
    if (key in p.regions) continue;
    if (zones.has(key)) {
      const region = Object.entries(p.regions).find(([, r]) => regionZones(r).includes(key))?.[0];
      if (region !== undefined && region in origins) {
        ctx.addIssue({ code: 'custom', path: ['workload', 'origins'], message: `zone "${key}" is an origin both itself and through its region "${region}"; give its share to one of them` });
      }
      continue;
    }
    const known = `${regions.length > 0 ? `regions are ${regions.join(', ')}; ` : ''}zones are ${[...zones].join(', ') || 'none'}`;
    ctx.addIssue({ code: 'custom', path: ['workload', 'origins', key], message: `unknown zone or region "${key}"; ${known}`, params: { unknownName: key, candidates } });
  }
  const total = Object.values(origins).reduce((a, s) => a + s, 0);
  if (Math.abs(total - 1) > 1e-9) {
    ctx.addIssue({ code: 'custom', path: ['workload', 'origins'], message: `origin shares must sum to 1; they sum to ${Number(total.toPrecision(6))}` });
  }
  const entry = p.workload?.target ?? Object.keys(p.services)[0];
  if (entry !== undefined && p.services[entry] !== undefined && p.services[entry].zones === undefined) {
    ctx.addIssue({ code: 'custom', path: ['workload', 'origins'], message: `origins need the entry service "${entry}" placed in zones (services.${entry}.zones)` });
  }
}
