import { describe, expect, test } from 'vitest';
import { RandomStreams, deriveSeed, seedToUint32, hashParts } from '../src/random/index.js';

const draw = (rng: () => number, n: number): number[] => Array.from({ length: n }, () => rng());

describe('deriveSeed / seedToUint32', () => {
  test('golden values (stable across versions and platforms)', () => {
    expect(deriveSeed('x', 1)).toBe('59402b0471b497c0');
    expect(seedToUint32('x')).toBe(762385986);
    expect(deriveSeed('x', 1)).toMatch(/^[0-9a-f]{16}$/);
  });
  test('encoding is unambiguous and order-sensitive', () => {
    expect(deriveSeed('ab', 'c')).not.toBe(deriveSeed('a', 'bc'));
    expect(deriveSeed(1)).not.toBe(deriveSeed('1'));
    expect(deriveSeed('a', 'b')).not.toBe(deriveSeed('b', 'a'));
    expect(deriveSeed('exp', '{"n":3}', 0)).not.toBe(deriveSeed('exp', '{"n":3}', 1));
    expect(hashParts('a')).toHaveLength(64);
  });
  test('rejects empty or non-finite parts', () => {
    expect(() => deriveSeed()).toThrow('deriveSeed: needs at least one part');
    expect(() => deriveSeed('a', NaN)).toThrow('deriveSeed: part 1 must be a string or a finite number; got NaN');
  });
  test('seedToUint32 is an unsigned 32-bit integer and differs between seeds', () => {
    const a = seedToUint32(deriveSeed('r', 0));
    const b = seedToUint32(deriveSeed('r', 1));
    for (const v of [a, b]) expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    expect(a).not.toBe(b);
  });
});

describe('RandomStreams', () => {
  test('golden first draws of stream "a" under seed 42', () => {
    const a = new RandomStreams(42).stream('a');
    expect(draw(a, 3)).toEqual([0.38363920289333187, 0.7205903760197958, 0.8263660659562441]);
  });
  test('stream(name) returns the same generator object for the same name', () => {
    const s = new RandomStreams('seed');
    expect(s.stream('x')).toBe(s.stream('x'));
    expect(s.stream('x')).not.toBe(s.stream('y'));
    expect(s.names()).toEqual(['x', 'y']);
  });
  test('same seed and name ⇒ same sequence; number 42 ≡ string "42"', () => {
    expect(draw(new RandomStreams(42).stream('db'), 50)).toEqual(draw(new RandomStreams('42').stream('db'), 50));
    expect(new RandomStreams(42).seed).toBe('42');
  });
  test('stream "a" is unchanged when other streams are created and used first', () => {
    const alone = draw(new RandomStreams('run-7').stream('a'), 100);
    const s = new RandomStreams('run-7');
    draw(s.stream('b'), 1000);
    draw(s.stream('c'), 37);
    const a = s.stream('a');
    draw(s.stream('b'), 5); // interleaved use of another stream
    expect(draw(a, 100)).toEqual(alone);
  });
  test('different names or seeds ⇒ different sequences', () => {
    const s = new RandomStreams('run-7');
    const a = draw(s.stream('a'), 20);
    const b = draw(s.stream('b'), 20);
    const a2 = draw(new RandomStreams('run-8').stream('a'), 20);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(a2);
    // no shared values at all (would indicate correlated/shifted streams)
    expect(a.filter((x) => b.includes(x) || a2.includes(x))).toEqual([]);
  });
  test('draws are uniform on [0,1): mean, variance, lag-1 correlation, range', () => {
    const n = 200_000;
    const xs = draw(new RandomStreams(1).stream('u'), n);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    let c = 0;
    for (let i = 1; i < n; i++) c += (xs[i]! - 0.5) * (xs[i - 1]! - 0.5);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // Var of U² around 1/12: sd of (U−½)² is √(1/80 − 1/144)
    expect(Math.abs(v - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
    expect(Math.abs(c / (n - 1))).toBeLessThan((5 * (1 / 12)) / Math.sqrt(n));
    expect(xs.reduce((a, b) => Math.min(a, b), 1)).toBeGreaterThanOrEqual(0);
    expect(xs.reduce((a, b) => Math.max(a, b), 0)).toBeLessThan(1);
    // 53-bit resolution: some draws are not multiples of 2^-32
    expect(xs.slice(0, 10).some((x) => !Number.isInteger(x * 2 ** 32))).toBe(true);
  });
  test('rejects bad seeds and names', () => {
    expect(() => new RandomStreams(NaN)).toThrow('RandomStreams: runSeed must be a finite number or a string; got NaN');
    expect(() => new RandomStreams('')).toThrow('RandomStreams: runSeed must be a non-empty string or a finite number; got ""');
    expect(() => new RandomStreams(1).stream('')).toThrow('RandomStreams.stream: name must be a non-empty string; got ""');
  });
});
