import { describe, expect, it } from 'vitest';
import {
  coldStandbyChain,
  Ctmc,
  downtimePerYear,
  kOfN,
  kOfNUnavailability,
  nines,
  renewalAvailability,
  repairableGroupChain,
  retryExpectedAttempts,
  retrySuccess,
  supermarketMeanSojourn,
  supermarketTail,
} from '../src/analysis/index.js';

function expectRel(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('availability algebra', () => {
  it('renewal availability, nines and downtime', () => {
    expectRel(renewalAvailability(999, 1), 0.999, 1e-15);
    expect(renewalAvailability(Infinity, 5)).toBe(1);
    expect(renewalAvailability(10, 0)).toBe(1);
    expectRel(nines(0.999), 3, 1e-12);
    expectRel(nines(0.99999), 5, 1e-10);
    expect(nines(1)).toBe(Infinity);
    expectRel(downtimePerYear(0.999), 31_536, 1e-12);
    expectRel(downtimePerYear(0.99999), 315.36, 1e-9);
    expect(() => renewalAvailability(0, 1)).toThrow(/mttf must be .* got 0/);
    expect(() => nines(1.2)).toThrow(/nines: a must be a probability in \[0, 1\], got 1.2/);
  });
  it('k-of-n matches the binomial sum', () => {
    expectRel(kOfN(2, 3, 0.9), 3 * 0.81 * 0.1 + 0.729, 1e-14);
    expectRel(kOfN(1, 2, 0.99), 1 - 0.01 ** 2, 1e-15);
    expectRel(kOfN(3, 3, 0.9), 0.729, 1e-14);
    expect(kOfN(0, 4, 0.3)).toBe(1);
    expectRel(kOfN(1, 1, 0.37), 0.37, 1e-15);
    expect(kOfN(2, 2, 1)).toBe(1);
    expect(kOfN(1, 2, 0)).toBe(0);
    expect(() => kOfN(4, 3, 0.9)).toThrow(/k must be <= n = 3, got 4/);
  });
  it('kOfNUnavailability keeps precision for tiny unavailabilities', () => {
    expectRel(kOfNUnavailability(1, 3, 1 - 1e-7), (1 - (1 - 1e-7)) ** 3, 1e-8);
    expectRel(kOfNUnavailability(2, 3, 0.9), 1 - kOfN(2, 3, 0.9), 1e-12);
  });
});

describe('Ctmc', () => {
  it('two-state chain, including stiff rates', () => {
    const lambda = 1e-9;
    const mu = 1e3;
    const c = new Ctmc([
      { from: 'up', to: 'down', rate: lambda },
      { from: 'down', to: 'up', rate: mu },
    ]);
    const pi = c.steadyState();
    expectRel(pi.get('down') as number, lambda / (lambda + mu), 1e-13);
    expectRel(pi.get('up') as number, mu / (lambda + mu), 1e-15);
    expectRel(c.exitFrequency((s) => s === 'up'), (lambda * mu) / (lambda + mu), 1e-13);
    expect(c.generator()).toEqual([
      [-lambda, lambda],
      [mu, -mu],
    ]);
  });
  it('satisfies πQ = 0 on a dense chain', () => {
    const n = 12;
    const ts = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) ts.push({ from: i, to: j, rate: ((i * 7 + j * 3) % 5) + 0.1 * (i + 1) });
    const c = new Ctmc(ts);
    const pi = c.steadyStateVector();
    const q = c.generator();
    expectRel(pi.reduce((s, p) => s + p, 0), 1, 1e-14);
    for (let j = 0; j < n; j++) {
      const r = pi.reduce((s, p, i) => s + p * ((q[i] as number[])[j] as number), 0);
      expect(Math.abs(r)).toBeLessThan(1e-14);
    }
  });
  it('sums duplicate transitions and handles absorbing states (Gaussian fallback)', () => {
    const c = new Ctmc(
      [
        { from: 'a', to: 'b', rate: 1 },
        { from: 'a', to: 'b', rate: 2 },
        { from: 'b', to: 'c', rate: 1 },
      ],
      { states: ['a', 'b', 'c'] },
    );
    expect(c.rate('a', 'b')).toBe(3);
    expect(c.steadyStateVector()).toEqual([0, 0, 1]);
  });
  it('has transient states at zero probability', () => {
    const c = new Ctmc([
      { from: 0, to: 1, rate: 1 },
      { from: 1, to: 0, rate: 1 },
      { from: 2, to: 0, rate: 5 },
    ]);
    const pi = c.steadyStateVector();
    expectRel(pi[0] as number, 0.5, 1e-15);
    expect(pi[2]).toBe(0);
  });
  it('rejects reducible chains and malformed transitions', () => {
    const reducible = new Ctmc([
      { from: 'a', to: 'b', rate: 1 },
      { from: 'b', to: 'a', rate: 1 },
      { from: 'c', to: 'd', rate: 1 },
      { from: 'd', to: 'c', rate: 1 },
    ]);
    expect(() => reducible.steadyState()).toThrow(/no unique stationary distribution/);
    expect(() => new Ctmc([{ from: 'a', to: 'a', rate: 1 }])).toThrow(/self-loop on "a"/);
    expect(() => new Ctmc([{ from: 'a', to: 'b', rate: -1 }])).toThrow(/transitions\[0\]\.rate must be .* got -1/);
    expect(() => new Ctmc([{ from: 'a', to: 'x', rate: 1 }], { states: ['a', 'b'] })).toThrow(/"x" is not a listed state/);
  });
});

describe('repairableGroupChain', () => {
  const lambda = 0.01;
  const mu = 0.5;
  const A = mu / (lambda + mu);
  it('independent repair gives the binomial (2 replicas → 1 − (1 − A)²)', () => {
    const g = repairableGroupChain({ n: 2, lambda, mu, crews: Infinity });
    expectRel(g.atLeast(1), 1 - (1 - A) ** 2, 1e-14);
    expectRel(g.pi[0] as number, (1 - A) ** 2, 1e-12);
    const g3 = repairableGroupChain({ n: 3, lambda, mu, crews: 3 });
    expectRel(g3.atLeast(2), kOfN(2, 3, A), 1e-13);
    expectRel(g3.meanUp, 3 * A, 1e-14);
  });
  it('one shared crew, n = 2: P(0 up) = 2ρ²/(1 + 2ρ + 2ρ²)', () => {
    const rho = lambda / mu;
    const g = repairableGroupChain({ n: 2, lambda, mu, crews: 1 });
    expectRel(g.pi[0] as number, (2 * rho ** 2) / (1 + 2 * rho + 2 * rho ** 2), 1e-12);
    expectRel(g.pi[1] as number, (2 * rho) / (1 + 2 * rho + 2 * rho ** 2), 1e-12);
    expect(g.atLeast(0)).toBeCloseTo(1, 14);
    expect(g.atLeast(3)).toBe(0);
  });
  it('validates crews', () => {
    expect(() => repairableGroupChain({ n: 2, lambda, mu, crews: 0 })).toThrow(/crews must be an integer >= 1 or Infinity, got 0/);
  });
});

describe('coldStandbyChain', () => {
  const lambda = 0.02;
  const mu = 0.25;
  const rho = lambda / mu;
  it('n = 1 is a single renewal component', () => {
    const r = coldStandbyChain({ n: 1, lambda, mu, crews: 1, coverage: 0.3 });
    expectRel(r.availability, renewalAvailability(1 / lambda, 1 / mu), 1e-14);
    expectRel(r.meanOutage, 1 / mu, 1e-12);
    expectRel(r.outageFrequency, r.availability * lambda, 1e-12);
  });
  it('perfect instant failover reduces to a birth–death chain of failed units', () => {
    const one = coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: 1 });
    expectRel(one.availability, (1 + rho) / (1 + rho + rho ** 2), 1e-13);
    expect(one.upStates).toEqual(['up:0', 'up:1']);
    const three = coldStandbyChain({ n: 3, lambda, mu, crews: 1, coverage: 1 });
    expectRel(1 - three.availability, rho ** 3 / (1 + rho + rho ** 2 + rho ** 3), 1e-11);
    const indep = coldStandbyChain({ n: 2, lambda, mu, crews: Infinity, coverage: 1 });
    expectRel(indep.availability, (1 + rho) / (1 + rho + rho ** 2 / 2), 1e-13);
  });
  it('imperfect coverage matches the hand-solved n = 2, one-crew chain', () => {
    const c = 0.9;
    const r = 2; // manual recovery rate
    // Balance equations solved with U0 = 1 (see cold-standby-chain.ts for the state space).
    const S1 = ((1 - c) * lambda) / (r + mu);
    const S0 = (mu * S1) / r;
    const U1 = (lambda - mu * S1) / mu;
    const D2 = (lambda * U1) / mu;
    const total = 1 + U1 + S0 + S1 + D2;
    const res = coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: c, manualRate: r });
    expectRel(res.availability, (1 + U1) / total, 1e-13);
    expectRel(res.pi.get('stuck:1') as number, S1 / total, 1e-12);
    expectRel(res.pi.get('stuck:0') as number, S0 / total, 1e-12);
    expectRel(res.pi.get('down:2') as number, D2 / total, 1e-12);
  });
  it('a timed failover with coverage 1 is the same chain as coverage 0 with manual recovery', () => {
    const timed = coldStandbyChain({ n: 3, lambda, mu, crews: 2, coverage: 1, failoverRate: 4 });
    const manual = coldStandbyChain({ n: 3, lambda, mu, crews: 2, coverage: 0, manualRate: 4 });
    expectRel(timed.availability, manual.availability, 1e-13);
    expectRel(timed.outageFrequency, manual.outageFrequency, 1e-13);
  });
  it('approaches perfect coverage as recovery gets fast, and coverage helps', () => {
    const perfect = coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: 1 }).availability;
    const fast = coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: 0.5, manualRate: 1e9 }).availability;
    expectRel(fast, perfect, 1e-9);
    const worse = coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: 0.5, manualRate: 1 }).availability;
    const better = coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: 0.95, manualRate: 1 }).availability;
    expect(worse).toBeLessThan(better);
    expect(better).toBeLessThan(perfect);
  });
  it('requires manualRate when coverage < 1', () => {
    expect(() => coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: 0.9 })).toThrow(/manualRate is required/);
    expect(() => coldStandbyChain({ n: 2, lambda, mu, crews: 1, coverage: 1.5 })).toThrow(/coverage must be a probability in \[0, 1\], got 1.5/);
  });
});

describe('supermarket model', () => {
  it('d = 1 is M/M/1', () => {
    expectRel(supermarketMeanSojourn(0.9, 1), 10, 1e-14);
    expectRel(supermarketMeanSojourn(0.5, 1), 2, 1e-15);
  });
  it('d = 2 matches the series (1/λ)·Σ λ^(2^i − 1)', () => {
    expectRel(supermarketMeanSojourn(0.5, 2), 1 + 0.25 + 0.5 ** 6 + 0.5 ** 14 + 0.5 ** 30 + 0.5 ** 62, 1e-15);
    let series = 0;
    for (let i = 1; i <= 40; i++) series += supermarketTail(0.99, 2, i);
    expectRel(supermarketMeanSojourn(0.99, 2), series / 0.99, 1e-13);
    expectRel(supermarketTail(0.9, 3, 2), 0.9 ** 4, 1e-15);
  });
  it('more choices help; λ = 0 gives the service time', () => {
    const t1 = supermarketMeanSojourn(0.95, 1);
    const t2 = supermarketMeanSojourn(0.95, 2);
    const t3 = supermarketMeanSojourn(0.95, 3);
    expect(t2).toBeLessThan(t1 / 3);
    expect(t3).toBeLessThan(t2);
    expect(supermarketMeanSojourn(0, 2)).toBe(1);
    expect(() => supermarketMeanSojourn(1, 2)).toThrow(/lambda must be in \[0, 1\) .* got 1/);
  });
});

describe('retry algebra', () => {
  it('success probability and expected attempts', () => {
    expectRel(retrySuccess(0.1, 3), 0.999, 1e-15);
    expectRel(retryExpectedAttempts(0.1, 3), 1.11, 1e-15);
    expect(retryExpectedAttempts(1, 4)).toBe(4);
    expect(retrySuccess(1, 4)).toBe(0);
    expect(retryExpectedAttempts(0, 4)).toBe(1);
    expectRel(retryExpectedAttempts(0.2, Infinity), 1.25, 1e-15);
    expect(retrySuccess(0.2, Infinity)).toBe(1);
  });
  it('expected attempts equals the direct expectation', () => {
    const f = 0.37;
    const m = 5;
    let direct = 0;
    for (let i = 1; i < m; i++) direct += i * f ** (i - 1) * (1 - f);
    direct += m * f ** (m - 1);
    expectRel(retryExpectedAttempts(f, m), direct, 1e-14);
  });
  it('keeps precision for f close to 1', () => {
    const eps = 2 ** -40; // 1 - eps is exact in double
    expectRel(retrySuccess(1 - eps, 3), 3 * eps - 3 * eps ** 2, 1e-12);
    expectRel(retryExpectedAttempts(1 - eps, 3), 3 - 3 * eps, 1e-15);
    expect(() => retrySuccess(0.5, 0)).toThrow(/maxAttempts must be an integer >= 1 or Infinity, got 0/);
  });
});
