// No key in an experiment file can reach a prototype. `__proto__`, `constructor` and
// `prototype` are refused as keys and as dotted-path segments (exit-2 SpecError naming the path),
// and the objects built from the user's keys have no prototype chain.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cloneJson, setAtDottedPath } from '../src/experiment/dotted-path.js';
import type { Model } from '../src/experiment/model.js';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { SpecError } from '../src/experiment/spec-error.js';

/** A model whose parameters are open (any keys): nothing in its schema stops a bad path. */
const openModel: Model<unknown> = {
  name: 'open',
  description: 'accepts any parameters (test)',
  params: z.looseObject({ entries: z.record(z.string(), z.strictObject({ n: z.number().default(1) })).default({}) }),
  headline: ['x'],
  build: () => ({ resetStats() {}, metrics: () => ({ x: 1 }) }),
};

function specErrorOf(text: string): SpecError {
  try {
    resolveExperiment(parseSource('exp.yaml', text), [openModel]);
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error('expected a SpecError');
}

const BASE = 'name: t\nmodel: open\nduration: 1h\n';

afterEach(() => {
  // Whatever a case did, the shared prototypes must be clean for the next one.
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.keys(Array.prototype)).toEqual([]);
});

describe('prototype keys in an experiment file', () => {
  it('a sweep path through __proto__ is refused and pollutes nothing', () => {
    const err = specErrorOf(`${BASE}sweep:\n  __proto__.polluted: [1]\n`);
    expect(err.message).toBe('exp.yaml:5:3: sweep.__proto__.polluted: "__proto__" is not allowed as a key or path segment (it would reach the prototype of every object)');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a sweep path through a list\'s __proto__ or constructor is refused', () => {
    const err = specErrorOf(`${BASE}params:\n  list: [1]\nsweep:\n  list.__proto__.0: [7]\n  list.constructor.prototype.x: [1]\n`);
    expect(err.issues.map((i) => i.path)).toEqual([
      ['sweep', 'list.__proto__.0'],
      ['sweep', 'list.constructor.prototype.x'],
    ]);
    expect(([] as unknown[])[0]).toBeUndefined();
  });

  it('__proto__, constructor and prototype as keys inside params are refused, with their line', () => {
    const err = specErrorOf(`${BASE}params:\n  entries:\n    __proto__: { n: 2 }\n    ok: { n: 1 }\n    constructor: { n: 3 }\n  deep: [{ prototype: 1 }]\n`);
    expect(err.issues.map((i) => [i.path, i.line])).toEqual([
      [['params', 'entries', '__proto__'], 6],
      [['params', 'entries', 'constructor'], 8],
      [['params', 'deep', 0, 'prototype'], 9],
    ]);
  });

  it('a prototype key in a JSON file is refused too', () => {
    const err = specErrorOf('{"name": "t", "model": "open", "duration": 60, "params": {"entries": {"__proto__": {"n": 1}}}}');
    expect(err.issues.map((i) => i.path)).toEqual([['params', 'entries', '__proto__']]);
  });

  it('a file nested deeper than 64 levels is refused before anything recurses into it', () => {
    const deep = `${'['.repeat(100)}1${']'.repeat(100)}`;
    const err = specErrorOf(`${BASE}params:\n  deep: ${deep}\n`);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.message).toBe('nested more than 64 levels deep');
  });
});

describe('objects built from user keys have no prototype', () => {
  it('cloneJson keeps a __proto__ key as data and builds prototype-less objects', () => {
    const src = JSON.parse('{"a": {"__proto__": {"polluted": 1}}}') as Record<string, unknown>;
    const copy = cloneJson(src) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.getPrototypeOf(copy['a'])).toBeNull();
    expect(Object.keys(copy['a']!)).toEqual(['__proto__']);
    expect(copy['a']!['polluted']).toBeUndefined();
  });

  it('setAtDottedPath refuses a path through __proto__, constructor or prototype', () => {
    const target: Record<string, unknown> = {};
    expect(() => setAtDottedPath(target, '__proto__.polluted', 1)).toThrow(/refusing to set the path "__proto__.polluted"/);
    expect(() => setAtDottedPath(target, 'a.constructor', 1)).toThrow(/"constructor" would reach a prototype/);
    expect(() => setAtDottedPath({ l: [] }, 'l.__proto__.0', 1)).toThrow(TypeError);
    setAtDottedPath(target, 'a.b', 1);
    expect(Object.getPrototypeOf(target['a'])).toBeNull();
  });
});
