// Processes written as generators, as in SimPy. A process yields
//   - a number: wait that many seconds (the fast path: nothing is allocated), or
//   - a SimEvent (a timeout, a resource request, another process, an any-of / all-of
//     condition): wait until it is processed; its value is sent back, its error thrown in.
// `interrupt(cause)` throws an Interrupt into the process at its current yield, cancelling
// what it was waiting for, so that a failure can abort work in progress.
import type { Simulation } from './simulation.js';
import { SimEvent } from './events.js';
import { Interrupt, SimulationError } from './errors.js';
import { Priority } from './priorities.js';

/** What a process may yield. */
export type Yieldable = number | SimEvent<any>;
export type ProcessGenerator<R = unknown> = Generator<Yieldable, R, any>;

function resumeAfterDelay(p: Process<any>): void {
  p._waitHandle = -1;
  p._step(undefined, undefined, false);
}

function start(p: Process<any>): void {
  p._step(undefined, undefined, false);
}

function deliverInterrupt(p: Process<any>): void {
  const cause = p._pendingInterrupts!.shift();
  if (!p.isAlive) return;
  p._detach();
  p._step(undefined, new Interrupt(cause), true);
}

export class Process<R = unknown> extends SimEvent<R> {
  private readonly gen: ProcessGenerator<R>;
  /** @internal Handle of the pending delay when the process yielded a number. */
  _waitHandle = -1;
  /** @internal Causes of interrupts scheduled but not yet delivered (allocated by the first interrupt). */
  _pendingInterrupts: unknown[] | null = null;
  private target: SimEvent<any> | null = null;
  private alive = true;
  /** The callback this process adds to the events it waits on; created when it first waits on one. */
  private onEvent: ((ev: SimEvent<any>) => void) | null = null;

  constructor(sim: Simulation, gen: ProcessGenerator<R>, name: string) {
    super(sim, name);
    this.gen = gen;
    sim.post(0, start, this, Priority.URGENT);
  }

  /** True until the generator returns or throws. */
  get isAlive(): boolean {
    return this.alive;
  }

  /** The event the process waits on, if any (null while it waits on a plain delay). */
  get waitingOn(): SimEvent<any> | null {
    return this.target;
  }

  /**
   * Throws `Interrupt(cause)` into the process at the current instant (before other events of
   * the instant). Whatever it waited on is abandoned. Returns false if the process has ended.
   */
  interrupt(cause?: unknown): boolean {
    if (!this.alive) return false;
    if (this._pendingInterrupts === null) this._pendingInterrupts = [cause];
    else this._pendingInterrupts.push(cause);
    this.sim.post(0, deliverInterrupt, this, Priority.URGENT);
    return true;
  }

  /** @internal Stops waiting for the current target. */
  _detach(): void {
    if (this._waitHandle >= 0) {
      this.sim.cancel(this._waitHandle);
      this._waitHandle = -1;
    }
    if (this.target !== null) {
      this.target.removeCallback(this.onEvent!);
      this.target = null;
    }
  }

  /** @internal Advances the generator by one step. */
  _step(value: unknown, error: unknown, isError: boolean): void {
    let r: IteratorResult<Yieldable, R>;
    const sim = this.sim;
    const outer = sim._active;
    sim._active = this;
    try {
      r = isError ? this.gen.throw(error) : this.gen.next(value);
    } catch (e) {
      sim._active = outer;
      this.alive = false;
      if (e instanceof SimulationError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw new SimulationError(`process "${this.name}" failed: ${msg}`, this.sim.now, this.name, { cause: e });
    }
    sim._active = outer;
    const y = r.value;
    if (r.done === true) {
      this.alive = false;
      this.succeed(y as R);
      return;
    }
    if (typeof y === 'number') {
      if (!(y >= 0)) {
        this.alive = false;
        throw new SimulationError(`process "${this.name}" yielded an invalid delay ${y}`, this.sim.now, this.name);
      }
      this._waitHandle = sim._scheduleDelay(y, resumeAfterDelay, this);
    } else if (y instanceof SimEvent) {
      this.target = y;
      let cb = this.onEvent;
      if (cb === null) {
        cb = (ev: SimEvent<any>): void => {
          this.target = null;
          if (ev.ok) this._step(ev.value, undefined, false);
          else this._step(undefined, ev.error, true);
        };
        this.onEvent = cb;
      }
      y.addCallback(cb);
    } else {
      this.alive = false;
      throw new SimulationError(
        `process "${this.name}" yielded ${String(y)}; expected a delay in seconds or an event`,
        this.sim.now,
        this.name,
      );
    }
  }
}
