// A test Invoker whose outcomes and latencies are scripted: the n-th invocation (n from 0) gets
// script[n] (an error once the script is exhausted) or `script(n, call)`. It models a server: the
// work for a call runs for `latency` seconds (an event at Priority.RELEASE, like a real server's
// completion) and then answers; a call abandoned without cancellation keeps its work running to the
// end (counted in `orphanedCompletions`), with cancellation the work stops (`cancelled`).
// `immediate: true` answers inside `invoke` (as a CallEdge does with no routable replica).
import type { Simulation } from '../../src/engine/simulation.js';
import { Priority } from '../../src/engine/priorities.js';
import type { Outcome } from '../../src/base/outcome.js';
import type { Call, CallDone } from '../../src/components/service/call.js';
import type { Invoker } from '../../src/components/service/invoker.js';
import type { Rng } from '../../src/random/rng.js';

export interface ScriptStep {
  readonly outcome: Outcome;
  /** seconds of work before the answer (default 0) */
  readonly latency?: number;
  readonly cause?: string;
  readonly degraded?: boolean;
  /** answer synchronously inside invoke (latency ignored) */
  readonly immediate?: boolean;
}

export interface Invocation {
  /** invocation index (0-based) */
  readonly n: number;
  /** time of invoke */
  readonly t: number;
  readonly attempt: number;
  readonly slot: number;
  /** time the server's work ended (or was cancelled); NaN while running */
  workEnd: number;
  /** what became of it */
  fate: 'running' | 'answered' | 'orphaned' | 'cancelled';
  /** cancel flag passed to abandon (undefined = default) */
  abandonCancel?: boolean | undefined;
}

interface Work {
  call: Call;
  step: ScriptStep;
  inv: Invocation;
  handle: number;
}

export class ScriptedInvoker implements Invoker {
  readonly invocations: Invocation[] = [];
  /** abandoned calls whose work ran to the end anyway */
  orphanedCompletions = 0;
  cancelled = 0;
  /** server work in progress now (answered or not) */
  busy = 0;
  maxBusy = 0;
  private readonly work = new Map<Call, Work>();
  private readonly script: (n: number, call: Call) => ScriptStep;

  constructor(
    private readonly sim: Simulation,
    script: readonly ScriptStep[] | ((n: number, call: Call) => ScriptStep),
    private readonly cancelOnAbandon = false,
  ) {
    this.script =
      typeof script === 'function'
        ? script
        : (n) => {
            const s = script[n];
            if (s === undefined) throw new Error(`ScriptedInvoker: script exhausted at invocation ${n} (length ${script.length})`);
            return s;
          };
  }

  /** Each call fails ('error') independently with probability f, after `latency` seconds. */
  static bernoulli(sim: Simulation, f: number, latency: number, rng: Rng): ScriptedInvoker {
    return new ScriptedInvoker(sim, () => ({ outcome: rng() < f ? 'error' : 'ok', latency }));
  }

  /** Times of the invocations (convenience). */
  get times(): number[] {
    return this.invocations.map((i) => i.t);
  }

  invoke(call: Call, done: CallDone): void {
    const n = this.invocations.length;
    const step = this.script(n, call);
    call.done = done;
    call.start = this.sim.now;
    const inv: Invocation = { n, t: this.sim.now, attempt: call.attempt, slot: call.slot, workEnd: NaN, fate: 'running' };
    this.invocations.push(inv);
    if (step.immediate === true) {
      inv.workEnd = this.sim.now;
      inv.fate = 'answered';
      this.answer(call, step);
      return;
    }
    const w: Work = { call, step, inv, handle: -1 };
    this.busy++;
    this.maxBusy = Math.max(this.maxBusy, this.busy);
    w.handle = this.sim.schedule(step.latency ?? 0, this.onWorkDone, w, Priority.RELEASE);
    this.work.set(call, w);
  }

  abandon(call: Call, cancel: boolean = this.cancelOnAbandon): void {
    if (call.done === null) return;
    call.done = null;
    const w = this.work.get(call);
    if (w === undefined) return;
    this.work.delete(call);
    w.inv.abandonCancel = cancel;
    if (cancel) {
      this.sim.cancel(w.handle);
      this.busy--;
      this.cancelled++;
      w.inv.fate = 'cancelled';
      w.inv.workEnd = this.sim.now;
    } else {
      w.inv.fate = 'orphaned';
    }
  }

  private readonly onWorkDone = (w: Work): void => {
    this.busy--;
    w.inv.workEnd = this.sim.now;
    if (w.inv.fate === 'orphaned') {
      this.orphanedCompletions++;
      return;
    }
    this.work.delete(w.call);
    w.inv.fate = 'answered';
    this.answer(w.call, w.step);
  };

  private answer(call: Call, step: ScriptStep): void {
    call.outcome = step.outcome;
    call.cause = step.cause ?? (step.outcome === 'ok' ? '' : step.outcome);
    call.degraded = step.degraded ?? false;
    call.end = this.sim.now;
    const done = call.done;
    call.done = null;
    done?.(call);
  }
}

/** A caller's record of one logical request through an invoker. */
export interface Answer {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly outcome: Outcome;
  readonly cause: string;
  readonly degraded: boolean;
}

/** Issues requests into `target` and records the answers (test convenience; allocates freely). */
export class Caller {
  readonly answers: Answer[] = [];
  readonly calls: Call[] = [];
  constructor(
    private readonly sim: Simulation,
    private readonly target: Invoker,
    private readonly makeCall: () => Call,
  ) {}

  /** Sends one request now; returns its Call. */
  send(): Call {
    const c = this.makeCall();
    c.slot = this.calls.length;
    this.calls.push(c);
    this.target.invoke(c, this.onDone);
    return c;
  }

  /** Sends a request at each of the given times. */
  sendAt(times: readonly number[]): void {
    for (const t of times) this.sim.schedule(t - this.sim.now, () => this.send(), undefined, Priority.ARRIVAL);
  }

  private readonly onDone = (c: Call): void => {
    this.answers.push({ id: c.slot, start: c.start, end: c.end, outcome: c.outcome, cause: c.cause, degraded: c.degraded });
  };
}
