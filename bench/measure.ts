// Shared helpers of the kernel benchmark: medians, a wall clock, peak memory, random draws.
// (Bench code only: the product never reads the wall clock.)
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { RandomStreams } from '../src/random/streams.js';
import type { Rng } from '../src/random/rng.js';
import { makeSampler } from '../src/random/distributions/sampler.js';

/** What one benchmark case measured: rates of each run, and their median. */
export interface CaseResult {
  readonly benchmark: string;
  /** Pending events held in the queue (timeout chain, bare loop). */
  readonly pending?: number;
  /** Bare loop: a fresh queue and loop for every run (the M/M/1's limit), else one for all runs. */
  readonly fresh?: boolean;
  /** Median events per second over the runs. */
  readonly events_per_s: number;
  /** Median customers per second (M/M/1). */
  readonly customers_per_s?: number;
  /** Peak resident set size of the process that ran the case, in MB. */
  readonly peak_mb?: number;
  /** Mean time in system over all customers of the last run (M/M/1; analytic 1/(mu - lambda)). */
  readonly mean_sojourn?: number;
  /** Median simulated requests per second (topology-request). */
  readonly requests_per_s?: number;
  /** Kernel events per simulated request (topology-request, last run). */
  readonly events_per_request?: number;
  /** Mean request latency of the last run, ms (topology-request; a sanity check of the load). */
  readonly mean_latency_ms?: number;
  /** Median milliseconds per simulated year, parse + build + run + metrics (topology-state). */
  readonly ms_per_year?: number;
  /** Mean milliseconds per simulated year, GC pauses included (topology-state). */
  readonly ms_per_year_mean?: number;
  /** Median milliseconds of parse + build alone (topology-state). */
  readonly build_ms?: number;
  /** Replicas × simulated years per second of the median run (topology-state). */
  readonly replica_years_per_s?: number;
  /** Mean kernel events per simulated year (topology-state). */
  readonly events_per_year?: number;
  /** Mean replica failures per simulated year (topology-state). */
  readonly failures_per_year?: number;
  /** Mean time availability of the system over the measured years, % (topology-state; a sanity check). */
  readonly availability_pct?: number;
  /** rare-event: the exact unavailability of the ~1e-6 design, and each method's mean estimate. */
  readonly unavailability?: number;
  readonly is_mean?: number;
  readonly plain_mean?: number;
  /** rare-event: work-normalised variance ratio, (variance × CPU s per run) of plain ÷ of importance sampling. */
  readonly speedup?: number;
  /** rare-event: CPU seconds each method needs for a 95% relative half-width of 10% (~1e-6 design). */
  readonly is_seconds_to_10pct?: number;
  readonly plain_seconds_to_10pct?: number;
  /** rare-event: the ~1e-10 design's exact unavailability, IS mean, and IS CPU seconds to 10%. */
  readonly deep_unavailability?: number;
  readonly deep_is_mean?: number;
  readonly deep_is_seconds_to_10pct?: number;
  /** cli-startup: the command line timed (`hasim --version`, ...). */
  readonly command?: string;
  /** cli-startup: median wall-clock ms of the command, a fresh process each time. */
  readonly wall_ms?: number;
  /** cli-startup: median wall-clock ms of a bare `node -e 0` in the same rounds. */
  readonly bare_node_ms?: number;
  /** cli-startup: median over rounds of the command's ms ÷ the bare node's ms. */
  readonly ratio_vs_bare_node?: number;
  /** Events/s of every measured run, in order (cli-startup: wall ms of every process). */
  readonly runs: readonly number[];
  /** With several processes per case: each process's headline figure (the one the median process was chosen by). */
  readonly processes?: readonly number[];
}

/**
 * The measurement of one case in several fresh processes, reduced to its median process (by the
 * case's headline rate), so that all its figures come from one consistent process. `processes`
 * lists the headline rate of every process; `peak_mb` is the largest of them.
 */
export function medianProcess(results: readonly CaseResult[]): CaseResult {
  if (results.length === 0) throw new Error('medianProcess: no result');
  const rate = (r: CaseResult) => r.customers_per_s ?? r.requests_per_s ?? (r.ms_per_year !== undefined ? -r.ms_per_year : r.events_per_s);
  const sorted = [...results].sort((a, b) => rate(a) - rate(b));
  const mid = sorted[(sorted.length - 1) >> 1]!;
  const peaks = results.map((r) => r.peak_mb).filter((x): x is number => x !== undefined);
  return {
    ...mid,
    ...(peaks.length > 0 ? { peak_mb: Math.max(...peaks) } : {}),
    processes: results.map((r) => (r.ms_per_year !== undefined ? r.ms_per_year : rate(r))),
  };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * What a run's duration is measured with: 'cpu' = CPU time of this process (user + system, all
 * threads, so V8's background GC work counts against us), robust when other jobs share the
 * machine; 'wall' = elapsed real time, right on an otherwise idle machine.
 */
export type ClockKind = 'cpu' | 'wall';

/** Starts a stopwatch; the returned function gives the seconds elapsed since. */
export function stopwatch(kind: ClockKind): () => number {
  if (kind === 'wall') {
    const t0 = process.hrtime.bigint();
    return () => Number(process.hrtime.bigint() - t0) / 1e9;
  }
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The bench's uniform generator: hasim's own stream generator (seedrandom tychei, 53 bits). */
export function benchRng(seed: number, name: string): Rng {
  return new RandomStreams(seed).stream(name);
}

/**
 * Exponential draws at `rate` from `rng`, with hasim's exponential distribution, as a model
 * gets them from `makeSampler` (SimPy's scripts likewise call Python's `expovariate`).
 */
export function benchExp(rng: Rng, rate: number): () => number {
  return makeSampler({ dist: 'exponential', rate }, rng);
}

/**
 * Every measured child process (ours and SimPy's) runs pinned to the same CPU with `taskset`
 * when it is available: on this kind of shared 2-vCPU machine the two CPUs were seen to differ in
 * speed by up to 1.5×, which otherwise decides ratios more than the code does. HASIM_BENCH_CPU
 * selects the CPU ('none' disables pinning); the default is the last CPU.
 */
export function pinnedCommand(cmd: string, args: readonly string[]): { cmd: string; args: string[]; cpu: string | undefined } {
  const cpu = pinCpu();
  return cpu === undefined ? { cmd, args: [...args], cpu } : { cmd: 'taskset', args: ['-c', cpu, cmd, ...args], cpu };
}

let pinChecked: { cpu: string | undefined } | undefined;

export function pinCpu(): string | undefined {
  if (pinChecked !== undefined) return pinChecked.cpu;
  const wanted = process.env['HASIM_BENCH_CPU'] ?? String(Math.max(0, availableParallelism() - 1));
  let cpu: string | undefined;
  if (wanted !== 'none' && spawnSync('taskset', ['-c', wanted, 'true'], { stdio: 'ignore' }).status === 0) cpu = wanted;
  pinChecked = { cpu };
  return cpu;
}
