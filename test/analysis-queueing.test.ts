import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, md1, mg1, mm1, mmc, mmck, Ctmc, type Transition } from '../src/analysis/index.js';

function expectRel(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('Erlang formulas', () => {
  it('erlangB matches exact rational values', () => {
    expectRel(erlangB(10, 5), 0.018384570336648132, 1e-13);
    expectRel(erlangB(3, 2), 4 / 19, 1e-15);
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(5, 0)).toBe(0);
  });
  it('erlangC for c = 3, a = 2 is 4/9 and for c = 1 equals ρ', () => {
    expectRel(erlangC(3, 2), 4 / 9, 1e-14);
    expectRel(erlangC(1, 0.7), 0.7, 1e-14);
  });
  it('is stable for very large c', () => {
    const b = erlangB(100_000, 99_000);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.05);
    const c = erlangC(100_000, 99_000);
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeGreaterThan(b);
    expect(c).toBeLessThan(1);
  });
  it('rejects unstable load and bad c', () => {
    expect(() => erlangC(3, 3)).toThrow(/a = 3 must be < c = 3/);
    expect(() => erlangB(2.5, 1)).toThrow(/c must be an integer >= 0, got 2.5/);
  });
});

describe('M/M/1', () => {
  it('ρ = 0.8 gives W = 5/μ and the textbook values', () => {
    const r = mm1({ lambda: 0.8, mu: 1 });
    expectRel(r.W, 5, 1e-14);
    expectRel(r.L, 4, 1e-14);
    expectRel(r.Wq, 4, 1e-14);
    expectRel(r.Lq, 3.2, 1e-14);
    expectRel(r.utilisation, 0.8, 1e-15);
    expectRel(r.p0, 0.2, 1e-14);
    const scaled = mm1({ lambda: 8, mu: 10 });
    expectRel(scaled.W, 0.5, 1e-14);
  });
  it('throws RangeError naming the parameters when unstable', () => {
    expect(() => mm1({ lambda: 2, mu: 1 })).toThrow(RangeError);
    expect(() => mm1({ lambda: 2, mu: 1 })).toThrow(/rho = lambda\/mu = 2\/1 = 2 must be < 1/);
    expect(() => mm1({ lambda: -1, mu: 1 })).toThrow(/mm1: lambda must be a finite number > 0, got -1/);
  });
});

describe('M/M/c', () => {
  it('λ = 2, μ = 1, c = 3: textbook values', () => {
    const r = mmc({ lambda: 2, mu: 1, c: 3 });
    expectRel(r.pWait, 4 / 9, 1e-14);
    expectRel(r.Wq, 4 / 9, 1e-14);
    expectRel(r.W, 13 / 9, 1e-14);
    expectRel(r.Lq, 8 / 9, 1e-14);
    expectRel(r.L, 26 / 9, 1e-14);
    expectRel(r.p0, 1 / 9, 1e-12);
    expectRel(r.utilisation, 2 / 3, 1e-15);
  });
  it('c = 1 equals M/M/1', () => {
    const a = mmc({ lambda: 0.7, mu: 1.3, c: 1 });
    const b = mm1({ lambda: 0.7, mu: 1.3 });
    for (const k of ['pWait', 'Wq', 'W', 'Lq', 'L', 'p0'] as const) expectRel(a[k], b[k], 1e-12);
  });
  it('large c agrees with M/M/c/K for huge K', () => {
    const big = mmc({ lambda: 950, mu: 1, c: 1000 });
    const finite = mmck({ lambda: 950, mu: 1, c: 1000, K: 3000 });
    expect(finite.blocking).toBeLessThan(1e-30);
    expectRel(big.pWait, finite.pWait, 1e-9);
    expectRel(big.L, finite.L, 1e-9);
    expectRel(big.Wq, finite.Wq, 1e-9);
    expectRel(big.p0, finite.p0, 1e-9);
  });
  it('throws on λ ≥ cμ', () => {
    expect(() => mmc({ lambda: 3, mu: 1, c: 3 })).toThrow(/lambda\/\(c\*mu\) = 3\/\(3\*1\) = 1 must be < 1/);
    expect(() => mmc({ lambda: 1, mu: 1, c: 0 })).toThrow(/mmc: c must be an integer >= 1, got 0/);
  });
});

describe('M/M/c/K', () => {
  it('M/M/1/3 with ρ = 0.5 matches the closed form', () => {
    const r = mmck({ lambda: 0.5, mu: 1, c: 1, K: 3 });
    expectRel(r.blocking, 1 / 15, 1e-14);
    expectRel(r.L, 11 / 15, 1e-14);
    expectRel(r.throughput, 0.5 * (14 / 15), 1e-14);
    expectRel(r.W, 11 / 15 / (0.5 * (14 / 15)), 1e-14);
    expectRel(r.Lq, (2 * 1 + 1 * 2) / 15, 1e-14); // n=2 → 1 waiting (2/15), n=3 → 2 waiting (1/15)
    expectRel(r.pWait, (4 / 15 + 2 / 15) / (14 / 15), 1e-14);
    expect(r.distribution).toHaveLength(4);
    expectRel(r.utilisation, 7 / 15, 1e-14);
  });
  it('ρ = 1 gives the uniform distribution', () => {
    const r = mmck({ lambda: 2, mu: 2, c: 1, K: 4 });
    for (const p of r.distribution) expectRel(p, 0.2, 1e-14);
  });
  it('K = c is the Erlang loss system', () => {
    const r = mmck({ lambda: 5, mu: 1, c: 10, K: 10 });
    expectRel(r.blocking, erlangB(10, 5), 1e-13);
    expect(r.Lq).toBe(0);
    expect(r.pWait).toBe(0);
  });
  it('overload (ρ ≫ 1) does not overflow', () => {
    const r = mmck({ lambda: 1000, mu: 1, c: 2, K: 500 });
    expect(r.blocking).toBeGreaterThan(0.99);
    expectRel(r.throughput, 2, 1e-10);
    expectRel(r.utilisation, 1, 1e-10);
    expectRel(r.utilisation, r.throughput / (2 * 1), 1e-12);
  });
  it('equals the birth–death CTMC', () => {
    const lambda = 3;
    const mu = 1.25;
    const c = 2;
    const K = 6;
    const transitions: Transition<number>[] = [];
    for (let n = 0; n < K; n++) {
      transitions.push({ from: n, to: n + 1, rate: lambda });
      transitions.push({ from: n + 1, to: n, rate: Math.min(n + 1, c) * mu });
    }
    const pi = new Ctmc(transitions).steadyStateVector();
    const r = mmck({ lambda, mu, c, K });
    r.distribution.forEach((p, n) => expectRel(pi[n] as number, p, 1e-12));
  });
  it('validates K', () => {
    expect(() => mmck({ lambda: 1, mu: 1, c: 3, K: 2 })).toThrow(/K must be >= c = 3, got 2/);
  });
});

describe('M/G/1 and M/D/1', () => {
  it('M/G/1 with exponential variance equals M/M/1', () => {
    const g = mg1({ lambda: 0.6, meanS: 1, varS: 1 });
    const m = mm1({ lambda: 0.6, mu: 1 });
    for (const k of ['Wq', 'W', 'Lq', 'L'] as const) expectRel(g[k], m[k], 1e-14);
  });
  it('M/D/1 waits half as long as M/M/1', () => {
    const d = md1({ lambda: 0.5, meanS: 1 });
    expectRel(d.Wq, 0.5, 1e-15);
    expectRel(d.W, 1.5, 1e-15);
    expectRel(d.Lq, 0.25, 1e-15);
    expectRel(d.L, 0.75, 1e-15);
    expectRel(d.Wq, mm1({ lambda: 0.5, mu: 1 }).Wq / 2, 1e-15);
  });
  it('P-K formula with general variance', () => {
    // λ = 0.1/s, E[S] = 5 s, Var = 50 s²: ρ = 0.5, E[S²] = 75, Wq = 0.1·75/(2·0.5) = 7.5
    const r = mg1({ lambda: 0.1, meanS: 5, varS: 50 });
    expectRel(r.Wq, 7.5, 1e-14);
    expectRel(r.W, 12.5, 1e-14);
    expectRel(r.L, 1.25, 1e-14);
  });
  it('throws for ρ ≥ 1 and negative variance', () => {
    expect(() => md1({ lambda: 1, meanS: 1 })).toThrow(/md1: unstable system, rho = lambda\*meanS = 1\*1 = 1/);
    expect(() => mg1({ lambda: 0.1, meanS: 1, varS: -2 })).toThrow(/varS must be a finite number >= 0, got -2/);
  });
});
