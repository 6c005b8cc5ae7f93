// The model contract (src/base/model.ts) as the runner uses it: on the engine's Simulation, with
// the named random streams of src/random.
import type { Simulation } from '../engine/simulation.js';
import type { RandomStreams } from '../random/streams.js';
import type { Model as ModelContract, RunContext as RunContextContract } from '../base/model.js';

export { DRAIN_LIMIT_DURATIONS, type Estimator, type ModelRun, type ModelTheory } from '../base/model.js';
export type { MetricRecord } from '../base/metric-record.js';
export type { RunShape } from '../base/run-shape.js';

export type RunContext = RunContextContract<Simulation, RandomStreams>;
export type Model<P = unknown> = ModelContract<P, Simulation, RandomStreams>;
