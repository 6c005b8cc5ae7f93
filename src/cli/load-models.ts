// The composition of models: the built-in ones (models/index.ts) plus, for tests and plug-ins,
// the modules named in the environment variable HASIM_EXTRA_MODELS (paths separated by the
// platform's path delimiter, ":" on Unix; see src/experiment/model-modules.ts for what such a
// module exports). The commands give the models to the experiment loader and the module URLs to
// the runner, whose worker threads import the same modules.
import { delimiter, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model } from '../experiment/model.js';
import { distinctModels, modelsOf } from '../experiment/model-modules.js';
import { UsageError } from '../experiment/spec-error.js';

export const EXTRA_MODELS_ENV = 'HASIM_EXTRA_MODELS';

/** The models and the URLs of the modules that export them. */
export interface LoadedModels {
  readonly models: readonly Model<any>[];
  readonly modules: readonly string[];
}

function extraModelPaths(env: NodeJS.ProcessEnv): string[] {
  return (env[EXTRA_MODELS_ENV] ?? '').split(delimiter).filter((p) => p.trim() !== '');
}

/**
 * URL of the compiled built-in models module. From dist/ it sits two folders up; when this module
 * runs from TypeScript sources (tests), worker threads still run compiled code, so the compiled
 * copy in dist/ is named (see workerScript in src/experiment/pool.ts).
 */
function builtinModelsUrl(): string {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? '../../models/index.js' : '../../dist/models/index.js', import.meta.url).href;
}

export async function loadModels(env: NodeJS.ProcessEnv = process.env): Promise<LoadedModels> {
  // Imported here, not at the top: the models and their schemas take about 0.2 s to load, which
  // --help, --version and the commands that need no model should not pay.
  const { models: builtin } = await import('../../models/index.js');
  const lists: Model<any>[][] = [[...builtin]];
  const modules = [builtinModelsUrl()];
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
  return { models: distinctModels(lists), modules };
}
