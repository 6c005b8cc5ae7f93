// meta.json: everything needed to know what produced a result directory (and, for a shard,
// to merge it): the resolved experiment, hasim's version, seeds, run counts, wall time.
import type { MetricSpec } from '../base/metric-spec.js';

export interface MetaConfiguration {
  readonly config_id: string;
  readonly index: number;
  readonly swept: Readonly<Record<string, unknown>>;
  /** The model's parameters, resolved (defaults filled, units in seconds). */
  readonly params: unknown;
  /** Why the model has no exact values (theory_* columns left empty) for this configuration. */
  readonly theory_unavailable_reason?: string;
}

export interface MetaRun {
  readonly config_id: string;
  readonly replication: number;
  /** The run's seed (the runs.csv column). */
  readonly seed: string;
  /** Seed of the run's random streams (shared across configurations under crn). */
  readonly stream_seed: string;
}

export interface Meta {
  readonly kind: 'result' | 'shard';
  readonly hasim_version: string;
  readonly experiment_name: string;
  /** The experiment as resolved: durations in seconds, defaults filled. */
  readonly experiment: Readonly<Record<string, unknown>>;
  /** SHA-256 of the resolved experiment and hasim version (the same for all shards). */
  readonly experiment_hash: string;
  readonly source_file: string;
  readonly model: string;
  readonly seed: string | number;
  readonly crn: boolean;
  readonly replications: number;
  readonly swept_columns: readonly string[];
  /**
   * Swept column → its numeric companion in runs.csv and summary.csv (written right after it):
   * `<swept>_s` (unit "s", seconds) for durations, `<swept>_per_s` (unit "per_s") for rates.
   */
  readonly numeric_columns: Readonly<Record<string, { readonly column: string; readonly unit: 's' | 'per_s' }>>;
  readonly headline: readonly string[];
  /** The configuration paired differences are taken against. */
  readonly baseline_config_id: string | null;
  /** Replications run per configuration, in grid order (they differ under `precision:`). */
  readonly replications_per_config: readonly number[];
  readonly metric_columns: readonly string[];
  /** Every metric column's interval rule (range, better direction, rare-event bound). */
  readonly metric_specs: Readonly<Record<string, MetricSpec>>;
  /** The model's warnings about configurations, known before running. */
  readonly config_warnings: readonly string[];
  /** Every warning printed after the run: config_warnings, then those found in the results. */
  readonly warnings: readonly string[];
  readonly configurations: readonly MetaConfiguration[];
  /** Runs in this directory. */
  readonly run_count: number;
  /** Runs of the whole experiment (all shards). */
  readonly total_run_count: number;
  /** Runs simulated by the invocation that wrote this directory (or by all merged shards). */
  readonly executed_count: number;
  /** Runs taken from partial results of an interrupted invocation. */
  readonly resumed_count: number;
  /** Runs taken from the previous complete result in the directory (a sweep run again after it grew). */
  readonly reused_count?: number;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly outputs: { readonly timeseries: boolean; readonly trace: boolean };
  readonly trace: { readonly config_id: string; readonly replication: number; readonly records: number; readonly dropped: number } | null;
  readonly runs: readonly MetaRun[];
  readonly wall_time_s: number;
  readonly merged_from?: readonly string[];
}

export function metaJson(meta: Meta): string {
  return `${JSON.stringify(meta, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}
