// Exact values beside the simulated ones, for a topology at state level: the time availability,
// downtime per year and mean up time between failures (the simulator's mtbf_s: uptime /
// failures) of the system and of every service, from src/analysis/exact-availability.ts, or the
// reason there are none. Columns: theory_<metric> for the system and <service>_theory_<metric>
// per service, the same scheme as the simulated <service>_<metric>; NaN (an empty cell) where no
// exact value exists.
//
// This file translates the parameters into the solver's structure, following build-failures.ts:
// replica i of a service sits in zones[i mod |zones|]; a service's repairCrews overrides the
// topology's shared pool; detection defaults to zero, manual recovery is used only when coverage
// < 1, start-up only for warm and cold standbys; the system needs requiredServices(p). Features
// the structure cannot express are named as obstacles.
import { distMean, type DistSpec } from '../../src/random/index.js';
import { exactAvailability, SECONDS_PER_YEAR, type AvailabilitySystem, type ServiceStructure, type Timing, type UpDownMeasures } from '../../src/analysis/index.js';
import type { MetricRecord } from '../../src/base/metric-record.js';
import type { TopologyParams } from './schema.js';
import { requiredServices } from './system-graph.js';
import { isRequestLevel } from './headline.js';

/** The theory metric names of one prefix ('' for the system, `<service>_` per service). */
export const THEORY_METRICS = ['theory_availability_pct', 'theory_downtime_per_year_s', 'theory_mtbf_s'] as const;

export type TopologyTheory = { readonly values: MetricRecord; readonly method: string } | { readonly reason: string };

function timing(spec: unknown, path: string): Timing {
  const s = spec as DistSpec;
  const mean = distMean(s);
  let kind: Timing['kind'] = 'continuous';
  if (s.dist === 'exponential') kind = 'exponential';
  else if (s.dist === 'constant') kind = s.value === 0 ? 'zero' : 'lattice';
  else if (s.dist === 'bernoulli' || (s.dist === 'empirical' && 'values' in s) || (s.dist === 'uniform' && s.min === s.max)) kind = 'lattice';
  return { kind, mean, family: s.dist, path };
}

/** The solver's structure of the parameters (obstacles listed, not thrown). */
export function availabilitySystem(p: TopologyParams): AvailabilitySystem {
  const obstacles: string[] = [];
  if (p.faults.length > 0) obstacles.push('faults: scheduled faults happen at fixed times, which a steady state does not have');
  p.commonCause.forEach((_, i) => obstacles.push(`commonCause[${i}] (common-cause failures) is not modelled by the exact solver`));
  for (const [name, r] of Object.entries(p.regions)) {
    if (!Array.isArray(r) && r.outage !== undefined) {
      obstacles.push(`regions.${name}.outage: a region outage takes several zones down at once, a common cause the exact solver (independent zones) does not model`);
    }
  }
  const zoneNames = Object.keys(p.zones).filter((z) => p.zones[z]?.outage !== undefined);
  const zones = zoneNames.map((name) => {
    const o = p.zones[name]!.outage!;
    return { name, ttf: timing(o.ttf, `zones.${name}.outage.ttf`), ttr: timing(o.ttr, `zones.${name}.outage.ttr`) };
  });
  const pools = [{ path: 'repairCrews', crews: p.repairCrews === 'unlimited' ? Infinity : p.repairCrews }];
  const services: ServiceStructure[] = [];
  const timings: Timing[] = zones.flatMap((z) => [z.ttf, z.ttr]);
  for (const [name, s] of Object.entries(p.services)) {
    const path = `services.${name}`;
    let pool = 0;
    if (s.repairCrews !== undefined) {
      pool = pools.length;
      pools.push({ path: `${path}.repairCrews`, crews: s.repairCrews === 'unlimited' ? Infinity : s.repairCrews });
    }
    const zoneOf = Array.from({ length: s.replicas }, (_, i) => (s.zones === undefined ? -1 : zoneNames.indexOf(s.zones[i % s.zones.length]!)));
    let failure: ServiceStructure['failure'];
    if (s.failure !== undefined) {
      const m = s.failure.modes;
      const total = m === undefined ? 0 : m.crash + (m.slow?.weight ?? 0) + (m.erroring?.weight ?? 0);
      failure = {
        ttf: timing(s.failure.ttf, `${path}.failure.ttf`),
        ttr: timing(s.failure.ttr, `${path}.failure.ttr`),
        crashFraction: m !== undefined && total > 0 ? m.crash / total : 1,
        modesPath: `${path}.failure.modes`,
      };
      timings.push(failure.ttf, failure.ttr);
    }
    obstacles.push(...failureSourceObstacles(p, name));
    if (s.autoscaling !== undefined) obstacles.push(`${path}.autoscaling varies the replica count with the load, which an up/down model does not have`);
    let mode: ServiceStructure['mode'];
    if (s.mode === 'active-passive') {
      const f = s.failover;
      if (f?.heartbeat !== undefined) obstacles.push(`${path}.failover.heartbeat detects failures on a fixed heartbeat grid`);
      if (f?.failback === 'auto') obstacles.push(`${path}.failover.failback is auto (the switch back is not modelled exactly)`);
      const zero = (what: string): Timing => ({ kind: 'zero', mean: 0, family: 'constant', path: `${path}.failover.${what}` });
      mode = {
        kind: 'active-passive',
        standby: f?.standby ?? 'hot',
        detection: f?.detection !== undefined ? timing(f.detection, `${path}.failover.detection`) : zero('detection'),
        promotion: f !== undefined ? timing(f.promotion, `${path}.failover.promotion`) : zero('promotion'),
        startup: f !== undefined ? timing(f.startup, `${path}.failover.startup`) : zero('startup'),
        coverage: f?.coverage ?? 1,
        manual: f !== undefined ? timing(f.manualRecovery, `${path}.failover.manualRecovery`) : zero('manualRecovery'),
      };
      timings.push(mode.detection, mode.promotion);
      if (mode.standby !== 'hot') timings.push(mode.startup);
      if (mode.coverage < 1) timings.push(mode.manual);
    } else if (s.mode === 'quorum') mode = { kind: 'k-of-n', k: s.quorum ?? Math.floor(s.replicas / 2) + 1 };
    else {
      if (s.healthCheck !== undefined) obstacles.push(`${path}.healthCheck re-admits repaired replicas on a fixed probe grid`);
      mode = { kind: 'k-of-n', k: s.minReplicas };
    }
    services.push({ name, path, replicas: s.replicas, zoneOf, mode, ...(failure !== undefined ? { failure } : {}), pool });
  }
  for (const t of timings) if (!Number.isFinite(t.mean)) obstacles.push(`${t.path} has no finite mean`);
  return { services, zones, pools, required: requiredServices(p), obstacles };
}

/** The failure sources of service `name` the solver's structure has no place for. */
function failureSourceObstacles(p: TopologyParams, name: string): string[] {
  const s = p.services[name]!;
  const path = `services.${name}`;
  const out: string[] = [];
  if (s.coverage !== undefined && s.mode !== 'active-passive' && s.coverage.probability < 1 && s.failure !== undefined) {
    out.push(`${path}.coverage (imperfect detection, uncovered: ${s.coverage.uncovered}) is not modelled by the exact solver`);
  }
  if (s.deploys !== undefined && s.deploys.badProbability > 0) out.push(`${path}.deploys (change-induced failures) is not modelled by the exact solver`);
  return out;
}

function put(out: MetricRecord, prefix: string, m: UpDownMeasures | undefined): void {
  out[`${prefix}theory_availability_pct`] = m === undefined ? NaN : 100 * m.availability;
  out[`${prefix}theory_downtime_per_year_s`] = m === undefined ? NaN : m.unavailability * SECONDS_PER_YEAR;
  out[`${prefix}theory_mtbf_s`] = m === undefined ? NaN : m.failureFrequency > 0 ? m.availability / m.failureFrequency : Infinity;
}

/** The theory columns of a state-level run, NaN where no exact value exists. */
export function theoryColumns(p: TopologyParams, theory: TopologyTheory): MetricRecord {
  const out: MetricRecord = {};
  const exact = 'values' in theory ? theory.values : undefined;
  put(out, '', undefined);
  for (const name of Object.keys(p.services)) put(out, `${name}_`, undefined);
  if (exact !== undefined) Object.assign(out, exact);
  return out;
}

// The runs of one configuration (and its headline and meta.json) ask for the same parameters'
// theory: a pure function of them, remembered for the last few parameter sets so that a chain of
// thousands of states is solved once per process rather than once per run. Results do not depend
// on it.
const remembered = new Map<string, TopologyTheory | undefined>();
const REMEMBERED = 16;

/** Exact values of a state-level configuration, or the reason there are none; undefined at request level. */
export function topologyTheory(p: TopologyParams): TopologyTheory | undefined {
  const key = JSON.stringify(p);
  if (remembered.has(key)) return remembered.get(key);
  const theory = solveTheory(p);
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, theory);
  return theory;
}

function solveTheory(p: TopologyParams): TopologyTheory | undefined {
  if (isRequestLevel(p)) return undefined;
  const solved = exactAvailability(availabilitySystem(p));
  if ('reason' in solved) return { reason: solved.reason };
  const values: MetricRecord = {};
  put(values, '', solved.system);
  for (const [name, m] of solved.services) put(values, `${name}_`, m);
  return { values, method: solved.method };
}
