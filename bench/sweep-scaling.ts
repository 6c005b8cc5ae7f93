// sweep-scaling: how much faster a sweep runs on 2 workers than on 1. A sweep of 40 M/M/c runs
// of uneven length (arrival rates 16× apart: the long runs, when started last, keep one worker
// busy alone at the end; half a second of CPU per run on average, about 20 s in all) is run with `--workers 1` and `--workers 2` as `hasim run` runs it:
// every run in a worker thread, the workers' start-up (loading the models) included, each run
// appended to the partial results and the result published. Each timing is a fresh process;
// rounds alternate which goes first, and the figure is the median of the per-round ratios
// (wall-clock time: parallelism is what is measured, so CPU time would hide it). Process CPU
// time over wall time shows how many cores a run actually had; on a machine shared with other
// work the 2-worker run gets less than two, and the wall-clock ratio falls with it. So the
// worker threads' own CPU time is read as well (Linux: /proc/self/task/<tid>/stat, sampled while
// the sweep runs): the 1-worker thread's CPU time ÷ the busiest of the 2 workers' is the speedup
// the schedule gives on two cores of its own (start-up and imbalance included, competition from
// other processes not). Target: ≥ 1.85×, on that figure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type CaseResult } from './measure.js';

/** Target: wall-clock time with 1 worker ÷ with 2 workers, at least this. */
export const SWEEP_SCALING_TARGET = 1.85;

/** The sweep: 5 arrival rates × `replications` runs; `hours` of simulated time each. */
export function sweepFile(replications: number, hours: number): string {
  return `name: sweep-scaling
model: mmc
seed: 3
replications: ${replications}
duration: ${hours}h
params:
  servers: 24
  serviceTime: { dist: exponential, mean: 1s }
sweep:
  arrivalRate: [1, 2, 4, 8, 16]
`;
}

/** CPU seconds of each thread of this process (Linux), by thread id; empty elsewhere. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync('/proc/self/task')) return out;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** USER_HZ of /proc's CPU times (100 on every Linux configuration Node supports). */
const CLOCK_TICKS = 100;

interface Timing {
  readonly wall_s: number;
  readonly cpu_s: number;
  readonly runs: number;
  /** CPU seconds of each worker thread (the threads started by the run, busiest first). */
  readonly worker_cpu_s: readonly number[];
}

/** One timing in this process: the sweep in `file` on `workers` workers, into `out`. */
export async function timeSweep(file: string, workers: number, out: string): Promise<Timing> {
  const [{ models }, { loadExperiment }, { runExperiment }, { resultDirSink }] = await Promise.all([
    import('../models/index.js'),
    import('../src/experiment/spec.js'),
    import('../src/experiment/runner.js'),
    import('../src/output/result-dir-sink.js'),
  ]);
  const modelModules = [new URL('../models/index.js', import.meta.url).href];
  const exp = loadExperiment(file, models);
  const before = new Set(threadCpu().keys());
  const seen = new Map<string, number>();
  const sample = (): void => {
    for (const [tid, s] of threadCpu()) if (!before.has(tid)) seen.set(tid, s);
  };
  const timer = setInterval(sample, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let outcome;
  try {
    // The last record comes while every worker thread is still alive: its last sample.
    outcome = await runExperiment(exp, resultDirSink({ out, force: true }), { workers, isolate: true, modelModules, onProgress: (p) => p.done === p.total && sample() });
  } finally {
    clearInterval(timer);
  }
  const wall_s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const worker_cpu_s = [...seen.values()].sort((a, b) => b - a).slice(0, workers);
  return { wall_s, cpu_s: (cpu.user + cpu.system) / 1e6, runs: outcome.total, worker_cpu_s };
}

export interface SweepScalingResult extends CaseResult {
  readonly runs: readonly number[];
  readonly sweep_runs: number;
  readonly wall_s_1: number;
  readonly wall_s_2: number;
  /** Median over rounds of wall(1 worker) ÷ wall(2 workers). */
  readonly speedup_wall: number;
  /**
   * Median over rounds of the 1-worker thread's CPU time ÷ the busiest 2-worker thread's: the
   * speedup on two cores of its own (null where threads' CPU times cannot be read).
   */
  readonly speedup_cpu: number | null;
  /** Process CPU seconds ÷ wall seconds of the median rounds: the cores each run had. */
  readonly cores_used_1: number;
  readonly cores_used_2: number;
  /** CPU seconds of the worker threads in the median rounds. */
  readonly worker_cpu_s_1: readonly number[];
  readonly worker_cpu_s_2: readonly number[];
  /** The machine's 1-minute load average when the case ended (other work competing for the cores). */
  readonly load_avg: number;
}

/** Times the sweep with 1 and 2 workers, `rounds` times each, every timing in a fresh process. */
export function sweepScaling(rounds: number, quick: boolean): SweepScalingResult {
  const here = fileURLToPath(import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'hasim-sweep-scaling-'));
  try {
    const file = join(dir, 'sweep-scaling.yaml');
    writeFileSync(file, quick ? sweepFile(8, 1) : sweepFile(8, 80));
    const one = (workers: number) => {
      const r = spawnSync(process.execPath, [here, '--workers', String(workers), '--file', file, '--out', join(dir, `out-${workers}`)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`bench sweep-scaling --workers ${workers} failed: ${r.stderr || r.error?.message || ''}`);
      return JSON.parse(r.stdout) as Timing;
    };
    const w1: Timing[] = [];
    const w2: typeof w1 = [];
    for (let k = 0; k < rounds; k++) {
      if (k % 2 === 0) {
        w1.push(one(1));
        w2.push(one(2));
      } else {
        w2.push(one(2));
        w1.push(one(1));
      }
    }
    const ratios = w1.map((a, k) => a.wall_s / (w2[k]?.wall_s ?? NaN));
    const cpuRatios = w1.map((a, k) => (a.worker_cpu_s[0] ?? NaN) / (w2[k]?.worker_cpu_s[0] ?? NaN));
    const mid = (xs: typeof w1) => [...xs].sort((a, b) => a.wall_s - b.wall_s)[Math.floor(xs.length / 2)]!;
    const m1 = mid(w1);
    const m2 = mid(w2);
    return {
      benchmark: 'sweep-scaling',
      events_per_s: NaN,
      runs: ratios,
      sweep_runs: m1.runs,
      wall_s_1: m1.wall_s,
      wall_s_2: m2.wall_s,
      speedup_wall: median(ratios),
      speedup_cpu: cpuRatios.every(Number.isFinite) ? median(cpuRatios) : null,
      worker_cpu_s_1: m1.worker_cpu_s,
      worker_cpu_s_2: m2.worker_cpu_s,
      cores_used_1: m1.cpu_s / m1.wall_s,
      cores_used_2: m2.cpu_s / m2.wall_s,
      load_avg: loadavg()[0] ?? NaN,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// A child process of sweepScaling: one timing, printed as JSON.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = arg('--file');
  const out = arg('--out');
  if (file === undefined || out === undefined) throw new Error('usage: sweep-scaling.js --workers N --file F --out DIR');
  const r = await timeSweep(file, Number(arg('--workers') ?? 1), out);
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
