// Running experiments from TypeScript: the model contract, loading and running experiment files.
export type { Model, ModelRun, RunContext, MetricRecord, RunShape } from './model.js';
export { defaultMetricSpec, type MetricSpec, type MetricRange, type RareEventRule } from '../base/metric-spec.js';
export { loadExperiment, resolveExperiment, type Experiment } from './spec.js';
export { runExperiment } from './runner.js';
export { SpecError, UsageError } from './spec-error.js';
