/**
 * The continuous-time Markov chain of the up/down state of a group of services that share repair
 * crews or zones (services that share neither are solved apart: exact-availability.ts), with
 * every time-to-failure, repair, zone outage and failover step exponential or zero.
 *
 * State: each zone up or out; each replica up, under repair or waiting for a crew (its own
 * crash; a replica is serving-up when it is not crashed and its zone is not out); per finite
 * crew pool, the first-come-first-served queue of waiting replicas; per active-passive service,
 * its phase (serving, detecting, promoting, start-up, manual recovery, waiting for any replica),
 * its primary and the standby being promoted. Transitions follow the simulator's components
 * (src/components/failure, src/components/groups): a failure takes a free crew or joins the
 * queue, a repair hands the crew to the head of the queue, a zone outage takes down its replicas
 * while their own failure clocks keep running, a cold standby's clock runs only while it is the
 * primary (serving or detecting), zero-length steps happen at once (after every replica change
 * of the same event, as the simulator's same-instant ordering does), and a detected failure
 * with a standby up starts a promotion with probability `coverage`, else manual recovery.
 *
 * Lumping: replicas of one service in one zone are exchangeable, so each state is relabelled to a
 * canonical one (within such a class: sorted by role, condition and queue position). The lumped
 * chain is exact because the dynamics are symmetric under those relabellings — except an
 * active-passive service whose replicas span several zones, where the "first up standby by index"
 * rule picks a zone, and every replica stays its own class. A 20-replica service with one class
 * has 21 to a few hundred states, not 2^20.
 */
import { Ctmc } from './ctmc.js';
import { sparseStationary, type SparseTransition } from './sparse-stationary.js';
import type { AvailabilitySystem, ServiceStructure, Timing } from './availability-system.js';

/** Up probability, its complement (summed directly, for precision) and the up → down frequency. */
export interface UpDownMeasures {
  readonly availability: number;
  readonly unavailability: number;
  /** Long-run frequency of up → down transitions, per second. */
  readonly failureFrequency: number;
}

export interface ChainMeasures {
  /** States of the lumped chain. */
  readonly states: number;
  /** Per service (by name). */
  readonly services: ReadonlyMap<string, UpDownMeasures>;
  /** Of "every required service of the group up" (availability 1 when the group has none). */
  readonly required: UpDownMeasures;
}

/** Phases of an active-passive service. */
const SERVING = 0;
const DETECTING = 1;
const PROMOTING = 2;
const STARTING = 3;
const MANUAL = 4;
const WAITING = 5;

/** Replica conditions. */
const OK = 0;
const REPAIRING = 1;
const QUEUED = 2;

interface ApState {
  phase: number;
  primary: number;
  target: number;
}

interface State {
  zoneOut: number[];
  cond: number[];
  queues: number[][];
  /** Per service; null for k-of-n services. */
  ap: (ApState | null)[];
}

interface ReplicaInfo {
  readonly service: number;
  readonly zone: number;
  /** Local pool index, -1 when repair never waits. */
  readonly pool: number;
  readonly lambda: number;
  readonly mu: number;
  readonly cls: number;
}

interface ApInfo {
  readonly cold: boolean;
  /** Rates; Infinity = zero-length step. */
  readonly detect: number;
  readonly promote: number;
  /** Start-up stage rate, or 0 when there is no start-up stage. */
  readonly startup: number;
  readonly coverage: number;
  readonly manual: number;
}

interface ServiceInfo {
  readonly name: string;
  readonly first: number;
  readonly count: number;
  readonly k: number;
  readonly ap: ApInfo | null;
}

/** Rate of a timing that must be exponential or zero (Infinity for zero). */
function rateOf(t: Timing): number {
  return t.kind === 'zero' ? Infinity : 1 / t.mean;
}

/** Whether every timing the chain uses is exponential (or zero where a zero step is allowed); the first that is not, as a phrase. */
export function chainBlocker(sys: AvailabilitySystem, services: readonly ServiceStructure[]): string | undefined {
  const bad = (t: Timing, zeroOk: boolean): string | undefined =>
    t.kind === 'exponential' || (zeroOk && t.kind === 'zero') ? undefined : `${t.path} is ${t.kind === 'zero' ? 'zero' : t.family}, not exponential`;
  const zones = new Set<number>();
  for (const s of services) {
    if (s.failure !== undefined) {
      const b = bad(s.failure.ttf, false) ?? bad(s.failure.ttr, false);
      if (b !== undefined) return b;
      if (s.failure.crashFraction < 1) return `${s.failure.modesPath} has slow or erroring failures (they hold a repair crew without taking the replica down)`;
    }
    if (s.mode.kind === 'active-passive') {
      const m = s.mode;
      const b =
        bad(m.detection, true) ??
        bad(m.promotion, true) ??
        (m.standby !== 'hot' ? bad(m.startup, true) : undefined) ??
        (m.coverage < 1 ? bad(m.manual, true) : undefined);
      if (b !== undefined) return b;
    }
    for (const z of s.zoneOf) if (z >= 0) zones.add(z);
  }
  for (const z of [...zones].sort((a, b) => a - b)) {
    const zone = sys.zones[z]!;
    const b = bad(zone.ttf, false) ?? bad(zone.ttr, false);
    if (b !== undefined) return b;
  }
  return undefined;
}

/**
 * Builds and solves the lumped chain of `services` (a group closed under shared finite crews
 * and zones). Returns a phrase instead when the chain would have more than `maxStates` states.
 * Every timing must pass chainBlocker.
 */
export function solveAvailabilityChain(
  sys: AvailabilitySystem,
  services: readonly ServiceStructure[],
  options: { readonly maxStates?: number; readonly denseLimit?: number } = {},
): ChainMeasures | { readonly reason: string } {
  const maxStates = options.maxStates ?? 200_000;
  const denseLimit = options.denseLimit ?? 400;

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
  const nRep = replicas.length;
  const required = new Set(sys.required);

  const isUp = (st: State, r: number): boolean => {
    if (st.cond[r] !== OK) return false;
    const z = replicas[r]!.zone;
    return z < 0 || st.zoneOut[z] === 0;
  };
  const serviceUp = (st: State, s: number): boolean => {
    const info = infos[s]!;
    if (info.ap !== null) return st.ap[s]!.phase === SERVING;
    let up = 0;
    for (let r = info.first; r < info.first + info.count; r++) if (isUp(st, r)) up++;
    return up >= info.k;
  };

  const clone = (st: State): State => ({
    zoneOut: st.zoneOut.slice(),
    cond: st.cond.slice(),
    queues: st.queues.map((q) => q.slice()),
    ap: st.ap.map((a) => (a === null ? null : { ...a })),
  });

  // ---- active-passive logic (src/components/groups/active-passive.ts, failback 'none') ----
  const firstUp = (st: State, s: number, except: number): number => {
    const info = infos[s]!;
    const a = st.ap[s]!;
    for (let r = info.first; r < info.first + info.count; r++) if (r !== except && r !== a.primary && isUp(st, r)) return r;
    return -1;
  };
  const startPromotion = (st: State, s: number, r: number): void => {
    const a = st.ap[s]!;
    a.phase = PROMOTING;
    a.target = r;
    a.primary = -1;
  };
  const replicaDown = (st: State, s: number, r: number): void => {
    const a = st.ap[s]!;
    if (a.phase === SERVING && r === a.primary) a.phase = DETECTING;
    else if ((a.phase === PROMOTING || a.phase === STARTING) && r === a.target) {
      const next = firstUp(st, s, r);
      if (next >= 0) startPromotion(st, s, next);
      else {
        a.phase = WAITING;
        a.target = -1;
      }
    }
  };
  const replicaUp = (st: State, s: number, r: number): void => {
    const a = st.ap[s]!;
    if (a.phase === DETECTING && r === a.primary) a.phase = SERVING;
    else if (a.phase === WAITING) startPromotion(st, s, r);
  };
  const becomePrimary = (st: State, s: number, r: number): void => {
    const a = st.ap[s]!;
    a.phase = SERVING;
    a.primary = r;
    a.target = -1;
  };
  const manualDone = (st: State, s: number): void => {
    const a = st.ap[s]!;
    a.primary = -1;
    const r = firstUp(st, s, -1);
    if (r >= 0) becomePrimary(st, s, r);
    else a.phase = WAITING;
  };
  const promotionStep = (st: State, s: number): void => {
    const a = st.ap[s]!;
    if (a.phase === PROMOTING && infos[s]!.ap!.startup > 0) a.phase = STARTING;
    else becomePrimary(st, s, a.target);
  };
  /** Detection: the branches (probability, state) it leads to. */
  const detected = (st: State, s: number): [number, State][] => {
    const a = st.ap[s]!;
    a.primary = -1;
    const r = firstUp(st, s, -1);
    if (r < 0) {
      a.phase = WAITING;
      return [[1, st]];
    }
    const c = infos[s]!.ap!.coverage;
    const out: [number, State][] = [];
    if (c > 0) {
      const promoted = c < 1 ? clone(st) : st;
      startPromotion(promoted, s, r);
      out.push([c, promoted]);
    }
    if (c < 1) {
      st.ap[s]!.phase = MANUAL;
      out.push([1 - c, st]);
    }
    return out;
  };
  /** The rate of the timed step of a service's phase (Infinity: zero-length), 0 when none. */
  const stepRate = (st: State, s: number): number => {
    const ap = infos[s]!.ap!;
    switch (st.ap[s]!.phase) {
      case DETECTING:
        return ap.detect;
      case PROMOTING:
        return ap.promote;
      case STARTING:
        return ap.startup;
      case MANUAL:
        return ap.manual;
      default:
        return 0;
    }
  };
  const step = (st: State, s: number): [number, State][] => {
    const phase = st.ap[s]!.phase;
    if (phase === DETECTING) return detected(st, s);
    if (phase === MANUAL) manualDone(st, s);
    else promotionStep(st, s);
    return [[1, st]];
  };
  /** Runs every zero-length step due, branching on coverage. */
  const settle = (st: State): [number, State][] => {
    for (let s = 0; s < infos.length; s++) {
      if (infos[s]!.ap === null || stepRate(st, s) !== Infinity) continue;
      const out: [number, State][] = [];
      for (const [p, next] of step(st, s)) for (const [q, fin] of settle(next)) out.push([p * q, fin]);
      return out;
    }
    return [[1, st]];
  };

  /** Applies a change of replica conditions / zones: the AP services hear of every up/down change, by replica index. */
  const apply = (st: State, change: (st: State) => void): [number, State][] => {
    const next = clone(st);
    const before = replicas.map((_, r) => isUp(next, r));
    change(next);
    for (let r = 0; r < nRep; r++) {
      const now = isUp(next, r);
      if (now === before[r]) continue;
      const s = replicas[r]!.service;
      if (infos[s]!.ap === null) continue;
      if (now) replicaUp(next, s, r);
      else replicaDown(next, s, r);
    }
    return settle(next);
  };

  const clockRuns = (st: State, r: number): boolean => {
    const s = replicas[r]!.service;
    const ap = infos[s]!.ap;
    if (ap === null || !ap.cold) return true;
    const a = st.ap[s]!;
    return (a.phase === SERVING || a.phase === DETECTING) && a.primary === r;
  };

  // ---- canonical relabelling ----
  const canonical = (st: State): string => {
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
  };

  // ---- breadth-first exploration ----
  const initial: State = {
    zoneOut: zoneIds.map(() => 0),
    cond: replicas.map(() => OK),
    queues: poolIds.map(() => []),
    ap: infos.map((i) => (i.ap === null ? null : { phase: SERVING, primary: i.first, target: -1 })),
  };
  const index = new Map<string, number>();
  const states: State[] = [];
  const transitions: SparseTransition[] = [];
  const add = (st: State): number => {
    const key = canonical(st);
    let i = index.get(key);
    if (i === undefined) {
      i = states.length;
      index.set(key, i);
      states.push(st);
    }
    return i;
  };
  add(initial);
  const names = services.map((s) => s.name).join(', ');
  const which = services.length > 1 ? `services ${names}` : `service ${names}`;
  for (let i = 0; i < states.length; i++) {
    if (states.length > maxStates) {
      return { reason: `the Markov chain of ${which} has more than ${maxStates} states` };
    }
    const st = states[i]!;
    const emit = (rate: number, branches: [number, State][]): void => {
      for (const [p, next] of branches) {
        const j = add(next);
        if (j !== i && p * rate > 0) transitions.push({ from: i, to: j, rate: p * rate });
      }
    };
    zoneRates.forEach((z, zi) => {
      const out = st.zoneOut[zi] === 0;
      emit(out ? z.out : z.back, apply(st, (n) => (n.zoneOut[zi] = out ? 1 : 0)));
    });
    for (let r = 0; r < nRep; r++) {
      const info = replicas[r]!;
      const c = st.cond[r];
      if (c === OK && info.lambda > 0 && clockRuns(st, r)) {
        emit(
          info.lambda,
          apply(st, (n) => {
            const p = info.pool;
            if (p < 0) {
              n.cond[r] = REPAIRING;
              return;
            }
            let busy = 0;
            for (let x = 0; x < nRep; x++) if (replicas[x]!.pool === p && n.cond[x] === REPAIRING) busy++;
            if (busy < crews[p]!) n.cond[r] = REPAIRING;
            else {
              n.cond[r] = QUEUED;
              n.queues[p]!.push(r);
            }
          }),
        );
      } else if (c === REPAIRING) {
        emit(
          info.mu,
          apply(st, (n) => {
            n.cond[r] = OK;
            const p = info.pool;
            if (p >= 0) {
              const head = n.queues[p]!.shift();
              if (head !== undefined) n.cond[head] = REPAIRING;
            }
          }),
        );
      }
    }
    for (let s = 0; s < infos.length; s++) {
      if (infos[s]!.ap === null) continue;
      const rate = stepRate(st, s);
      if (rate > 0 && rate < Infinity) emit(rate, step(clone(st), s).flatMap(([p, n]) => settle(n).map(([q, f]): [number, State] => [p * q, f])));
    }
  }

  // ---- solve ----
  const n = states.length;
  let pi: readonly number[];
  if (n === 1) pi = [1];
  else if (n <= denseLimit) {
    pi = new Ctmc(transitions, { states: Array.from({ length: n }, (_, i) => i) }).steadyStateVector();
  } else {
    try {
      pi = sparseStationary(n, transitions);
    } catch (err) {
      return { reason: `the Markov chain of ${which} (${n} states) could not be solved: ${(err as Error).message}` };
    }
  }

  const measure = (up: (st: State) => boolean): UpDownMeasures => {
    const isUpState = states.map(up);
    let a = 0;
    let u = 0;
    pi.forEach((p, i) => {
      if (isUpState[i]) a += p;
      else u += p;
    });
    let f = 0;
    for (const t of transitions) if (isUpState[t.from] && !isUpState[t.to]) f += pi[t.from]! * t.rate;
    return { availability: a, unavailability: u, failureFrequency: f };
  };
  const perService = new Map<string, UpDownMeasures>();
  infos.forEach((info, s) => perService.set(info.name, measure((st) => serviceUp(st, s))));
  const req = infos.map((info, s) => (required.has(info.name) ? s : -1)).filter((s) => s >= 0);
  return { states: n, services: perService, required: measure((st) => req.every((s) => serviceUp(st, s))) };
}
