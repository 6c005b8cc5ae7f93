// Models come from modules: a module exports `models` (an array), a default export (a model or an
// array), or named exports that are models. Whoever composes the program (the CLI) names the
// modules; the main thread and every worker thread import the same ones, so they see the same
// models.
import type { Model } from './model.js';
import { UsageError } from './spec-error.js';

function isModel(v: unknown): v is Model<any> {
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as Model).name === 'string' &&
    typeof (v as Model).build === 'function' &&
    typeof (v as Model).params === 'object'
  );
}

/** The models a module exports (none when it exports none). */
export function modelsOf(mod: Record<string, unknown>): Model<any>[] {
  const list = mod['models'] ?? mod['default'];
  if (Array.isArray(list)) return list.filter(isModel);
  if (isModel(list)) return [list];
  return Object.values(mod).filter(isModel);
}

/** The models of every module, in order; throws UsageError when two share a name. */
export function distinctModels(lists: readonly (readonly Model<any>[])[]): readonly Model<any>[] {
  const all = lists.flat();
  const names = new Set<string>();
  for (const m of all) {
    if (names.has(m.name)) throw new UsageError(`two models are named "${m.name}"`);
    names.add(m.name);
  }
  return all;
}

/** Imports the modules at `urls` and returns their models (the worker threads' registry). */
export async function importModels(urls: readonly string[]): Promise<readonly Model<any>[]> {
  const mods = await Promise.all(urls.map(async (url) => (await import(url)) as Record<string, unknown>));
  return distinctModels(mods.map(modelsOf));
}
