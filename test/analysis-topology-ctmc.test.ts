// The exact availability solver (src/analysis/exact-availability.ts) against closed forms and
// small hand-derived chains written here, solved by the test's own elimination: none of them
// calls the solver's building blocks.
import { describe, it, expect } from 'vitest';
import { exactAvailability, type AvailabilitySystem, type ServiceStructure, type Timing, type UpDownMeasures } from '../src/analysis/index.js';

const exp = (mean: number, path = 'x'): Timing => ({ kind: 'exponential', mean, family: 'exponential', path });
const zero = (path = 'x'): Timing => ({ kind: 'zero', mean: 0, family: 'constant', path });
const weibull = (mean: number, path: string): Timing => ({ kind: 'continuous', mean, family: 'weibull', path });
const constant = (mean: number, path: string): Timing => ({ kind: 'lattice', mean, family: 'constant', path });

const LAMBDA = 1 / 1000;
const MU = 1 / 10;

function service(over: Partial<ServiceStructure> & { replicas?: number } = {}): ServiceStructure {
  const n = over.replicas ?? 2;
  return {
    name: 'a',
    path: 'services.a',
    replicas: n,
    zoneOf: Array.from({ length: n }, () => -1),
    mode: { kind: 'k-of-n', k: 1 },
    failure: { ttf: exp(1 / LAMBDA, 'services.a.failure.ttf'), ttr: exp(1 / MU, 'services.a.failure.ttr'), crashFraction: 1, modesPath: 'services.a.failure.modes' },
    pool: 0,
    ...over,
  };
}

function system(services: ServiceStructure[], over: Partial<AvailabilitySystem> = {}): AvailabilitySystem {
  return { services, zones: [], pools: [{ path: 'repairCrews', crews: Infinity }], required: services.map((s) => s.name), obstacles: [], ...over };
}

function solve(sys: AvailabilitySystem, options = {}): { system: UpDownMeasures; services: ReadonlyMap<string, UpDownMeasures>; method: string; largestChain: number } {
  const r = exactAvailability(sys, options);
  if ('reason' in r) throw new Error(r.reason);
  return r;
}

/** Stationary distribution of a small generator given as [from, to, rate] (Gaussian elimination, written here). */
function stationary(n: number, rates: [number, number, number][]): number[] {
  const q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [i, j, r] of rates) {
    q[i]![j]! += r;
    q[i]![i]! -= r;
  }
  // Solve π Q = 0 with Σπ = 1: transpose, replace the last equation by the normalisation.
  const a = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => (i === n - 1 ? 1 : q[j]![i]!)), i === n - 1 ? 1 : 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

/** A and ν of a hand chain: up states given, ν = Σ_{up i, down j} π_i q_ij. */
function measures(n: number, rates: [number, number, number][], up: (i: number) => boolean): { a: number; nu: number } {
  const pi = stationary(n, rates);
  let a = 0;
  pi.forEach((p, i) => (a += up(i) ? p : 0));
  let nu = 0;
  for (const [i, j, r] of rates) if (up(i) && !up(j)) nu += pi[i]! * r;
  return { a, nu };
}

function binomialAtLeast(k: number, n: number, a: number): number {
  let p = 0;
  let c = 1; // C(n, i)
  for (let i = 0; i <= n; i++) {
    if (i > 0) c = (c * (n - i + 1)) / i;
    if (i >= k) p += c * a ** i * (1 - a) ** (n - i);
  }
  return p;
}

describe('exact availability: closed forms', () => {
  it('k-of-n with independent repair: binomial at a = μ/(λ+μ); ν = n·a·λ·P(exactly k−1 of n−1 up)', () => {
    const a = MU / (LAMBDA + MU);
    const r = solve(system([service({ replicas: 3, zoneOf: [-1, -1, -1], mode: { kind: 'k-of-n', k: 2 } })]));
    expect(r.system.availability).toBeCloseTo(a ** 3 + 3 * a * a * (1 - a), 14);
    expect(r.system.unavailability).toBeCloseTo(1 - a ** 3 - 3 * a * a * (1 - a), 14);
    const nu = 3 * a * LAMBDA * 2 * a * (1 - a); // a replica fails while exactly one other is up
    expect(r.system.failureFrequency / nu).toBeCloseTo(1, 12);
  });

  it('two-unit parallel system with two crews: U = (λ/(λ+μ))²', () => {
    const r = solve(system([service()], { pools: [{ path: 'repairCrews', crews: 2 }] }));
    expect(r.system.unavailability / (LAMBDA / (LAMBDA + MU)) ** 2).toBeCloseTo(1, 12);
  });

  it('two-unit parallel system with one crew: U = 2λ² / (μ² + 2λμ + 2λ²), ν = π₁·λ', () => {
    const r = solve(system([service()], { pools: [{ path: 'repairCrews', crews: 1 }] }));
    const d = MU * MU + 2 * LAMBDA * MU + 2 * LAMBDA * LAMBDA;
    expect(r.system.unavailability / ((2 * LAMBDA * LAMBDA) / d)).toBeCloseTo(1, 12);
    expect(r.system.failureFrequency / (((2 * LAMBDA * MU) / d) * LAMBDA)).toBeCloseTo(1, 12);
  });

  it('cold standby, two units, one crew: A = (1 + ρ) / (1 + ρ + ρ²), ρ = λ/μ', () => {
    const ap = { kind: 'active-passive', standby: 'cold', detection: zero(), promotion: zero(), startup: zero(), coverage: 1, manual: zero() } as const;
    const r = solve(system([service({ mode: ap })], { pools: [{ path: 'repairCrews', crews: 1 }] }));
    const rho = LAMBDA / MU;
    expect(r.system.unavailability / (rho * rho / (1 + rho + rho * rho))).toBeCloseTo(1, 12);
  });

  it('imperfect coverage: two-unit hot standby, coverage c, manual recovery rate δ (hand chain)', () => {
    const c = 0.9;
    const delta = 1 / 2;
    const ap = { kind: 'active-passive', standby: 'hot', detection: zero(), promotion: zero(), startup: zero(), coverage: c, manual: exp(1 / delta) } as const;
    const r = solve(system([service({ mode: ap })]));
    // S0 serving both up, S1 serving one failed, W2 both failed, M0/M1/M2 manual recovery with 0/1/2 failed.
    const [S0, S1, W2, M0, M1, M2] = [0, 1, 2, 3, 4, 5];
    const L = LAMBDA;
    const rates: [number, number, number][] = [
      [S0, S1, c * L + L], [S0, M1, (1 - c) * L],
      [S1, S0, MU], [S1, W2, L],
      [W2, S1, 2 * MU],
      [M1, S1, delta], [M1, M0, MU], [M1, M2, L],
      [M0, S0, delta], [M0, M1, 2 * L],
      [M2, W2, delta], [M2, M1, 2 * MU],
    ];
    const want = measures(6, rates, (i) => i === S0 || i === S1);
    expect(r.system.availability).toBeCloseTo(want.a, 14);
    expect(r.system.failureFrequency / want.nu).toBeCloseTo(1, 12);
  });

  it('active-passive with exponential detection and promotion (hand chain)', () => {
    const alpha = 1 / 60;
    const beta = 1 / 30;
    const ap = { kind: 'active-passive', standby: 'hot', detection: exp(1 / alpha), promotion: exp(1 / beta), startup: zero(), coverage: 1, manual: zero() } as const;
    const r = solve(system([service({ mode: ap })]));
    const [S0, S1, D1, D2, P1, P0, W2] = [0, 1, 2, 3, 4, 5, 6];
    const L = LAMBDA;
    const rates: [number, number, number][] = [
      [S0, D1, L], [S0, S1, L],
      [S1, S0, MU], [S1, D2, L],
      [D1, S0, MU], [D1, P1, alpha], [D1, D2, L],
      [D2, S1, MU], [D2, D1, MU], [D2, W2, alpha],
      [P1, S1, beta], [P1, P0, MU], [P1, W2, L],
      [P0, S0, beta], [P0, P1, 2 * L],
      [W2, P1, 2 * MU],
    ];
    const want = measures(7, rates, (i) => i === S0 || i === S1);
    expect(r.system.availability).toBeCloseTo(want.a, 14);
    expect(r.system.failureFrequency / want.nu).toBeCloseTo(1, 12);
  });

  it('zone outages on a 1-of-2 across two zones: replicas independent, A = 1 − (1 − a_r·a_z)²', () => {
    const gamma = 1 / 5000;
    const delta = 1 / 20;
    const zone = (name: string) => ({ name, ttf: exp(1 / gamma), ttr: exp(1 / delta) });
    const r = solve(system([service({ zoneOf: [0, 1] })], { zones: [zone('a'), zone('b')] }));
    const q = (MU / (LAMBDA + MU)) * (delta / (gamma + delta));
    expect(r.system.unavailability / (1 - q) ** 2).toBeCloseTo(1, 12);
    // A replica goes down at rate λ + γ from (itself up, zone up); the group fails when the other is down.
    expect(r.system.failureFrequency / (2 * q * (LAMBDA + gamma) * (1 - q))).toBeCloseTo(1, 12);
  });

  it('both replicas in one zone: A = a_z · (1 − (1 − a_r)²)', () => {
    const gamma = 1 / 5000;
    const delta = 1 / 20;
    const r = solve(system([service({ zoneOf: [0, 0] })], { zones: [{ name: 'a', ttf: exp(1 / gamma), ttr: exp(1 / delta) }] }));
    const ar = MU / (LAMBDA + MU);
    expect(r.system.availability).toBeCloseTo((delta / (gamma + delta)) * (1 - (1 - ar) ** 2), 14);
  });

  it('a 20-replica service lumps to 21 states and equals the binomial product form', () => {
    const r = solve(system([service({ replicas: 20, zoneOf: new Array(20).fill(-1), mode: { kind: 'k-of-n', k: 15 } })]));
    expect(r.largestChain).toBe(21);
    const a = MU / (LAMBDA + MU);
    expect(r.system.availability).toBeCloseTo(binomialAtLeast(15, 20, a), 14);
  });

  it('two single-replica services in series sharing one crew: A = 1/(1 + 2ρ + 2ρ²); each service up π₀ + π₁/2', () => {
    const b = { ...service({ replicas: 1, zoneOf: [-1] }), name: 'b', path: 'services.b' };
    const r = solve(system([service({ replicas: 1, zoneOf: [-1] }), b], { pools: [{ path: 'repairCrews', crews: 1 }] }));
    const rho = LAMBDA / MU;
    const d = 1 + 2 * rho + 2 * rho * rho;
    expect(r.system.availability).toBeCloseTo(1 / d, 14);
    expect(r.services.get('a')!.availability).toBeCloseTo((1 + rho) / d, 14);
  });

  it('independent services combine by product: A = A_a·A_b, ν = ν_a·A_b + ν_b·A_a', () => {
    const b = { ...service({ replicas: 1, zoneOf: [-1] }), name: 'b', path: 'services.b' };
    const r = solve(system([service(), b]));
    const a1 = MU / (LAMBDA + MU);
    const aa = 1 - (1 - a1) ** 2;
    expect(r.system.availability).toBeCloseTo(aa * a1, 14);
    const nuA = 2 * a1 * LAMBDA * (1 - a1);
    const nuB = a1 * LAMBDA;
    expect(r.system.failureFrequency / (nuA * a1 + nuB * aa)).toBeCloseTo(1, 12);
    expect(r.largestChain).toBe(3);
  });

  it('the sparse solver (large chains) agrees with the dense one', () => {
    const sys = system([service({ replicas: 6, zoneOf: [0, 1, 0, 1, 0, 1], mode: { kind: 'k-of-n', k: 4 } })], {
      zones: [{ name: 'a', ttf: exp(3000), ttr: exp(30) }, { name: 'b', ttf: exp(4000), ttr: exp(20) }],
      pools: [{ path: 'repairCrews', crews: 2 }],
    });
    const dense = solve(sys);
    const sparse = solve(sys, { denseLimit: 0 });
    expect(sparse.system.unavailability / dense.system.unavailability).toBeCloseTo(1, 10);
    expect(sparse.system.failureFrequency / dense.system.failureFrequency).toBeCloseTo(1, 10);
  });
});

describe('exact availability: any distributions (insensitive) and refusals', () => {
  it('independent replicas with weibull and lognormal times: the k-of-n form of the means', () => {
    const s = service({ replicas: 3, zoneOf: [-1, -1, -1], mode: { kind: 'k-of-n', k: 2 }, failure: { ttf: weibull(1000, 'services.a.failure.ttf'), ttr: weibull(10, 'services.a.failure.ttr'), crashFraction: 1, modesPath: 'm' } });
    const r = solve(system([s]));
    expect(r.method).toBe('insensitive');
    const a = 1000 / 1010;
    expect(r.system.availability).toBeCloseTo(a ** 3 + 3 * a * a * (1 - a), 14);
  });

  it('slow failures (crash share p): a replica is down p·MTTR/(MTTF+MTTR) of the time', () => {
    const s = service({ replicas: 1, zoneOf: [-1], failure: { ttf: exp(1000), ttr: exp(10), crashFraction: 0.25, modesPath: 'm' } });
    const r = solve(system([s]));
    expect(r.system.unavailability).toBeCloseTo((0.25 * 10) / 1010, 15);
    expect(r.system.failureFrequency).toBeCloseTo(0.25 / 1010, 15);
  });

  it('names the first feature that rules out each method', () => {
    const weib = service({ name: 'db', path: 'services.db', failure: { ttf: weibull(1000, 'services.db.failure.ttf'), ttr: exp(10), crashFraction: 1, modesPath: 'm' } });
    const r = exactAvailability(system([weib], { pools: [{ path: 'repairCrews', crews: 1 }] }));
    expect(r).toEqual({ reason: 'services.db.failure.ttf is weibull, not exponential, and repair crews are limited (repairCrews: 1 for 2 replicas), so repairs wait for each other' });
    const fixed = service({ failure: { ttf: constant(1000, 'services.a.failure.ttf'), ttr: exp(10), crashFraction: 1, modesPath: 'm' } });
    expect((exactAvailability(system([fixed])) as { reason: string }).reason).toMatch(/^services\.a\.failure\.ttf is constant, not exponential, and services\.a\.failure\.ttf is constant/);
    expect(exactAvailability(system([service()], { obstacles: ['faults: scheduled'] }))).toEqual({ reason: 'faults: scheduled' });
    const big = exactAvailability(system([service({ replicas: 8, zoneOf: [0, 1, 2, 3, 0, 1, 2, 3] })], {
      zones: ['a', 'b', 'c', 'd'].map((name) => ({ name, ttf: exp(1e4), ttr: exp(10) })),
      pools: [{ path: 'repairCrews', crews: 1 }],
    }), { maxStates: 50 });
    expect(big).toEqual({ reason: 'the Markov chain of service a has more than 50 states' });
  });
});
