// Request-level statistics of one service or one request class: what was offered, how each
// request ended, and how long the successful ones took.
//
// Two windows (docs/architect.md, "Request metrics: the arrival window", states the rule for a whole run):
// - per-request figures count the requests OFFERED in the arrival window [start, end): start is
//   the construction or the last `resetStats(t)`, end the `closeWindow(t)` (∞ while open). A
//   request offered outside it is ignored when it ends, so completed ≤ offered always holds. The
//   run goes on after closeWindow until the window's requests have ended (a drain), so long
//   requests are not lost (dropping the requests still running at the end of a fixed time window
//   biases latency low, by about Var(W)/T);
// - throughput and goodput are rates over the time window [start, end): completions that happen
//   inside it, whenever their request was offered, per second (an overloaded service's
//   throughput is its capacity, not the rate of the requests that will eventually finish).
// Definitions:
// - offered: calls made (counted at invoke time);
// - abandoned: calls whose caller stopped waiting without an outcome (a cancelled parent, a hedge
//   loser); they are the caller's decision, not a failure of the callee, and leave the denominator;
// - succeeded: outcome 'ok' or 'fallback' (a degraded success);
// - slo met: succeeded with latency ≤ slo (seconds; with no SLO every success meets it);
// - censored: offered − abandoned − completed, the requests whose outcome is unknown when the
//   figures are read (still in flight: after a drain, those that outlived the drain limit). They
//   are not counted as failures, so an unloaded service measures exactly 100%. A request sent
//   into a black hole with no caller timeout never ends, so give callers a timeout when
//   modelling black holes;
// - request availability = succeeded / completed, where completed = offered − abandoned − censored;
// - SLO availability = slo met / completed;
// - throughput = completions (any outcome) per second; goodput = completions meeting the SLO per
//   second, both over the time window (see above);
// - latency percentiles: of successful requests only (HDR histogram, see latency-histogram.ts).
import type { Outcome } from '../base/outcome.js';
import { LatencyHistogram, type LatencyHistogramOptions } from './latency-histogram.js';

/** Options of a RequestStats. */
export interface RequestStatsOptions extends LatencyHistogramOptions {
  /** Latency objective in seconds (default Infinity: every success meets it). */
  readonly slo?: number;
}

/** Flat record of a RequestStats: snake_case names with unit suffixes. */
export type StatsRecord = Record<string, number>;

export class RequestStats {
  /** Latency objective, seconds. */
  // Initialised for V8 (numbers, not undefined, from the start: see Service's fields).
  readonly slo: number = 0;
  /** Latencies of successful requests. */
  readonly latency: LatencyHistogram;
  private since: number = 0;
  /** End of the window (closeWindow); ∞ while it is open. */
  private until: number = Infinity;
  /** 1 while the window is open, 0 after closeWindow: what `offer` adds. */
  private open = 1;
  /** Completions inside the time window [since, until), whenever offered (throughput). */
  timeWindowCompleted = 0;
  /** Of those, the successes within the SLO (goodput). */
  timeWindowSloMet = 0;
  offered = 0;
  abandoned = 0;
  ok = 0;
  fallback = 0;
  sloMet = 0;
  degraded = 0;
  error = 0;
  timeout = 0;
  rejected = 0;
  shed = 0;
  circuitOpen = 0;

  /** `t0`: simulated time at which counting starts (seconds). */
  constructor(t0: number, options: RequestStatsOptions = {}) {
    const slo = options.slo ?? Infinity;
    if (!(slo > 0)) throw new RangeError(`RequestStats: invalid slo = ${String(slo)}: must be a number of seconds > 0`);
    this.slo = slo;
    this.since = t0;
    this.latency = new LatencyHistogram(options);
  }

  /** Start of the measurement window (time of construction or of the last reset). */
  get startTime(): number {
    return this.since;
  }

  /** A request was offered (call it at invoke time); not counted once the window is closed. */
  offer(): void {
    this.offered += this.open;
  }

  /** A request offered at `start` was abandoned by its caller without an outcome. */
  abandon(start: number): void {
    if (start >= this.since && start < this.until) this.abandoned++;
  }

  /** A request offered at `start` ended at `now` with `outcome`; `degraded`: succeeded without an optional part. */
  complete(start: number, now: number, outcome: Outcome, degraded: boolean): void {
    const succeeded = outcome === 'ok' || outcome === 'fallback';
    const lat = now - start;
    if (now < this.until) {
      this.timeWindowCompleted++;
      if (succeeded && lat <= this.slo) this.timeWindowSloMet++;
    }
    if (start < this.since || start >= this.until) return;
    if (succeeded) {
      if (outcome === 'ok') this.ok++;
      else this.fallback++;
      if (degraded) this.degraded++;
      this.latency.record(lat);
      if (lat <= this.slo) this.sloMet++;
    } else {
      this.fail(outcome);
    }
  }

  /** Counts a failed request (kept out of `complete`, the hot path). */
  private fail(outcome: Outcome): void {
    switch (outcome) {
      case 'error':
        this.error++;
        return;
      case 'timeout':
        this.timeout++;
        return;
      case 'rejected':
        this.rejected++;
        return;
      case 'shed':
        this.shed++;
        return;
      case 'circuit-open':
        this.circuitOpen++;
        return;
    }
  }

  get succeeded(): number {
    return this.ok + this.fallback;
  }

  get failed(): number {
    return this.error + this.timeout + this.rejected + this.shed + this.circuitOpen;
  }

  get completed(): number {
    return this.succeeded + this.failed;
  }

  /** succeeded / (offered − abandoned), NaN with nothing offered. */
  get requestAvailability(): number {
    return this.completed > 0 ? this.succeeded / this.completed : NaN;
  }

  /** SLO met / completed, NaN with nothing completed. */
  get sloAvailability(): number {
    return this.completed > 0 ? this.sloMet / this.completed : NaN;
  }

  /** Forgets everything and opens a new window at `now`; requests offered before `now` are ignored when they complete. */
  resetStats(now: number): void {
    this.since = now;
    this.until = Infinity;
    this.open = 1;
    this.timeWindowCompleted = this.timeWindowSloMet = 0;
    this.offered = this.abandoned = this.ok = this.fallback = this.sloMet = this.degraded = 0;
    this.error = this.timeout = this.rejected = this.shed = this.circuitOpen = 0;
    this.latency.resetStats();
  }

  /**
   * Closes the window at `now`: requests offered from now on are not counted, and completions
   * from now on count only for the requests offered in the window (not for throughput).
   */
  closeWindow(now: number): void {
    if (this.until !== Infinity) throw new Error(`RequestStats: window already closed at ${this.until}`);
    if (!(now >= this.since)) throw new RangeError(`RequestStats: closeWindow(${now}) before the window start ${this.since}`);
    this.until = now;
    this.open = 0;
  }

  /** Adds the counts and latencies of `other` (same SLO expected; window = from the earlier start to the earlier end). */
  addAll(other: RequestStats): void {
    this.since = Math.min(this.since, other.since);
    if (other.until < this.until) {
      this.until = other.until;
      this.open = 0;
    }
    this.timeWindowCompleted += other.timeWindowCompleted;
    this.timeWindowSloMet += other.timeWindowSloMet;
    this.offered += other.offered;
    this.abandoned += other.abandoned;
    this.ok += other.ok;
    this.fallback += other.fallback;
    this.sloMet += other.sloMet;
    this.degraded += other.degraded;
    this.error += other.error;
    this.timeout += other.timeout;
    this.rejected += other.rejected;
    this.shed += other.shed;
    this.circuitOpen += other.circuitOpen;
    this.latency.addAll(other.latency);
  }

  /** Requests offered in the window whose outcome is not known yet. */
  get censored(): number {
    return this.offered - this.abandoned - this.completed;
  }

  /** The figures at time `now` as a flat record (see the file header for the definitions). */
  record(now: number): StatsRecord {
    const span = Math.min(now, this.until) - this.since;
    const lat = this.latency;
    const ms = (s: number): number => s * 1000;
    return {
      offered_count: this.offered,
      completed_count: this.completed,
      succeeded_count: this.succeeded,
      slo_met_count: this.sloMet,
      failed_count: this.failed,
      errors_error_count: this.error,
      errors_timeout_count: this.timeout,
      errors_rejected_count: this.rejected,
      errors_shed_count: this.shed,
      errors_circuit_open_count: this.circuitOpen,
      fallback_count: this.fallback,
      degraded_count: this.degraded,
      abandoned_count: this.abandoned,
      censored_count: this.censored,
      request_availability_pct: 100 * this.requestAvailability,
      slo_availability_pct: 100 * this.sloAvailability,
      latency_mean_ms: ms(lat.mean),
      latency_p50_ms: ms(lat.percentile(50)),
      latency_p90_ms: ms(lat.percentile(90)),
      latency_p99_ms: ms(lat.percentile(99)),
      latency_p999_ms: ms(lat.percentile(99.9)),
      latency_max_ms: ms(lat.max),
      throughput_per_s: span > 0 ? this.timeWindowCompleted / span : NaN,
      goodput_per_s: span > 0 ? this.timeWindowSloMet / span : NaN,
    };
  }
}
