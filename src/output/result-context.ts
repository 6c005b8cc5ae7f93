// What the writers need to know about an experiment, whether it comes from a resolved
// experiment (a run) or from shards' meta.json (a merge).
import type { MetricSpec } from '../base/metric-spec.js';
import { metricSpecOf } from '../experiment/metric-spec-of.js';
import type { Experiment } from '../experiment/spec.js';

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

/** The context of a resolved experiment's results. */
export function resultContext(exp: Experiment): ResultContext {
  return {
    experiment: exp.spec.name,
    columns: exp.columns,
    configurations: exp.configurations.map((c) => ({ index: c.index, id: c.id, swept: c.swept })),
    headline: exp.headline,
    durationS: exp.spec.duration,
    baselineId: exp.configurations[exp.baselineIndex]?.id,
    metricSpec: metricSpecOf(exp),
  };
}
