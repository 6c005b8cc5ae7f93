// The request-serving state of one replica and a job's life on it: `capacity` slots (concurrent
// requests) and a bounded FIFO queue. A job takes a slot on arrival or waits in the queue, does
// its local work, and frees its slot when it ends or is cancelled (the next queued job then
// starts); a crash takes every job off at once. What a job does between taking and freeing its
// slot (errors, downstream calls) and whom it answers is the Service's (service.ts).
//
// The servers of one service share a ServerLedger: the outstanding requests by replica (the one
// count of work at a replica, read by the balancers) and the slot-seconds of ended jobs. One
// service-wide sum keeps the utilisation's rounding independent of how jobs spread on replicas.
// When the ledger has a LoadMeter, each server advances it before changing its counts.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Replica } from '../replica.js';
import { JobState, type Job } from './job.js';
import { JobQueue } from './job-queue.js';
import type { LoadMeter } from './load-meter.js';

/** What the servers of one service share. */
export class ServerLedger {
  /** Requests in service or queued, by replica index. */
  readonly outstanding: Int32Array;
  /** Slot-seconds of jobs that freed their slot since `statsSince`. */
  busyTime = 0;
  statsSince: number = 0;
  /** Time integrals of each replica's load, kept only when something reads them. */
  meter: LoadMeter | null = null;

  constructor(replicas: number, now: number) {
    this.outstanding = new Int32Array(replicas);
    this.statsSince = now;
  }
}

/** How the jobs of a service work: the same for each of its servers. */
export interface ServerWork {
  readonly capacity: number;
  readonly queueCapacity: number;
  /** Draws the local processing time of one job, seconds. */
  readonly serviceTime: () => number;
  /** Seconds added per other request holding a slot at the start of service. */
  readonly latencyPerConcurrent: number;
  /** Called when a job's local processing ends. */
  readonly onLocalDone: (job: Job) => void;
}

export class ReplicaServer {
  readonly replica: Replica;
  /** Slots in use (jobs processing locally or waiting for downstream calls). */
  busy = 0;
  /** Jobs holding a slot (unordered; swap-removed). */
  readonly active: Job[] = [];
  readonly queue: JobQueue;
  private readonly sim: Simulation;
  private readonly ledger: ServerLedger;
  private readonly index: number = 0;
  private readonly capacity: number = 0;
  private readonly queueCapacity: number = 0;
  private readonly k: number = 0;
  private readonly serviceTime: () => number;
  private readonly onLocalDone: (job: Job) => void;

  constructor(replica: Replica, ledger: ServerLedger, work: ServerWork) {
    this.replica = replica;
    this.sim = replica.sim;
    this.index = replica.index;
    this.ledger = ledger;
    this.capacity = work.capacity;
    this.queueCapacity = work.queueCapacity;
    this.k = work.latencyPerConcurrent;
    this.serviceTime = work.serviceTime;
    this.onLocalDone = work.onLocalDone;
    this.queue = new JobQueue(replica.sim.maxLive, `the queue of ${replica.name}`);
  }

  /** Requests at this replica: in service plus queued. */
  get outstanding(): number {
    return this.ledger.outstanding[this.index]!;
  }

  /** Whether a new job finds a free slot or a place in the queue. */
  canAccept(): boolean {
    return this.busy < this.capacity || this.queue.live < this.queueCapacity;
  }

  /** A new job (after `canAccept`): takes a free slot, else waits in the queue. */
  accept(job: Job): void {
    if (this.ledger.meter !== null) this.advanceMeter();
    this.ledger.outstanding[this.index]!++;
    if (this.busy < this.capacity) {
      this.start(job);
    } else {
      job.state = JobState.QUEUED;
      job.queuePos = this.queue.push(job);
    }
  }

  /** Takes a slot and starts local processing. */
  private start(job: Job): void {
    const sim = this.sim;
    job.state = JobState.LOCAL;
    const others = this.busy++;
    job.startedAt = sim.now;
    job.activeIdx = this.active.length;
    this.active.push(job);
    let d = this.serviceTime();
    if (this.k > 0) d += this.k * others;
    const slow = this.replica.slowFactor;
    if (slow !== 1) d *= slow;
    job.timer = sim._scheduleShort(d, this.onLocalDone, job, Priority.RELEASE);
  }

  /** The job ends: frees its slot and starts the next queued job, if any. */
  release(job: Job): void {
    const ledger = this.ledger;
    if (ledger.meter !== null) this.advanceMeter();
    this.busy--;
    ledger.outstanding[this.index]!--;
    const started = job.startedAt;
    const since = ledger.statsSince;
    ledger.busyTime += this.sim.now - (started > since ? started : since);
    // Swap-remove without a branch on "is it the last one?" (which job ends first is a coin flip):
    // move the last into the job's place, then drop the last place (a no-op move if it is the job).
    const active = this.active;
    const last = active[active.length - 1]!;
    active[job.activeIdx] = last;
    last.activeIdx = job.activeIdx;
    active.pop();
    job.activeIdx = -1;
    if (this.queue.live > 0 && this.busy < this.capacity) {
      const next = this.queue.shift();
      if (next !== null) this.start(next);
    }
  }

  /** A cancelled queued job leaves the queue. */
  dequeue(job: Job): void {
    if (this.ledger.meter !== null) this.advanceMeter();
    this.queue.remove(job.queuePos);
    this.ledger.outstanding[this.index]!--;
  }

  /** A cancelled job stops its local work and frees its slot. */
  stopLocal(job: Job): void {
    this.sim._cancelShort(job.timer);
    job.timer = -1;
    this.release(job);
  }

  /**
   * The replica crashed: takes every job off (in service first, then queued), each FREE from
   * here on, and returns them for their callers to be answered. Nothing is called back, so
   * re-entrant answers find the server empty.
   */
  teardown(): Job[] {
    const now = this.sim.now;
    const ledger = this.ledger;
    if (ledger.meter !== null) this.advanceMeter();
    const jobs = this.active.splice(0);
    for (const job of jobs) {
      if (job.state === JobState.LOCAL) this.sim._cancelShort(job.timer);
      job.timer = -1;
      job.activeIdx = -1;
      ledger.busyTime += now - Math.max(job.startedAt, ledger.statsSince);
    }
    for (const job of this.queue.drain()) jobs.push(job);
    for (const job of jobs) job.state = JobState.FREE;
    this.busy = 0;
    ledger.outstanding[this.index] = 0;
    return jobs;
  }

  /** Integrates this replica's counts up to now in the ledger's meter (before they change). */
  advanceMeter(): void {
    this.ledger.meter!.advance(this.index, this.busy, this.ledger.outstanding[this.index]!, this.sim.now);
  }

  /** `total` plus the slot-seconds since `since` of the jobs holding a slot now. */
  addHeldSlotSeconds(total: number, now: number, since: number): number {
    for (const job of this.active) total += now - Math.max(job.startedAt, since);
    return total;
  }
}
