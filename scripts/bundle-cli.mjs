// Bundles the command line into dist/bundle/ (run by `npm run build` after tsc, which it reads the
// model table from): the `hasim` bin and `npm start` run dist/bundle/hasim.js. A start-up of
// the tsc output imports some 300 modules one file at a time; the bundle reads a handful of
// files, which is most of the difference between `hasim validate` in 0.8 s and in 0.25 s.
//
// Layout (the code relies on it, see below): every entry point and chunk in one folder,
//   hasim.js                 src/cli/main.ts (through a launcher, see below), the bin
//   worker.js                src/experiment/worker.ts (likewise): workerScript() (src/experiment/pool.ts)
//                            looks for worker.js next to the module it runs in, a chunk here
//   models/<name>.js …       each built-in model's module, an entry point, because worker
//                            threads import it by URL (builtinModuleUrl, src/cli/builtin-models.ts)
//   chunk-<hash>.js          code shared between them, and what the commands import lazily
// Code splitting keeps what a command imports when it runs (the report, each model) out of the
// start-up path. Vega and Vega-Lite stay in node_modules (only `hasim report` and
// `run --report` load them, and they are large). Every other dependency is bundled.
//
// Source maps are written next to the files (hasim.js.map, …) and read only when asked for:
// HASIM_DEBUG=1 turns them on (see `launcher` below), so stack traces name the TypeScript sources.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist', 'bundle');
const { BUILTIN_MODELS } = await import('../dist/src/cli/builtin-models.js');

// hasim.js and worker.js start a thread (the main one, a worker): each turns the source maps on
// when HASIM_DEBUG is set, then imports the code, which Node reads the maps of only if they are
// on when it loads (so the switch sits in front of everything, in a launcher of two lines).
const launcher = {
  name: 'launcher',
  setup(b) {
    b.onResolve({ filter: /^launcher:/ }, (args) => ({ path: join(root, args.path.slice('launcher:'.length)), namespace: 'launcher' }));
    b.onLoad({ filter: /.*/, namespace: 'launcher' }, (args) => ({
      contents: [
        ...(args.path.endsWith('main.ts') ? ['#!/usr/bin/env node'] : []),
        "if (process.env['HASIM_DEBUG']) process.setSourceMapsEnabled(true);",
        `await import(${JSON.stringify(args.path)});`,
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const entryPoints = {
  hasim: 'launcher:src/cli/main.ts',
  worker: 'launcher:src/experiment/worker.ts',
  ...Object.fromEntries(BUILTIN_MODELS.map((m) => [m.module, join(root, `${m.module}.ts`)])),
};

rmSync(outdir, { recursive: true, force: true });
// zod's namespaces `z` and `z.core` re-export its messages in some 40 languages (360 KB, a third of the zod
// code); the bundle keeps the English one, which zod uses by default and hasim's messages need.
const englishZodOnly = {
  name: 'english-zod-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer) ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: root,
    }));
  },
};

// Every `string-width` of the help layout gets a fast path for one-column text in front
// (scripts/fast-string-width.mjs); the real one is evaluated only when a string needs it.
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'real' });
      return real.errors.length > 0 ? { errors: real.errors } : { path: real.path, namespace: 'fast-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, (args) => ({
      contents: [
        `import { fastStringWidth } from ${JSON.stringify(join(root, 'scripts', 'fast-string-width.mjs'))};`,
        `export default fastStringWidth(() => require(${JSON.stringify(args.path)}).default);`,
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  external: ['vega', 'vega-lite'],
  // CommonJS dependencies (seedrandom, cli-progress, hdr-histogram-js) call require() for Node's
  // own modules, which an ES module lacks.
  banner: { js: "import { createRequire as __hasimCreateRequire } from 'node:module';\nconst require = __hasimCreateRequire(import.meta.url);" },
  plugins: [launcher, englishZodOnly, fastStringWidth],
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // import(url) of a computed URL (HASIM_EXTRA_MODELS, the worker's model modules) is meant to
  // stay a run-time import.
  logOverride: { 'unsupported-dynamic-import': 'silent' },
});
