import { z } from 'zod';
import { duration, parseConfig, MAX_COUNT } from './config.js';

/**
 * Semaphore bulkhead (resilience4j SemaphoreBulkhead: maxConcurrentCalls 25, maxWaitDuration 0 = reject at once,
 * fair FIFO waiting). Also covers Polly's ConcurrencyLimiter (PermitLimit / QueueLimit: set maxConcurrentCalls,
 * maxQueueLength and a long maxWaitDuration) and resilience4j's ThreadPoolBulkhead (maxThreadPoolSize as
 * maxConcurrentCalls, queueCapacity 100 as maxQueueLength, maxWaitDuration Infinity).
 *
 * The bulkhead keeps the FIFO of waiter ids itself; the engine owns the timers:
 *   tryAcquire(now)            -> true: run now.  false: call enqueue(id, now) (false again = reject).
 *   release(now)               -> returns the id of the waiter that now holds the freed permit (run it), or undefined.
 *   nextExpiryAt() / expire(now) -> ids whose maxWaitDuration ran out (reject them with 'rejected').
 * A waiter is eligible for release(now) while now <= enqueuedAt + maxWaitDuration; expire(now) drops waiters whose
 * deadline <= now. For a release and an expiry at the same instant, the engine's call order decides.
 * Why this is not the engine's Resource: the top of src/engine/resource.ts.
 */
export const bulkheadConfigSchema = z
  .object({
    maxConcurrentCalls: z.number().int().min(0).max(MAX_COUNT).default(25),
    maxWaitDuration: duration(z.number().min(0)).default(0).describe('seconds a caller may wait for a permit; 0 = reject immediately'),
    maxQueueLength: z.number().int().min(0).max(MAX_COUNT).optional().describe('maximum waiters (default unbounded)'),
  })
  .strict();

export type BulkheadConfigInput = z.input<typeof bulkheadConfigSchema>;
export type BulkheadConfig = z.output<typeof bulkheadConfigSchema>;

export type WaiterId = string | number;

export class Bulkhead {
  readonly config: Readonly<BulkheadConfig>;
  private active = 0;
  private readonly queue: { id: WaiterId; deadline: number }[] = [];
  private head = 0;
  private rejectedCount = 0;

  constructor(config: BulkheadConfigInput = {}) {
    this.config = parseConfig('bulkhead', bulkheadConfigSchema, config);
  }

  get inFlight(): number {
    return this.active;
  }
  get waiting(): number {
    return this.queue.length - this.head;
  }
  get available(): number {
    return this.config.maxConcurrentCalls - this.active;
  }
  get rejected(): number {
    return this.rejectedCount;
  }

  /** May callers wait at all (maxWaitDuration > 0 and queue room)? */
  canWait(): boolean {
    const max = this.config.maxQueueLength;
    return this.config.maxWaitDuration > 0 && (max === undefined || this.waiting < max);
  }

  /** Takes a permit if one is free and nobody is waiting (fairness: no barging past the queue). */
  tryAcquire(_now: number): boolean {
    if (this.active < this.config.maxConcurrentCalls && this.waiting === 0) {
      this.active++;
      return true;
    }
    return false;
  }

  /** Queues a caller that failed tryAcquire. Returns false (and counts a rejection) if it may not wait. */
  enqueue(id: WaiterId, now: number): boolean {
    if (!this.canWait()) {
      this.rejectedCount++;
      return false;
    }
    this.queue.push({ id, deadline: now + this.config.maxWaitDuration });
    return true;
  }

  /** Counts a rejection the engine decided on (e.g. tryAcquire false and no enqueue). */
  reject(): void {
    this.rejectedCount++;
  }

  /** Frees a permit; if a live waiter exists it receives the permit and its id is returned. */
  release(now: number): WaiterId | undefined {
    if (this.active <= 0) throw new Error('bulkhead: release without a matching acquire');
    this.active--;
    while (this.head < this.queue.length) {
      const w = this.queue[this.head++]!;
      if (w.deadline >= now) {
        this.active++;
        this.compact();
        return w.id;
      }
      this.rejectedCount++;
    }
    this.compact();
    return undefined;
  }

  /** Earliest waiter deadline (undefined if nobody waits). */
  nextExpiryAt(): number | undefined {
    let t: number | undefined;
    for (let i = this.head; i < this.queue.length; i++) {
      const d = this.queue[i]!.deadline;
      if (t === undefined || d < t) t = d;
    }
    return t;
  }

  /** Removes and returns waiters whose deadline is <= now (each counts as a rejection). */
  expire(now: number): WaiterId[] {
    const out: WaiterId[] = [];
    const keep: { id: WaiterId; deadline: number }[] = [];
    for (let i = this.head; i < this.queue.length; i++) {
      const w = this.queue[i]!;
      if (w.deadline <= now) out.push(w.id);
      else keep.push(w);
    }
    this.queue.length = 0;
    this.head = 0;
    this.queue.push(...keep);
    this.rejectedCount += out.length;
    return out;
  }

  /** Removes a waiter that gave up for another reason (e.g. overall timeout). */
  cancel(id: WaiterId): boolean {
    for (let i = this.head; i < this.queue.length; i++) {
      if (this.queue[i]!.id === id) {
        this.queue.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
