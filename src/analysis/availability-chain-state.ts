/**
 * The state encoding of availability-chain.ts: the layout of a group's replicas, services, zones
 * and crew pools as the chain numbers them, a state (zones out, replica conditions, crew queues,
 * active-passive phases), and its canonical relabelling for lumping exchangeable replicas.
 */
import type { AvailabilitySystem, ServiceStructure, Timing } from './availability-system.js';

/** Phases of an active-passive service. */
export const SERVING = 0;
export const DETECTING = 1;
export const PROMOTING = 2;
export const STARTING = 3;
export const MANUAL = 4;
export const WAITING = 5;

/** Replica conditions. */
export const OK = 0;
export const REPAIRING = 1;
export const QUEUED = 2;

export interface ApState {
  phase: number;
  primary: number;
  target: number;
}

export interface State {
  zoneOut: number[];
  cond: number[];
  queues: number[][];
  /** Per service; null for k-of-n services. */
  ap: (ApState | null)[];
}

export interface ReplicaInfo {
  readonly service: number;
  readonly zone: number;
  /** Local pool index, -1 when repair never waits. */
  readonly pool: number;
  readonly lambda: number;
  readonly mu: number;
  readonly cls: number;
}

export interface ApInfo {
  readonly cold: boolean;
  /** Rates; Infinity = zero-length step. */
  readonly detect: number;
  readonly promote: number;
  /** Start-up stage rate, or 0 when there is no start-up stage. */
  readonly startup: number;
  readonly coverage: number;
  readonly manual: number;
}

export interface ServiceInfo {
  readonly name: string;
  readonly first: number;
  readonly count: number;
  readonly k: number;
  readonly ap: ApInfo | null;
}

/** The group as the chain numbers it: local zones and crew pools, replicas, services and lumping classes. */
export interface ChainLayout {
  readonly zoneIds: readonly number[];
  readonly zoneRates: readonly { readonly out: number; readonly back: number }[];
  readonly poolIds: readonly number[];
  readonly crews: readonly number[];
  readonly replicas: readonly ReplicaInfo[];
  readonly infos: readonly ServiceInfo[];
  /** Replicas (by index) of each class of exchangeable replicas. */
  readonly classes: readonly (readonly number[])[];
}

/** Rate of a timing that must be exponential or zero (Infinity for zero). */
function rateOf(t: Timing): number {
  return t.kind === 'zero' ? Infinity : 1 / t.mean;
}

/** Numbers the zones, finite crew pools and replicas of `services`, with their rates and classes. */
export function chainLayout(sys: AvailabilitySystem, services: readonly ServiceStructure[]): ChainLayout {
  // Local zones and pools.
  const zoneIds: number[] = [];
  for (const s of services) for (const z of s.zoneOf) if (z >= 0 && !zoneIds.includes(z)) zoneIds.push(z);
  zoneIds.sort((a, b) => a - b);
  const zoneRates = zoneIds.map((z) => ({ out: 1 / sys.zones[z]!.ttf.mean, back: 1 / sys.zones[z]!.ttr.mean }));
  // A pool never makes a replica wait when it has a crew for every replica it repairs.
  const demand = new Map<number, number>();
  for (const s of sys.services) if (s.failure !== undefined) demand.set(s.pool, (demand.get(s.pool) ?? 0) + s.replicas);
  const poolIds: number[] = [];
  const crews: number[] = [];
  const localPool = (p: number): number => {
    const c = sys.pools[p]!.crews;
    if (c >= (demand.get(p) ?? 0)) return -1;
    let i = poolIds.indexOf(p);
    if (i < 0) {
      i = poolIds.length;
      poolIds.push(p);
      crews.push(c);
    }
    return i;
  };

  const replicas: ReplicaInfo[] = [];
  const infos: ServiceInfo[] = [];
  const classes: number[][] = [];
  for (const s of services) {
    const first = replicas.length;
    const pool = s.failure !== undefined ? localPool(s.pool) : -1;
    const lambda = s.failure !== undefined ? 1 / s.failure.ttf.mean : 0;
    const mu = s.failure !== undefined ? 1 / s.failure.ttr.mean : 0;
    const zonesUsed = new Set(s.zoneOf);
    const perReplica = s.mode.kind === 'active-passive' && zonesUsed.size > 1;
    const classOfZone = new Map<number, number>();
    for (let i = 0; i < s.replicas; i++) {
      const z = s.zoneOf[i]!;
      let cls: number;
      if (perReplica) {
        cls = classes.length;
        classes.push([]);
      } else {
        let c = classOfZone.get(z);
        if (c === undefined) {
          c = classes.length;
          classes.push([]);
          classOfZone.set(z, c);
        }
        cls = c;
      }
      classes[cls]!.push(replicas.length);
      replicas.push({ service: infos.length, zone: z >= 0 ? zoneIds.indexOf(z) : -1, pool, lambda, mu, cls });
    }
    let ap: ApInfo | null = null;
    let k = 1;
    if (s.mode.kind === 'active-passive') {
      const m = s.mode;
      const startup = m.standby === 'hot' || m.startup.kind === 'zero' ? 0 : rateOf(m.startup);
      ap = { cold: m.standby === 'cold', detect: rateOf(m.detection), promote: rateOf(m.promotion), startup, coverage: m.coverage, manual: m.coverage < 1 ? rateOf(m.manual) : Infinity };
    } else k = s.mode.k;
    infos.push({ name: s.name, first, count: s.replicas, k, ap });
  }
  return { zoneIds, zoneRates, poolIds, crews, replicas, infos, classes };
}

/** Whether replica `r` serves: not crashed, and its zone (if any) not out. */
export function isUp(layout: ChainLayout, st: State, r: number): boolean {
  if (st.cond[r] !== OK) return false;
  const z = layout.replicas[r]!.zone;
  return z < 0 || st.zoneOut[z] === 0;
}

/** Whether service `s` is up: an active-passive one while serving, a k-of-n one with k replicas up. */
export function serviceUp(layout: ChainLayout, st: State, s: number): boolean {
  const info = layout.infos[s]!;
  if (info.ap !== null) return st.ap[s]!.phase === SERVING;
  let up = 0;
  for (let r = info.first; r < info.first + info.count; r++) if (isUp(layout, st, r)) up++;
  return up >= info.k;
}

export function cloneState(st: State): State {
  return {
    zoneOut: st.zoneOut.slice(),
    cond: st.cond.slice(),
    queues: st.queues.map((q) => q.slice()),
    ap: st.ap.map((a) => (a === null ? null : { ...a })),
  };
}

/** Relabels `st` in place to its class's canonical representative and returns its key. */
export function canonicalKey(layout: ChainLayout, st: State): string {
  const { replicas, classes } = layout;
  const nRep = replicas.length;
  const map = new Int32Array(nRep);
  for (let r = 0; r < nRep; r++) map[r] = r;
  const qpos = new Int32Array(nRep).fill(-1);
  for (const q of st.queues) q.forEach((r, i) => (qpos[r] = i));
  let moved = false;
  for (const members of classes) {
    if (members.length < 2) continue;
    const s = replicas[members[0]!]!.service;
    const a = st.ap[s] ?? null;
    const role = (r: number): number => (a === null ? 0 : r === a.primary ? 2 : r === a.target ? 1 : 0);
    const sorted = members.slice().sort((x, y) => role(y) - role(x) || st.cond[x]! - st.cond[y]! || qpos[x]! - qpos[y]!);
    sorted.forEach((old, j) => {
      map[old] = members[j]!;
      if (old !== members[j]) moved = true;
    });
  }
  if (moved) {
    const cond = st.cond.slice();
    for (let r = 0; r < nRep; r++) cond[map[r]!] = st.cond[r]!;
    st.cond = cond;
    st.queues = st.queues.map((q) => q.map((r) => map[r]!));
    st.ap = st.ap.map((a) =>
      a === null ? null : { phase: a.phase, primary: a.primary < 0 ? -1 : map[a.primary]!, target: a.target < 0 ? -1 : map[a.target]! },
    );
  }
  return `${st.zoneOut.join('')}|${st.cond.join('')}|${st.queues.map((q) => q.join(',')).join(';')}|${st.ap
    .map((a) => (a === null ? '' : `${a.phase},${a.primary},${a.target}`))
    .join(';')}`;
}
