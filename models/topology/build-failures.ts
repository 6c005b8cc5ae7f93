// Wires the failure side of a topology: replicas placed in zones, their failure processes,
// repair crews, zone and region outages, replica groups (active-active, active-passive, quorum) and the
// scheduled fault timeline. Each random consumer draws from its own named stream, so two
// topologies compared with common random numbers see the same failures of the replicas they share.
import type { RunContext } from '../common/model.js';
import { Replica } from '../../src/components/replica.js';
import type { ReplicaGroup } from '../../src/components/replica-group.js';
import {
  FailureProcess,
  RepairCrews,
  Zone,
  FaultTimeline,
  CommonCause,
  DeployProcess,
  Region,
  type FailureModeSpec,
  type FailureMode,
  type ScheduledFault,
} from '../../src/components/failure/index.js';
import { ActiveActiveGroup, ActivePassiveGroup, QuorumGroup, ImperfectCoverage } from '../../src/components/groups/index.js';
import { makeSampler, type DistSpec } from '../../src/random/index.js';
import { SCALED_IN } from '../../src/components/service/index.js';
import { regionZones, type ServiceParams, type TopologyParams } from './schema.js';
import { commonCauseInterval, scopeMembers, ttfStretch } from './common-cause-scope.js';
import { waveCounts } from './deploy-waves.js';

export interface ServiceFailures {
  readonly name: string;
  readonly params: ServiceParams;
  readonly replicas: readonly Replica[];
  readonly group: ReplicaGroup;
  readonly processes: readonly FailureProcess[];
  /** The imperfect coverage of an active-active or quorum group, when configured. */
  readonly coverage?: ImperfectCoverage;
}

export interface FailureWiring {
  readonly services: ReadonlyMap<string, ServiceFailures>;
  readonly zones: ReadonlyMap<string, Zone>;
  readonly crews: readonly RepairCrews[];
  readonly commonCauses: readonly CommonCause[];
  /** Per service with a `deploys` section: its deploy process. */
  readonly deploys: ReadonlyMap<string, DeployProcess>;
}

function modesOf(s: ServiceParams): FailureModeSpec[] | undefined {
  const m = s.failure?.modes;
  if (m === undefined) return undefined;
  const total = m.crash + (m.slow?.weight ?? 0) + (m.erroring?.weight ?? 0);
  if (!(total > 0)) return undefined;
  const out: FailureModeSpec[] = [];
  if (m.crash > 0) out.push({ mode: 'crash', probability: m.crash / total });
  if (m.slow !== undefined && m.slow.weight > 0) out.push({ mode: 'slow', probability: m.slow.weight / total, factor: m.slow.factor });
  if (m.erroring !== undefined && m.erroring.weight > 0) {
    out.push({ mode: 'erroring', probability: m.erroring.weight / total, errorRate: m.erroring.errorRate });
  }
  return out;
}

/** A sampler whose draws are multiplied by `factor` (1: the sampler itself). */
function stretched(draw: () => number, factor: number): () => number {
  return factor === 1 ? draw : () => draw() * factor;
}

/** The common causes of the topology, each over its members' replicas and failure processes. */
function buildCommonCauses(ctx: RunContext, p: TopologyParams, services: ReadonlyMap<string, ServiceFailures>): CommonCause[] {
  return p.commonCause.map((c, i) => {
    const name = `commonCause[${i}]`;
    const members = scopeMembers(p, c.scope).map((m) => {
      const svc = services.get(m.service)!;
      const process = svc.processes[m.replica];
      return { replica: svc.replicas[m.replica]!, ...(process !== undefined ? { process } : {}) };
    });
    const every = c.every ?? { dist: 'exponential', mean: commonCauseInterval(p, i) };
    return new CommonCause(ctx.sim, {
      name,
      interval: makeSampler(every as DistSpec, ctx.streams.stream(`${name}.events`)),
      members,
      ...(c.ttr !== undefined ? { ttr: makeSampler(c.ttr as DistSpec, ctx.streams.stream(`${name}.ttr`)) } : {}),
    });
  });
}

/** The deploy process of every service with a `deploys` section. */
function buildDeploys(ctx: RunContext, p: TopologyParams, services: ReadonlyMap<string, ServiceFailures>): Map<string, DeployProcess> {
  const out = new Map<string, DeployProcess>();
  for (const [name, s] of Object.entries(p.services)) {
    const d = s.deploys;
    if (d === undefined) continue;
    const stream = (what: string) => ctx.streams.stream(`${name}.deploys.${what}`);
    out.set(
      name,
      new DeployProcess(ctx.sim, {
        name: `${name}.deploys`,
        replicas: services.get(name)!.replicas,
        interval: makeSampler(d.every as DistSpec, stream('interval')),
        badProbability: d.badProbability,
        rng: stream('bad'),
        waves: waveCounts(s.replicas, d.waves),
        waveInterval: d.waveInterval,
        detection: makeSampler(d.detection as DistSpec, stream('detection')),
        rollback: makeSampler(d.rollback as DistSpec, stream('rollback')),
      }),
    );
  }
  return out;
}

export function buildFailures(ctx: RunContext, p: TopologyParams): FailureWiring {
  const { sim, streams } = ctx;
  const sampler = (spec: unknown, stream: string) => makeSampler(spec as DistSpec, streams.stream(stream));

  // Zones: declared ones (with optional outage processes) and any named only in placements.
  const zones = new Map<string, Zone>();
  const zone = (name: string): Zone => {
    let z = zones.get(name);
    if (z === undefined) {
      const decl = p.zones[name];
      z = new Zone(sim, {
        name,
        ...(decl?.outage !== undefined
          ? { outage: { ttf: sampler(decl.outage.ttf, `zone:${name}.ttf`), ttr: sampler(decl.outage.ttr, `zone:${name}.ttr`) } }
          : {}),
      });
      zones.set(name, z);
    }
    return z;
  };
  for (const name of Object.keys(p.zones)) zone(name);

  // Regions: each takes its zones down together during its outages.
  const regions: Region[] = [];
  for (const [name, r] of Object.entries(p.regions)) {
    if (Array.isArray(r) || r.outage === undefined) continue;
    regions.push(
      new Region(sim, {
        name,
        zones: r.zones.map(zone),
        outage: { ttf: sampler(r.outage.ttf, `region:${name}.ttf`), ttr: sampler(r.outage.ttr, `region:${name}.ttr`) },
      }),
    );
  }

  const crews: RepairCrews[] = [];
  const shared = new RepairCrews(sim, { crews: p.repairCrews === 'unlimited' ? Infinity : p.repairCrews, name: 'repair-crews' });
  crews.push(shared);

  const services = new Map<string, ServiceFailures>();
  for (const [name, s] of Object.entries(p.services)) {
    const replicas: Replica[] = [];
    // An autoscaled service holds `max` replicas; those beyond the initial count start absent.
    const held = s.autoscaling?.max ?? s.replicas;
    for (let i = 0; i < held; i++) {
      const zoneName = s.zones === undefined ? undefined : s.zones[i % s.zones.length];
      const r = new Replica(sim, name, i, zoneName);
      if (zoneName !== undefined) zone(zoneName).add(r);
      replicas.push(r);
    }
    let serviceCrews = shared;
    if (s.repairCrews !== undefined) {
      serviceCrews = new RepairCrews(sim, { crews: s.repairCrews === 'unlimited' ? Infinity : s.repairCrews, name: `${name}.repair-crews` });
      crews.push(serviceCrews);
    }
    const processes: FailureProcess[] = [];
    // Bound once the group exists (no failure happens while building).
    let coverage: ImperfectCoverage | undefined;
    const covered = s.coverage !== undefined && s.mode !== 'active-passive';
    if (s.failure !== undefined) {
      const modes = modesOf(s);
      for (const r of replicas) {
        processes.push(
          new FailureProcess(sim, r, {
            ttf: stretched(sampler(s.failure.ttf, `${r.name}.ttf`), ttfStretch(p, name, r.index)),
            ttr: sampler(s.failure.ttr, `${r.name}.ttr`),
            ...(modes !== undefined ? { modes, modeRng: streams.stream(`${r.name}.mode`) } : {}),
            crews: serviceCrews,
            ...(covered ? { detect: (p: FailureProcess, mode: FailureMode) => coverage!.detect(p, mode) } : {}),
          }),
        );
      }
    }
    for (let i = s.replicas; i < held; i++) {
      replicas[i]!.down(SCALED_IN);
      processes[i]?.pause();
    }
    let group: ReplicaGroup;
    if (s.mode === 'active-passive') {
      const f = s.failover;
      const detection =
        f?.heartbeat !== undefined
          ? ({ kind: 'heartbeat', interval: f.heartbeat.interval, missed: f.heartbeat.missed } as const)
          : f?.detection !== undefined
            ? ({ kind: 'random', delay: sampler(f.detection, `${name}.detection`) } as const)
            : ({ kind: 'fixed', delay: 0 } as const);
      group = new ActivePassiveGroup(sim, {
        name,
        replicas,
        standby: f?.standby ?? 'hot',
        ...(f !== undefined && f.standby !== 'hot' ? { startupDelay: sampler(f.startup, `${name}.startup`) } : {}),
        detection,
        promotionDelay: sampler(f?.promotion ?? 0, `${name}.promotion`),
        coverage: f?.coverage ?? 1,
        coverageRng: streams.stream(`${name}.coverage`),
        manualRecovery: sampler(f?.manualRecovery ?? 3600, `${name}.manual`),
        failback: f?.failback ?? 'none',
        failureProcesses: processes.length > 0 ? processes : replicas.map(() => undefined),
      });
    } else if (s.mode === 'quorum') {
      group = new QuorumGroup(sim, { name, replicas, k: s.quorum ?? Math.floor(s.replicas / 2) + 1 });
    } else {
      group = new ActiveActiveGroup(sim, {
        name,
        replicas,
        minHealthy: s.minReplicas,
        ...(s.healthCheck !== undefined
          ? {
              healthCheck: {
                interval: s.healthCheck.interval,
                unhealthyThreshold: s.healthCheck.unhealthyThreshold,
                healthyThreshold: s.healthCheck.healthyThreshold,
                phaseRng: streams.stream(`${name}.healthcheck`),
              },
            }
          : {}),
      });
    }
    if (covered && (group instanceof ActiveActiveGroup || group instanceof QuorumGroup)) {
      const c = s.coverage!;
      coverage = new ImperfectCoverage(sim, group, {
        coverage: c.probability,
        rng: streams.stream(`${name}.coverage`),
        uncovered: c.uncovered,
        ...(c.uncovered === 'silent' ? { detection: sampler(c.detection, `${name}.uncovered-detection`) } : { manualRecovery: sampler(c.manualRecovery, `${name}.manual`) }),
      });
    }
    services.set(name, { name, params: s, replicas, group, processes, ...(coverage !== undefined ? { coverage } : {}) });
  }

  if (p.faults.length > 0) {
    // A region fault is the same fault on each of the region's zones.
    const faults: ScheduledFault[] = p.faults.flatMap((f): ScheduledFault[] =>
      'zone' in f
        ? [{ at: f.at, for: f.for, zone: f.zone }]
        : 'region' in f
          ? regionZones(p.regions[f.region]!).map((zone) => ({ at: f.at, for: f.for, zone }))
          : [{
            at: f.at,
            for: f.for,
            service: f.service,
            ...(f.replica !== undefined ? { replica: f.replica } : {}),
            mode: f.mode,
            ...(f.mode === 'slow' ? { factor: f.factor } : {}),
            ...(f.mode === 'erroring' ? { errorRate: f.errorRate } : {}),
          }],
    );
    for (const f of faults) if (f.zone !== undefined) zone(f.zone);
    new FaultTimeline(sim, faults, {
      zones,
      services: new Map([...services].map(([n, s]) => [n, s.replicas])),
    });
  }
  const commonCauses = buildCommonCauses(ctx, p, services);
  const deploys = buildDeploys(ctx, p, services);
  return { services, zones, crews, commonCauses, deploys };
}
