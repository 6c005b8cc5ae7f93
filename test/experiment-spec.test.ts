import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment, type Experiment } from '../src/experiment/spec.js';
import { SpecError } from '../src/experiment/spec-error.js';
import { expandSweep, rangeValues } from '../src/experiment/sweep.js';
import { closestName, levenshtein } from '../src/experiment/levenshtein.js';
import type { RawIssue } from '../src/experiment/zod-issues.js';
// @ts-expect-error plain JS fixture without type declarations
import { tinyModel } from './fixtures/tiny-model.mjs';

const models = [tinyModel];

function load(text: string, overrides = {}): Experiment {
  return resolveExperiment(parseSource('exp.yaml', text), models, overrides);
}

function errorOf(text: string): SpecError {
  try {
    load(text);
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error('expected a SpecError');
}

const BASE = 'name: t\nmodel: tiny\nduration: 1h\n';

describe('spec validation', () => {
  it('fills defaults and resolves durations', () => {
    const exp = load(`${BASE}warmup: 30m\n`);
    expect(exp.spec.duration).toBe(3600);
    expect(exp.spec.warmup).toBe(1800);
    expect(exp.spec.replications).toBe(10);
    expect(exp.spec.seed).toBe(1);
    expect(exp.spec.crn).toBe(true);
    expect(exp.spec.drain).toBeUndefined(); // the runner's default: DRAIN_LIMIT_DURATIONS × duration
    expect(load(`${BASE}drain: 2h\n`).spec.drain).toBe(7200);
    expect(exp.configurations).toHaveLength(1);
    expect(exp.configurations[0]?.resolved).toEqual({ rate: 2, label: 'alpha', nested: { servers: 1, weight: 1 } });
  });

  it('unknown top-level key: file, line, path and the closest valid name', () => {
    const err = errorOf(`${BASE}parms:\n  rate: 5\n`);
    expect(err.issues).toHaveLength(1);
    expect(err.message).toBe(
      'exp.yaml:4:1: parms: unknown key "parms" (valid keys: $schema, name, description, model, params, sweep, replications, seed, duration, warmup, drain, baseline, headline, precision, crn, outputs, estimator, limits); did you mean "params"?',
    );
  });

  it('wrong type and out-of-range values say what was expected and what was found', () => {
    const err = errorOf(`${BASE}replications: 0\nseed: [1]\n`);
    expect(err.issues.map((i) => i.message)).toEqual(['expected an integer ≥ 1, got 0', 'expected an integer or a string, got a list of 1']);
    expect(err.issues.map((i) => i.line)).toEqual([4, 5]);
  });

  it('a bad duration quotes the value and lists the units', () => {
    const err = errorOf('name: t\nmodel: tiny\nduration: 10 parsecs\n');
    expect(err.issues[0]?.path).toEqual(['duration']);
    expect(err.issues[0]?.message).toMatch(/^invalid duration "10 parsecs" \(unknown unit "parsecs"\).*ms, s, m \(min\), h, d/);
  });

  it('missing required key', () => {
    const err = errorOf('name: t\nmodel: tiny\n');
    expect(err.message).toBe('exp.yaml:1:1: duration: missing required key (expected a number or a string)');
  });

  it('unknown model with a suggestion', () => {
    const err = errorOf('name: t\nmodel: tinny\nduration: 1h\n');
    expect(err.message).toBe('exp.yaml:2:8: model: unknown model "tinny" (registered: tiny); did you mean "tiny"?');
  });

  it('model parameters: unknown nested key with suggestion, bad enum value', () => {
    const err = errorOf(`${BASE}params:\n  label: betta\n  nested: { servers: 2, wieght: 3 }\n`);
    expect(err.issues.map((i) => [i.path.join('/'), i.message, i.suggestion])).toEqual([
      ['params/label', 'expected one of "alpha", "beta", "gamma", got "betta"', 'beta'],
      ['params/nested/wieght', 'unknown key "wieght" (valid keys: servers, weight)', 'weight'],
    ]);
  });

  it('swept values are checked per configuration and reported at the sweep entry', () => {
    const err = errorOf(`${BASE}sweep:\n  nested.servers: [1, 2, 0, 100]\n  rate: { from: 0, to: 2, step: 1 }\n`);
    expect(err.message).toBe(
      [
        '3 problems:',
        '  exp.yaml:5:26: sweep.nested.servers[2]: expected an integer ≥ 1, got 0',
        '  exp.yaml:5:29: sweep.nested.servers[3]: expected an integer ≤ 64, got 100',
        '  exp.yaml:6:3: sweep.rate: expected a number > 0, got 0 (value 0 of the range)',
      ].join('\n'),
    );
  });

  it('a misspelt sweep path suggests the corrected dotted path', () => {
    const err = errorOf(`${BASE}sweep:\n  nested.sevrers: [1, 2]\n`);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.path).toEqual(['sweep', 'nested.sevrers']);
    expect(err.issues[0]?.suggestion).toBe('nested.servers');
  });

  it('zip lists of unequal length', () => {
    const err = errorOf(`${BASE}sweep:\n  zip:\n    rate: [1, 2]\n    nested.servers: [1, 2, 3]\n`);
    expect(err.message).toBe('exp.yaml:7:21: sweep.zip.nested.servers: zip lists must have the same length (rate has 2, nested.servers has 3)');
  });

  it('YAML syntax errors name the line', () => {
    const err = errorOf('name: t\nmodel: [tiny\n');
    expect(err.issues[0]?.line).toBeGreaterThanOrEqual(2);
    expect(err.issues[0]?.message).toMatch(/^not valid YAML\/JSON/);
  });

  it('JSON files are accepted, with line numbers', () => {
    const err = (() => {
      try {
        resolveExperiment(parseSource('e.json', '{\n "name": "j",\n "model": "tiny",\n "duration": "1h",\n "params": {"rate": "x"}\n}'), models);
      } catch (e) {
        return e as SpecError;
      }
      throw new Error('no error');
    })();
    expect(err.message).toBe('e.json:5:21: params.rate: expected a number, got "x"');
  });

  it('outputs.trace selects a configuration by swept values', () => {
    const exp = load(`${BASE}sweep:\n  rate: [1, 2, 3]\noutputs:\n  trace: { config: { rate: 2 }, replication: 3 }\n`);
    expect(exp.trace).toEqual({ configIndex: 1, replication: 3, maxEvents: 100000 });
    const err = errorOf(`${BASE}sweep:\n  rate: [1, 2]\noutputs:\n  trace: { config: 3 }\n`);
    expect(err.message).toBe('exp.yaml:7:20: outputs.trace.config: expected a configuration number from 1 to 2, got 3');
  });

  it('overrides of seed and replications are validated like the file', () => {
    expect(load(BASE, { seed: 'abc', replications: 3 }).spec).toMatchObject({ seed: 'abc', replications: 3 });
  });
});

describe('sweep expansion', () => {
  function expand(sweep: Record<string, unknown>): { swept: Record<string, unknown>[]; issues: RawIssue[] } {
    const issues: RawIssue[] = [];
    const r = expandSweep(sweep, issues);
    return { swept: r.configurations.map((c) => ({ ...c.swept })), issues };
  }

  it('cartesian product, first entry varying slowest', () => {
    expect(expand({ a: [1, 2], b: ['x', 'y', 'z'] }).swept).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
  });

  it('zip groups vary together and count as one dimension', () => {
    expect(expand({ zip: { r: [1, 3, 5], q: [1, 2, 3] }, c: [10, 20] }).swept).toEqual([
      { r: 1, q: 1, c: 10 },
      { r: 1, q: 1, c: 20 },
      { r: 3, q: 2, c: 10 },
      { r: 3, q: 2, c: 20 },
      { r: 5, q: 3, c: 10 },
      { r: 5, q: 3, c: 20 },
    ]);
    expect(expand({ zip: [{ a: [1, 2], b: [3, 4] }, { c: [5, 6] }] }).swept).toHaveLength(4);
  });

  it('ranges are inclusive and free of float drift; { values } is a list', () => {
    expect(rangeValues(0.1, 0.5, 0.1)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues(10, 1, -4)).toEqual([10, 6, 2]);
    expect(expand({ a: { from: 1, to: 3, step: 1 }, b: { values: [{ k: 1 }] } }).swept).toEqual([
      { a: 1, b: { k: 1 } },
      { a: 2, b: { k: 1 } },
      { a: 3, b: { k: 1 } },
    ]);
  });

  it('no sweep: one configuration', () => {
    expect(expand({}).swept).toEqual([{}]);
  });

  it('bad entries are reported with a path', () => {
    const { issues } = expand({ a: [], b: { from: 1, to: 5, stp: 1 }, c: { from: 1, to: 5, step: -1 }, d: 3, 'x.y': [1], x: [2] });
    expect(issues.map((i) => [i.path.join('/'), i.message, i.suggestion])).toEqual([
      ['sweep/a', 'expected at least one value, got an empty list', undefined],
      ['sweep/b/stp', 'unknown key "stp" in a sweep entry (expected a list of values, a range { from, to, step } or { values: [...] })', 'step'],
      ['sweep/c/step', 'expected a step that goes from 1 to 5, got -1', undefined],
      ['sweep/d', 'expected a list of values, a range { from, to, step } or { values: [...] }, got 3', undefined],
      ['sweep/x', '"x" and "x.y" overlap: sweep one or the other', undefined],
    ]);
  });
});

describe('closest names', () => {
  it('levenshtein distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
  it('suggests only close names', () => {
    expect(closestName('replicatons', ['seed', 'replications', 'warmup'])).toBe('replications');
    expect(closestName('zzzzzz', ['seed', 'replications'])).toBeUndefined();
  });
});
