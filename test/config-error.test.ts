import { describe, expect, test } from 'vitest';
import { ConfigError, invalidConfig, mustBe, quote, requireConfig } from '../src/base/config-error.js';
import { dryBuildRefusal } from '../src/experiment/dry-build.js';
import { RetryPolicy } from '../src/policies/index.js';
import { makeSampler, parseDuration } from '../src/random/index.js';
import { RepairCrews } from '../src/components/failure/repair-crews.js';
import { Simulation } from '../src/engine/simulation.js';
import { requirePositive } from '../src/stats/validate.js';
import type { Model } from '../src/experiment/model.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('quote', () => {
  test.each([
    ['x', '"x"'],
    [0, '0'],
    [-0, '-0'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
    [undefined, 'undefined'],
    [null, 'null'],
    [[1, 'a'], '[1,"a"]'],
    [{ a: 1 }, '{"a":1}'],
    [() => 1, '<function>'],
    [10n, '10'],
  ])('%s → %s', (value, text) => expect(quote(value)).toBe(text));

  test('a cyclic object falls back to String()', () => {
    const o: Record<string, unknown> = {};
    o['self'] = o;
    expect(quote(o)).toBe('[object Object]');
  });
});

describe('the two message shapes', () => {
  test('invalidConfig and requireConfig', () => {
    const err = invalidConfig('service "web"', 'capacity', 0, 'must be an integer ≥ 1');
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.name).toBe('ConfigError');
    expect(err.message).toBe('service "web": invalid capacity = 0: must be an integer ≥ 1');
    expect([err.field, err.value]).toEqual(['capacity', 0]);
    expect(() => requireConfig(true, 'w', 'f', 1, 'r')).not.toThrow();
    expect(() => requireConfig(false, 'w', 'f', 'x', 'r')).toThrow(new ConfigError('w: invalid f = "x": r', 'f', 'x'));
  });

  test('mustBe', () => {
    expect(mustBe('mm1', 'lambda', 'a finite number > 0', -1).message).toBe('mm1: lambda must be a finite number > 0, got -1');
  });
});

describe('every layer refuses a bad configuration with a ConfigError', () => {
  test.each<[string, () => unknown]>([
    ['a policy', () => new RetryPolicy({ maxAttempts: 0 })],
    ['a distribution', () => makeSampler({ dist: 'exponential', mean: -5 }, () => 0.5)],
    ['a duration', () => parseDuration('5 parsecs', 'mean')],
    ['a component', () => new RepairCrews(new Simulation(), { name: 'crews', crews: 0 })],
    ['a formula argument', () => requirePositive('mm1', 'mu', 0)],
  ])('%s', (_what, f) => expect(thrown(f)).toBeInstanceOf(ConfigError));
});

describe('dryBuildRefusal', () => {
  const shape = { duration: 10, warmup: 0 };
  const modelThrowing = (err: unknown): Model<any> => ({ build: () => { throw err; } }) as unknown as Model<any>;

  test('a ConfigError is a refusal: its message', () => {
    expect(dryBuildRefusal(modelThrowing(new ConfigError('m: bad')), {}, shape)).toBe('m: bad');
  });

  test('anything else is a fault of hasim and is rethrown', () => {
    const bug = new RangeError('index out of range');
    expect(() => dryBuildRefusal(modelThrowing(bug), {}, shape)).toThrow(bug);
  });

  test('a model that builds is no refusal', () => {
    expect(dryBuildRefusal({ build: () => ({}) } as unknown as Model<any>, {}, shape)).toBeUndefined();
  });
});


