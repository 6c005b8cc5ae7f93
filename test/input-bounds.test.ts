// Durations, rates, counts and attempts have finite,
// documented upper bounds (docs/researcher.md "Input limits"), each refused at validation with the bound named:
// durations ≤ 1000 years, rates ≤ 1e9/s, warm-up + duration ≤ 20 years and drain ≤ 200 years
// (every event time of a run below 2^33 s, where doubles keep 1 µs resolution), counts ≤ 10⁶,
// attempts ≤ 1000.
import { describe, expect, it } from 'vitest';
import { models } from '../models/index.js';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { specErrorOf } from './helpers/spec-error-of.js';
import { MAX_DURATION_S, MAX_RATE_PER_S, parseDuration, parseRate } from '../src/random/units.js';
import { MAX_HORIZON_S } from '../src/experiment/spec-schema.js';

const messageOf = specErrorOf;

const valid = (text: string) => expect(() => resolveExperiment(parseSource('exp.yaml', text), models)).not.toThrow();
const MMC = 'name: t\nmodel: mmc\nduration: 1h\n';

describe('the bounds and their reason', () => {
  it('keep every event time of a run (20 y + a 200 y drain) where doubles are spaced below 1 µs', () => {
    const end = MAX_HORIZON_S * 11;
    expect(end).toBeLessThan(2 ** 33);
    // the spacing of doubles just below 2^33 s
    expect(2 ** 33 * Number.EPSILON).toBeLessThan(1e-6 * 2);
    expect(end + 1e-6).toBeGreaterThan(end);
    expect(MAX_DURATION_S).toBe(1000 * 365 * 86400);
    expect(MAX_RATE_PER_S).toBe(1e9);
  });
});

describe('durations and rates', () => {
  it('durations: at most 1000 years, as a string or a number', () => {
    expect(parseDuration('1000y')).toBe(MAX_DURATION_S);
    expect(() => parseDuration('1001y')).toThrow('duration: invalid duration "1001y" (must be ≤ 1000y)');
    expect(() => parseDuration(1e29)).toThrow('duration: invalid duration 1e+29 (must be ≤ 1000y)');
  });

  it('rates: at most 1e9 per second; a rate over a long period is fine', () => {
    expect(parseRate('1e9/s')).toBe(1e9);
    expect(() => parseRate('1e308/s')).toThrow('rate: invalid rate "1e308/s" (must be ≤ 1e9 per second)');
    expect(() => parseRate(2e9)).toThrow(/must be ≤ 1e9 per second/);
    expect(parseRate('1/2000y')).toBeCloseTo(1 / (2000 * 31536000), 25);
  });

  it('an arrival rate of 1e308/s is refused at validation', () => {
    expect(messageOf(`${MMC}params: { arrivalRate: 1e308/s }\n`)).toMatch(/^exp\.yaml:4:24: params\.arrivalRate: rate: invalid rate "1e308\/s" \(must be ≤ 1e9 per second\)/);
    expect(messageOf(`${MMC}params: { arrivalRate: 1e12 }\n`)).toMatch(/params\.arrivalRate: rate: invalid rate 1000000000000 \(must be ≤ 1e9 per second\)/);
  });

  it('distribution times given as numbers are bounded too (shorthand, family fields, uniform)', () => {
    expect(messageOf(`${MMC}params: { serviceTime: 1e300 }\n`)).toBe('exp.yaml:4:24: params.serviceTime: constant must be at most 1000 years (±31536000000 s); got 1e+300');
    expect(messageOf(`${MMC}params: { serviceTime: { dist: exponential, mean: 1e30 } }\n`)).toMatch(
      /params\.serviceTime\.mean: exponential mean must be at most 1000 years \(±31536000000 s\); got 1e\+30$/,
    );
    expect(messageOf(`${MMC}params: { serviceTime: { dist: uniform, min: 1, max: 1001y } }\n`)).toMatch(/params\.serviceTime\.max: uniform max: invalid duration "1001y" \(must be ≤ 1000y\)/);
  });

  it('a run simulates at most 20 years (warm-up included) and drains at most 200 years', () => {
    valid('name: t\nmodel: mmc\nduration: 19y\nwarmup: 1y\ndrain: 200y\n');
    expect(messageOf('name: t\nmodel: mmc\nduration: 1000y\n')).toBe(
      'exp.yaml:3:11: duration: warmup + duration is 1000 years; a run may simulate at most 20 years (add replications instead), got "1000y"',
    );
    expect(messageOf('name: t\nmodel: mmc\nduration: 19y\nwarmup: 2y\n')).toMatch(/duration: warmup \+ duration is 21 years; a run may simulate at most 20 years/);
    expect(messageOf('name: t\nmodel: mmc\nduration: 1y\ndrain: 201y\n')).toMatch(/exp\.yaml:4:8: drain: drain is 201 years; at most 200 years/);
  });
});

describe('counts and attempts', () => {
  it('a retry of 10⁹ attempts is refused; 1000 is the most', () => {
    const policies = (n: number) =>
      `name: t\nmodel: topology\nduration: 1h\nparams:\n  workload: { rate: 1/s, policies: [{ type: retry, maxAttempts: ${n}, waitDuration: 1ms }] }\n  services: { api: {} }\n`;
    valid(policies(1000));
    expect(messageOf(policies(1_000_000_000))).toMatch(/maxAttempts.*1000/);
  });

  it('counts are at most 10⁶ (capacity, queue, thresholds) unless a model says less', () => {
    const api = (fields: string) => `name: t\nmodel: topology\nduration: 1h\nparams:\n  services: { api: { ${fields} } }\n`;
    expect(messageOf(api('capacity: 100000000'))).toMatch(/params\.services\.api\.capacity: expected a number ≤ 1000000, got 100000000$/);
    expect(messageOf(api('queue: 2000000'))).toMatch(/params\.services\.api\.queue: expected a number ≤ 1000000, got 2000000$/);
    expect(messageOf(`${MMC}params: { servers: 1e9 }\n`)).toMatch(/params\.servers: expected a number ≤ 100000, got 1000000000$/);
  });

  it('contention: maxAttempts at most 1000; "unlimited" (= clients attempts) with at most 1000 clients', () => {
    const c = (p: string) => `name: t\nmodel: contention\nduration: 1h\nparams: { ${p} }\n`;
    valid(c('clients: 1000, maxAttempts: unlimited'));
    valid(c('clients: 5000, maxAttempts: 10'));
    expect(messageOf(c('maxAttempts: 1001'))).toMatch(/params\.maxAttempts: expected a number ≤ 1000, got 1001$/);
    expect(messageOf(c('clients: 5000'))).toBe('exp.yaml:4:20: params.clients: with maxAttempts unlimited, at most 1000 clients; give maxAttempts (≤ 1000) for more, got 5000');
  });

  it('trace records kept: at most 10⁷', () => {
    expect(messageOf(`${MMC}outputs: { trace: { maxEvents: 100000000 } }\n`)).toMatch(/outputs\.trace\.maxEvents: expected an integer ≤ 10000000/);
  });
});
