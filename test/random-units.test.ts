import { describe, expect, test } from 'vitest';
import { parseDuration, parseRate, formatDuration, UnitError } from '../src/random/index.js';

describe('parseDuration', () => {
  test.each([
    [30, 30],
    ['30', 30],
    ['250ms', 0.25],
    ['1.5h', 5400],
    ['30 s', 30],
    ['10ns', 1e-8],
    ['5us', 5e-6],
    ['5µs', 5e-6],
    ['2m', 120],
    ['2min', 120],
    ['3 hours', 10800],
    ['30d', 2592000],
    ['1w', 604800],
    ['1y', 31536000],
    ['.5s', 0.5],
    ['1e3ms', 1],
    ['  7 D ', 604800],
    [0, 0],
  ] as const)('%j → %d s', (v, s) => {
    expect(parseDuration(v)).toBeCloseTo(s, 12);
  });

  test('errors name the field, quote the value and list the units', () => {
    let err: unknown;
    try {
      parseDuration('30 parsecs', 'failure.mean');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnitError);
    expect((err as UnitError).field).toBe('failure.mean');
    expect((err as Error).message).toBe(
      'failure.mean: invalid duration "30 parsecs" (unknown unit "parsecs"); use seconds as a number, or a string like "250ms", "1.5h", "30 s" with units ns, us (µs), ms, s, m (min), h, d, w, y (=365 d)',
    );
    expect(() => parseDuration('abc', 'timeout')).toThrow('timeout: invalid duration "abc" (not a number followed by a unit)');
    expect(() => parseDuration('-5s', 'timeout')).toThrow('timeout: invalid duration "-5s" (must be ≥ 0)');
    expect(() => parseDuration(-1, 'timeout')).toThrow('timeout: invalid duration -1 (must be ≥ 0)');
    expect(() => parseDuration(Infinity, 'horizon')).toThrow('horizon: invalid duration Infinity (must be finite)');
    expect(() => parseDuration(NaN, 'horizon')).toThrow('horizon: invalid duration NaN (not a number)');
    expect(() => parseDuration('1h30m', 'x')).toThrow('x: invalid duration "1h30m" (unknown unit "h30m")');
    expect(() => parseDuration(true as unknown as number)).toThrow('duration: invalid duration true (expected a number or a string)');
  });
});

describe('parseRate', () => {
  test.each([
    [2, 2],
    ['2', 2],
    ['200/s', 200],
    ['5/min', 5 / 60],
    ['1000/h', 1000 / 3600],
    ['3/d', 3 / 86400],
    ['0.5/s', 0.5],
    ['6 / 10min', 6 / 600],
    ['1/ms', 1000],
  ] as const)('%j → %d /s', (v, r) => {
    expect(parseRate(v)).toBeCloseTo(r, 12);
  });
  test('errors name the field, quote the value and list the units', () => {
    expect(() => parseRate('5/fortnight', 'arrivals')).toThrow(
      'arrivals: invalid rate "5/fortnight" (unknown time unit "fortnight"); use events per second as a number, or a string like "200/s", "5/min", "1000/h", "3/d" with units ns, us (µs), ms, s, m (min), h, d, w, y (=365 d)',
    );
    expect(() => parseRate('fast', 'arrivals')).toThrow('arrivals: invalid rate "fast" (not "<number>/<unit>")');
    expect(() => parseRate('-1/s', 'arrivals')).toThrow('arrivals: invalid rate "-1/s" (must be ≥ 0)');
    expect(() => parseRate('5/0s', 'arrivals')).toThrow('arrivals: invalid rate "5/0s" (division by a zero duration)');
    expect(() => parseRate('5/s')).not.toThrow();
  });
});

describe('formatDuration', () => {
  test.each([
    [0, '0s'],
    [1e-7, '100ns'],
    [2e-5, '20us'],
    [0.25, '250ms'],
    [0.0015, '1.5ms'],
    [0.9999, '1s'],
    [1.5, '1.5s'],
    [59.97, '1m'],
    [90, '1m 30s'],
    [7500, '2h 5m'],
    [7505, '2h 5m'],
    [86399.9, '1d'],
    [90061, '1d 1h'],
    [30 * 86400, '30d'],
    [3 * 31536000 + 5 * 86400, '3y 5d'],
    [-90, '-1m 30s'],
    [Infinity, '∞'],
  ] as const)('%d → %s', (s, txt) => {
    expect(formatDuration(s)).toBe(txt);
  });
  test('round-trips through parseDuration for whole units', () => {
    for (const s of ['2h', '30d', '250ms', '1y', '45s']) expect(formatDuration(parseDuration(s))).toBe(s);
  });
});
