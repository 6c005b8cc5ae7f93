// Builds the web playground into playground/dist/ (`npm run playground:build`), a static site
// that works from file:// and from any static host:
//   index.html         the page
//   main.js            the page's code (an IIFE: file:// pages cannot load module scripts)
//   worker-source.js   the Web Worker's code as a string (HASIM_WORKER_SOURCE): file:// pages
//                      cannot start a worker from a script file, so the page starts it from a blob
//   vega.js            the chart renderer (vega, vega-lite), loaded by the page after a run
// The page runs hasim's own code (src/, models/): Node's modules are replaced by the browser
// versions in playground/src/shims/, src/experiment/pool.ts by the Web Worker pool
// (playground/src/browser-pool.ts) and src/experiment/version.ts by package.json's version.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const src = join(root, 'playground', 'src');
const outdir = join(root, 'playground', 'dist');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const browserPaths = {
  name: 'browser-paths',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: join(src, 'shims', `${args.path.slice(5)}.ts`) }));
    // csv-stringify's own browser build (Buffer polyfilled), the same code as the one Node runs.
    b.onResolve({ filter: /^csv-stringify\/sync$/ }, () => ({ path: join(root, 'node_modules', 'csv-stringify', 'dist', 'esm', 'sync.js') }));
    b.onResolve({ filter: /^\.\/pool\.js$/ }, (args) => (args.importer.endsWith(join('src', 'experiment', 'runner.ts')) ? { path: join(src, 'browser-pool.ts') } : undefined));
    b.onResolve({ filter: /^\.\/version\.js$/ }, (args) => (args.importer.includes(join('src', 'experiment')) ? { path: 'version', namespace: 'hasim-version' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'hasim-version' }, () => ({ contents: `export function hasimVersion() { return ${JSON.stringify(version)}; }`, loader: 'js' }));
    b.onResolve({ filter: /^playground:examples$/ }, () => ({ path: 'examples', namespace: 'playground-examples' }));
    b.onLoad({ filter: /.*/, namespace: 'playground-examples' }, () => {
      const dir = join(root, 'experiments');
      const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
      const shipped = Object.fromEntries(files.map((f) => [basename(f, '.yaml'), readFileSync(join(dir, f), 'utf8')]));
      return { contents: `export default ${JSON.stringify(shipped)};`, loader: 'js', watchFiles: files.map((f) => join(dir, f)) };
    });
  },
};

// zod's messages in some 40 languages: the page keeps the English one (as the CLI bundle does).
const englishZodOnly = {
  name: 'english-zod-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer) ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: root }));
  },
};

const common = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  legalComments: 'none',
  plugins: [browserPaths, englishZodOnly],
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const worker = await build({ ...common, entryPoints: [join(src, 'run-worker.ts')], write: false });
const workerText = worker.outputFiles[0].text;
writeFileSync(join(outdir, 'worker-source.js'), `var HASIM_WORKER_SOURCE=${JSON.stringify(workerText)};\n`);
await build({ ...common, entryPoints: { main: join(src, 'main.ts'), vega: join(src, 'vega-bundle.ts') }, outdir });
copyFileSync(join(root, 'playground', 'index.html'), join(outdir, 'index.html'));

const sizes = readdirSync(outdir).map((f) => `${f} ${(statSync(join(outdir, f)).size / 1024).toFixed(0)} KB`);
process.stdout.write(`playground/dist: ${sizes.join(', ')}\n`);
