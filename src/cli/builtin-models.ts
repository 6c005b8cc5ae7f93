// The built-in models by name, each with the module that exports it, imported only when needed:
// a model and its components take up to a few tenths of a second to load, and `validate` or
// `run` of a file needs only the model it names. The names are known without importing anything,
// so that an unknown name still gets "did you mean …?" and a clash with an extra model is caught.
// The same models, in the same order, as models/index.ts (test/builtin-models.test.ts checks it).

/** A built-in model: its name, its module (path from the project root, no extension) and a loader. */
export interface BuiltinModel {
  readonly name: string;
  readonly module: string;
  /** Imports the module (a static specifier, so that the bundler and tsc see it). */
  readonly load: () => Promise<Record<string, unknown>>;
}

export const BUILTIN_MODELS: readonly BuiltinModel[] = [
  { name: 'mmc', module: 'models/mmc', load: () => import('../../models/mmc.js') },
  { name: 'topology', module: 'models/topology/model', load: () => import('../../models/topology/model.js') },
  { name: 'contention', module: 'models/contention', load: () => import('../../models/contention.js') },
  { name: 'dr', module: 'models/dr/model', load: () => import('../../models/dr/model.js') },
];

/**
 * URL of the compiled module of a built-in model, which worker threads import. The code runs in
 * one of three layouts:
 * - the bundle (scripts/bundle-cli.mjs): every chunk in one folder, each model module an entry
 *   point at `<folder>/<module>.js`;
 * - tsc's output: this file is dist/src/cli/builtin-models.js, the model at dist/<module>.js;
 * - TypeScript sources (tests): worker threads still run compiled code, so the copy in dist/ is
 *   named (as workerScript in src/experiment/pool.ts does).
 */
export function builtinModuleUrl(model: BuiltinModel): string {
  const here = import.meta.url;
  if (here.endsWith('/src/cli/builtin-models.ts')) return new URL(`../../dist/${model.module}.js`, here).href;
  if (here.endsWith('/src/cli/builtin-models.js')) return new URL(`../../${model.module}.js`, here).href;
  return new URL(`./${model.module}.js`, here).href;
}
