// Hedging layer (Polly v8 hedging): the HedgingPlan decides, this layer executes.
//
// Per logical request: attempt 0 is launched at once; every `delay` seconds without an acceptable
// result another attempt is launched (an event at Priority.NORMAL), up to 1 + maxHedgedAttempts;
// a handled failure (hedgeOn) launches the next attempt at once; the first acceptable result wins
// and the attempts still pending are abandoned (cancel = `cancelLosers`; undefined = the inner
// invoker's default, e.g. CallEdge `cancelOnAbandon`). When every attempt fails, the original's
// failure (outcome, cause, degraded) is the answer, as in Polly. delay 0 launches all attempts
// together; delay Infinity is fallback mode.
//
// Each attempt is a child Call with `slot` = `attempt` = its index (0 = the original). A different
// replica per attempt: CallEdge has no hook to exclude the replicas of sibling attempts, so each
// attempt is routed by the service's balancer as any call (round-robin naturally alternates; random
// and p2c may pick the same replica again).
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import type { HedgeStep, HedgingPlan, HedgingPolicy } from '../../policies/hedging.js';
import type { Call, CallDone } from '../service/call.js';
import { CallPool } from '../service/call-pool.js';
import type { Invoker } from '../service/invoker.js';
import { answerParent, beginParent } from './parent-call.js';

/** Per-logical-request state (pooled). */
class HedgeState {
  parent: Call | null = null;
  plan: HedgingPlan | null = null;
  /** pending attempt calls by index */
  readonly attempts: (Call | null)[] = [];
  timer = -1;
  timerAt = NaN;
  /** cause and degraded flag of the original attempt's answer (the request's answer if every attempt fails) */
  primaryCause = '';
  primaryDegraded = false;
  /** replica of the latest attempt launched (-1: unknown) */
  lastReplica = -1;
  /** bumped when the state is released, so re-entrant code can tell it is over */
  gen = 0;
  /**
   * The request is over (answered or abandoned) and its attempts are being abandoned. Abandoning
   * one can complete a sibling at once (a bulkhead hands it the freed permit and it fails inside
   * `invoke`); such a late answer only frees its attempt.
   */
  closing = false;
}

export interface HedgingInvokerOptions {
  /** Whether abandoned losers stop the server's work (default: the inner invoker's own setting). */
  readonly cancelLosers?: boolean;
}

export class HedgingInvoker implements Invoker {
  readonly sim: Simulation;
  readonly inner: Invoker;
  readonly policy: HedgingPolicy;
  readonly cancelLosers: boolean | undefined;
  /** Logical requests started, and attempts launched for them (including the originals). */
  readonly requests = new Counter();
  readonly attemptsLaunched = new Counter();
  /** Hedged attempts launched (attempts after the first). */
  readonly hedgesSent = new Counter();
  /** Requests won by a hedged attempt (index > 0) with an acceptable outcome. */
  readonly hedgesWon = new Counter();
  private readonly pool = new CallPool();
  private readonly states = new Map<Call, HedgeState>();
  private readonly free: HedgeState[] = [];

  constructor(sim: Simulation, inner: Invoker, policy: HedgingPolicy, options: HedgingInvokerOptions = {}) {
    this.sim = sim;
    this.inner = inner;
    this.policy = policy;
    this.cancelLosers = options.cancelLosers;
  }

  /** Logical requests in flight. */
  get inFlight(): number {
    return this.states.size;
  }

  invoke(call: Call, done: CallDone): void {
    beginParent(call, done, this.sim.now);
    const st = this.free.pop() ?? new HedgeState();
    st.parent = call;
    st.plan = this.policy.plan();
    st.timer = -1;
    st.timerAt = NaN;
    this.states.set(call, st);
    this.requests.inc();
    this.apply(st, st.plan.start(this.sim.now), '', false);
  }

  abandon(call: Call, cancel?: boolean): void {
    const st = this.states.get(call);
    if (st === undefined || call.done === null) return;
    call.done = null;
    if (st.closing) return; // being answered or abandoned right now: nothing will be delivered
    st.closing = true;
    this.dropAll(st, cancel);
    this.release(st);
  }

  resetStats(): void {
    this.requests.resetStats();
    this.attemptsLaunched.resetStats();
    this.hedgesSent.resetStats();
    this.hedgesWon.resetStats();
  }

  /** Executes one planner step; `cause`/`degraded` are those of the attempt whose result produced it. */
  private apply(st: HedgeState, step: HedgeStep, cause: string, degraded: boolean): void {
    const d = step.done;
    if (d !== undefined) st.closing = true;
    for (const i of step.cancel) {
      const c = st.attempts[i];
      if (c === null || c === undefined) continue;
      st.attempts[i] = null;
      if (c.done !== null) this.inner.abandon(c, this.cancelLosers);
      this.pool.release(c);
    }
    if (d !== undefined) {
      if (d.winner !== undefined && d.winner > 0) this.hedgesWon.inc();
      const parent = st.parent!;
      // every attempt failed: the answer is the original's (d.answeredBy = 0), not the last one's
      const fromPrimary = d.winner === undefined;
      const answerCause = fromPrimary ? st.primaryCause : cause;
      const answerDegraded = fromPrimary ? st.primaryDegraded : degraded;
      this.dropAll(st, this.cancelLosers);
      this.release(st);
      answerParent(parent, d.outcome, answerCause, answerDegraded, this.sim.now);
      return;
    }
    const at = step.nextLaunchAt;
    if (at === undefined) {
      if (st.timer >= 0) this.sim.cancel(st.timer);
      st.timer = -1;
      st.timerAt = NaN;
    } else if (at !== st.timerAt || st.timer < 0) {
      if (st.timer >= 0) this.sim.cancel(st.timer);
      const now = this.sim.now;
      st.timerAt = at;
      st.timer = this.sim.schedule(at > now ? at - now : 0, this.onTimer, st, Priority.NORMAL);
    }
    const gen = st.gen;
    for (const i of step.launch) {
      this.launch(st, i);
      if (st.gen !== gen) return; // the request ended while launching (a synchronous answer)
    }
  }

  private launch(st: HedgeState, i: number): void {
    const parent = st.parent!;
    const c = this.pool.acquire();
    c.owner = parent;
    c.cls = parent.cls;
    c.critical = parent.critical;
    c.link = parent.link;
    c.origin = parent.origin;
    c.slot = i;
    c.attempt = i;
    c.outcome = 'ok';
    c.cause = '';
    c.degraded = false;
    // A hedge goes to another replica than the previous attempt when one is routable.
    c.avoid = i > 0 ? st.lastReplica : parent.avoid;
    while (st.attempts.length <= i) st.attempts.push(null);
    st.attempts[i] = c;
    this.attemptsLaunched.inc();
    if (i > 0) this.hedgesSent.inc();
    this.inner.invoke(c, this.onAttemptDone);
    if (st.attempts[i] === c) st.lastReplica = c.replica;
  }

  private readonly onAttemptDone = (c: Call): void => {
    const st = this.states.get(c.owner as Call)!;
    const i = c.slot;
    st.attempts[i] = null;
    const outcome = c.outcome;
    const cause = c.cause;
    const degraded = c.degraded;
    this.pool.release(c);
    if (st.closing) return; // a sibling's abandonment completed it: the request is already decided
    if (i === 0) {
      st.primaryCause = cause;
      st.primaryDegraded = degraded;
    }
    this.apply(st, st.plan!.onAttemptResult(this.sim.now, i, outcome), cause, degraded);
  };

  private readonly onTimer = (st: HedgeState): void => {
    st.timer = -1;
    st.timerAt = NaN;
    this.apply(st, st.plan!.onTimer(this.sim.now), '', false);
  };

  /** Abandons every pending attempt and the launch timer. */
  private dropAll(st: HedgeState, cancel: boolean | undefined): void {
    if (st.timer >= 0) {
      this.sim.cancel(st.timer);
      st.timer = -1;
    }
    const a = st.attempts;
    for (let i = 0; i < a.length; i++) {
      const c = a[i];
      if (c === null || c === undefined) continue;
      a[i] = null;
      if (c.done !== null) {
        c.timedOut = st.parent?.timedOut ?? false;
        this.inner.abandon(c, cancel);
      }
      this.pool.release(c);
    }
  }

  private release(st: HedgeState): void {
    this.states.delete(st.parent!);
    st.parent = null;
    st.plan = null;
    st.gen++;
    st.closing = false;
    st.attempts.length = 0;
    st.lastReplica = -1;
    st.primaryCause = '';
    st.primaryDegraded = false;
    this.free.push(st);
  }
}
