// The experiment loader under mutated input. Every shipped experiment is mutated
// (keys deleted, duplicated and swapped, wrong types, NaN / ±Infinity / huge and tiny numbers,
// bad units, aliases and alias bombs, `__proto__` / `constructor` / `prototype` keys, huge
// strings, truncation, byte flips) by a seeded generator, and each mutant is loaded in-process
// exactly as `hasim validate` loads it. Each must either load, or be refused with a SpecError or
// UsageError (exit 2) whose message is one line per issue, without a stack, with quoted values
// clipped; never any other exception. Loading writes nothing, and no prototype is polluted.
// A sample of the mutants that load is built and run for a moment: validation must not let
// through what a run refuses (complements request-path-fuzz.test.ts, which fuzzes the request path).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { models } from '../models/index.js';
import { parseSource } from '../src/experiment/source.js';
import { loadExperiment, resolveExperiment, type Experiment } from '../src/experiment/spec.js';
import { SpecError, UsageError } from '../src/experiment/spec-error.js';
import { runOnce } from './helpers/run-model.js';
import { xorshift } from './helpers/xorshift.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const experimentsDir = join(root, 'experiments');
const shipped = readdirSync(experimentsDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(experimentsDir, f), 'utf8') }));

const MUTANTS_PER_EXPERIMENT = 100;
const tmp = mkdtempSync(join(tmpdir(), 'hasim-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Json = unknown;
type Path = (string | number)[];

/**
 * Every path to a value inside `data` (objects and lists included), the root excluded. Mutations
 * share objects (aliases) and may even make a cycle (an alias inside its own anchor, which the
 * loader must refuse): a value already on the way down is not entered again.
 */
function paths(data: Json, at: Path = [], out: Path[] = [], above = new Set<Json>()): Path[] {
  if (data !== null && typeof data === 'object' && !above.has(data)) {
    above.add(data);
    for (const [k, v] of Object.entries(data as Record<string, Json>)) {
      const p = [...at, Array.isArray(data) ? Number(k) : k];
      out.push(p);
      paths(v, p, out, above);
    }
    above.delete(data);
  }
  return out;
}

function parentOf(data: Json, path: Path): Record<string | number, Json> {
  let node = data as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, Json>;
  return node;
}

const WRONG_TYPES: Json[] = [[], {}, true, null, 'text', 42, [1, 'two'], { a: 1 }, ''];
const NUMBERS = [NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 53 + 1, 1e-320, -0, 1e21, -1, 0, 0.5, 1e9, 1e10, 4.2e-7];
const BAD_UNITS = ['5 parsecs', '1e400s', '-3h', '1/0s', '10/-1s', '∞h', '1e9/ns', '0x10s', '1..5m', '/s', 'NaNs', '1000000y', '1e-400/s', '3 per d'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** One data-level mutation of `data` (mutated in place); returns what it did. */
function mutateData(data: Record<string, Json>, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const all = paths(data);
  const path = pick(all);
  const parent = parentOf(data, path);
  const key = path[path.length - 1]!;
  const kind = Math.floor(rnd() * 10);
  switch (kind) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return `delete ${path.join('.')}`;
    case 1:
      parent[key] = pick(WRONG_TYPES);
      return `wrong type at ${path.join('.')}`;
    case 2: {
      // a number anywhere a number is, else anywhere
      const numeric = all.filter((p) => typeof parentOf(data, p)[p[p.length - 1]!] === 'number');
      const at = numeric.length > 0 && rnd() < 0.8 ? pick(numeric) : path;
      parentOf(data, at)[at[at.length - 1]!] = pick(NUMBERS);
      return `number at ${at.join('.')}`;
    }
    case 3: {
      const strings = all.filter((p) => typeof parentOf(data, p)[p[p.length - 1]!] === 'string');
      const at = strings.length > 0 ? pick(strings) : path;
      parentOf(data, at)[at[at.length - 1]!] = pick(BAD_UNITS);
      return `bad unit at ${at.join('.')}`;
    }
    case 4: {
      // the same object at two places: stringify writes an anchor and an alias
      // (never an ancestor of the place it goes to: that would be a cycle, refused by the parser
      // and fuzzed in mutateText instead)
      const isAncestor = (p: Path): boolean => p.length <= path.length && p.every((seg, i) => seg === path[i]);
      const objects = all.filter((p) => typeof parentOf(data, p)[p[p.length - 1]!] === 'object' && !isAncestor(p));
      if (objects.length === 0) return 'no object to alias';
      const src = pick(objects);
      parent[key] = parentOf(data, src)[src[src.length - 1]!];
      return `alias ${src.join('.')} at ${path.join('.')}`;
    }
    case 5: {
      const maps = [[], ...all].filter((p) => {
        const v = p.length === 0 ? data : parentOf(data, p)[p[p.length - 1]!];
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const at = pick(maps);
      const target = (at.length === 0 ? data : parentOf(data, at)[at[at.length - 1]!]) as Record<string, Json>;
      const bad = pick(PROTO_KEYS);
      Object.defineProperty(target, rnd() < 0.5 ? bad : `x.${bad}.polluted`, { value: pick<Json>([{ polluted: 1 }, [1], 1]), enumerable: true, configurable: true, writable: true });
      return `key ${bad} in ${at.join('.') || '(top)'}`;
    }
    case 6: {
      const current = data['sweep'];
      const sweep = (current !== null && typeof current === 'object' && !Array.isArray(current) ? current : (data['sweep'] = {})) as Record<string, Json>;
      const segs = pick(['__proto__.polluted', 'constructor.prototype.polluted', 'faults.__proto__.0', 'services.__proto__.x', 'prototype']);
      Object.defineProperty(sweep, segs, { value: [1], enumerable: true, configurable: true, writable: true });
      return `sweep path ${segs}`;
    }
    case 7:
      parent[key] = 'x'.repeat(100_000 + Math.floor(rnd() * 1000));
      return `huge string at ${path.join('.')}`;
    case 8: {
      const other = pick(all);
      // (never a value with one inside it: that would make a cycle)
      const prefix = (a: Path, b: Path): boolean => a.length <= b.length && a.every((seg, i) => seg === b[i]);
      if (prefix(other, path) || prefix(path, other)) return 'no swap';
      const a = parent[key];
      const otherParent = parentOf(data, other);
      parent[key] = otherParent[other[other.length - 1]!];
      otherParent[other[other.length - 1]!] = a;
      return `swap ${path.join('.')} and ${other.join('.')}`;
    }
    default: {
      const lists = all.filter((p) => Array.isArray(parentOf(data, p)[p[p.length - 1]!]));
      if (lists.length === 0) return 'no list';
      const at = pick(lists);
      const list = parentOf(data, at)[at[at.length - 1]!] as Json[];
      if (rnd() < 0.3) list.length = 0;
      else list.push(...list.slice(0, 1 + Math.floor(rnd() * 3)));
      return `list ${at.join('.')}`;
    }
  }
}

/** One text-level mutation. */
function mutateText(text: string, rnd: () => number): { text: string; what: string } {
  const kind = Math.floor(rnd() * 5);
  const lines = text.split('\n');
  const line = Math.floor(rnd() * lines.length);
  switch (kind) {
    case 0:
      return { text: text.slice(0, Math.floor(rnd() * text.length)), what: 'truncated' };
    case 1: {
      const bytes = Buffer.from(text, 'utf8');
      const flips = 1 + Math.floor(rnd() * 4);
      for (let i = 0; i < flips; i++) {
        const at = Math.floor(rnd() * bytes.length);
        bytes[at] = bytes[at]! ^ (1 << Math.floor(rnd() * 8));
      }
      return { text: bytes.toString('utf8'), what: `${flips} bit flips` };
    }
    case 2:
      // a duplicated line: a duplicated key where the line holds one
      lines.splice(line, 0, lines[line] ?? '');
      return { text: lines.join('\n'), what: `line ${line + 1} duplicated` };
    case 3: {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (const n of 'bcdefgh') bomb.push(`${n}: &${n} [${Array(10).fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`).join(', ')}]`);
      return { text: `${bomb.join('\n')}\n${text}`, what: 'alias bomb' };
    }
    default:
      lines.splice(line, 0, `${' '.repeat(Math.floor(rnd() * 4) * 2)}__proto__: { polluted: 1 }`);
      return { text: lines.join('\n'), what: `__proto__ line at ${line + 1}` };
  }
}

function assertRefusal(err: unknown, what: string): void {
  if (!(err instanceof SpecError || err instanceof UsageError)) {
    throw new Error(`mutant "${what}": expected a SpecError or UsageError, got ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`);
  }
  const lines = err.message.split('\n');
  if (err instanceof SpecError) {
    expect(lines.length, what).toBe(err.issues.length === 1 ? 1 : err.issues.length + 1);
    for (const issue of err.issues) expect(issue.message.length, what).toBeGreaterThan(0);
  }
  for (const line of lines) {
    expect(line, what).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$|node_modules|\.ts:\d+:\d+/);
    expect(line.length, what).toBeLessThan(2000);
  }
}

function expectCleanPrototypes(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.keys(Array.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(([] as unknown[])[0]).toBeUndefined();
}

describe('fuzzing the experiment loader with mutated shipped experiments', () => {
  it(`${shipped.length} × ${MUTANTS_PER_EXPERIMENT} mutants: loaded, or refused with one line per issue (exit 2), nothing else`, () => {
    const rnd = xorshift(20261305);
    const loaded: { what: string; exp: Experiment }[] = [];
    let refused = 0;
    let total = 0;
    const written: string[] = [];
    for (const { file, text } of shipped) {
      const base = parseSource(file, text).data as Record<string, Json>;
      for (let m = 0; m < MUTANTS_PER_EXPERIMENT; m++) {
        let mutant: string;
        let what: string;
        if (rnd() < 0.6) {
          const data = structuredClone(base);
          const steps = 1 + Math.floor(rnd() * 3);
          const did: string[] = [];
          for (let s = 0; s < steps; s++) did.push(mutateData(data, rnd));
          mutant = stringify(data);
          what = `${file}: ${did.join('; ')}`;
        } else {
          const t = mutateText(text, rnd);
          mutant = t.text;
          what = `${file}: ${t.what}`;
        }
        total++;
        try {
          // One in ten from a file, as `hasim validate FILE` reads it; the rest from memory.
          let exp: Experiment;
          if (m % 10 === 0) {
            const path = join(tmp, `mutant-${total}.yaml`);
            writeFileSync(path, mutant);
            written.push(`mutant-${total}.yaml`);
            exp = loadExperiment(path, models);
          } else {
            exp = resolveExperiment(parseSource(`mutant-${total}.yaml`, mutant), models);
          }
          loaded.push({ what, exp });
        } catch (err) {
          assertRefusal(err, what);
          refused++;
        }
        expectCleanPrototypes();
      }
    }
    expect(total).toBeGreaterThanOrEqual(1000);
    // The generator must exercise both outcomes, or the test proves little.
    expect(refused).toBeGreaterThan(total / 2);
    expect(loaded.length).toBeGreaterThan(20);
    // Loading writes nothing: the folder holds the mutants written and nothing else.
    expect(readdirSync(tmp).sort()).toEqual(written.sort());

    // A sample of what loaded builds and runs for a moment (first configuration, 0.1 ms of
    // simulated time: enough to build every component and draw its first samples).
    const sample = loaded.filter((_, i) => i % Math.max(1, Math.floor(loaded.length / 25)) === 0).slice(0, 25);
    for (const { what, exp } of sample) {
      const cfg = exp.configurations[0];
      if (cfg === undefined) continue;
      try {
        runOnce(exp.model, cfg.params, { warmup: 0, duration: 1e-4, drain: 1e-4 }, 0);
      } catch (err) {
        throw new Error(`mutant "${what}" validated but its run failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    expectCleanPrototypes();
  });
});
