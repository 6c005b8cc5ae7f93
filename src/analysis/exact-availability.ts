/**
 * Exact steady-state availability of an HA system's up/down state (AvailabilitySystem), system
 * and per service, or the reason there is none.
 *
 * Services that share no finite crew pool and no zone with outages evolve independently, so the
 * system splits into groups (connected by shared crews or zones) solved apart and combined:
 * A = Π A_g over the groups holding required services, and the system failure frequency
 * ν = Σ_g ν_g · Π_{h≠g} A_h (independent groups never change at the same instant). Each group is
 * solved by, in order:
 *   1. its Markov chain (availability-chain.ts) when every time it uses is exponential (failover
 *      steps may also be zero);
 *   2. the insensitive k-of-n formula (insensitive-availability.ts) when it is one service whose
 *      replicas are independent — a crew for every replica, no zone outage, no failover delay
 *      (active-passive only with zero detection and promotion, hot or zero start-up, coverage
 *      1) — and its times have densities, whatever their distributions.
 * Otherwise: the reason, naming the first feature that rules out each method.
 *
 * Measures: availability (and unavailability summed directly, so that 1e-12 keeps its digits),
 * and the failure frequency ν (up → down transitions per second, zero-length outages excluded as
 * the simulator excludes them). The mean up time between failures, the simulator's `mtbf_s`
 * (uptime / failures), is A / ν.
 */
import type { AvailabilitySystem, ServiceStructure, Timing } from './availability-system.js';
import { chainBlocker, solveAvailabilityChain, type UpDownMeasures } from './availability-chain.js';
import { independentGroupAvailability } from './insensitive-availability.js';

export type { UpDownMeasures } from './availability-chain.js';
import { expm1, log1p } from '../base/math/index.js';

export interface ExactAvailability {
  /** 'markov chain', 'insensitive' or 'markov chain + insensitive' (groups solved each way). */
  readonly method: string;
  readonly system: UpDownMeasures;
  readonly services: ReadonlyMap<string, UpDownMeasures>;
  /** States of the largest chain solved (1 when none). */
  readonly largestChain: number;
}

export interface ExactAvailabilityOptions {
  /** Largest lumped chain built (default 200 000 states). */
  readonly maxStates?: number;
  /** Chains up to this size are solved densely by Ctmc, larger ones by sparseStationary (default 400). */
  readonly denseLimit?: number;
}

/** Services linked by a shared finite crew pool (one that can make a repair wait) or a shared zone with outages. */
function groups(sys: AvailabilitySystem): ServiceStructure[][] {
  const n = sys.services.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  const demand = new Map<number, number>();
  for (const s of sys.services) if (s.failure !== undefined) demand.set(s.pool, (demand.get(s.pool) ?? 0) + s.replicas);
  const poolOwner = new Map<number, number>();
  const zoneOwner = new Map<number, number>();
  sys.services.forEach((s, i) => {
    if (s.failure !== undefined && sys.pools[s.pool]!.crews < (demand.get(s.pool) ?? 0)) {
      const o = poolOwner.get(s.pool);
      if (o === undefined) poolOwner.set(s.pool, i);
      else union(i, o);
    }
    for (const z of s.zoneOf) {
      if (z < 0) continue;
      const o = zoneOwner.get(z);
      if (o === undefined) zoneOwner.set(z, i);
      else union(i, o);
    }
  });
  const byRoot = new Map<number, ServiceStructure[]>();
  sys.services.forEach((s, i) => {
    const r = find(i);
    const g = byRoot.get(r) ?? [];
    g.push(s);
    byRoot.set(r, g);
  });
  return [...byRoot.values()];
}

/** Why the insensitive formula does not apply to this group, or undefined (with the group's k). */
function insensitiveBlocker(sys: AvailabilitySystem, group: readonly ServiceStructure[]): { reason: string } | { k: number } {
  const s = group[0]!;
  if (group.length > 1) {
    return { reason: `services ${group.map((g) => g.name).join(', ')} share repair crews or zones, so their replicas are not independent` };
  }
  const zone = s.zoneOf.find((z) => z >= 0);
  if (zone !== undefined) return { reason: `${s.path} has replicas in zone ${sys.zones[zone]!.name}, whose outages take them down together` };
  const pool = sys.pools[s.pool]!;
  if (s.failure !== undefined && pool.crews < s.replicas) {
    return { reason: `repair crews are limited (${pool.path}: ${pool.crews} for ${s.replicas} replicas), so repairs wait for each other` };
  }
  const density = (t: Timing, zeroOk: boolean): string | undefined =>
    t.kind === 'exponential' || t.kind === 'continuous' || (zeroOk && t.kind === 'zero')
      ? undefined
      : `${t.path} is ${t.kind === 'zero' ? 'zero' : t.family} (replicas started together would stay in step)`;
  if (s.failure !== undefined) {
    const b = density(s.failure.ttf, false) ?? density(s.failure.ttr, true);
    if (b !== undefined) return { reason: b };
  }
  if (s.mode.kind === 'k-of-n') return { k: s.mode.k };
  const m = s.mode;
  if (m.standby === 'cold') return { reason: `${s.path}.failover.standby is cold (idle standbys do not fail)` };
  for (const t of [m.detection, m.promotion, ...(m.standby === 'warm' ? [m.startup] : [])]) {
    if (t.kind !== 'zero') return { reason: `${t.path} delays the failover` };
  }
  if (m.coverage < 1) return { reason: `${s.path}.failover.coverage is below 1` };
  return { k: 1 };
}

export function exactAvailability(sys: AvailabilitySystem, options: ExactAvailabilityOptions = {}): ExactAvailability | { readonly reason: string } {
  if (sys.obstacles.length > 0) return { reason: sys.obstacles[0]! };
  const required = new Set(sys.required);
  const services = new Map<string, UpDownMeasures>();
  const parts: UpDownMeasures[] = [];
  const methods = new Set<string>();
  let largest = 1;
  for (const group of groups(sys)) {
    const blocker = chainBlocker(sys, group);
    if (blocker === undefined) {
      const solved = solveAvailabilityChain(sys, group, options);
      if ('reason' in solved) return solved;
      methods.add('markov chain');
      largest = Math.max(largest, solved.states);
      for (const [name, m] of solved.services) services.set(name, m);
      if (group.some((s) => required.has(s.name))) parts.push(solved.required);
      continue;
    }
    const ins = insensitiveBlocker(sys, group);
    if ('reason' in ins) return { reason: `${blocker}, and ${ins.reason}` };
    const s = group[0]!;
    const m =
      s.failure === undefined
        ? { availability: 1, unavailability: 0, failureFrequency: 0 }
        : independentGroupAvailability({ n: s.replicas, k: ins.k, mttf: s.failure.ttf.mean, mttr: s.failure.ttr.mean, crashFraction: s.failure.crashFraction });
    methods.add('insensitive');
    services.set(s.name, m);
    if (required.has(s.name)) parts.push(m);
  }
  // Independent groups: A = Π A_g, U = 1 − Π (1 − U_g), ν = Σ ν_g Π_{h≠g} A_h.
  let availability = 1;
  let logUp = 0;
  for (const p of parts) {
    availability *= p.availability;
    logUp += log1p(-p.unavailability);
  }
  let frequency = 0;
  parts.forEach((p, g) => {
    let others = 1;
    parts.forEach((q, h) => {
      if (h !== g) others *= q.availability;
    });
    frequency += p.failureFrequency * others;
  });
  const order = sys.services.map((s) => s.name);
  return {
    method: ['markov chain', 'insensitive'].filter((m) => methods.has(m)).join(' + '),
    system: { availability, unavailability: -expm1(logUp), failureFrequency: frequency },
    services: new Map(order.map((n) => [n, services.get(n)!])),
    largestChain: largest,
  };
}
