// The contract between the experiment runner and a model. A model knows nothing of files,
// sweeps or CSV: it is given a fresh simulation, its random streams and its resolved
// parameters, wires components onto the simulation, and reports a flat record of metrics.
// The simulation and stream types are parameters, so that this vocabulary needs no engine:
// src/experiment/model.ts and models/common/model.ts instantiate it with the engine's
// Simulation and the named RandomStreams.
import type { z } from 'zod';
import type { MetricSpec } from './metric-spec.js';
import type { MetricRecord } from './metric-record.js';
import type { RunShape } from './run-shape.js';

/**
 * How a run estimates its metrics: `plain` simulates the model forward in time; an
 * `importance-sampling` run (state-level availability) simulates `cycles` regenerative cycles
 * with failures made likely (a total probability `failureBias` against repairs), each weighted
 * by its likelihood ratio (docs/rare-events.md).
 */
export type Estimator =
  | { readonly kind: 'plain' }
  | { readonly kind: 'importance-sampling'; readonly cycles: number; readonly failureBias: number };

/** Exact values of a configuration's metrics, or the reason there are none (Model.theory). */
export type ModelTheory = { readonly values: MetricRecord } | { readonly reason: string };

export interface RunContext<Sim = unknown, Streams = unknown> {
  /** The fresh simulation of this run. */
  readonly sim: Sim;
  /** Named random streams of this run (seeded from the run seed). */
  readonly streams: Streams;
  /** Measured horizon in seconds (after the warm-up). */
  readonly duration: number;
  /** Warm-up in seconds; statistics are reset at its end. */
  readonly warmup: number;
  /** Event trace sink, present only for the one run chosen for tracing. */
  readonly trace: ((record: Record<string, unknown>) => void) | undefined;
  /** The experiment's estimator; absent means plain. Only a model listing it in `estimators` is given another. */
  readonly estimator?: Estimator;
}

/**
 * The drain limit, in measured durations, when the experiment file gives none. A multiple of the
 * duration rather than of the timeouts, which a model need not have: a request that outlasts ten
 * measured windows is beyond what the window can measure. The drain stops as soon as the measured
 * requests have ended, so the limit costs simulated time only when some never end (a black hole
 * without a caller timeout), and bounds that cost to ten runs' worth.
 */
export const DRAIN_LIMIT_DURATIONS = 10;

export interface ModelRun {
  /** Called once at the end of the warm-up: every statistic restarts from `sim.now`. */
  resetStats(): void;
  /**
   * Optional, for models that measure requests by the arrival-window rule: called once when the
   * measured window closes (sim.now = warm-up + duration), before `metrics`. The model freezes
   * its time-window statistics (time availability, utilisation, throughput, event counts) at
   * sim.now, stops counting new requests, and runs the simulation on — the workload still
   * arriving, so the load stays as it was — until every request that arrived in the window has
   * ended, or until simulated time `until` (the drain limit), whichever comes first. Requests
   * still unfinished then are censored and reported as such (never as failures). A model
   * without `drain` is measured on the time window alone.
   */
  drain?(until: number): void;
  /** Called once after the run (after `drain`, if any): the run's metrics. */
  metrics(): MetricRecord;
  /** Optional: current values for the time-series output, called at every interval boundary. */
  sample?(): MetricRecord;
}

export interface Model<P = unknown, Sim = unknown, Streams = unknown> {
  readonly name: string;
  readonly description: string;
  /** Parameter schema: input may hold unit strings ("30s", "200/s"); output is resolved numbers, defaults filled. */
  readonly params: z.ZodType<P>;
  /** Metric names printed in the CLI's table after a run, in order. */
  readonly headline: readonly string[];
  /**
   * Optional: the headline metrics for these parameters (e.g. request-level runs lead with
   * request availability, state-level runs with time availability); `headline` otherwise.
   * The experiment's own `headline:` list overrides both.
   */
  headlineFor?(params: P): readonly string[];
  /**
   * Optional: how a metric's interval and verdict are formed (range, better direction, rare-event
   * bound); undefined keeps the default from its name (see metric-spec.ts).
   */
  metricSpec?(metric: string): MetricSpec | undefined;
  /**
   * Optional: warnings about one configuration that would make its numbers mislead (a queue that
   * cannot be stable, no failure expected in the run, settings this fidelity ignores). Plain
   * one-line sentences; printed before the run and written to meta.json `warnings`.
   */
  warnings?(params: P, run: RunShape): string[];
  /**
   * Optional: the simulated events one run of these parameters is expected to process over its
   * warm-up and measured window (rates × time, failures × time: an order of magnitude is enough;
   * Infinity when it cannot be bounded). `hasim validate` and `hasim run` print it and refuse an
   * experiment whose estimate exceeds the budget (see estimate.ts); a model without it gets a
   * generic estimate from the rates in its parameters.
   */
  estimateEvents?(params: P, run: RunShape): number;
  /**
   * Optional: the exact values a run of these parameters reports beside its simulated metrics
   * (as theory_* columns), or why there are none (written once per configuration to meta.json
   * `theory_unavailable_reason`); undefined when the model offers no exact values for them.
   */
  theory?(params: P): ModelTheory | undefined;
  /**
   * Optional: the estimators other than `plain` the model implements (e.g. importance-sampling).
   * An experiment asking another model for one is refused; the model's build refuses, with a
   * ConfigError, the configurations it cannot estimate that way.
   */
  readonly estimators?: readonly Estimator['kind'][];
  build(ctx: RunContext<Sim, Streams>, params: P): ModelRun;
}

