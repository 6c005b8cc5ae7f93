// Backoff and jitter under contention: the optimistic-concurrency (OCC) experiment of Marc Brooker's
// AWS Architecture Blog post "Exponential Backoff And Jitter" (2015), whose simulator is
// aws-samples/aws-arch-backoff-simulator src/backoff_simulator.py. Same model, restated:
//
// - One server holds ONE record with a version number (starts at 0). N clients each want to update
//   the record exactly once. All start at t = 0 (or uniformly within `startWindow`).
// - An attempt ("call") is a read followed by a conditional write, with one network hop per message,
//   each hop an independent draw of `networkDelay` (default |Normal(10 ms, 2 ms)|: negative draws are
//   folded, as the blog's `abs(random.normalvariate(10, 2))`):
//     client start / retry ──hop──▶ server READ: the client learns the current version v
//                          ──hop──▶ client ──hop──▶ server WRITE(v): commits iff the version is
//                                                   still v (then version+1), else CONFLICT
//                          ──hop──▶ client learns the result
//   So a call conflicts iff another client's write committed between this call's read and its write
//   at the server (a window of two hops, ≈ 20 ms by default). Each call occupies the record for no
//   time; contention comes only from these overlapping read–write windows (no server queue).
// - After a conflict the client asks its RetrySchedule (src/policies/retry.ts, jitter formulas in
//   src/policies/backoff.ts) whether to retry and how long to sleep; the next READ reaches the server
//   one hop + the sleep after the conflict response, exactly as the blog's
//   `tm + net.delay() + backoff.backoff(attempt)`. With `maxAttempts` exhausted the client gives up.
// - Ties (constant delays): at one instant, writes run before reads (a read at the instant of a commit
//   sees the new version); simultaneous writes run in the order of their reads (FIFO), simultaneous
//   reads in the order they were scheduled. So with constant delays and equal sleeps the lowest
//   client index wins a round.
//
// Backoff: `base` and `cap` mean what they mean in the blog, expo(n) = min(cap, base·2^n) with the
// retry number n = 1, 2, … So the policy's exponential backoff gets initialInterval = 2·base, ×2,
// maxInterval = cap (b_1 = 2·base = expo(1)); jitter kinds:
//   none          sleep = expo(n)                           (the blog's "Exponential")
//   full          U(0, expo(n))                             ("FullJitter")
//   equal         expo(n)/2 + U(0, expo(n)/2)               ("EqualJitter")
//   decorrelated  min(cap, U(base, 3·prev)), prev₀ = base   ("Decorr": initialInterval = base here)
//   no-backoff    0: retry at once                          (the blog's "None"; a constant 0 backoff)
//   polly         Polly v8 DecorrelatedJitterBackoffV2 with Delay = 2·base, capped at `cap`
//   resilience4j  r4j randomized exponential on 2·base·2^(n−1) (factor 0.5), capped after randomizing
//
// Metrics (times in seconds from t = 0; a "call" is one write attempt, as the blog's `stats.calls`;
// the read before it is not counted): total_calls_count, calls_per_client, max_calls_per_client,
// conflicts_count, completion_time_s (the last client's final response: success or give-up; NaN if
// a client is still unfinished at the horizon), mean_client_time_s (start → success response, over
// the clients that succeeded), succeeded/failed (gave up)/unfinished clients, commits_count (the
// record's final version, = succeeded clients).
//
// The run is a single transient burst: run it with warm-up 0 and a horizon long enough for every
// client to finish (the event queue empties then; a longer horizon costs nothing). A warm-up > 0 is
// rejected, and resetStats() therefore does nothing.
import { z } from 'zod';
import { contentionEstimateEvents } from './estimate-events.js';
import type { Model, ModelRun, RunContext } from './common/model.js';
import type { MetricRecord } from '../src/base/metric-record.js';
import { Priority } from '../src/engine/priorities.js';
import { distSpecSchema, makeSampler } from '../src/random/index.js';
import { JITTER_KINDS, type JitterKind } from '../src/policies/backoff.js';
import { RetryPolicy, type RetryConfigInput, type RetrySchedule } from '../src/policies/retry.js';
import { duration, int, MAX_ATTEMPTS } from './common/params.js';
import { contentionMetricSpec } from './contention-specs.js';
import { ConfigError } from '../src/base/config-error.js';

export const CONTENTION_JITTERS = [...JITTER_KINDS, 'no-backoff'] as const;
export type ContentionJitter = JitterKind | 'no-backoff';

export const contentionParams = z
  .strictObject({
    clients: int('number of clients N, each writing the record once', 1, 10_000_000).default(50),
    jitter: z
      .enum(CONTENTION_JITTERS)
      .default('full')
      .meta({ description: 'backoff jitter: none (pure exponential) | full | equal | decorrelated | polly | resilience4j | no-backoff (retry at once)' }),
    base: duration('backoff base: expo(n) = min(cap, base·2^n); the minimum sleep for decorrelated jitter')
      .refine((v) => v > 0, 'must be > 0')
      .prefault(0.005),
    cap: duration('backoff cap: no single sleep exceeds it').refine((v) => v > 0, 'must be > 0').prefault(2),
    networkDelay: distSpecSchema
      .prefault({ dist: 'normal', mean: 0.01, sd: 0.002 })
      .meta({ description: 'one-way network delay of each message (4 hops per call), folded to |x| (default normal 10 ms, sd 2 ms)' }),
    maxAttempts: z
      .union([int('attempts per client including the first', 1, MAX_ATTEMPTS), z.literal('unlimited')])
      .default('unlimited')
      .meta({ description: `attempts per client including the first (at most ${MAX_ATTEMPTS}); a client that exhausts them gives up (default unlimited: at most ${MAX_ATTEMPTS} clients)` }),
    startWindow: duration('clients start uniformly in [0, startWindow) (0: all at t = 0)').prefault(0),
  })
  .superRefine((p, ctx) => {
    // "unlimited" runs as maxAttempts = clients (see contentionRetryConfig), within the bound of attempts.
    if (p.maxAttempts === 'unlimited' && p.clients > MAX_ATTEMPTS) {
      ctx.addIssue({ code: 'custom', path: ['clients'], message: `with maxAttempts unlimited, at most ${MAX_ATTEMPTS} clients; give maxAttempts (≤ ${MAX_ATTEMPTS}) for more`, input: p.clients });
    }
  })
  .meta({ description: 'OCC contention with retries (Brooker, "Exponential Backoff And Jitter")' });

export type ContentionParams = z.output<typeof contentionParams>;

/** The retry policy that realises the blog's backoff for `jitter` (see the header). */
export function contentionRetryConfig(p: Pick<ContentionParams, 'jitter' | 'base' | 'cap' | 'maxAttempts' | 'clients'>): RetryConfigInput {
  // "unlimited" is `clients` attempts, which no client can exhaust: an attempt conflicts only
  // when another client's write commits inside its read–write window, the windows of one
  // client's attempts are disjoint, and each client commits once, so a client conflicts at most
  // clients − 1 times.
  const maxAttempts = p.maxAttempts === 'unlimited' ? p.clients : p.maxAttempts;
  const common: RetryConfigInput = { profile: 'resilience4j', maxAttempts, retryOn: ['error'], maxInterval: p.cap, truncateToMs: false };
  if (p.jitter === 'no-backoff') return { ...common, backoff: 'constant', initialInterval: 0, jitter: 'none' };
  const initialInterval = p.jitter === 'decorrelated' ? p.base : 2 * p.base;
  return { ...common, backoff: 'exponential', initialInterval, multiplier: 2, jitter: p.jitter };
}

interface Client {
  readonly index: number;
  readonly startedAt: number;
  readonly retry: RetrySchedule;
  /** attempts started (= writes sent once the write reached the server) */
  attempts: number;
  /** version seen by the current attempt's read */
  readVersion: number;
  /** result of the current attempt's write */
  ok: boolean;
  state: 'running' | 'succeeded' | 'failed';
  finishedAt: number;
}

class ContentionRun implements ModelRun {
  private readonly ctx: RunContext;
  private readonly p: ContentionParams;
  private readonly hop: () => number;
  private readonly clients: Client[] = [];
  private version = 0;
  private calls = 0;
  private conflicts = 0;
  private succeeded = 0;
  private failed = 0;
  private readonly onRead = (c: Client): void => this.read(c);
  private readonly onWrite = (c: Client): void => this.write(c);
  private readonly onResponse = (c: Client): void => this.response(c);

  constructor(ctx: RunContext, p: ContentionParams) {
    if (ctx.warmup > 0) {
      throw new ConfigError(`contention: warmup must be 0 (the model is one transient burst of clients); got ${ctx.warmup}`);
    }
    this.ctx = ctx;
    this.p = p;
    const raw = makeSampler(p.networkDelay, ctx.streams.stream('network'));
    this.hop = () => Math.abs(raw());
    const policy = new RetryPolicy(contentionRetryConfig(p));
    const start = ctx.streams.stream('start');
    const t0 = ctx.sim.now;
    for (let i = 0; i < p.clients; i++) {
      const startedAt = t0 + (p.startWindow > 0 ? start() * p.startWindow : 0);
      const c: Client = {
        index: i,
        startedAt,
        retry: policy.schedule(ctx.streams.stream(`client-${i}/backoff`)),
        attempts: 0,
        readVersion: -1,
        ok: false,
        state: 'running',
        finishedAt: NaN,
      };
      this.clients.push(c);
      ctx.sim.schedule(startedAt - t0 + this.hop(), this.onRead, c, Priority.NORMAL);
    }
  }

  /** The attempt's read reaches the server; the write arrives two hops later (reply + write). */
  private read(c: Client): void {
    c.attempts++;
    c.readVersion = this.version;
    this.ctx.sim.schedule(this.hop() + this.hop(), this.onWrite, c, Priority.RELEASE);
  }

  /** Conditional write at the server: commits iff nobody committed since this attempt's read. */
  private write(c: Client): void {
    this.calls++;
    c.ok = c.readVersion === this.version;
    if (c.ok) this.version++;
    else this.conflicts++;
    this.ctx.trace?.({ t: this.ctx.sim.now, event: 'write', client: c.index, attempt: c.attempts, ok: c.ok, version: this.version });
    this.ctx.sim.schedule(this.hop(), this.onResponse, c, Priority.NORMAL);
  }

  /** The client learns the write's result: done, or back off and start the next attempt. */
  private response(c: Client): void {
    const now = this.ctx.sim.now;
    if (c.ok) {
      c.state = 'succeeded';
      c.finishedAt = now;
      this.succeeded++;
      return;
    }
    const d = c.retry.decide(c.attempts, 'error');
    if (!d.retry) {
      c.state = 'failed';
      c.finishedAt = now;
      this.failed++;
      this.ctx.trace?.({ t: now, event: 'give-up', client: c.index, attempts: c.attempts });
      return;
    }
    if (!(d.delayS >= 0 && Number.isFinite(d.delayS))) {
      throw new Error(`contention: jitter ${this.p.jitter} gave an invalid backoff ${d.delayS} s before attempt ${d.nextAttempt} (too many attempts?)`);
    }
    this.ctx.sim.schedule(this.hop() + d.delayS, this.onRead, c, Priority.NORMAL);
  }

  resetStats(): void {
    // Nothing to reset: warm-up is rejected (> 0) and a reset at t = 0 precedes every event.
  }

  sample(): MetricRecord {
    return {
      calls_count: this.calls,
      succeeded_clients_count: this.succeeded,
      running_clients_count: this.p.clients - this.succeeded - this.failed,
    };
  }

  metrics(): MetricRecord {
    const n = this.p.clients;
    let maxCalls = 0;
    let last = 0;
    let clientTime = 0;
    for (const c of this.clients) {
      maxCalls = Math.max(maxCalls, c.attempts);
      if (c.state !== 'running') last = Math.max(last, c.finishedAt);
      if (c.state === 'succeeded') clientTime += c.finishedAt - c.startedAt;
    }
    const unfinished = n - this.succeeded - this.failed;
    return {
      total_calls_count: this.calls,
      calls_per_client: this.calls / n,
      max_calls_per_client: maxCalls,
      conflicts_count: this.conflicts,
      completion_time_s: unfinished > 0 ? NaN : last,
      mean_client_time_s: this.succeeded > 0 ? clientTime / this.succeeded : NaN,
      succeeded_clients_count: this.succeeded,
      failed_clients_count: this.failed,
      unfinished_clients_count: unfinished,
      commits_count: this.version,
    };
  }
}

export const contentionModel: Model<ContentionParams> = {
  name: 'contention',
  description:
    'Backoff and jitter under contention (Brooker, AWS Architecture Blog "Exponential Backoff And Jitter"): ' +
    'N clients each update one record once with optimistic concurrency (read version, conditional write, ' +
    'one network hop per message); a conflicting write is retried after the chosen backoff and jitter. ' +
    'Reports total calls (write attempts), calls per client, completion time and per-client time.',
  params: contentionParams,
  headline: ['total_calls_count', 'calls_per_client', 'completion_time_s', 'mean_client_time_s', 'failed_clients_count'],
  metricSpec: contentionMetricSpec,
  estimateEvents: contentionEstimateEvents,
  build: (ctx, p) => new ContentionRun(ctx, p),
};
