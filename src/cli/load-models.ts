// The composition of models: the built-in ones (builtin-models.ts, the table of models/index.ts)
// plus, for tests and plug-ins, the modules named in the environment variable HASIM_EXTRA_MODELS
// (paths separated by the platform's path delimiter, ":" on Unix; see
// src/experiment/model-modules.ts for what such a module exports). The commands give the models
// to the experiment loader and the module URLs to the runner, whose worker threads import the same
// modules. A command that reads one experiment loads only the built-in model the file names.
import { delimiter, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model } from '../experiment/model.js';
import { distinctModels, modelsOf } from '../experiment/model-modules.js';
import { UsageError } from '../experiment/spec-error.js';
import { BUILTIN_MODELS, builtinModuleUrl, type BuiltinModel } from './builtin-models.js';

export const EXTRA_MODELS_ENV = 'HASIM_EXTRA_MODELS';

/** The models and the URLs of the modules that export them. */
export interface LoadedModels {
  readonly models: readonly Model<any>[];
  readonly modules: readonly string[];
}

function extraModelPaths(env: NodeJS.ProcessEnv): string[] {
  return (env[EXTRA_MODELS_ENV] ?? '').split(delimiter).filter((p) => p.trim() !== '');
}

async function loadExtraModels(env: NodeJS.ProcessEnv): Promise<{ lists: Model<any>[][]; modules: string[] }> {
  const lists: Model<any>[][] = [];
  const modules: string[] = [];
  for (const entry of extraModelPaths(env)) {
    const url = pathToFileURL(resolve(entry)).href;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(url)) as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`${EXTRA_MODELS_ENV}: cannot load "${entry}": ${(err as Error).message}`);
    }
    const found = modelsOf(mod);
    if (found.length === 0) throw new UsageError(`${EXTRA_MODELS_ENV}: "${entry}" exports no model`);
    lists.push(found);
    modules.push(url);
  }
  return { lists, modules };
}

async function loadBuiltin(builtin: BuiltinModel): Promise<Model<any>> {
  const found = modelsOf(await builtin.load()).find((m) => m.name === builtin.name);
  if (!found) throw new Error(`built-in model "${builtin.name}" is not exported by ${builtin.module}`);
  return found;
}

async function compose(env: NodeJS.ProcessEnv, pick: (extra: readonly Model<any>[]) => readonly BuiltinModel[]): Promise<LoadedModels> {
  const extra = await loadExtraModels(env);
  const extraModels = extra.lists.flat();
  const builtins = pick(extraModels);
  // A clash of an extra model with a built-in one is refused even when the built-in one is not
  // imported: the names are checked against the whole table.
  for (const b of BUILTIN_MODELS) {
    if (!builtins.includes(b) && extraModels.some((m) => m.name === b.name)) throw new UsageError(`two models are named "${b.name}"`);
  }
  const models = await Promise.all(builtins.map(loadBuiltin));
  return { models: distinctModels([models, ...extra.lists]), modules: [...builtins.map(builtinModuleUrl), ...extra.modules] };
}

/** Every model: the built-in ones, then the extra ones (`hasim models`, `hasim schema`). */
export function loadModels(env: NodeJS.ProcessEnv = process.env): Promise<LoadedModels> {
  return compose(env, () => BUILTIN_MODELS);
}

/**
 * The models an experiment needs, from its data (a file as readSource reads it): the built-in
 * model its `model` key names, or none when it names an extra one, and the extra ones. When the
 * key names no model (or is no string), every built-in model is imported, so that the experiment
 * loader's message lists them all ("unknown model …, did you mean …?").
 */
export function loadModelsFor(data: unknown, env: NodeJS.ProcessEnv = process.env): Promise<LoadedModels> {
  const named = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)['model'] : undefined;
  return compose(env, (extra) => {
    const builtin = BUILTIN_MODELS.find((b) => b.name === named);
    if (builtin) return [builtin];
    return extra.some((m) => m.name === named) ? [] : BUILTIN_MODELS;
  });
}
