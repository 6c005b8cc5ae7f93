// The CLI's table of built-in models (names known without importing the models) against the
// registry models/index.ts: the same models in the same order, each found in its module.
import { describe, expect, it } from 'vitest';
import { models } from '../models/index.js';
import { BUILTIN_MODELS } from '../src/cli/builtin-models.js';
import { loadModels, loadModelsFor } from '../src/cli/load-models.js';
import { join } from 'node:path';

const tiny = join(import.meta.dirname, 'fixtures', 'tiny-model.mjs');

describe('built-in model table', () => {
  it('names the models of models/index.ts, in its order', () => {
    expect(BUILTIN_MODELS.map((b) => b.name)).toEqual(models.map((m) => m.name));
  });

  it('each module exports the model of its name, the very object models/index.ts registers', async () => {
    const loaded = await loadModels({});
    expect(loaded.models).toEqual(models);
    expect(loaded.modules).toHaveLength(models.length);
    expect(new Set(loaded.modules).size).toBe(models.length);
  });

  it('an experiment naming a built-in model loads that one only; an extra one, no built-in; an unknown name, all', async () => {
    const env = { HASIM_EXTRA_MODELS: tiny };
    const dr = await loadModelsFor({ model: 'dr' }, env);
    expect(dr.models.map((m) => m.name)).toEqual(['dr', 'tiny']);
    expect(dr.modules).toHaveLength(2);
    expect(dr.modules[0]).toMatch(/\/dist\/models\/dr\/model\.js$/);
    expect((await loadModelsFor({ model: 'tiny' }, env)).models.map((m) => m.name)).toEqual(['tiny']);
    expect((await loadModelsFor({ model: 'topolgy' }, env)).models.map((m) => m.name)).toEqual([...models.map((m) => m.name), 'tiny']);
    expect((await loadModelsFor([], {})).models).toEqual(models);
  });
});
