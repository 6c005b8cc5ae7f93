// The registry of built-in models, by name. `hasim models` lists them; experiment files name one.
import type { Model } from '../src/experiment/model.js';
import { mmcModel } from './mmc.js';

export const models: readonly Model<any>[] = [mmcModel];
