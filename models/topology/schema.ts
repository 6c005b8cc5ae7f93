// The `topology` model's parameters: a whole HA topology described in the experiment file.
// Everything converts to plain numbers (seconds, per second) and resolved distribution specs;
// cross-references (calls, targets, zones) are checked with paths inside `params`.
import { z } from 'zod';
import { durationDistSchema } from '../../src/random/index.js';
import { duration, rate, int, probability } from '../common/params.js';
import { checkCommonCauses } from './common-cause-scope.js';
import { checkDeploys } from './deploy-waves.js';
import { pipelineSchema, loadShedderConfigSchema, brownoutConfigSchema, outlierDetectionConfigSchema } from '../../src/policies/index.js';

const policies = (where: string) =>
  pipelineSchema.meta({
    description: `ordered policy pipeline ${where}, first = outermost (timeout, retry, retryBudget, circuitBreaker, bulkhead, rateLimiter, fallback, hedging); see src/policies/README.md`,
  });

// Every distribution here is a time: one that can draw a negative value is refused.
const dist = (description: string) => durationDistSchema.meta({ description });

const failureModesSchema = z
  .strictObject({
    crash: z.number().min(0).default(1).meta({ description: 'relative weight of crash failures (replica down until repaired)' }),
    slow: z
      .strictObject({
        weight: z.number().min(0).meta({ description: 'relative weight of slow failures' }),
        factor: z.number().min(1).default(5).meta({ description: 'latency multiplier while slow' }),
      })
      .optional(),
    erroring: z
      .strictObject({
        weight: z.number().min(0).meta({ description: 'relative weight of erroring failures' }),
        errorRate: probability('probability that a request fails while erroring').default(0.5),
      })
      .optional(),
  })
  .meta({ description: 'failure modes and their relative weights (default: crash only)' });

export const failureSchema = z
  .strictObject({
    ttf: dist('time to failure of each replica (e.g. { dist: weibull, shape: 1.2, mean: 30d })'),
    ttr: dist('time to repair (e.g. { dist: lognormal, mean: 20m, cv: 1 })'),
    modes: failureModesSchema.optional(),
  })
  .meta({ description: 'independent failures of each replica: alternating time-to-failure and time-to-repair' });

export const healthCheckSchema = z
  .strictObject({
    interval: duration('time between health checks').prefault('5s'),
    unhealthyThreshold: int('consecutive failed checks before a replica leaves rotation', 1).default(3),
    healthyThreshold: int('consecutive passed checks before it returns', 1).default(2),
  })
  .meta({ description: 'load-balancer health checks: a dead replica receives traffic until detected' });

export const failoverSchema = z
  .strictObject({
    detection: dist('failure-detection delay, drawn afresh at each failure of the primary (alternative to heartbeat)').optional(),
    heartbeat: z
      .strictObject({
        interval: duration('heartbeat interval').prefault('1s'),
        missed: int('missed heartbeats that declare the primary dead', 1).default(3),
      })
      .optional()
      .meta({ description: 'failure detection by heartbeat (interval × missed beats)' }),
    promotion: dist('time to promote a standby once the failure is detected').prefault(0),
    coverage: probability('probability that an automatic failover works (else manual recovery)').default(1),
    manualRecovery: dist('time to restore service by hand after a failed failover').prefault('1h'),
    standby: z.enum(['hot', 'warm', 'cold']).default('hot').meta({ description: 'hot: ready; warm/cold: add startup time; cold standbys do not fail while idle' }),
    startup: dist('extra start-up time of a warm or cold standby at promotion').prefault(0),
    failback: z.enum(['none', 'auto']).default('none').meta({ description: 'none: the repaired old primary becomes a standby; auto: it takes over again' }),
  })
  .meta({ description: 'active-passive failover (ignored in other modes, so that a sweep can vary the mode)' });

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

export const coverageSchema = z
  .strictObject({
    probability: probability('c: probability that a replica crash is detected and handled automatically'),
    uncovered: z
      .enum(['silent', 'fatal'])
      .default('fatal')
      .meta({ description: 'what an uncovered crash does. silent: the dead replica keeps receiving traffic, unrepaired, until found after `detection`; fatal: the whole group is down until `manualRecovery` reconfigures it' }),
    detection: dist('silent: time until an uncovered crash is found (then the replica leaves rotation and its repair starts)').prefault('10m'),
    manualRecovery: dist('fatal: time to reconfigure the group by hand after an uncovered crash').prefault('1h'),
  })
  .meta({ description: 'imperfect failure detection of an active-active or quorum group (the Dugan–Trivedi coverage model); ignored in active-passive mode, where failover.coverage plays this role' });

export const deploysSchema = z
  .strictObject({
    every: dist('time from the end of one deploy to the start of the next (e.g. { dist: exponential, mean: 7d })'),
    badProbability: probability('probability that a deploy is bad'),
    waves: z
      .array(z.number().gt(0).max(1))
      .min(1)
      .default([1])
      .meta({ description: 'share of the replicas each wave updates, in order, summing to 1 (e.g. [0.1, 0.9]: a canary of 10%, then the rest); wave k updates up to ⌈n × (share of waves 0..k)⌉ replicas' }),
    waveInterval: duration('time between the starts of successive waves').prefault(0),
    detection: dist('time from the start of a bad deploy until it is detected (later waves are not started)'),
    rollback: dist('time from detection until every updated replica is restored'),
  })
  .meta({ description: 'change-induced failures: deploys rolled out in waves; a bad one takes each updated replica down until detected and rolled back' });

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

export const networkSchema = z
  .strictObject({
    sameZone: dist('one-way latency between replicas in the same zone').optional(),
    crossZone: dist('one-way latency between zones of the same region (or between any two zones when no regions are declared)').optional(),
    crossRegion: dist('one-way latency between zones of different regions').optional(),
    pairs: z
      .array(
        z.strictObject({
          between: z.tuple([z.string(), z.string()]).meta({ description: 'two zones (either order)' }),
          latency: dist('one-way latency between them (overrides the classes above)'),
        }),
      )
      .default([])
      .meta({ description: 'explicit latencies between pairs of zones' }),
  })
  .meta({
    description:
      'zone latency matrix: a call between two services pays the latency between the caller replica\'s zone and the callee replica\'s zone, on the request and again on the response (omitted classes: 0)',
  });

export const localitySchema = z
  .strictObject({
    prefer: z.enum(['zone', 'region']).meta({ description: "zone: the caller's zone first, then its region, then the rest; region: the caller's region first, then the rest" }),
    saturation: z
      .number()
      .gt(0)
      .optional()
      .meta({ description: 'spill to the next tier when the outstanding requests of a tier reach this fraction of its slots (capacity × routable replicas); omitted: spill only when a tier has no routable replica' }),
  })
  .meta({
    description:
      "locality-aware routing (Envoy zone-aware routing, priority levels): calls from a replica of a placed caller go to the nearest tier of routable replicas that is not saturated; the balancer picks within it. Needs zones on both sides; the workload's calls are not restricted",
  });

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

export const zoneSchema = z
  .strictObject({
    outage: z
      .strictObject({
        ttf: dist('time between zone outages'),
        ttr: dist('duration of a zone outage'),
      })
      .optional(),
  })
  .meta({ description: 'an availability zone; its outages take down every replica placed in it' });

export const regionSchema = z
  .union([
    z.array(z.string()).min(1).meta({ description: 'the zones of the region' }),
    z.strictObject({
      zones: z.array(z.string()).min(1).meta({ description: 'the zones of the region' }),
      outage: z
        .strictObject({
          ttf: dist('time between region outages'),
          ttr: dist('duration of a region outage'),
        })
        .optional()
        .meta({ description: 'outages of the whole region: every zone in it is out at once' }),
    }),
  ])
  .meta({ description: 'a region: a group of zones (a list, or { zones, outage })' });

const zoneFault = z.strictObject({
  at: duration('when the fault starts (simulated time from the start, warm-up included)'),
  zone: z.string().meta({ description: 'zone to take down' }),
  for: duration('how long it lasts'),
});
const regionFault = z.strictObject({
  at: duration('when the fault starts'),
  region: z.string().meta({ description: 'region to take down (every zone in it)' }),
  for: duration('how long it lasts'),
});
const replicaFault = z.strictObject({
  at: duration('when the fault starts'),
  service: z.string().meta({ description: 'service of the replica' }),
  replica: z
    .union([int('replica index (0-based)', 0), z.array(int('replica index (0-based)', 0)).min(1)])
    .optional()
    .meta({ description: 'replica index (0-based) or a list of them; omitted: every replica of the service' }),
  mode: z.enum(['crash', 'slow', 'erroring']).default('crash'),
  factor: z.number().min(1).default(5).meta({ description: 'latency multiplier (mode slow)' }),
  errorRate: probability('error probability (mode erroring)').default(1),
  for: duration('how long it lasts'),
});
export const faultSchema = z.union([zoneFault, regionFault, replicaFault]).meta({ description: 'a scheduled fault' });

const profileSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('steps'),
      steps: z
        .array(z.strictObject({ at: duration('when the rate changes'), rate: rate('the rate from then on') }))
        .min(1)
        .meta({ description: 'rate changes; before the first one the rate is workload.rate' }),
    }),
    z.strictObject({
      kind: z.literal('ramp'),
      points: z
        .array(z.strictObject({ at: duration('time of the point'), rate: rate('rate at that time') }))
        .min(1)
        .meta({ description: 'piecewise-linear rate through these points (constant before the first and after the last)' }),
    }),
    z.strictObject({
      kind: z.literal('spike'),
      at: duration('spike start'),
      for: duration('spike length'),
      rate: rate('rate during the spike (workload.rate before and after)'),
    }),
    z.strictObject({
      kind: z.literal('daily'),
      amplitude: z.number().min(0).max(1).meta({ description: 'relative amplitude of the daily cycle around workload.rate (0–1)' }),
      peakAt: duration('time of day of the peak').prefault('14h'),
    }),
  ])
  .meta({ description: 'time-varying rate: steps, a ramp, a spike or a daily cycle around workload.rate' });

export const requestClassSchema = z.strictObject({
  share: z.number().gt(0).max(1).meta({ description: 'share of the requests' }),
  critical: z.boolean().default(false).meta({ description: 'critical (kept) or optional (shed or degraded first)' }),
  slo: duration('latency SLO of a successful request').optional(),
});

export const workloadSchema = z
  .strictObject({
    target: z.string().optional().meta({ description: 'entry service (default: the first service)' }),
    rate: rate('mean arrival rate of the open-loop workload').optional(),
    interarrival: dist('inter-arrival distribution (default: exponential, i.e. Poisson)').optional(),
    profile: profileSchema.optional(),
    clients: z
      .strictObject({
        count: int('clients in the closed loop', 1),
        thinkTime: dist('think time between a response and the next request'),
      })
      .optional()
      .meta({ description: 'closed-loop client population (instead of rate)' }),
    timeout: duration('client timeout: the client gives up (server work continues)').optional(),
    policies: policies('on the client edge').optional(),
    classes: z.record(z.string(), requestClassSchema).optional().meta({ description: 'request classes by name' }),
  })
  .meta({ description: 'the workload entering the entry service' });

export const commonCauseSchema = z
  .strictObject({
    scope: z
      .array(z.string())
      .min(1)
      .meta({ description: 'what one event takes down: service names (every replica) or replica ids like "db[0]"' }),
    every: dist('time between common-cause events (e.g. { dist: exponential, mean: 1y })').optional(),
    fraction: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .meta({ description: 'beta factor: the share of each member\'s failure rate λ that is common. Events come at rate β·λ (Poisson) and each member\'s own failures at (1 − β)·λ (its ttf stretched by 1/(1 − β)); the members need failures with the same mean ttf' }),
    ttr: dist('outage of every member at once after an event; omitted: each member crashes and is repaired as usual').optional(),
  })
  .meta({ description: 'a common cause: each event takes every replica in scope down at once' });

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
      if (w.classes !== undefined) {
        const total = Object.values(w.classes).reduce((a, c) => a + c.share, 0);
        if (Math.abs(total - 1) > 1e-9) {
          ctx.addIssue({ code: 'custom', path: ['workload', 'classes'], message: `class shares must sum to 1; they sum to ${Number(total.toPrecision(6))}` });
        }
      }
    }
    checkCommonCauses(p, ctx);
    checkDeploys(p, ctx);
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
          for (const r of wanted) {
            if (r >= s.replicas) {
              ctx.addIssue({ code: 'custom', path: ['faults', i, 'replica'], message: `replica ${r} does not exist (service "${f.service}" has ${s.replicas})` });
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
type IssueSink = { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void };

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
