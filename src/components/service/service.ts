// A request-level service: a ReplicaGroup whose replicas each run a ReplicaServer (its slots,
// its queue and a job's life on them: replica-server.ts); load shedding, brownout and outlier
// detection are in admission.ts. This file is one request's path from arrival to answer (local
// work, downstream calls, cancellation, crash), kept whole so that it reads in one place; hence
// its length, over 350 lines.
//
// Behaviour (all times in seconds):
// - A call arrives at the replica its edge picked. If all `capacity` slots are busy it waits in the
//   replica's FIFO queue; if the queue holds `queueCapacity` jobs it is rejected at once
//   ('rejected', cause 'queue-full').
// - Local processing comes FIRST: it takes (serviceTime() + latencyPerConcurrent · n) ·
//   replica.slowFactor, where n is the number of other requests holding slots at that replica when
//   service starts; all evaluated at the start of service.
// - At the end of local processing the request fails ('error', cause 'local-error') with
//   probability 1 − (1 − errorProbability)(1 − replica.errorRate) (one draw from `errorRng`, made
//   only when that probability is > 0; the replica's error rate is read at that instant). A failed
//   request makes no downstream calls.
// - THEN the downstream calls: sequential (one after the other; the first failed mandatory call
//   fails the request and the remaining calls are not made) or parallel (all at once, join on all).
//   The request succeeds iff local work and every mandatory call succeeded ('ok' or 'fallback');
//   a failed optional call marks the success as degraded. A failed request answers with cause
//   'dependency:<name>' of the first failed mandatory dependency, and outcome 'circuit-open' if
//   that call was refused by an open circuit breaker (so request metrics count breaker refusals
//   as errors_circuit_open, wherever the breaker sits), 'error' for any other failure.
// - The slot is held from the start of local processing until the answer (thread-per-request),
//   so a slow dependency exhausts the caller's slots; utilisation counts this holding time.
// - A replica that goes down fails its in-flight and queued requests at once ('error', cause
//   'replica-down'; a crash resets connections) and abandons their pending downstream calls.
//   New requests routed to a down replica are refused ('error', 'replica-down') or, with
//   downBehaviour 'blackhole', never answered.
// - A caller that gives up (edge timeout, abandon) detaches from its job; the job keeps its slot or
//   queue place and runs to completion, answering no one, unless the abandon asks for cancellation:
//   then a queued job leaves the queue, a processing job stops, and a job waiting for dependencies
//   abandons its downstream calls (each with its edge's own cancellation setting) and frees its slot.
//
// Statistics (`stats`) are the callers' view: outcome and latency as the caller saw them
// ('timeout' at the caller's deadline even if the server finishes later).
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Counter } from '../../metrics/counter.js';
import { RequestStats, type StatsRecord } from '../../metrics/request-stats.js';
import type { Outcome } from '../../policies/outcome.js';
import type { AdmissionSignals } from '../../policies/load-shedder.js';
import type { Balancer } from '../balancer/balancer.js';
import type { Locality } from '../balancer/locality.js';
import type { Replica } from '../replica.js';
import type { ReplicaGroup } from '../replica-group.js';
import type { Call } from './call.js';
import type { NetworkLink } from '../network/network-link.js';
import { CallPool } from './call-pool.js';
import { Job, JobState } from './job.js';
import { ServiceAdmission } from './admission.js';
import { ReplicaServer, ServerLedger } from './replica-server.js';
import { LoadMeter } from './load-meter.js';
import { resolveServiceConfig, type ResolvedServiceConfig, type ServiceConfig } from './service-config.js';

export class Service {
  readonly sim: Simulation;
  readonly name: string;
  readonly group: ReplicaGroup;
  readonly balancer: Balancer;
  /** Locality-aware routing (null: none). */
  readonly locality: Locality | null;
  readonly config: ResolvedServiceConfig;
  /** One server per replica, indexed by `replica.index`. */
  readonly servers: readonly ReplicaServer[];
  /** Requests in service or queued, by replica index (what balancers read; kept by the servers). */
  readonly outstanding: Int32Array;
  private readonly ledger: ServerLedger;
  /** Callers' view of this service's requests. */
  readonly stats: RequestStats;
  /** Jobs that ran on after their caller had given up (work nobody waits for). */
  readonly orphanedWork = new Counter();
  /** Jobs cancelled because their caller abandoned them with cancellation. */
  readonly cancelledWork = new Counter();
  /** Requests failed because their replica was down (in flight at the crash, or refused); as `stats` counts them (orphans and requests offered before the last reset excluded). */
  readonly replicaDownFailures = new Counter();
  /** Requests sent to a down replica in 'blackhole' mode (never answered). */
  readonly blackholed = new Counter();
  /** Optional dependency calls skipped in brownout. */
  readonly skippedOptional = new Counter();
  private readonly admission: ServiceAdmission;
  // What the request path asks of the admission policies, fixed at construction (a service
  // without them pays one field test per request, not a call).
  /** Arrivals go through brownout bookkeeping or load shedding. */
  private readonly admits: boolean;
  /** Optional dependencies may be skipped in brownout. */
  private readonly browns: boolean;
  /** Outlier detection hears every answer and filters the routing. */
  private readonly detectsOutliers: boolean;
  // Numeric fields set in the constructor still get an initial number here: with ES2022 class
  // fields a field without initializer is first defined as undefined, so V8 stores it tagged and
  // boxes every double written or mixed with it (a heap allocation per request on the hot path).
  private readonly capacity: number = 0;
  private readonly pErr: number = 0;
  private readonly errorRng: () => number;
  private readonly deps: ResolvedServiceConfig['calls'];
  /** The network link of each dependency (null: none). */
  private readonly links: readonly (NetworkLink | null)[];
  private readonly depCauses: readonly string[];
  private readonly nDeps: number = 0;
  private readonly parallel: boolean;
  private readonly blackhole: boolean;
  /** Free jobs, linked through `Job.nextFree` (last freed first reused). */
  private freeJobs: Job | null = null;
  private readonly callPool = new CallPool();

  constructor(sim: Simulation, config: ServiceConfig) {
    const c = resolveServiceConfig(config);
    this.sim = sim;
    this.config = c;
    this.name = c.name;
    this.group = c.group;
    this.balancer = c.balancer;
    this.locality = c.locality ?? null;
    this.capacity = c.capacity;
    this.pErr = c.errorProbability;
    this.errorRng = c.errorRng;
    this.deps = c.calls;
    this.depCauses = c.calls.map((d) => `dependency:${d.name}`);
    this.links = c.calls.map((d) => d.link ?? null);
    this.nDeps = c.calls.length;
    this.parallel = c.callMode === 'parallel';
    this.blackhole = c.downBehaviour === 'blackhole';
    this.ledger = new ServerLedger(c.group.replicas.length, sim.now);
    this.outstanding = this.ledger.outstanding;
    const work = { capacity: c.capacity, queueCapacity: c.queueCapacity, serviceTime: c.serviceTime, latencyPerConcurrent: c.latencyPerConcurrent, onLocalDone: this.onLocalDone };
    this.servers = c.group.replicas.map((r) => new ReplicaServer(r, this.ledger, work));
    this.stats = new RequestStats(sim.now, c.stats);
    for (const r of c.group.replicas) r.onChange(this.onReplicaChange);
    this.admission = new ServiceAdmission(sim, this.servers, this.ledger, c.capacity, c);
    this.admits = this.admission.onArrival;
    this.browns = this.admission.hasBrownout;
    this.detectsOutliers = c.outlierDetector !== undefined;
  }

  /**
   * The replicas a call may be sent to now: the group's routable replicas, less those ejected by
   * outlier detection (all of them if every one is ejected, like Envoy's panic routing).
   */
  routable(): readonly Replica[] {
    const g = this.group.routable();
    if (this.draining === null && !this.detectsOutliers) return g;
    return this.admission.routable(this.draining === null ? g : this.withoutDraining(g));
  }

  // ---- draining (autoscaler.ts) ---------------------------------------------------------------

  /** Replicas sent no new requests (1 at their index), or null while none ever drained. */
  private draining: Uint8Array | null = null;
  private drainingVersion = 0;
  private filteredFrom: readonly Replica[] | null = null;
  private filteredVersion = -1;
  private filtered: readonly Replica[] = [];
  /** Called when a draining replica's last outstanding request ends. */
  onDrained: ((index: number) => void) | null = null;

  /** Whether replica `index` drains: it keeps its outstanding requests but receives no new ones. */
  setDraining(index: number, on: boolean): void {
    if (this.draining === null) this.draining = new Uint8Array(this.servers.length);
    this.draining[index] = on ? 1 : 0;
    this.drainingVersion++;
  }

  /** `g` less the draining replicas (cached while neither changes). */
  private withoutDraining(g: readonly Replica[]): readonly Replica[] {
    if (g !== this.filteredFrom || this.filteredVersion !== this.drainingVersion) {
      const d = this.draining!;
      this.filtered = g.filter((r) => d[r.index] === 0);
      this.filteredFrom = g;
      this.filteredVersion = this.drainingVersion;
    }
    return this.filtered;
  }

  /** Tells the autoscaler when a draining replica has no request left. */
  private checkDrained(server: ReplicaServer): void {
    const i = server.replica.index;
    if (this.draining !== null && this.draining[i] === 1 && server.outstanding === 0) this.onDrained?.(i);
  }

  /** The service's load now, as admission control and brownout read it. */
  loadSignals(critical: boolean): AdmissionSignals {
    return this.admission.loadSignals(critical);
  }


  // ---- used by call edges -------------------------------------------------------------------

  /** Routes `call` (already counted as offered, `done` set) to `replica`'s server. */
  accept(call: Call, replica: Replica): void {
    if (this.admits && !this.admission.admit(call)) {
      this.respond(call, 'shed', 'load-shed', false);
      return;
    }
    if (replica.mode === 'down') {
      this.refuseDown(call);
      return;
    }
    const server = this.servers[replica.index]!;
    if (server.canAccept()) server.accept(this.bind(call, server));
    else this.respond(call, 'rejected', 'queue-full', false);
  }

  /** A call routed to a replica that is down: refused, or lost in 'blackhole' mode. */
  private refuseDown(call: Call): void {
    if (this.blackhole) {
      this.blackholed.inc();
      return;
    }
    this.replicaDownFailures.inc();
    this.respond(call, 'error', 'replica-down', false);
  }

  /**
   * Answers a pending `call` from this service: over its network link when it has one (the
   * answer travels back, or is lost), else delivered at once.
   */
  respond(call: Call, outcome: Outcome, cause: string, degraded: boolean): void {
    if (call.link !== null) this.sendBack(call, outcome, cause, degraded);
    else this.deliver(call, outcome, cause, degraded);
  }

  /** The answer to `call` crosses its link back to the caller (see network/network-link.ts). */
  private sendBack(call: Call, outcome: Outcome, cause: string, degraded: boolean): void {
    const link = call.link!;
    call.job = null;
    if (call.replyLost) {
      call.replyLost = false;
      link.lost.inc(); // the caller hears nothing; its timeout ends the call
      return;
    }
    const d = link.oneWay(call.origin, call.replica);
    if (!(d > 0)) {
      this.deliver(call, outcome, cause, degraded);
      return;
    }
    call.outcome = outcome;
    call.cause = cause;
    call.degraded = degraded;
    call.hop = this.sim._scheduleShort(d, this.onAnswerArrived, call, Priority.NORMAL);
  }

  private readonly onAnswerArrived = (call: Call): void => {
    call.hop = -1;
    this.deliver(call, call.outcome, call.cause, call.degraded);
  };

  /**
   * Delivers an outcome to the caller of a pending `call` now: cancels its timeout, records the
   * caller's view in `stats`, and calls `done`.
   */
  deliver(call: Call, outcome: Outcome, cause: string, degraded: boolean): void {
    if (call.timer >= 0) {
      this.sim._cancelShort(call.timer);
      call.timer = -1;
    }
    call.job = null;
    const now = this.sim.now;
    call.outcome = outcome;
    call.cause = cause;
    call.degraded = degraded;
    call.end = now;
    this.stats.complete(call.start, now, outcome, degraded);
    if (this.detectsOutliers && call.replica >= 0) this.admission.reportOutcome(call.replica, now, outcome);
    const done = call.done;
    call.done = null;
    if (done !== null) done(call);
  }

  /**
   * The caller of `call` gives up on it (its timeout fired, or it abandoned the call): the job
   * serving it, if any, loses its caller and, if `cancel`, stops (see the file header).
   */
  detach(call: Call, cancel: boolean): void {
    if (call.timer >= 0) {
      this.sim._cancelShort(call.timer);
      call.timer = -1;
    }
    if (call.hop >= 0) {
      this.sim._cancelShort(call.hop);
      call.hop = -1;
    }
    const job = call.job;
    call.job = null;
    if (job === null) return;
    job.call = null;
    if (cancel) this.cancel(job);
    else this.orphanedWork.inc();
  }

  // ---- jobs ---------------------------------------------------------------------------------

  private bind(call: Call, server: ReplicaServer): Job {
    let job = this.freeJobs;
    if (job === null) job = new Job(this.nDeps);
    else {
      this.freeJobs = job.nextFree;
      job.nextFree = null;
    }
    job.call = call;
    job.server = server;
    job.cls = call.cls;
    job.critical = call.critical;
    job.failed = false;
    job.failure = 'error';
    job.degraded = false;
    job.cause = '';
    call.job = job;
    return job;
  }

  private free(job: Job): void {
    job.call = null;
    job.server = null;
    job.state = JobState.FREE;
    job.nextFree = this.freeJobs;
    this.freeJobs = job;
  }

  private readonly onLocalDone = (job: Job): void => {
    job.timer = -1;
    const pe = this.pErr;
    const pr = job.server!.replica.errorRate;
    if ((pe > 0 || pr > 0) && this.errorRng() < 1 - (1 - pe) * (1 - pr)) {
      this.finish(job, 'error', 'local-error');
      return;
    }
    if (this.nDeps === 0) this.finish(job, 'ok', '');
    else this.callDependencies(job);
  };

  /** Local work done: make the downstream calls. */
  private callDependencies(job: Job): void {
    job.state = JobState.CALLING;
    if (this.parallel) {
      const n = this.nDeps;
      job.pending = n;
      for (let i = 0; i < n; i++) this.callDependency(job, i);
    } else {
      job.next = 0;
      this.callDependency(job, 0);
    }
  }

  private callDependency(job: Job, i: number): void {
    if (this.browns && this.deps[i]!.optional === true && this.admission.inBrownout()) {
      this.skipDependency(job);
      return;
    }
    const c = this.callPool.acquire();
    c.owner = job;
    c.slot = i;
    c.cls = job.cls;
    c.critical = job.critical;
    const link = this.links[i] ?? null;
    c.link = link;
    if (link !== null) c.origin = job.server!.replica.index;
    job.calls[i] = c;
    this.deps[i]!.target.invoke(c, this.onDependencyDone);
  }

  /** Brownout: the optional call is skipped; the request will succeed degraded. */
  private skipDependency(job: Job): void {
    this.skippedOptional.inc();
    job.degraded = true;
    if (this.parallel) {
      if (--job.pending === 0) this.finish(job, job.failed ? job.failure : 'ok', job.cause);
    } else if (++job.next < this.nDeps) {
      this.callDependency(job, job.next);
    } else {
      this.finish(job, 'ok', '');
    }
  }

  private readonly onDependencyDone = (c: Call): void => {
    const job = c.owner as Job;
    const i = c.slot;
    job.calls[i] = null;
    if (job.state !== JobState.CALLING) {
      // The job is being torn down (its replica went down) and this answer came back at once
      // while another job's calls were being abandoned: it answers no one.
      this.callPool.release(c);
      return;
    }
    const o = c.outcome;
    if (o !== 'ok') this.dependencyNotOk(job, i, o);
    else if (c.degraded) job.degraded = true;
    this.callPool.release(c);
    if (this.parallel) {
      if (--job.pending === 0) this.finish(job, job.failed ? job.failure : 'ok', job.cause);
    } else if (job.failed) {
      this.finish(job, job.failure, job.cause);
    } else if (++job.next < this.nDeps) {
      this.callDependency(job, job.next);
    } else {
      this.finish(job, 'ok', '');
    }
  };

  /** Dependency `i` of `job` answered `o` ('fallback' or a failure). */
  private dependencyNotOk(job: Job, i: number, o: Outcome): void {
    if (o === 'fallback' || this.deps[i]!.optional === true) {
      job.degraded = true;
    } else if (!job.failed) {
      job.failed = true;
      job.failure = o === 'circuit-open' ? 'circuit-open' : 'error';
      job.cause = this.depCauses[i]!;
    }
  }

  /** The job is over: free its slot (starting the next queued job), then answer its caller if any. */
  private finish(job: Job, outcome: Outcome, cause: string): void {
    const server = job.server!;
    server.release(job);
    const call = job.call;
    const degraded = job.degraded;
    this.free(job);
    if (call !== null) this.respond(call, outcome, cause, outcome === 'ok' && degraded);
    if (this.draining !== null) this.checkDrained(server);
  }

  /** Stops a detached job (its caller already gone). */
  private cancel(job: Job): void {
    if (job.state === JobState.FREE) return; // being torn down by its replica's crash
    this.cancelledWork.inc();
    const server = job.server!;
    switch (job.state) {
      case JobState.QUEUED:
        server.dequeue(job);
        break;
      case JobState.LOCAL:
        server.stopLocal(job);
        break;
      case JobState.CALLING:
        this.abandonDependencies(job);
        server.release(job);
        break;
    }
    this.free(job);
    if (this.draining !== null) this.checkDrained(server);
  }

  private abandonDependencies(job: Job): void {
    for (let i = 0; i < this.nDeps; i++) {
      const c = job.calls[i];
      if (c === null || c === undefined) continue;
      job.calls[i] = null;
      this.deps[i]!.target.abandon(c);
      this.callPool.release(c);
    }
  }

  private readonly onReplicaChange = (replica: Replica): void => {
    if (replica.mode !== 'down') return;
    const server = this.servers[replica.index]!;
    if (server.outstanding === 0) return;
    // Take every job off the server BEFORE any callback runs: abandoning a job's downstream calls
    // can complete another call at once (a bulkhead hands its permit to a waiter that fails inside
    // `invoke`), and answering a caller can make it abandon another of these jobs. Torn-down jobs
    // are FREE from here on, so those re-entrant paths leave them (and this server) alone.
    for (const job of server.teardown()) {
      this.abandonDependencies(job);
      const call = job.call;
      this.free(job);
      // An orphan's request already ended for its caller (timeout, abandon): not a failure here.
      if (call === null) continue;
      if (call.start >= this.stats.startTime) this.replicaDownFailures.inc();
      this.respond(call, 'error', 'replica-down', false);
    }
    if (this.draining !== null) this.checkDrained(server);
  };

  // ---- statistics ---------------------------------------------------------------------------

  /**
   * Time-weighted busy slots / (capacity × replicas), in [0, 1], since the last reset (replicas
   * that are down count in the denominator). Kept as slot-seconds per job (added when a job frees
   * its slot, plus the jobs holding slots now), which is exact and cheaper than a time average
   * updated at every start and end.
   */
  utilisation(now: number = this.sim.now): number {
    return this.meanBusy(now) / (this.capacity * this.servers.length);
  }

  /**
   * The time integrals of each replica's busy slots and outstanding requests, kept from the first
   * call on (a service nobody asks keeps none, and its servers skip them).
   */
  loadMeter(): LoadMeter {
    if (this.ledger.meter === null) this.ledger.meter = new LoadMeter(this.servers.length, this.sim.now);
    return this.ledger.meter;
  }

  /** Time-average number of busy slots over the whole service since the last reset (NaN if no time passed). */
  meanBusy(now: number = this.sim.now): number {
    const since = this.ledger.statsSince;
    let total = this.ledger.busyTime;
    for (const server of this.servers) total = server.addHeldSlotSeconds(total, now, since);
    return total / (now - since);
  }

  resetStats(now: number = this.sim.now): void {
    this.stats.resetStats(now);
    this.ledger.busyTime = 0;
    this.ledger.statsSince = now;
    this.orphanedWork.resetStats();
    this.cancelledWork.resetStats();
    this.replicaDownFailures.resetStats();
    this.blackholed.resetStats();
    this.skippedOptional.resetStats();
    this.admission.resetStats();
  }

  /** Flat record: the RequestStats record plus utilisation and server-side counts. */
  record(now: number = this.sim.now): StatsRecord {
    return {
      ...this.stats.record(now),
      utilisation_pct: 100 * this.utilisation(now),
      orphaned_work_count: this.orphanedWork.value,
      cancelled_work_count: this.cancelledWork.value,
      errors_replica_down_count: this.replicaDownFailures.value,
      blackholed_count: this.blackholed.value,
      ...this.admission.record(now, this.skippedOptional.value),
    };
  }


}
