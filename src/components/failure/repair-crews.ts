// A pool of repair crews shared by the failure processes of a topology (or of one service).
// A broken replica needs one crew for the whole of its repair; with N crews, the (N+1)-th
// broken replica waits in a FIFO queue until a crew is released. `crews: Infinity` means
// independent repair (no waiting). Callback style: `request(job)` calls `job.startRepair()`
// when a crew is assigned (at once if one is free), and the job calls `release()` when done,
// which hands the crew to the next job in the queue at the same instant.
// Why this is not the engine's Resource: the top of src/engine/resource.ts.
import type { Simulation } from '../../engine/simulation.js';
import { TimeAverage } from '../../engine/time-average.js';
import { requireName } from './config-checks.js';
import { ConfigError, quote } from '../../base/config-error.js';

/** Something waiting for a repair crew. */
export interface RepairJob {
  /** Called when a crew starts working on the job. */
  startRepair(): void;
}

export interface RepairCrewsConfig {
  /** Name used in errors and reports (default 'repair-crews'). */
  readonly name?: string;
  /** Number of crews: an integer ≥ 1, or Infinity for unlimited crews (independent repair). */
  readonly crews: number;
}

export class RepairCrews {
  readonly sim: Simulation;
  readonly name: string;
  /** Number of crews (Infinity = unlimited). */
  readonly crews: number = 0;
  private busyCount = 0;
  private readonly queue: (RepairJob | null)[] = [];
  private head = 0;
  private waitingCount = 0;
  private readonly queuedAt: number[] = [];
  private readonly busyAvg: TimeAverage;
  private readonly queueAvg: TimeAverage;
  private started = 0;
  private waitSum = 0;

  constructor(sim: Simulation, config: RepairCrewsConfig) {
    this.sim = sim;
    this.name = config.name === undefined ? 'repair-crews' : requireName('repair crews', 'name', config.name);
    const c = config.crews;
    if (!(c === Infinity || (typeof c === 'number' && Number.isInteger(c) && c >= 1))) {
      throw new ConfigError(`repair crews "${this.name}": crews must be an integer >= 1 or Infinity, got ${quote(c)}`);
    }
    this.crews = c;
    this.busyAvg = new TimeAverage(sim.now, 0);
    this.queueAvg = new TimeAverage(sim.now, 0);
  }

  /** Crews working now. */
  get busy(): number {
    return this.busyCount;
  }
  /** Jobs waiting for a crew. */
  get queueLength(): number {
    return this.waitingCount;
  }

  /** Asks for a crew: `job.startRepair()` is called at once if a crew is free, else when one is released (FIFO). */
  request(job: RepairJob): void {
    if (this.busyCount < this.crews) {
      this.assign(job, this.sim.now);
      return;
    }
    this.queue.push(job);
    this.queuedAt.push(this.sim.now);
    this.waitingCount++;
    this.queueAvg.set(this.sim.now, this.waitingCount);
  }

  /** Withdraws a job still waiting in the queue. Returns false if it was not waiting. */
  cancel(job: RepairJob): boolean {
    for (let i = this.head; i < this.queue.length; i++) {
      if (this.queue[i] === job) {
        this.queue[i] = null;
        this.waitingCount--;
        this.queueAvg.set(this.sim.now, this.waitingCount);
        return true;
      }
    }
    return false;
  }

  /** A crew has finished its job: it starts on the next waiting job, if any. */
  release(): void {
    if (this.busyCount <= 0) {
      throw new RangeError(`repair crews "${this.name}": release() called with no crew busy`);
    }
    this.busyCount--;
    this.busyAvg.set(this.sim.now, this.busyCount);
    while (this.head < this.queue.length) {
      const job = this.queue[this.head];
      const at = this.queuedAt[this.head] as number;
      this.queue[this.head] = null;
      this.head++;
      if (job === null || job === undefined) continue;
      this.waitingCount--;
      this.queueAvg.set(this.sim.now, this.waitingCount);
      this.compact();
      this.assign(job, at);
      return;
    }
    this.compact();
  }

  /** Mean number of busy crews since the last reset. */
  meanBusy(): number {
    return this.busyAvg.mean(this.sim.now);
  }
  /** Time-average number of jobs waiting for a crew. */
  meanQueueLength(): number {
    return this.queueAvg.mean(this.sim.now);
  }
  /** Mean wait for a crew of the repairs started since the last reset (NaN if none). */
  meanWait(): number {
    return this.started > 0 ? this.waitSum / this.started : NaN;
  }
  /** Repairs started since the last reset. */
  get repairsStarted(): number {
    return this.started;
  }

  resetStats(): void {
    const now = this.sim.now;
    this.busyAvg.reset(now);
    this.queueAvg.reset(now);
    this.started = 0;
    this.waitSum = 0;
  }

  private assign(job: RepairJob, queuedAt: number): void {
    this.busyCount++;
    this.busyAvg.set(this.sim.now, this.busyCount);
    this.started++;
    this.waitSum += this.sim.now - queuedAt;
    job.startRepair();
  }

  private compact(): void {
    if (this.head === 0) return;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.queuedAt.length = 0;
      this.head = 0;
    } else if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.queuedAt.splice(0, this.head);
      this.head = 0;
    }
  }
}
