// The registry of models: the built-in ones (models/index.ts) plus, for tests and plug-ins,
// modules named in the environment variable HASIM_EXTRA_MODELS (paths separated by the
// platform's path delimiter, ":" on Unix). Such a module exports `models` (an array), a default
// export (a model or an array), or named exports that are models. Worker threads inherit the
// environment, so they see the same models.
import { delimiter, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model } from './model.js';
import { UsageError } from './spec-error.js';

export const EXTRA_MODELS_ENV = 'HASIM_EXTRA_MODELS';

function isModel(v: unknown): v is Model<any> {
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as Model).name === 'string' &&
    typeof (v as Model).build === 'function' &&
    typeof (v as Model).params === 'object'
  );
}

function modelsOf(mod: Record<string, unknown>): Model<any>[] {
  const list = mod['models'] ?? mod['default'];
  if (Array.isArray(list)) return list.filter(isModel);
  if (isModel(list)) return [list];
  return Object.values(mod).filter(isModel);
}

export async function loadModels(env: NodeJS.ProcessEnv = process.env): Promise<readonly Model<any>[]> {
  // Imported here, not at the top: the models and their schemas take about 0.2 s to load, which
  // --help, --version and the commands that need no model should not pay.
  const { models: builtinModels } = await import('../../models/index.js');
  const all: Model<any>[] = [...builtinModels];
  const extra = env[EXTRA_MODELS_ENV];
  if (extra) {
    for (const entry of extra.split(delimiter).filter((p) => p.trim() !== '')) {
      let mod: Record<string, unknown>;
      try {
        mod = (await import(pathToFileURL(resolve(entry)).href)) as Record<string, unknown>;
      } catch (err) {
        throw new UsageError(`${EXTRA_MODELS_ENV}: cannot load "${entry}": ${(err as Error).message}`);
      }
      const found = modelsOf(mod);
      if (found.length === 0) throw new UsageError(`${EXTRA_MODELS_ENV}: "${entry}" exports no model`);
      all.push(...found);
    }
  }
  const names = new Set<string>();
  for (const m of all) {
    if (names.has(m.name)) throw new UsageError(`two models are named "${m.name}"`);
    names.add(m.name);
  }
  return all;
}
