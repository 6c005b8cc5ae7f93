// The registry of built-in models, by name. `hasim models` lists them; experiment files name one.
import type { Model } from './common/model.js';
import { mmcModel } from './mmc.js';
import { topologyModel } from './topology/model.js';
import { contentionModel } from './contention.js';
import { drModel } from './dr/model.js';

export const models: readonly Model<any>[] = [mmcModel, topologyModel, contentionModel, drModel];
