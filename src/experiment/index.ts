// Running experiments from TypeScript: the model contract, loading and running experiment files.
export type { Model, ModelRun, RunContext, MetricRecord, RunShape } from './model.js';
export { defaultMetricSpec, type MetricSpec, type MetricRange, type RareEventRule } from '../base/metric-spec.js';
export { loadExperiment, resolveExperiment, type Experiment } from './spec.js';
export { runExperiment, type RunOptions, type RunOutcome, type RunCounts } from './runner.js';
export type { RunSink, OpenRunSink, FinishedRuns } from './run-sink.js';
export type { RunRecord, TimeseriesSample } from './run-record.js';
export { importModels, modelsOf } from './model-modules.js';
export { SpecError, UsageError } from './spec-error.js';
