// The request-serving state of one replica: `capacity` slots (concurrent requests) and a bounded
// FIFO queue. The Service drives it; it holds no policy of its own.
import type { Replica } from '../replica.js';
import type { Job } from './job.js';
import { JobQueue } from './job-queue.js';

export class ReplicaServer {
  readonly replica: Replica;
  /** Slots in use (jobs processing locally or waiting for downstream calls). */
  busy = 0;
  /** Jobs holding a slot (unordered; swap-removed). */
  readonly active: Job[] = [];
  readonly queue: JobQueue;

  constructor(replica: Replica) {
    this.replica = replica;
    this.queue = new JobQueue(replica.sim.maxLive, `the queue of ${replica.name}`);
  }

  /** Requests at this replica: in service plus queued. */
  get outstanding(): number {
    return this.busy + this.queue.live;
  }
}
