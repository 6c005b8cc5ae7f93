// The OCC contention model (Brooker, "Exponential Backoff And Jitter"): exact small cases with
// constant network delays, invariants over every jitter kind, and the blog's qualitative result as a
// statistical assertion over replications.
import { describe, it, expect } from 'vitest';
import { contentionModel, contentionRetryConfig, CONTENTION_JITTERS } from '../models/contention.js';
import { Simulation } from '../src/engine/index.js';
import { RandomStreams } from '../src/random/index.js';
import type { MetricRecord } from '../src/experiment/model.js';
import { replicate } from './helpers/run-model.js';

const D = 0.01; // constant one-way hop
const BASE = 0.005;

interface Traced {
  readonly m: MetricRecord;
  readonly trace: Record<string, unknown>[];
}

function run(input: Record<string, unknown>, seed = 'contention', horizon = 3600): Traced {
  const p = contentionModel.params.parse(input);
  const sim = new Simulation();
  const trace: Record<string, unknown>[] = [];
  const r = contentionModel.build({ sim, streams: new RandomStreams(seed), duration: horizon, warmup: 0, trace: (x) => trace.push(x) }, p);
  sim.run({ until: horizon });
  return { m: r.metrics(), trace };
}

const writes = (t: Traced) => t.trace.filter((x) => x['event'] === 'write').map((x) => [x['t'], x['client'], x['attempt'], x['ok']]);
const close = (v: unknown, exact: number) => expect(v as number).toBeCloseTo(exact, 12);

describe('contention: exact cases (constant delays)', () => {
  it('N = 1: exactly one call, four hops', () => {
    const { m } = run({ clients: 1, networkDelay: D, jitter: 'none' });
    expect(m.total_calls_count).toBe(1);
    expect(m.conflicts_count).toBe(0);
    close(m.completion_time_s, 4 * D);
    close(m.mean_client_time_s, 4 * D);
    // the default |Normal(10 ms, 2 ms)| hops: still one call
    const d = run({ clients: 1 });
    expect(d.m.total_calls_count).toBe(1);
    expect(d.m.completion_time_s).toBeGreaterThan(0.01);
    expect(d.m.completion_time_s).toBeLessThan(0.08);
  });

  it('N = 2, no jitter: both read v0, client 0 commits, client 1 conflicts, sleeps 2·base and commits', () => {
    const t = run({ clients: 2, networkDelay: D, jitter: 'none', base: BASE });
    const w = writes(t);
    expect(w.length).toBe(3);
    expect(w.map((x) => x.slice(1))).toEqual([
      [0, 1, true],
      [1, 1, false],
      [1, 2, true],
    ]);
    close(w[0]![0], 3 * D);
    close(w[1]![0], 3 * D);
    // conflict reply at 4D, sleep expo(1) = 2·base, read at 5D + 2·base, write 2 hops later
    close(w[2]![0], 7 * D + 2 * BASE);
    expect(t.m).toMatchObject({ total_calls_count: 3, calls_per_client: 1.5, max_calls_per_client: 2, conflicts_count: 1, commits_count: 2, failed_clients_count: 0 });
    close(t.m.completion_time_s, 8 * D + 2 * BASE);
    close(t.m.mean_client_time_s, (4 * D + 8 * D + 2 * BASE) / 2);
  });

  it('no jitter keeps the clients in lockstep: N(N+1)/2 calls, completion 4·D·N + Σ min(cap, base·2^k)', () => {
    const N = 10;
    const cap = 0.1;
    const t = run({ clients: N, networkDelay: D, jitter: 'none', base: BASE, cap });
    let sleeps = 0;
    for (let k = 1; k < N; k++) sleeps += Math.min(cap, BASE * 2 ** k); // 10, 20, 40, 80, then 100 ms ×5
    close(sleeps, 0.65);
    expect(t.m.total_calls_count).toBe((N * (N + 1)) / 2);
    expect(t.m.max_calls_per_client).toBe(N);
    close(t.m.completion_time_s, 4 * D * N + sleeps);
    // retrying at once: the same calls, no sleeps
    const nb = run({ clients: N, networkDelay: D, jitter: 'no-backoff' });
    expect(nb.m.total_calls_count).toBe(55);
    close(nb.m.completion_time_s, 4 * D * N);
  });

  it('the sleep is drawn by the retry policy from stream client-<i>/backoff: full U·2·base, decorrelated base + U·2·base', () => {
    const u = new RandomStreams('contention').stream('client-1/backoff')();
    const full = run({ clients: 2, networkDelay: D, jitter: 'full', base: BASE });
    close(full.m.completion_time_s, 8 * D + u * 2 * BASE);
    const equal = run({ clients: 2, networkDelay: D, jitter: 'equal', base: BASE });
    close(equal.m.completion_time_s, 8 * D + BASE + u * BASE);
    const dec = run({ clients: 2, networkDelay: D, jitter: 'decorrelated', base: BASE });
    close(dec.m.completion_time_s, 8 * D + BASE + u * (3 * BASE - BASE));
  });

  it('maxAttempts: a client that exhausts its attempts gives up', () => {
    const t = run({ clients: 3, networkDelay: D, jitter: 'none', base: BASE, maxAttempts: 2 });
    expect(t.m).toMatchObject({ total_calls_count: 5, succeeded_clients_count: 2, failed_clients_count: 1, commits_count: 2, unfinished_clients_count: 0 });
    // client 2 loses at 3D and at 7D + 2·base, gives up when the second conflict reply arrives
    close(t.m.completion_time_s, 8 * D + 2 * BASE);
    close(t.m.mean_client_time_s, (4 * D + 8 * D + 2 * BASE) / 2);
    expect(t.trace.filter((x) => x['event'] === 'give-up')).toEqual([{ t: expect.any(Number), event: 'give-up', client: 2, attempts: 2 }]);
  });

  it('clients still running at the horizon are unfinished and the completion time is NaN', () => {
    const t = run({ clients: 2, networkDelay: D, jitter: 'none', base: BASE }, 'contention', 0.05);
    expect(t.m).toMatchObject({ succeeded_clients_count: 1, unfinished_clients_count: 1, total_calls_count: 2 });
    expect(t.m.completion_time_s).toBeNaN();
  });

  it('maps base and cap onto the retry policy as the blog: initialInterval 2·base (decorrelated: base)', () => {
    const p = { base: 0.005, cap: 2, maxAttempts: 'unlimited' as const, clients: 50 };
    expect(contentionRetryConfig({ ...p, jitter: 'full' })).toMatchObject({ backoff: 'exponential', initialInterval: 0.01, multiplier: 2, maxInterval: 2, maxAttempts: 50 });
    expect(contentionRetryConfig({ ...p, jitter: 'decorrelated' })).toMatchObject({ initialInterval: 0.005, jitter: 'decorrelated' });
    expect(contentionRetryConfig({ ...p, jitter: 'no-backoff' })).toMatchObject({ backoff: 'constant', initialInterval: 0, jitter: 'none' });
  });

  it('rejects bad parameters and a warm-up', () => {
    expect(() => contentionModel.params.parse({ jitter: 'fulll' })).toThrow(/jitter/);
    expect(() => contentionModel.params.parse({ base: 0 })).toThrow(/> 0/);
    expect(() => contentionModel.params.parse({ clients: 0 })).toThrow(/≥ 1/);
    const p = contentionModel.params.parse({});
    expect(() => contentionModel.build({ sim: new Simulation(), streams: new RandomStreams(1), duration: 10, warmup: 5, trace: undefined }, p)).toThrow(/warmup must be 0 .*; got 5/);
  });
});

describe('contention: invariants (random delays, every jitter kind)', () => {
  it.each(CONTENTION_JITTERS.map((j) => [j]))('%s: each client commits exactly once, on its last attempt; calls ≥ N', (jitter) => {
    const N = 25;
    for (const seed of ['a', 'b']) {
      const t = run({ clients: N, jitter, startWindow: 0.02 }, seed);
      const m = t.m;
      expect(m).toMatchObject({ succeeded_clients_count: N, failed_clients_count: 0, unfinished_clients_count: 0, commits_count: N });
      expect(m.total_calls_count).toBeGreaterThanOrEqual(N);
      expect(m.total_calls_count).toBe(N + m.conflicts_count!);
      expect(m.max_calls_per_client).toBeGreaterThanOrEqual(m.calls_per_client!);
      expect(m.completion_time_s).toBeGreaterThanOrEqual(m.mean_client_time_s!);
      const perClient = new Map<number, { attempts: number[]; oks: number }>();
      for (const [, client, attempt, ok] of writes(t)) {
        const e = perClient.get(client as number) ?? { attempts: [], oks: 0 };
        e.attempts.push(attempt as number);
        if (ok) e.oks++;
        perClient.set(client as number, e);
      }
      expect(perClient.size).toBe(N);
      for (const e of perClient.values()) {
        expect(e.oks).toBe(1);
        expect(e.attempts).toEqual(e.attempts.map((_, i) => i + 1));
      }
    }
  });

  it('with a small maxAttempts some clients give up, none exceeds it, and the rest commit once', () => {
    const N = 25;
    const { m } = run({ clients: N, jitter: 'none', maxAttempts: 3 });
    expect(m.failed_clients_count).toBeGreaterThan(0);
    expect(m.succeeded_clients_count! + m.failed_clients_count!).toBe(N);
    expect(m.commits_count).toBe(m.succeeded_clients_count);
    expect(m.max_calls_per_client).toBe(3);
    expect(m.total_calls_count).toBeLessThanOrEqual(3 * N);
    expect(m.total_calls_count).toBe(m.succeeded_clients_count! + m.conflicts_count!);
  });
});

describe('contention: the blog result (95% CIs over 20 replications, N = 50)', () => {
  const spec = { warmup: 0, duration: 3600, seed: 'blog' };
  const R = 20;
  it('no jitter makes far more calls and takes far longer than full jitter; equal jitter slightly more calls than full', () => {
    const none = replicate(contentionModel, { clients: 50, jitter: 'none' }, spec, R);
    const full = replicate(contentionModel, { clients: 50, jitter: 'full' }, spec, R);
    const equal = replicate(contentionModel, { clients: 50, jitter: 'equal' }, spec, R);
    const calls = (r: typeof none) => r.ci('total_calls_count');
    // measured: none ≈ 620, full ≈ 333, equal ≈ 347 calls
    expect(calls(none).ci95Low).toBeGreaterThan(calls(full).ci95High);
    expect(calls(none).mean).toBeGreaterThan(1.5 * calls(full).mean);
    expect(calls(equal).ci95Low).toBeGreaterThan(calls(full).ci95High);
    expect(calls(equal).mean).toBeLessThan(1.1 * calls(full).mean);
    // completion: none ≈ 36 s, full ≈ 3 s
    expect(none.ci('completion_time_s').ci95Low).toBeGreaterThan(5 * full.ci('completion_time_s').ci95High);
  });
});
