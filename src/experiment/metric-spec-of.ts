// The interval rule of each metric of an experiment: the model's, else the default by name.
import { defaultMetricSpec, type MetricSpec } from '../base/metric-spec.js';
import type { Experiment } from './spec.js';

export function metricSpecOf(exp: Experiment): (metric: string) => MetricSpec {
  return (m) => exp.model.metricSpec?.(m) ?? defaultMetricSpec(m);
}
