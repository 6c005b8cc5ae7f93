// Server-side work for one call at one replica: queued, processing locally, or waiting for its
// downstream calls. Jobs are pooled by their Service. A job outlives its call when the caller
// gives up without cancelling (`call` is then null and the work goes on, using the server).
import type { Outcome } from '../../policies/outcome.js';
import type { Call } from './call.js';
import type { ReplicaServer } from './replica-server.js';

export const JobState = {
  FREE: 0,
  QUEUED: 1,
  /** Local processing (holds a slot). */
  LOCAL: 2,
  /** Waiting for downstream calls (still holds its slot: thread-per-request). */
  CALLING: 3,
} as const;

export class Job {
  /** The caller's call, or null once the caller has given up. */
  call: Call | null = null;
  server: ReplicaServer | null = null;
  state: number = JobState.FREE;
  cls = 0;
  critical = true;
  /** Time the job took its slot. */
  startedAt = 0;
  /** Local-completion event handle, or -1. */
  timer = -1;
  /** Position in the server's active list, or -1. */
  activeIdx = -1;
  /** Absolute position in the server's queue while QUEUED. */
  queuePos = -1;
  /** Next dependency (sequential mode). */
  next = 0;
  /** Dependencies still pending (parallel mode). */
  pending = 0;
  /** A mandatory dependency failed. */
  failed = false;
  /** What the request answers when `failed`: 'circuit-open' if the first failed call was refused by a breaker, else 'error'. */
  failure: Outcome = 'error';
  cause = '';
  /** An optional dependency failed (or a dependency answered degraded). */
  degraded = false;
  /** Next free job in its service's pool (null when in use or last). */
  nextFree: Job | null = null;
  /** Outstanding downstream calls by dependency index. */
  readonly calls: (Call | null)[];

  constructor(nDeps: number) {
    this.calls = new Array<Call | null>(nDeps).fill(null);
  }
}
