// The layers of DESIGN.md hold: every import of a .ts file under src/ and models/ (static
// `import … from`, `import type`, `export … from`, side-effect `import '…'` and dynamic
// `import('…')`) runs downwards in the order below or stays inside its folder; the experiment
// layer never imports the built-in models (the CLI hands them to it); and no two folders import
// each other, directly or through others. There is no list of exceptions.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Lowest first; folders of equal rank may import each other, but not in a cycle. */
const RANK: Readonly<Record<string, number>> = {
  base: 0,
  engine: 1,
  random: 2,
  stats: 2,
  analysis: 3,
  metrics: 4,
  policies: 5,
  components: 6,
  models: 7,
  experiment: 8,
  output: 9,
  report: 9,
  cli: 10,
  'index.ts': 11,
};

/** Arrows that run downwards but are still forbidden: the runner is handed the models by the CLI. */
const FORBIDDEN: ReadonlySet<string> = new Set(['experiment -> models']);

/** A relative specifier after `from`, after `import` (side effect) or inside `import(…)`. */
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

interface Import {
  /** The importing file, relative to the project root (with /). */
  readonly file: string;
  readonly specifier: string;
  /** The imported path, relative to the project root (with /). */
  readonly target: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return tsFiles(p);
      return name.endsWith('.ts') ? [p] : [];
    });
}

const posix = (p: string): string => p.split(sep).join('/');

/** The relative imports of a file's text. */
function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const specifier = m[1] ?? '';
    out.push({ file, specifier, target: posix(join(dirname(file), specifier)) });
  }
  return out;
}

/** The layer of a project path: models/… → models; src/<folder>/… → folder; src/index.ts; otherwise none. */
function layerOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] === 'models') return 'models';
  if (parts[0] === 'src' && parts.length === 2) return parts[1] === 'index.ts' || parts[1] === 'index.js' ? 'index.ts' : undefined;
  if (parts[0] === 'src') return parts[1];
  return undefined;
}

const show = (i: Import): string => `${i.file}: ${layerOf(i.file)} -> ${layerOf(i.target) ?? '?'} (${i.specifier})`;

/** Imports against the order: upwards, forbidden, or out of src/ and models/ or into a folder with no rank. */
function arrowsAgainstOrder(imports: readonly Import[]): string[] {
  const bad: string[] = [];
  for (const i of imports) {
    const a = layerOf(i.file);
    const b = layerOf(i.target);
    if (a === undefined || b === undefined || RANK[a] === undefined || RANK[b] === undefined) {
      bad.push(`${show(i)}: outside the layers`);
      continue;
    }
    if (a === b) continue;
    if (RANK[b] > RANK[a]) bad.push(`${show(i)}: upwards`);
    else if (FORBIDDEN.has(`${a} -> ${b}`)) bad.push(`${show(i)}: forbidden`);
  }
  return [...new Set(bad)].sort();
}

/** Cycles between folders (strongly connected components of more than one), each with the imports that close it. */
function folderCycles(imports: readonly Import[]): string[] {
  const edges = new Map<string, Map<string, Import>>();
  for (const i of imports) {
    const a = layerOf(i.file);
    const b = layerOf(i.target);
    if (a === undefined || b === undefined || a === b) continue;
    const from = edges.get(a) ?? new Map<string, Import>();
    if (!from.has(b)) from.set(b, i);
    edges.set(a, from);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      for (;;) {
        const w = stack.pop() ?? v;
        onStack.delete(w);
        comp.push(w);
        if (w === v) break;
      }
      if (comp.length > 1) components.push(comp.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((comp) => {
    const within = comp.flatMap((a) => [...(edges.get(a) ?? new Map<string, Import>()).entries()].filter(([b]) => comp.includes(b)).map(([, i]) => show(i)));
    return `cycle between ${comp.join(', ')}: ${within.sort().join('; ')}`;
  });
}

function projectImports(): Import[] {
  return ['src', 'models'].flatMap((top) =>
    tsFiles(join(root, top)).flatMap((p) => importsOf(posix(relative(root, p)), readFileSync(p, 'utf8'))),
  );
}

describe('layers: imports run one way', () => {
  const imports = projectImports();

  it('reads the imports of src/ and models/ (every kind of import statement)', () => {
    expect(imports.length).toBeGreaterThan(500);
    const found = (file: string, target: string): boolean => imports.some((i) => i.file === file && i.target === target);
    expect(found('src/experiment/runner.ts', 'src/experiment/plan.js')).toBe(true); // import … from
    expect(found('src/experiment/index.ts', 'src/experiment/spec.js')).toBe(true); // export … from
    expect(found('src/cli/builtin-models.ts', 'models/mmc.js')).toBe(true); // import('…')
  });

  it('every folder under src/ has a place in the order', () => {
    const folders = readdirSync(join(root, 'src')).filter((d) => statSync(join(root, 'src', d)).isDirectory());
    expect(folders.filter((d) => RANK[d] === undefined)).toEqual([]);
  });

  it('no import runs against the order base < engine < random, stats < analysis < metrics < policies < components < models < experiment < output, report < cli < src/index.ts; experiment never imports models', () => {
    expect(arrowsAgainstOrder(imports)).toEqual([]);
  });

  it('no cycle between folders', () => {
    expect(folderCycles(imports)).toEqual([]);
  });

  it('the checks catch an import upwards, a forbidden one, a dynamic one, a type-only one and a cycle', () => {
    const bad = [
      ...importsOf('src/engine/x.ts', "import { Model } from '../experiment/model.js';"),
      ...importsOf('src/experiment/y.ts', "const m = await import(\n  '../../models/index.js'\n);"),
      ...importsOf('src/base/z.ts', "import type { Simulation } from '../engine/simulation.js';"),
      ...importsOf('src/metrics/w.ts', "export { Outcome } from '../policies/outcome.js';"),
    ];
    expect(arrowsAgainstOrder(bad)).toEqual([
      'src/base/z.ts: base -> engine (../engine/simulation.js): upwards',
      'src/engine/x.ts: engine -> experiment (../experiment/model.js): upwards',
      'src/experiment/y.ts: experiment -> models (../../models/index.js): forbidden',
      'src/metrics/w.ts: metrics -> policies (../policies/outcome.js): upwards',
    ]);
    const cycle = [...importsOf('src/random/a.ts', "import { s } from '../stats/s.js';"), ...importsOf('src/stats/b.ts', "import { r } from '../random/r.js';")];
    expect(arrowsAgainstOrder(cycle)).toEqual([]);
    expect(folderCycles(cycle)).toEqual(['cycle between random, stats: src/random/a.ts: random -> stats (../stats/s.js); src/stats/b.ts: stats -> random (../random/r.js)']);
  });
});
