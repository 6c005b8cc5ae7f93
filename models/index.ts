// The registry of built-in models, by name. `hasim models` lists them; experiment files name one.
import type { Model } from '../src/experiment/model.js';

export const models: readonly Model<any>[] = [];
