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
 *
 * The state encoding and lumping are in availability-chain-state.ts, the active-passive phase
 * transitions in availability-chain-transitions.ts; this file explores the chain and solves it.
 */
import { Ctmc } from './ctmc.js';
import { sparseStationary, type SparseTransition } from './sparse-stationary.js';
import type { AvailabilitySystem, ServiceStructure, Timing } from './availability-system.js';
import { canonicalKey, chainLayout, cloneState, serviceUp, OK, QUEUED, REPAIRING, SERVING, type State } from './availability-chain-state.js';
import { apply, clockRuns, settle, step, stepRate, type Branches } from './availability-chain-transitions.js';

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
  const layout = chainLayout(sys, services);
  const { zoneIds, zoneRates, poolIds, crews, replicas, infos } = layout;
  const nRep = replicas.length;
  const required = new Set(sys.required);

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
    const key = canonicalKey(layout, st);
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
    const emit = (rate: number, branches: Branches): void => {
      for (const [p, next] of branches) {
        const j = add(next);
        if (j !== i && p * rate > 0) transitions.push({ from: i, to: j, rate: p * rate });
      }
    };
    zoneRates.forEach((z, zi) => {
      const out = st.zoneOut[zi] === 0;
      emit(out ? z.out : z.back, apply(layout, st, (n) => (n.zoneOut[zi] = out ? 1 : 0)));
    });
    for (let r = 0; r < nRep; r++) {
      const info = replicas[r]!;
      const c = st.cond[r];
      if (c === OK && info.lambda > 0 && clockRuns(layout, st, r)) {
        emit(
          info.lambda,
          apply(layout, st, (n) => {
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
          apply(layout, st, (n) => {
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
      const rate = stepRate(layout, st, s);
      if (rate > 0 && rate < Infinity) emit(rate, step(layout, cloneState(st), s).flatMap(([p, n]) => settle(layout, n).map(([q, f]): [number, State] => [p * q, f])));
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
  infos.forEach((info, s) => perService.set(info.name, measure((st) => serviceUp(layout, st, s))));
  const req = infos.map((info, s) => (required.has(info.name) ? s : -1)).filter((s) => s >= 0);
  return { states: n, services: perService, required: measure((st) => req.every((s) => serviceUp(layout, st, s))) };
}
