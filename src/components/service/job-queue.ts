// FIFO queue of jobs at one replica server: a growable ring buffer addressed by absolute
// positions, so that a queued job can be removed in O(1) (its cell is emptied and skipped).
// Why this and ReplicaServer are not the engine's Resource: the top of src/engine/resource.ts.
import { LimitError } from '../../engine/errors.js';
import type { Job } from './job.js';

export class JobQueue {
  private cells: (Job | null)[] = new Array<Job | null>(16).fill(null);
  private mask = 15;
  private head = 0; // absolute position of the oldest cell
  private tail = 0; // absolute position after the newest cell
  /** Jobs in the queue (removed cells excluded). */
  live = 0;

  /**
   * @param maxLive cells the queue may hold (the simulation's `maxLive`): crossing it throws a
   *   LimitError when the ring would grow (no per-job cost); `name` names the queue in the message.
   */
  constructor(
    private readonly maxLive = Infinity,
    private readonly name = 'job queue',
  ) {}

  /** Appends `job`; returns its absolute position. */
  push(job: Job): number {
    if (this.tail - this.head === this.cells.length) this.grow();
    const pos = this.tail++;
    this.cells[pos & this.mask] = job;
    this.live++;
    return pos;
  }

  /** Removes and returns the oldest job, or null when empty. */
  shift(): Job | null {
    while (this.head < this.tail) {
      const i = this.head & this.mask;
      const job = this.cells[i] ?? null;
      this.cells[i] = null;
      this.head++;
      if (job !== null) {
        this.live--;
        return job;
      }
    }
    return null;
  }

  /** The oldest job without removing it, or null when empty. */
  peek(): Job | null {
    for (let p = this.head; p < this.tail; p++) {
      const job = this.cells[p & this.mask] ?? null;
      if (job !== null) return job;
    }
    return null;
  }

  /** Removes the job at absolute position `pos` (from `push`). */
  remove(pos: number): void {
    if (pos < this.head || pos >= this.tail) return;
    const i = pos & this.mask;
    if (this.cells[i] !== null) {
      this.cells[i] = null;
      this.live--;
    }
  }

  /** Removes and returns every job, oldest first. */
  drain(): Job[] {
    const out: Job[] = [];
    for (let job = this.shift(); job !== null; job = this.shift()) out.push(job);
    this.head = this.tail = 0;
    return out;
  }

  private grow(): void {
    const old = this.cells;
    if (old.length >= this.maxLive) {
      throw new LimitError(`${this.name} holds more than ${this.maxLive} queued jobs`, 'maxLive', this.maxLive);
    }
    const oldMask = this.mask;
    const cells = new Array<Job | null>(old.length * 2).fill(null);
    const mask = cells.length - 1;
    for (let p = this.head; p < this.tail; p++) cells[p & mask] = old[p & oldMask] ?? null;
    this.cells = cells;
    this.mask = mask;
  }
}
