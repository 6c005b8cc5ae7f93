// What the writers need to know about an experiment, whether it comes from a resolved
// experiment (a run) or from shards' meta.json (a merge).
import type { MetricSpec } from '../base/metric-spec.js';

export interface ResultConfiguration {
  readonly index: number;
  readonly id: string;
  readonly swept: Readonly<Record<string, unknown>>;
}

export interface ResultContext {
  readonly experiment: string;
  /** Swept parameter paths, in column order. */
  readonly columns: readonly string[];
  /** In grid order. */
  readonly configurations: readonly ResultConfiguration[];
  /** Metric names shown in the CLI's table. */
  readonly headline: readonly string[];
  /** Measured simulated seconds per run (the exposure of rare-event bounds). */
  readonly durationS: number;
  /** The configuration paired differences are taken against (absent: no differences). */
  readonly baselineId: string | undefined;
  /** Every metric's interval rule. */
  metricSpec(metric: string): MetricSpec;
}
