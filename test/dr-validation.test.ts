// Validation of the disaster-recovery model against exact values. Statistical checks
// run R replications, take the Student-t 95% CI of a per-run metric, and assert that it covers
// the exact value and is narrow enough to mean something.
import { describe, expect, it } from 'vitest';
import { drModel } from '../models/dr/model.js';
import { replicate } from './helpers/run-model.js';
import { summarize } from '../src/stats/index.js';
import { expectCovers } from './helpers/replications.js';
import { Runbook, criticalPath, type RunbookStepConfig } from '../src/components/dr/index.js';

const H = 3600;
const D = 86_400;

/** A service with one instantaneous full backup schedule, no replica and a zero-time plan. */
function base(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    store: { writeRate: 10, writeSizeKB: 0, initialSizeGB: 100 },
    backups: [{ name: 'b', kind: 'full', interval: '1h', throughputMBps: 'unlimited', destination: 'other-region' }],
    retention: { keepLast: 3 },
    restoreThroughputMBps: 'unlimited',
    replication: { mode: 'none' },
    // Onsets begin once the first backup exists (a disaster before it is unrecoverable).
    disasters: [{ name: 'disk', kind: 'disk', rate: '4/d', startAfter: '1h' }],
    failoverPlan: { steps: [], onCallResponse: 0 },
    restorePlan: { steps: [], onCallResponse: 0 },
    ...extra,
  };
}

describe('dr: data-loss window of periodic backups', () => {
  it('instantaneous backups every T, Poisson disasters: mean window T/2, maximum T', () => {
    const T = H;
    const r = replicate(drModel, base(), { warmup: D, duration: 100 * D }, 10);
    const ci = r.ci('rpo_mean_s');
    // Poisson arrivals see time averages (PASTA): the phase in the backup cycle is uniform.
    expectCovers(ci, T / 2, 60);
    for (const m of r.runs) {
      expect(m['disasters_count']).toBeGreaterThan(300);
      expect(m['rpo_max_s']).toBeLessThanOrEqual(T);
      expect(m['rpo_max_s']).toBeGreaterThan(0.97 * T); // ~400 uniform draws: the max is within 1% of T
      expect(m['unrecoverable_pct']).toBe(0);
      // A disaster within the same cycle as the previous one restores the same backup again and
      // loses only the writes since that one: fewer writes than 10/s × the window.
      expect(m['writes_lost_count']).toBeLessThan(10 * m['rpo_mean_s']! * m['disasters_count']!);
    }
    // Writes lost per disaster = 10/s × min(A, X): A ~ U(0, T) the age of the backup, X ~ Exp(λ)
    // the time since the previous disaster (the plans take no time), independent (PASTA). Hence
    //   E[writes lost] / 10 = ∫₀ᵀ (1 − u/T) e^{−λu} du = (1/λ)(1 − (1 − e^{−λT})/(λT)) ≈ 1704 s
    // (T/2 = 1800 s if the writes a previous restore had lost were counted again).
    const lambda = 4 / D;
    const exactLost = (1 / lambda) * (1 - (1 - Math.exp(-lambda * T)) / (lambda * T));
    const perDisaster = summarize(r.runs.map((m) => m['writes_lost_count']! / 10 / m['disasters_count']!));
    expectCovers(perDisaster, exactLost, 60);
  });

  it('backups taking b: the window runs from the last COMPLETED backup\'s start', () => {
    // 360 GB at 400 MB/s: every backup takes b = 900 s. A disaster at phase u of the cycle loses
    // u when u ≥ b (this cycle's backup is done) and u + T when u < b (it is not: the disaster
    // aborts it). A disaster also aborts the backup running at that time, so a cycle's backup is
    // missing with probability q = 1 − e^{−λb} (a disaster in its first b seconds), independently
    // per cycle; each missing backup in a row before the disaster adds T. Hence, exactly,
    //   E[window] = T/2 + b + T·q/(1 − q)   (→ T/2 + b as λb → 0).
    const T = H;
    const b = 900;
    const lambda = 4 / D;
    const q = 1 - Math.exp(-lambda * b);
    const exact = T / 2 + b + (T * q) / (1 - q);
    const input = base({
      store: { writeRate: 10, writeSizeKB: 0, initialSizeGB: 360 },
      backups: [{ name: 'b', kind: 'full', interval: '1h', throughputMBps: 400, destination: 'other-region' }],
    });
    const r = replicate(drModel, input, { warmup: D, duration: 100 * D }, 20);
    const ci = r.ci('rpo_mean_s');
    expectCovers(ci, exact, 40);
    // Measured from the start, not the end: T/2 + b − b would be far below.
    expect(ci.ci95Low).toBeGreaterThan(T / 2 + b);
    for (const m of r.runs) expect(m['rpo_max_s']).toBeGreaterThan(T); // some disasters fall within b of a start
  });

  it('asynchronous replication with exponential lag of mean m: mean window m; synchronous: none', () => {
    const m = 5;
    const input = base({ replication: { mode: 'async', location: 'other-region', lag: { dist: 'exponential', mean: m } } });
    const r = replicate(drModel, input, { warmup: D, duration: 100 * D }, 10);
    const ci = r.ci('rpo_mean_s');
    expectCovers(ci, m, 0.4);
    for (const run of r.runs) expect(run['failovers_count']).toBe(run['disasters_count']);

    const sync = replicate(drModel, base({ replication: { mode: 'sync', location: 'other-zone', writeLatency: '3ms' } }), { warmup: D, duration: 30 * D }, 2);
    for (const run of sync.runs) {
      expect(run['disasters_count']).toBeGreaterThan(50);
      expect(run['rpo_max_s']).toBe(0);
      expect(run['writes_lost_count']).toBe(0);
      expect(run['write_latency_added_ms']).toBeCloseTo(3, 12);
    }
  });
});

describe('dr: recovery time of a runbook', () => {
  // detect (automated) → declare → {provision, restore → replay-logs} → verify → switch-traffic,
  // on-call response 900 s, restore transfer 1200 s per attempt.
  const fixed: [string, number, string[], boolean, boolean][] = [
    ['detect', 300, [], true, false],
    ['declare', 600, ['detect'], false, false],
    ['provision', 3600, ['declare'], false, false],
    ['restore', 1800, ['declare'], false, true],
    ['replay-logs', 900, ['restore'], false, false],
    ['verify', 600, ['provision', 'replay-logs'], false, false],
    ['switch-traffic', 300, ['verify'], false, false],
  ];
  const steps = (): RunbookStepConfig[] =>
    fixed.map(([name, d, after, automated, restore]) => ({
      name,
      duration: () => d,
      after,
      failureProbability: 0,
      automated,
      restore,
      untested: false,
      undocumented: false,
    }));
  const factors = { untestedDuration: 2, untestedFailure: 3, undocumentedDuration: 1.5, undocumentedFailure: 2 };
  // By hand: detect 0–300; declare waits for on-call: 900–1500; provision 1500–5100;
  // restore 1500–4500 (1800 + 1200 transfer); replay 4500–5400; verify 5400–6000; switch 6000–6300.
  const CRITICAL = 6300;

  it('fixed step durations: the RTO is the critical path, exactly', () => {
    const rb = new Runbook({ name: 'p', steps: steps(), onCallResponse: () => 900, untested: false, undocumented: false, factors }, () => 0.5);
    expect(rb.execute({ perAttemptS: 1200, wastedS: 0 }).durationS).toBe(CRITICAL);
    const durations = fixed.map(([, d, , , restore]) => d + (restore ? 1200 : 0));
    expect(criticalPath(steps(), durations, 900)).toBe(CRITICAL);
    // Untested: every step takes 2× (the transfer and the on-call response do not):
    // detect 600; declare 900–2100; provision 2100–9300; restore 2100–6900; replay 6900–8700;
    // verify 9300–10500; switch 10500–11100.
    const untested = new Runbook({ name: 'p', steps: steps(), onCallResponse: () => 900, untested: true, undocumented: false, factors }, () => 0.5);
    expect(untested.execute({ perAttemptS: 1200, wastedS: 0 }).durationS).toBe(11_100);
  });

  it('the model reports the critical path as every RTO (240 GB restored at 200 MB/s = 1200 s)', () => {
    const input = base({
      store: { writeRate: 10, writeSizeKB: 0, initialSizeGB: 240 },
      restoreThroughputMBps: 200,
      disasters: [{ name: 'disk', kind: 'disk', rate: '1/d', startAfter: '1h' }],
      restorePlan: {
        onCallResponse: '15m',
        steps: fixed.map(([name, d, after, automated, restore]) => ({ name, duration: d, after, automated, restore })),
      },
    });
    const r = replicate(drModel, input, { warmup: D, duration: 20 * D }, 2);
    for (const m of r.runs) {
      expect(m['disasters_count']).toBeGreaterThan(5);
      expect(m['rto_mean_s']).toBeCloseTo(CRITICAL, 6);
      expect(m['rto_max_s']).toBe(CRITICAL);
      // Downtime is the RTO of each disaster (the last one may run past the horizon).
      expect(m['availability_pct']).toBeLessThan(100);
    }
  });

  it('a step failing with probability p is redone: mean duration d/(1 − p)', () => {
    let seed = 12345;
    const rng = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rb = new Runbook(
      {
        name: 'p',
        steps: [{ name: 's', duration: () => 100, after: [], failureProbability: 0.25, automated: true, restore: false, untested: false, undocumented: false }],
        onCallResponse: () => 0,
        untested: false,
        undocumented: false,
        factors,
      },
      rng,
    );
    const n = 20_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const d = rb.execute().durationS;
      sum += d;
      sq += d * d;
    }
    const mean = sum / n;
    const se = Math.sqrt((sq / n - mean * mean) / n);
    expect(Math.abs(mean - 100 / 0.75)).toBeLessThan(3 * se);
    expect(se).toBeLessThan(1);
  });
});

describe('dr: corrupt backups and restore tests', () => {
  // Hourly instantaneous full backups, each corrupt with probability p, independently. A restore
  // tries the newest backup not known to be corrupt, then older ones.
  //
  // Restore tests every k backups (same instant as the backup, after it) read the newest backup.
  // At a Poisson disaster the newest backup is, with probability 1/k, one a test read (the cycle
  // phase is uniform by PASTA), otherwise untested. If untested, the first restore attempt hits
  // a corrupt backup with probability p. If tested, it was found either good (probability 1 − p:
  // the attempt succeeds) or corrupt (p: it is skipped, and the previous backup — untested when
  // k ≥ 2 — is tried: corrupt with probability p). Hence, for k ≥ 2,
  //   P(a restore hits a corrupt backup) = (1 − 1/k)·p + (1/k)·p²,
  // and 0 when k = 1 (every backup tested). With no tests and keep-last-N retention the number of
  // corrupt attempts is the run of corrupt backups from the newest, capped at N:
  //   P(unrecoverable) = p^N,   E[corrupt attempts] = Σ_{j=1..N} p^j = p(1 − p^N)/(1 − p).
  // (A restore marks the corrupt backups it meets; a second disaster within the same backup
  // interval would see those marks. λT = 1/100 keeps that effect far below the CI width.)
  const spec = { warmup: D, duration: 400 * D };
  const corruptBase = (p: number, extra: Record<string, unknown>) =>
    base({
      backups: [{ name: 'b', kind: 'full', interval: '1h', throughputMBps: 'unlimited', destination: 'other-region', corruptProbability: p }],
      disasters: [{ name: 'disk', kind: 'disk', rate: '0.24/d', startAfter: '1h' }],
      ...extra,
    });

  it('tests every k = 3 backups: P(restore hits corrupt) = (1 − 1/k)p + p²/k', () => {
    const p = 0.2;
    const k = 3;
    const exact = 100 * ((1 - 1 / k) * p + (p * p) / k); // 14.67 %
    const input = corruptBase(p, { retention: { keepLast: 10 }, restoreTests: { interval: '3h', offset: 0 } });
    const r = replicate(drModel, input, spec, 20);
    const ci = r.ci('restores_hit_corrupt_pct');
    expectCovers(ci, exact, 2.5);
    expect(ci.ci95High).toBeLessThan(100 * p); // untested backups would give p = 20 %
    for (const m of r.runs) expect(m['corrupt_found_by_tests_count']).toBeGreaterThan(0);
  });

  it('every backup tested: a restore never hits a corrupt backup', () => {
    const r = replicate(drModel, corruptBase(0.2, { retention: { keepLast: 10 }, restoreTests: { interval: '1h', offset: 0 } }), { warmup: D, duration: 100 * D }, 3);
    for (const m of r.runs) {
      expect(m['disasters_count']).toBeGreaterThan(10);
      expect(m['corrupt_restore_count']).toBe(0);
      expect(m['restores_hit_corrupt_pct']).toBe(0);
    }
  });

  it('untested, keep last N: P(unrecoverable) = p^N and E[corrupt attempts] = p(1 − p^N)/(1 − p)', () => {
    const p = 0.5;
    const N = 3;
    const input = corruptBase(p, { retention: { keepLast: N } });
    const r = replicate(drModel, input, spec, 20);
    const unrec = r.ci('unrecoverable_pct');
    expectCovers(unrec, 100 * p ** N, 3);
    const perDisaster = r.runs.map((m) => m['corrupt_restore_count']! / m['disasters_count']!);
    const hits = summarize(perDisaster);
    const exactHits = (p * (1 - p ** N)) / (1 - p); // 0.875
    expectCovers(hits, exactHits, 0.08);
  });
});
