// A resource with `capacity` identical units (servers, connections, worker threads):
// FIFO or priority queueing, an optional bounded queue that rejects, and preemption.
// Processes `yield resource.request()` (the value is true when granted, false when rejected)
// and call `release(request)`; callback-style code adds a callback to the request instead.
// The resource keeps time-weighted statistics of busy units and queue length.
//
// Capacity and a waiting line, four times. Four structures of the library hand a limited number
// of units to waiters with the put/get shape of SimPy's resources (ask for a unit, wait in line
// if none is free, give it back, the head of the line takes it), each with its own code, because
// each needs something the others must not pay for:
//   - Resource (this file): the kernel's resource for models written as processes (no library
//     component uses it). A request is an event, allocated and granted through the event queue,
//     so a process can yield it or race it in anyOf; priority order; a bounded line that rejects;
//     preemption, which interrupts the holder's process; time-weighted busy and line statistics.
//   - ReplicaServer and JobQueue (components/service/): the slots and FIFO of one replica, on the
//     request path, the hottest code above the kernel. No event and no allocation per request
//     (pooled jobs, a slot taken inside the arrival's callback); a queued job leaves in O(1) by
//     its position when its caller gives up; a job keeps its slot while it waits for its
//     downstream calls; a replica crash tears down every holder and waiter at once; busy time is
//     summed per job (utilisation) and each replica's outstanding work feeds the load balancer.
//   - RepairCrews (components/failure/repair-crews.ts): crews shared by the failure processes of
//     a topology. Rare events, so a plain array FIFO; an unlimited pool (crews: Infinity) for
//     independent repair; no rejection, priority or preemption; a repair is a callback
//     (startRepair), and its wait is measured from when it queued.
//   - Bulkhead (policies/bulkhead.ts, driven by components/resilience/bulkhead-invoker.ts): the
//     resilience4j semaphore bulkhead. A policy without a simulation (the time is passed in, as
//     for every policy), so it follows resilience4j's rules on its own: a waiter has a deadline
//     (maxWaitDuration) and expires; no caller takes a free permit while others wait; a permit
//     freed at a waiter's deadline still goes to it; resilience4j's count of rejections.
// One base class would put Resource's event per grant on the request path, or deadlines and
// crash teardown into the kernel; and no caller uses two of them, so a shared interface would
// serve no one.
import type { Simulation } from './simulation.js';
import type { Process, ProcessGenerator } from './process.js';
import { SimEvent } from './events.js';
import { Interrupt, SimulationError } from './errors.js';
import { Priority } from './priorities.js';
import { TimeAverage } from './time-average.js';
import { WaitQueue } from './wait-queue.js';

export type QueueDiscipline = 'fifo' | 'priority';
export type PreemptMode = 'resume' | 'restart' | 'abort';

export interface ResourceOptions {
  readonly name?: string;
  /** Number of units (default 1). */
  readonly capacity?: number;
  /** 'fifo' (default) or 'priority' (lower number first, FIFO among equals). */
  readonly queue?: QueueDiscipline;
  /** Most requests that may wait; a request beyond it is rejected (default: unbounded). */
  readonly queueCapacity?: number;
  /** Whether requests with `preempt` may take a unit from a lower-priority holder (default false). */
  readonly preemptive?: boolean;
}

export interface RequestOptions {
  /** Lower is more important (default 0). */
  readonly priority?: number;
  /** On a preemptive resource: take a unit from a less important holder if none is free (default true). */
  readonly preempt?: boolean;
  /** Called instead of interrupting the owner process when this request is preempted. */
  readonly onPreempted?: (p: Preempted) => void;
}

export type RequestStatus = 'queued' | 'granted' | 'rejected' | 'released' | 'preempted' | 'cancelled';

/** The cause of an Interrupt sent to a holder that lost its unit. */
export class Preempted {
  readonly kind = 'preempted';
  constructor(
    readonly resource: Resource,
    readonly request: Request,
    readonly by: Request,
    /** Time at which the preempted holder had been granted the unit. */
    readonly usageSince: number,
  ) {}
}

export class Request extends SimEvent<boolean> {
  readonly resource: Resource;
  readonly priority: number;
  readonly preempt: boolean;
  /** Time of the request. */
  readonly time: number;
  /** The process that made the request, interrupted if the unit is preempted. */
  readonly owner: Process<any> | null;
  readonly onPreempted: ((p: Preempted) => void) | undefined;
  status: RequestStatus = 'queued';
  grantedAt = NaN;
  /** @internal */
  readonly seq: number;

  constructor(resource: Resource, opts: RequestOptions, seq: number) {
    super(resource.sim, resource.requestName);
    this.resource = resource;
    this.priority = opts.priority ?? 0;
    this.preempt = opts.preempt ?? true;
    this.onPreempted = opts.onPreempted;
    this.time = resource.sim.now;
    this.owner = resource.sim.activeProcess;
    this.seq = seq;
  }

  /** Time spent waiting in the queue (NaN until granted). */
  get waited(): number {
    return this.grantedAt - this.time;
  }
}

const NO_OPTIONS: RequestOptions = {};

export class Resource {
  readonly sim: Simulation;
  readonly name: string;
  readonly capacity: number;
  readonly discipline: QueueDiscipline;
  readonly queueCapacity: number;
  readonly preemptive: boolean;
  /** @internal The name of this resource's requests (built once, not per request). */
  readonly requestName: string;
  private readonly waiting = new WaitQueue();
  private readonly users: Request[] = [];
  private seq = 0;
  private readonly busyAvg: TimeAverage;
  private readonly queueAvg: TimeAverage;
  private _granted = 0;
  private _rejected = 0;
  private _preempted = 0;
  private waitSum = 0;

  constructor(sim: Simulation, options: ResourceOptions = {}) {
    this.sim = sim;
    this.name = options.name ?? 'resource';
    this.requestName = `${this.name}.request`;
    this.capacity = options.capacity ?? 1;
    this.discipline = options.queue ?? 'fifo';
    this.queueCapacity = options.queueCapacity ?? Infinity;
    this.preemptive = options.preemptive ?? false;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) {
      throw new RangeError(`resource "${this.name}": capacity must be an integer ≥ 1, got ${options.capacity}`);
    }
    if (!(this.queueCapacity >= 0)) {
      throw new RangeError(`resource "${this.name}": queueCapacity must be ≥ 0, got ${options.queueCapacity}`);
    }
    this.busyAvg = new TimeAverage(sim.now, 0);
    this.queueAvg = new TimeAverage(sim.now, 0);
  }

  /** Units in use. */
  get count(): number {
    return this.users.length;
  }
  /** Requests waiting. */
  get queueLength(): number {
    return this.waiting.live;
  }
  /** The requests holding a unit. */
  get holders(): readonly Request[] {
    return this.users;
  }

  /**
   * Asks for a unit. The returned event succeeds with true when the unit is granted (at once if
   * one is free), or with false at once if the queue is full (status 'rejected').
   */
  request(options: RequestOptions = NO_OPTIONS): Request {
    const prio = this.discipline === 'priority' ? (options.priority ?? 0) : 0;
    const req = new Request(this, prio === (options.priority ?? 0) ? options : { ...options, priority: prio }, this.seq++);
    if (this.users.length < this.capacity) {
      this.grant(req);
    } else if (this.preemptive && req.preempt && this.tryPreempt(req)) {
      // granted by preemption
    } else if (this.waiting.live >= this.queueCapacity) {
      req.status = 'rejected';
      this._rejected++;
      req.succeed(false, Priority.URGENT);
    } else {
      this.waiting.push(req);
      this.queueAvg.set(this.sim.now, this.waiting.live);
    }
    return req;
  }

  /**
   * Gives the unit back (granted request) or withdraws from the queue (waiting request). Releasing
   * a request that was preempted, rejected or already released does nothing.
   */
  release(req: Request): void {
    if (req.resource !== this) {
      throw new SimulationError(`request of "${req.resource.name}" released on "${this.name}"`, this.sim.now, this.name);
    }
    if (req.status === 'queued') {
      req.status = 'cancelled';
      this.waiting.removed();
      this.queueAvg.set(this.sim.now, this.waiting.live);
      return;
    }
    if (req.status !== 'granted') return;
    req.status = 'released';
    this.removeUser(req);
    this.grantWaiting();
  }

  /**
   * Holds one unit for `duration` seconds inside a process (`yield* resource.use(5)`), handling
   * preemption: after losing the unit the process queues again and serves the remaining time
   * ('resume', default), the full time again ('restart'), or gives up ('abort').
   * Like SimPy's `with resource.request()`, the request is withdrawn or its unit given back on
   * every way out (done, rejected, aborted, an interrupt or error while queued or holding, the
   * generator closed), so no unit is ever granted to a process that has left.
   */
  *use(duration: number, options: RequestOptions & { readonly onPreempt?: PreemptMode } = {}): ProcessGenerator<'done' | 'rejected' | 'aborted'> {
    const mode = options.onPreempt ?? 'resume';
    let remaining = duration;
    for (;;) {
      const req = this.request(options);
      try {
        const granted: boolean = yield req;
        if (!granted) return 'rejected';
        yield remaining;
        return 'done';
      } catch (e) {
        if (!(e instanceof Interrupt && e.cause instanceof Preempted && e.cause.request === req)) throw e;
        if (mode === 'abort') return 'aborted';
        remaining = mode === 'resume' ? remaining - (this.sim.now - req.grantedAt) : duration;
      } finally {
        this.release(req);
      }
    }
  }

  /** Mean fraction of units busy since the last reset. */
  utilisation(): number {
    return this.busyAvg.mean(this.sim.now) / this.capacity;
  }
  /** Time-average number of busy units. */
  meanBusy(): number {
    return this.busyAvg.mean(this.sim.now);
  }
  /** Time-average number of waiting requests. */
  meanQueueLength(): number {
    return this.queueAvg.mean(this.sim.now);
  }
  maxQueueLength(): number {
    return this.queueAvg.max;
  }
  /** Mean wait in queue of the requests granted since the last reset. */
  meanWait(): number {
    return this._granted > 0 ? this.waitSum / this._granted : NaN;
  }
  get grantedCount(): number {
    return this._granted;
  }
  get rejectedCount(): number {
    return this._rejected;
  }
  get preemptedCount(): number {
    return this._preempted;
  }

  /** Restarts the statistics now (end of a warm-up), keeping the current state. */
  resetStats(): void {
    const now = this.sim.now;
    this.busyAvg.reset(now);
    this.queueAvg.reset(now);
    this._granted = 0;
    this._rejected = 0;
    this._preempted = 0;
    this.waitSum = 0;
  }

  private grant(req: Request): void {
    const now = this.sim.now;
    req.status = 'granted';
    req.grantedAt = now;
    this.users.push(req);
    this.busyAvg.set(now, this.users.length);
    this._granted++;
    this.waitSum += now - req.time;
    req.succeed(true, Priority.URGENT);
  }

  private grantWaiting(): void {
    while (this.users.length < this.capacity) {
      const next = this.waiting.shift();
      if (next === null) break;
      this.queueAvg.set(this.sim.now, this.waiting.live);
      this.grant(next);
    }
  }

  private removeUser(req: Request): void {
    const users = this.users;
    const i = users.indexOf(req);
    if (i >= 0) {
      users[i] = users[users.length - 1]!;
      users.pop();
    }
    this.busyAvg.set(this.sim.now, users.length);
  }

  /** Takes a unit from the least important holder if it is strictly less important than `req`. */
  private tryPreempt(req: Request): boolean {
    let victim: Request | null = null;
    for (const u of this.users) {
      if (victim === null || u.priority > victim.priority || (u.priority === victim.priority && u.grantedAt > victim.grantedAt) ||
          (u.priority === victim.priority && u.grantedAt === victim.grantedAt && u.seq > victim.seq)) {
        victim = u;
      }
    }
    if (victim === null || victim.priority <= req.priority) return false;
    victim.status = 'preempted';
    this._preempted++;
    this.removeUser(victim);
    const cause = new Preempted(this, victim, req, victim.grantedAt);
    this.grant(req);
    if (victim.onPreempted !== undefined) victim.onPreempted(cause);
    else if (victim.owner !== null) victim.owner.interrupt(cause);
    return true;
  }
}
