// The model contract (src/base/model.ts) as the models are written against it: on the engine's
// Simulation, with the named random streams of src/random.
import type { Simulation } from '../../src/engine/simulation.js';
import type { RandomStreams } from '../../src/random/streams.js';
import type { Model as ModelContract, RunContext as RunContextContract } from '../../src/base/model.js';

export type { ModelRun } from '../../src/base/model.js';

export type RunContext = RunContextContract<Simulation, RandomStreams>;
export type Model<P = unknown> = ModelContract<P, Simulation, RandomStreams>;
