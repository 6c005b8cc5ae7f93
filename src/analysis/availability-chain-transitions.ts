/**
 * The transitions of availability-chain.ts that follow from a change: the active-passive phase
 * logic (src/components/groups/active-passive.ts, failback 'none'), the zero-length steps run at
 * once with their coverage branches, and which replicas' failure clocks run.
 */
import { cloneState, isUp, DETECTING, MANUAL, PROMOTING, SERVING, STARTING, WAITING, type ChainLayout, type State } from './availability-chain-state.js';

/** Probability and state of each branch a change leads to. */
export type Branches = [number, State][];

function firstUp(L: ChainLayout, st: State, s: number, except: number): number {
  const info = L.infos[s]!;
  const a = st.ap[s]!;
  for (let r = info.first; r < info.first + info.count; r++) if (r !== except && r !== a.primary && isUp(L, st, r)) return r;
  return -1;
}

function startPromotion(st: State, s: number, r: number): void {
  const a = st.ap[s]!;
  a.phase = PROMOTING;
  a.target = r;
  a.primary = -1;
}

function replicaDown(L: ChainLayout, st: State, s: number, r: number): void {
  const a = st.ap[s]!;
  if (a.phase === SERVING && r === a.primary) a.phase = DETECTING;
  else if ((a.phase === PROMOTING || a.phase === STARTING) && r === a.target) {
    const next = firstUp(L, st, s, r);
    if (next >= 0) startPromotion(st, s, next);
    else {
      a.phase = WAITING;
      a.target = -1;
    }
  }
}

function replicaUp(st: State, s: number, r: number): void {
  const a = st.ap[s]!;
  if (a.phase === DETECTING && r === a.primary) a.phase = SERVING;
  else if (a.phase === WAITING) startPromotion(st, s, r);
}

function becomePrimary(st: State, s: number, r: number): void {
  const a = st.ap[s]!;
  a.phase = SERVING;
  a.primary = r;
  a.target = -1;
}

function manualDone(L: ChainLayout, st: State, s: number): void {
  const a = st.ap[s]!;
  a.primary = -1;
  const r = firstUp(L, st, s, -1);
  if (r >= 0) becomePrimary(st, s, r);
  else a.phase = WAITING;
}

function promotionStep(L: ChainLayout, st: State, s: number): void {
  const a = st.ap[s]!;
  if (a.phase === PROMOTING && L.infos[s]!.ap!.startup > 0) a.phase = STARTING;
  else becomePrimary(st, s, a.target);
}

/** Detection: the branches (probability, state) it leads to. */
function detected(L: ChainLayout, st: State, s: number): Branches {
  const a = st.ap[s]!;
  a.primary = -1;
  const r = firstUp(L, st, s, -1);
  if (r < 0) {
    a.phase = WAITING;
    return [[1, st]];
  }
  const c = L.infos[s]!.ap!.coverage;
  const out: Branches = [];
  if (c > 0) {
    const promoted = c < 1 ? cloneState(st) : st;
    startPromotion(promoted, s, r);
    out.push([c, promoted]);
  }
  if (c < 1) {
    st.ap[s]!.phase = MANUAL;
    out.push([1 - c, st]);
  }
  return out;
}

/** The rate of the timed step of an active-passive service's phase (Infinity: zero-length), 0 when none. */
export function stepRate(L: ChainLayout, st: State, s: number): number {
  const ap = L.infos[s]!.ap!;
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
}

/** Ends the current phase of active-passive service `s` (changing `st`). */
export function step(L: ChainLayout, st: State, s: number): Branches {
  const phase = st.ap[s]!.phase;
  if (phase === DETECTING) return detected(L, st, s);
  if (phase === MANUAL) manualDone(L, st, s);
  else promotionStep(L, st, s);
  return [[1, st]];
}

/** Runs every zero-length step due, branching on coverage. */
export function settle(L: ChainLayout, st: State): Branches {
  for (let s = 0; s < L.infos.length; s++) {
    if (L.infos[s]!.ap === null || stepRate(L, st, s) !== Infinity) continue;
    const out: Branches = [];
    for (const [p, next] of step(L, st, s)) for (const [q, fin] of settle(L, next)) out.push([p * q, fin]);
    return out;
  }
  return [[1, st]];
}

/** Applies a change of replica conditions / zones: the AP services hear of every up/down change, by replica index. */
export function apply(L: ChainLayout, st: State, change: (st: State) => void): Branches {
  const next = cloneState(st);
  const before = L.replicas.map((_, r) => isUp(L, next, r));
  change(next);
  for (let r = 0; r < L.replicas.length; r++) {
    const now = isUp(L, next, r);
    if (now === before[r]) continue;
    const s = L.replicas[r]!.service;
    if (L.infos[s]!.ap === null) continue;
    if (now) replicaUp(next, s, r);
    else replicaDown(L, next, s, r);
  }
  return settle(L, next);
}

/** Whether replica `r`'s failure clock runs: a cold standby's only while it is the primary. */
export function clockRuns(L: ChainLayout, st: State, r: number): boolean {
  const s = L.replicas[r]!.service;
  const ap = L.infos[s]!.ap;
  if (ap === null || !ap.cold) return true;
  const a = st.ap[s]!;
  return (a.phase === SERVING || a.phase === DETECTING) && a.primary === r;
}
