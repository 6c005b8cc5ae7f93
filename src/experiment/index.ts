// Running experiments from TypeScript: the model contract, loading and running experiment files.
export type { Model, ModelRun, RunContext, MetricRecord } from './model.js';
export { loadExperiment, resolveExperiment, type Experiment } from './spec.js';
export { runExperiment } from './runner.js';
export { SpecError, UsageError } from './spec-error.js';
