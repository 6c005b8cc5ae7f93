// The stated bound on the length of one outage, per service and for the system, from the
// parameters alone. The summary uses it when no outage was observed in any run: the rule of three
// bounds the outage RATE (3 / total measured time, at 95%), and this figure turns that rate into
// a bound on downtime (rate × length) and on availability (see src/base/metric-spec.ts).
//
// An outage must not be longer on average than the figure, so it is deliberately generous: the
// SUM of the mean lengths of every way the service can be taken down or kept down, where one
// outage would need only one of them:
//   - repair: the mean time to repair of a replica (an outage started by a replica failure ends
//     at the latest when that replica is repaired, unless more fail meanwhile);
//   - crew wait: with fewer repair crews than replicas sharing them, the worst-case wait for a
//     crew, ⌈(n − crews) / crews⌉ × the longest mean repair among the n replicas of the pool;
//   - re-admission (active-active with health checks): healthyThreshold × interval, the longest
//     a repaired replica idles before it is back in rotation;
//   - failover (active-passive): mean detection (heartbeat: interval × missed beats, the longest
//     it takes; or the detection distribution's mean) + mean promotion + the mean start-up of a
//     warm or cold standby; plus the mean manual recovery when coverage < 1;
//   - imperfect coverage (active-active, quorum): the mean manual recovery of a fatal uncovered
//     crash, or the mean detection of a silent one (its repair starts only then);
//   - common cause: the longest mean ttr of a common cause with its own ttr whose scope holds
//     one of its replicas (one without a ttr crashes replicas that are repaired as usual: the
//     repair term covers it);
//   - deploys: the mean detection + rollback of a bad deploy;
//   - zones: the longest mean outage duration of a zone holding one of its replicas, plus that of
//     its region's outages;
//   - scheduled faults: the longest crash, zone or region fault that takes one of its replicas down.
// A service nothing can take down (no failures, no zone outages, no crash or zone faults) has
// bound 0: no outage is possible. The system's bound is the largest of its required services'.
// Means of distributions are exact (distMean); a heavy-tailed spec with an infinite mean gives
// an infinite bound, i.e. no finite bound is claimed.
import { mostReplicas } from './schema-autoscaling.js';
import { distMean, type DistSpec } from '../../src/random/index.js';
import { regionZones, type ServiceParams, type TopologyParams } from './schema.js';
import { regionOfZone } from './regions.js';
import { requiredServices } from './system-graph.js';
import { scopeMembers } from './common-cause-scope.js';

const mean = (spec: unknown): number => distMean(spec as DistSpec);

/** The zones that hold at least one replica of `s` (placement is round-robin over s.zones). */
export function zonesOf(s: ServiceParams): string[] {
  if (s.zones === undefined) return [];
  return [...new Set(s.zones.slice(0, Math.min(s.zones.length, mostReplicas(s))))];
}

/** The terms of a service's bound, in seconds (0 where a term does not apply). */
export interface OutageBoundTerms {
  readonly repair: number;
  readonly crewWait: number;
  readonly readmission: number;
  readonly failover: number;
  readonly manualRecovery: number;
  /** Imperfect coverage of an active-active or quorum group: manual recovery (fatal) or detection (silent). */
  readonly coverage: number;
  readonly commonCause: number;
  /** A bad deploy: mean detection + mean rollback. */
  readonly deploy: number;
  readonly zone: number;
  readonly fault: number;
}

/** Mean time a failed active-passive primary takes to be detected (0 without failover settings). */
export function meanDetection(s: ServiceParams): number {
  const f = s.failover;
  if (f === undefined) return 0;
  if (f.heartbeat !== undefined) return f.heartbeat.interval * f.heartbeat.missed;
  if (f.detection !== undefined) return mean(f.detection);
  return 0;
}

function crewWait(p: TopologyParams, name: string): number {
  const s = p.services[name]!;
  if (s.failure === undefined) return 0;
  // The pool this service's replicas queue in: its own crews, or the topology-wide ones shared
  // by every failing service without its own.
  const own = s.repairCrews !== undefined;
  const crews = own ? s.repairCrews! : p.repairCrews;
  if (crews === 'unlimited') return 0;
  const pool = own ? [s] : Object.values(p.services).filter((o) => o.failure !== undefined && o.repairCrews === undefined);
  const n = pool.reduce((a, o) => a + mostReplicas(o), 0);
  if (n <= crews) return 0;
  const longest = Math.max(...pool.map((o) => mean(o.failure!.ttr)));
  return Math.ceil((n - crews) / crews) * longest;
}

/** The longest scheduled fault that takes a replica of service `name` down (crash or zone fault), 0 if none. */
function longestFault(p: TopologyParams, name: string): number {
  const zones = new Set(zonesOf(p.services[name]!));
  let longest = 0;
  for (const f of p.faults) {
    const hits =
      'zone' in f
        ? zones.has(f.zone)
        : 'region' in f
          ? regionZones(p.regions[f.region]!).some((z) => zones.has(z))
          : f.service === name && f.mode === 'crash';
    if (hits) longest = Math.max(longest, f.for);
  }
  return longest;
}

function commonCauseTerm(p: TopologyParams, name: string): number {
  let longest = 0;
  for (const c of p.commonCause) {
    if (c.ttr !== undefined && scopeMembers(p, c.scope).some((m) => m.service === name)) longest = Math.max(longest, mean(c.ttr));
  }
  return longest;
}

function coverageTerm(s: ServiceParams): number {
  const c = s.coverage;
  if (c === undefined || s.mode === 'active-passive' || c.probability >= 1 || s.failure === undefined) return 0;
  return c.uncovered === 'fatal' ? mean(c.manualRecovery) : mean(c.detection);
}

export function outageBoundTerms(p: TopologyParams, name: string): OutageBoundTerms {
  const s = p.services[name];
  if (s === undefined) throw new RangeError(`outageBoundTerms: unknown service "${name}"`);
  // A zone outage and an outage of its region may overlap: their mean durations add.
  const zone = Math.max(
    0,
    ...zonesOf(s).map((z) => {
      const region = p.regions[regionOfZone(p, z)];
      const regionOutage = region !== undefined && !Array.isArray(region) ? region.outage : undefined;
      return (p.zones[z]?.outage !== undefined ? mean(p.zones[z]!.outage!.ttr) : 0) + (regionOutage !== undefined ? mean(regionOutage.ttr) : 0);
    }),
  );
  const fault = longestFault(p, name);
  const repair = s.failure !== undefined ? mean(s.failure.ttr) : 0;
  const none: OutageBoundTerms = { repair: 0, crewWait: 0, readmission: 0, failover: 0, manualRecovery: 0, coverage: 0, commonCause: 0, deploy: 0, zone: 0, fault: 0 };
  const common = commonCauseTerm(p, name);
  const deploy = s.deploys !== undefined && s.deploys.badProbability > 0 ? mean(s.deploys.detection) + mean(s.deploys.rollback) : 0;
  const canFail = s.failure !== undefined || zone > 0 || fault > 0 || common > 0 || deploy > 0;
  if (!canFail) return none;
  const f = s.failover;
  const activePassive = s.mode === 'active-passive';
  return {
    repair,
    crewWait: crewWait(p, name),
    readmission: s.mode === 'active-active' && s.healthCheck !== undefined ? s.healthCheck.healthyThreshold * s.healthCheck.interval : 0,
    failover:
      activePassive && f !== undefined ? meanDetection(s) + mean(f.promotion) + (f.standby !== 'hot' ? mean(f.startup) : 0) : 0,
    manualRecovery: activePassive && f !== undefined && f.coverage < 1 ? mean(f.manualRecovery) : 0,
    coverage: coverageTerm(s),
    commonCause: common,
    deploy,
    zone,
    fault,
  };
}

/** The bound on one outage's length of service `name`, seconds (the sum of its terms). */
export function serviceOutageBound(p: TopologyParams, name: string): number {
  const t = outageBoundTerms(p, name);
  return t.repair + t.crewWait + t.readmission + t.failover + t.manualRecovery + t.coverage + t.commonCause + t.deploy + t.zone + t.fault;
}

export interface OutageBounds {
  /** The largest of the required services' bounds. */
  readonly system: number;
  readonly services: ReadonlyMap<string, number>;
}

export function outageLengthBounds(p: TopologyParams): OutageBounds {
  const services = new Map<string, number>();
  for (const name of Object.keys(p.services)) services.set(name, serviceOutageBound(p, name));
  const system = Math.max(0, ...requiredServices(p).map((n) => services.get(n)!));
  return { system, services };
}
