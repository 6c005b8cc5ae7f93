// Smoke test of the kernel benchmark (bench/): it runs end to end with tiny sizes and its output
// is well-formed. No timing assertions: rates only have to be positive and finite.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mm1Callback } from '../bench/mm1-callback.js';
import { mm1Generator } from '../bench/mm1-generator.js';
import { timeoutChainCallback } from '../bench/timeout-chain.js';
import { median, medianProcess, type CaseResult } from '../bench/measure.js';
import { buildLines, buildPairedLines, buildTargets, cliTargets, formatHuman, scalingTargets } from '../bench/report.js';
import { findSimPy } from '../bench/simpy.js';
import { topologyRequest, topologyRequestRaw } from '../bench/topology-request.js';
import { topologyState, TOPOLOGY_STATE_REPLICAS } from '../bench/topology-state.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Line {
  benchmark?: string;
  target?: string;
  pending?: number;
  fresh?: boolean;
  events_per_s?: number | null;
  customers_per_s?: number;
  ratio_vs_simpy?: number;
  peak_mb?: number;
  requests_per_s?: number;
  ratio_vs_mm1_callback?: number;
  ms_per_year?: number;
  command?: string;
  wall_ms?: number;
  bare_node_ms?: number;
  ratio_vs_bare_node?: number;
  clock?: string;
  replica_years_per_s?: number;
  pass?: boolean | null;
}

describe('bench', () => {
  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('medianProcess keeps the median process whole and the largest peak', () => {
    const r = medianProcess([
      { benchmark: 'mm1-callback', events_per_s: 10, customers_per_s: 5, peak_mb: 80, runs: [10] },
      { benchmark: 'mm1-callback', events_per_s: 30, customers_per_s: 15, peak_mb: 90, runs: [30] },
      { benchmark: 'mm1-callback', events_per_s: 20, customers_per_s: 10, peak_mb: 70, runs: [20] },
    ]);
    expect(r.customers_per_s).toBe(10);
    expect(r.events_per_s).toBe(20);
    expect(r.runs).toEqual([20]);
    expect(r.peak_mb).toBe(90);
    expect(r.processes).toEqual([5, 15, 10]);
    // ms per year: lower is better, the median is still the middle one.
    const s = medianProcess([
      { benchmark: 'topology-state', events_per_s: 1, ms_per_year: 0.5, runs: [] },
      { benchmark: 'topology-state', events_per_s: 1, ms_per_year: 0.3, runs: [] },
      { benchmark: 'topology-state', events_per_s: 1, ms_per_year: 0.4, runs: [] },
    ]);
    expect(s.ms_per_year).toBe(0.4);
  });

  it('callback and generator M/M/1 draw the same numbers and give the same mean sojourn', () => {
    const o = { customers: 3000, rho: 0.9, runs: 1, seed: 7, clock: 'cpu' as const };
    const cb = mm1Callback(o);
    const gen = mm1Generator(o);
    expect(cb.mean_sojourn).toBeGreaterThan(0);
    expect(gen.mean_sojourn).toBe(cb.mean_sojourn);
    // 2 events per customer in the callback style (arrival, departure).
    expect(cb.events_per_s / cb.customers_per_s!).toBeCloseTo(2, 9);
  });

  it('timeout chain keeps `pending` events and reports a rate', () => {
    const r = timeoutChainCallback({ pending: 50, events: 2000, runs: 3, seed: 1, clock: 'wall' });
    expect(r.pending).toBe(50);
    expect(r.runs).toHaveLength(3);
    expect(r.events_per_s).toBeGreaterThan(0);
  });

  it('paired ratios: the median of per-round ratios, not the ratio of medians', () => {
    const round = (m: number, b: number): CaseResult[] => [
      { benchmark: 'mm1-callback', events_per_s: m, customers_per_s: m / 2, runs: [] },
      { benchmark: 'bare-loop', pending: 2, events_per_s: b, runs: [] },
    ];
    const rounds = [round(10, 10), round(6, 12), round(8, 9)];
    const results = [
      { benchmark: 'mm1-callback', events_per_s: 8, customers_per_s: 4, runs: [] },
      { benchmark: 'bare-loop', pending: 2, events_per_s: 10, runs: [] },
    ];
    expect(buildLines(results)[0]!.ratio_vs_bare_loop).toBeCloseTo(0.8, 12);
    const paired = buildPairedLines(results, rounds);
    expect(paired[0]!.ratio_vs_bare_loop).toBeCloseTo(8 / 9, 12); // median of 1, 0.5, 0.889
    expect(paired[0]!.events_per_s).toBe(8); // rates stay those of the median process
    expect(buildPairedLines(results, [])[0]!.ratio_vs_bare_loop).toBeCloseTo(0.8, 12);
  });

  it('targets: ratios and PASS/MISS from given rates', () => {
    const lines = buildLines([
      { benchmark: 'timeout-chain', pending: 100, events_per_s: 2e6, peak_mb: 60, runs: [] },
      { benchmark: 'simpy-timeout-chain', pending: 100, events_per_s: 1e5, runs: [] },
      { benchmark: 'mm1-callback', events_per_s: 8e6, customers_per_s: 4e6, runs: [] },
      { benchmark: 'simpy-mm1', events_per_s: NaN, customers_per_s: 1e5, runs: [] },
      { benchmark: 'bare-loop', pending: 2, events_per_s: 1e7, runs: [] },
    ]);
    expect(lines[0]!.ratio_vs_simpy).toBe(20);
    expect(lines[2]!.ratio_vs_simpy).toBe(40);
    expect(lines[2]!.ratio_vs_bare_loop).toBe(0.8);
    const t = buildTargets(lines, [100]);
    const by = (s: string) => t.find((c) => c.target.startsWith(s))!;
    expect(by('mm1-callback customers/s').pass).toBe(false);
    expect(by('timeout-chain @100').pass).toBe(true);
    expect(by('mm1-generator').pass).toBeNull(); // not measured
    expect(by('peak RSS').value).toBe(60);
    expect(by('mm1-callback events/s ÷ bare loop').pass).toBe(true);
    expect(formatHuman(lines, t)).toMatch(/MISS/);
  });

  it('topology-request through the model and its hand-wired twin simulate the same requests', () => {
    const o = { requests: 5000, runs: 1, seed: 3, clock: 'cpu' as const };
    const model = topologyRequest(o);
    const raw = topologyRequestRaw(o);
    expect(model.benchmark).toBe('topology-request');
    expect(raw.benchmark).toBe('topology-request-raw');
    // Same streams, same topology: identical event counts per request and mean latency.
    expect(model.events_per_request).toBe(raw.events_per_request);
    expect(model.mean_latency_ms).toBe(raw.mean_latency_ms);
    // 3 events per request (arrival, web local end, db local end), up to the requests in flight at the end.
    expect(model.events_per_request).toBeGreaterThan(2.95);
    expect(model.events_per_request).toBeLessThanOrEqual(3);
    // Mean latency ≥ web + db mean service time (4.5 + 11.2 ms), plus little queueing at ρ ≈ 0.7.
    expect(model.mean_latency_ms).toBeGreaterThan(14);
    expect(model.mean_latency_ms).toBeLessThan(19);
    expect(model.requests_per_s).toBeGreaterThan(0);
  });

  it('topology-state: a year of 20 replicas failing monthly', () => {
    const r = topologyState({ years: 4, warmupYears: 0, seed: 5, clock: 'cpu' });
    // 20 replicas × 365/30 failures per year (up ≈ 99.9% of the time): 243; Poisson sd over 4 years ≈ 7.8/year.
    expect(Math.abs(r.failures_per_year! - (TOPOLOGY_STATE_REPLICAS * 365) / 30)).toBeLessThan(32);
    expect(r.ms_per_year).toBeGreaterThan(0);
    expect(r.replica_years_per_s).toBeCloseTo((TOPOLOGY_STATE_REPLICAS * 1000) / r.ms_per_year!, 6);
    expect(r.availability_pct).toBeGreaterThan(99);
    expect(r.availability_pct).toBeLessThan(100);
  });

  it('topology targets: ratio to mm1-callback and ms per year', () => {
    const lines = buildLines([
      { benchmark: 'mm1-callback', events_per_s: 8e6, customers_per_s: 4e6, runs: [] },
      { benchmark: 'topology-request', events_per_s: 3e6, requests_per_s: 1e6, runs: [] },
      { benchmark: 'topology-request-raw', events_per_s: 3e6, requests_per_s: 0.8e6, runs: [] },
      { benchmark: 'topology-state', events_per_s: 1e6, ms_per_year: 12, replica_years_per_s: 20000 / 12, runs: [] },
    ]);
    expect(lines[1]!.ratio_vs_mm1_callback).toBe(0.25);
    expect(lines[2]!.ratio_vs_mm1_callback).toBe(0.2);
    const t = buildTargets(lines, [100]);
    const by = (s: string) => t.find((c) => c.target.startsWith(s))!;
    expect(by('topology-request').value).toBe(0.25);
    expect(by('topology-request').pass).toBe(true);
    expect(by('topology-state').value).toBe(12);
    expect(by('topology-state').pass).toBe(false);
    const human = formatHuman(lines, t);
    expect(human).toMatch(/topology-request\s+3\.00 M\s+1\.00 M\s+25\.0%/);
    expect(human).toMatch(/topology-state ms per simulated year \(20 replicas\)\s+12\.000 ms\s+< 10 ms\s+MISS/);
    // Without mm1-callback the ratio is not measured.
    expect(buildTargets(buildLines([{ benchmark: 'topology-request', events_per_s: 1, requests_per_s: 1, runs: [] }]), [100]).find((c) => c.target.startsWith('topology-request'))!.pass).toBeNull();
  });

  it('cli-startup targets: each command under 300 ms of wall-clock time', () => {
    const cli = (command: string, wall: number): CaseResult => ({
      benchmark: 'cli-startup',
      command,
      events_per_s: NaN,
      wall_ms: wall,
      bare_node_ms: 60,
      ratio_vs_bare_node: wall / 60,
      runs: [wall],
    });
    const lines = buildLines([cli('hasim --version', 120), cli('hasim validate x.yaml', 450)]);
    const t = cliTargets(lines);
    expect(t.map((c) => [c.target, c.value, c.pass])).toEqual([
      ['hasim --version start-up wall time', 120, true],
      ['hasim validate x.yaml start-up wall time', 450, false],
    ]);
    expect(buildTargets(lines, [100]).slice(-2)).toEqual(t);
    const human = formatHuman(lines, t);
    expect(human).toMatch(/^hasim --version\s+120\s+60\s+2\.00×$/m);
    expect(human).toMatch(/^hasim validate x\.yaml start-up wall time\s+450 ms\s+< 300 ms\s+MISS$/m);
    // Start-up lines are not kernel cases: no kernel table when only they were measured.
    expect(human).not.toMatch(/events\/s/);
  });

  it('sweep-scaling target: worker-thread CPU ratio of 1 to 2 workers, at least 1.85×', () => {
    const line = (speedup: number | null): CaseResult => ({
      benchmark: 'sweep-scaling',
      events_per_s: NaN,
      runs: [1.9],
      sweep_runs: 40,
      wall_s_1: 10,
      wall_s_2: 5.4,
      speedup_wall: 1.85,
      speedup_cpu: speedup,
      cores_used_1: 1,
      cores_used_2: 1.9,
      worker_cpu_s_1: [9.5],
      worker_cpu_s_2: [4.9, 4.8],
      load_avg: 0.5,
    } as CaseResult);
    const lines = buildLines([line(1.94)]);
    const [t] = scalingTargets(lines);
    expect([t!.value, t!.pass]).toEqual([1.94, true]);
    expect(scalingTargets(buildLines([line(1.5)]))[0]!.pass).toBe(false);
    expect(scalingTargets(buildLines([line(null)]))[0]!.pass).toBeNull();
    const human = formatHuman(lines, [t!]);
    expect(human).toMatch(/^40 runs\s+10\.00\s+5\.40\s+1\.85×\s+1\.00 \/ 1\.90\s+9\.50 \/ 4\.90\+4\.80\s+1\.94×\s+0\.5$/m);
    expect(human).not.toMatch(/events\/s/);
  });

  it('`run.js --quick --json` prints one well-formed object per line', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'bench', 'run.js'), '--quick', '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    const cases = lines.filter((l) => l.benchmark !== undefined);
    const names = new Set(cases.map((l) => l.benchmark));
    for (const n of ['timeout-chain', 'timeout-chain-generator', 'mm1-callback', 'mm1-raw', 'mm1-generator', 'bare-loop', 'topology-request', 'topology-request-raw', 'topology-state', 'rare-event']) {
      expect(names).toContain(n);
    }
    for (const l of cases.filter((c) => !c.benchmark!.startsWith('simpy') && c.benchmark !== 'cli-startup' && c.benchmark !== 'sweep-scaling')) {
      expect(l.events_per_s).toBeGreaterThan(0);
      expect(l.peak_mb).toBeGreaterThan(0);
    }
    expect(cases.filter((l) => l.benchmark === 'timeout-chain').map((l) => l.pending)).toEqual([10, 1000]);
    // The M/M/1's bare loop (pending 2) is rebuilt for every run, as the M/M/1 is; the timeout
    // chain's bare loops are not (see bench/bare-loop.ts).
    const bare = cases.filter((l) => l.benchmark === 'bare-loop');
    expect(bare.map((l) => [l.pending, l.fresh])).toEqual([[2, true], [10, false], [1000, false]]);
    for (const l of cases.filter((c) => c.benchmark!.startsWith('mm1'))) expect(l.customers_per_s).toBeGreaterThan(0);
    const topo = cases.find((l) => l.benchmark === 'topology-request')!;
    expect(topo.requests_per_s).toBeGreaterThan(0);
    expect(topo.ratio_vs_mm1_callback).toBeGreaterThan(0);
    const state = cases.find((l) => l.benchmark === 'topology-state')!;
    expect(state.ms_per_year).toBeGreaterThan(0);
    expect(state.replica_years_per_s).toBeGreaterThan(0);
    // CLI start-up: the three commands, wall clock, against bare node.
    const startup = cases.filter((l) => l.benchmark === 'cli-startup');
    expect(startup.map((l) => l.command)).toEqual(['hasim --version', 'hasim --help', 'hasim validate experiments/flagship.yaml']);
    for (const l of startup) {
      expect(l.clock).toBe('wall');
      expect(l.wall_ms).toBeGreaterThan(0);
      expect(l.bare_node_ms).toBeGreaterThan(0);
      expect(l.ratio_vs_bare_node).toBeGreaterThan(0);
    }
    // sweep-scaling: the 40-run sweep on 1 and 2 workers, both timed.
    const scaling = cases.find((l) => l.benchmark === 'sweep-scaling') as Line & { sweep_runs?: number; wall_s_1?: number; wall_s_2?: number; speedup_wall?: number };
    expect(scaling.sweep_runs).toBe(40);
    expect(scaling.wall_s_1).toBeGreaterThan(0);
    expect(scaling.wall_s_2).toBeGreaterThan(0);
    expect(scaling.speedup_wall).toBeGreaterThan(0);
    const targets = lines.filter((l) => l.target !== undefined);
    // 2 M/M/1 ratios to SimPy, the chain at each of the 2 quick sizes, peak memory, M/M/1 ÷ bare loop, 2 topology, 2 rare-event, 3 start-up, sweep scaling.
    expect(targets.map((t) => t.target)).toHaveLength(14);
    const rare = cases.find((l) => l.benchmark === 'rare-event') as Line & { unavailability?: number; is_mean?: number; deep_is_seconds_to_10pct?: number };
    expect(rare.unavailability).toBeGreaterThan(0);
    expect(rare.is_mean).toBeGreaterThan(0);
    expect(rare.deep_is_seconds_to_10pct).toBeGreaterThan(0);
    for (const name of ['topology-request requests/s', 'topology-state ms per simulated year', 'rare-event: IS CPU time', 'hasim --version start-up', 'hasim --help start-up', 'hasim validate']) {
      expect(targets.find((t) => t.target!.startsWith(name))!.pass).not.toBeNull();
    }
    if (findSimPy().python !== null) {
      expect(names).toContain('simpy-mm1');
      expect(names).toContain('simpy-timeout-chain');
      expect(cases.find((l) => l.benchmark === 'mm1-callback')!.ratio_vs_simpy).toBeGreaterThan(0);
      expect(targets.every((t) => t.pass !== null)).toBe(true);
    } else {
      expect(names).not.toContain('simpy-mm1');
      expect(r.stderr).toMatch(/SimPy lines skipped/);
    }
  });
});
