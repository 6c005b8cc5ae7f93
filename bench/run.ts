// hasim's kernel benchmark: `npx tsc -p . && npm run bench [-- --json] [-- --quick] [-- --no-simpy]`.
// Each JavaScript case runs in a fresh Node process (so that cases do not share JIT feedback
// and so that its peak RSS is its own); SimPy's reference scripts run under python3.
// mm1-raw runs the callback M/M/1's model code on a minimal loop without the Simulation's guards
// (bench/raw-loop.ts): what the kernel costs over hand-written code.
// Model-level cases follow the kernel cases: topology-request (simulated requests/s
// through the real `topology` model, target ≥ 25% of mm1-callback customers/s), its hand-wired
// twin topology-request-raw, and topology-state (ms per simulated year of a 20-replica topology,
// target < 10 ms; replica-years/s).
// sweep-scaling (bench/sweep-scaling.ts) times a 40-run sweep on 1 and 2 worker threads (target
// ≥ 1.85×); --scaling-only runs it alone.
// cli-startup (bench/cli-startup.ts) times `hasim --version`, `--help` and `validate` of a shipped
// file, wall clock, against a bare `node -e 0` (target < 0.3 s each); --cli-only runs it alone.
// Rates are each case's median process; a ratio is the median of its per-round ratios (cases
// compared by a ratio run next to each other in every round: a paired comparison).
// Options: --json (one JSON object per line), --quick (tiny sizes, for the smoke test),
// --no-simpy, --cli-only, --only topology (mm1-callback, topology-request and topology-request-raw
// alone: the topology target's ratio in about a minute), --spawns N, --runs N, --procs N (fresh processes per case, default 3: V8 settles into a fast or
// a slow state per process, 10-30% apart, so one process per case decides ratios by luck), --clock cpu|wall (default cpu: rates per second of CPU time used, which
// other jobs on a shared machine disturb far less than wall-clock time). Internal: --case NAME (run one case in this process, print JSON).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { medianProcess, pinCpu, pinnedCommand, type CaseResult, type ClockKind } from './measure.js';
import { timeoutChainCallback, timeoutChainGenerator } from './timeout-chain.js';
import { bareLoop } from './bare-loop.js';
import { mm1Callback } from './mm1-callback.js';
import { mm1Generator } from './mm1-generator.js';
import { findSimPy, simpyMM1, simpyTimeoutChain } from './simpy.js';
import { topologyRequest, topologyRequestRaw } from './topology-request.js';
import { topologyState } from './topology-state.js';
import { cliStartup } from './cli-startup.js';
import { rareEvent } from './rare-event.js';
import { sweepScaling } from './sweep-scaling.js';
import { buildPairedLines, buildTargets, CLI_CASES, cliTargets, formatHuman, formatJson, MM1_BARE_PENDING, scalingTargets } from './report.js';

interface Plan {
  readonly pendings: readonly number[];
  /** Events per measured run of the timeout chain and the bare loop. */
  readonly events: number;
  readonly generatorEvents: number;
  readonly customers: number;
  readonly rho: number;
  readonly runs: number;
  readonly simpyRuns: number;
  /** Events per SimPy timeout-chain run, by pending size (SimPy is slow to fill 10^6 processes). */
  readonly simpyEvents: (pending: number) => number;
  readonly seed: number;
  /** Simulated requests per measured run of topology-request(-raw). */
  readonly topologyRequests: number;
  /** Measured and warm-up runs (simulated years) of topology-state. */
  readonly topologyYears: number;
  readonly topologyWarmupYears: number;
  /** rare-event: importance-sampling runs × cycles, plain runs × years. */
  readonly rareRuns: number;
  readonly rareCycles: number;
  readonly rarePlainRuns: number;
  readonly rarePlainYears: number;
  /** Fresh processes per case (rounds); a case's figure is that of its median process. */
  readonly procs: number;
  /** Processes per command of cli-startup (and as many bare nodes). */
  readonly spawns: number;
}

const FULL: Plan = {
  pendings: [100, 10_000, 1_000_000],
  events: 2_000_000,
  generatorEvents: 1_000_000,
  customers: 200_000,
  rho: 0.9,
  runs: 5,
  simpyRuns: 5,
  simpyEvents: (p) => (p >= 1_000_000 ? 200_000 : 300_000),
  seed: 1,
  topologyRequests: 1_000_000,
  topologyYears: 300,
  topologyWarmupYears: 200,
  rareRuns: 20,
  rareCycles: 10_000,
  rarePlainRuns: 40,
  rarePlainYears: 2000,
  procs: 3,
  spawns: 11,
};

const QUICK: Plan = {
  pendings: [10, 1000],
  events: 5000,
  generatorEvents: 5000,
  customers: 2000,
  rho: 0.9,
  runs: 3,
  simpyRuns: 1,
  simpyEvents: () => 2000,
  seed: 1,
  topologyRequests: 3000,
  topologyYears: 3,
  topologyWarmupYears: 1,
  rareRuns: 3,
  rareCycles: 200,
  rarePlainRuns: 3,
  rarePlainYears: 20,
  procs: 1,
  spawns: 1,
};

const DISPLAY_ORDER: readonly string[] = [
  'timeout-chain',
  'timeout-chain-generator',
  'mm1-callback',
  'mm1-raw',
  'mm1-generator',
  'bare-loop',
  'simpy-mm1',
  'simpy-timeout-chain',
  'topology-request',
  'topology-request-raw',
  'topology-state',
  'rare-event',
  'cli-startup',
];

function arg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function num(argv: readonly string[], name: string, dflt: number): number {
  const s = arg(argv, name);
  if (s === undefined) return dflt;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new Error(`bench: ${name} must be a number, got "${s}"`);
  return v;
}

function clockArg(argv: readonly string[]): ClockKind {
  const c = arg(argv, '--clock') ?? 'cpu';
  if (c !== 'cpu' && c !== 'wall') throw new Error(`bench: --clock must be cpu or wall, got "${c}"`);
  return c;
}

/** Runs one case in this process. */
export function runCase(name: string, argv: readonly string[]): CaseResult {
  const pending = num(argv, '--pending', 100);
  const events = num(argv, '--events', 100_000);
  const runs = num(argv, '--runs', 5);
  const seed = num(argv, '--seed', 1);
  const customers = num(argv, '--customers', 10_000);
  const rho = num(argv, '--rho', 0.9);
  const requests = num(argv, '--requests', 100_000);
  const years = num(argv, '--years', 100);
  const warmupYears = num(argv, '--warmup-years', 50);
  const clock = clockArg(argv);
  switch (name) {
    case 'timeout-chain':
      return timeoutChainCallback({ pending, events, runs, seed, clock });
    case 'timeout-chain-generator':
      return timeoutChainGenerator({ pending, events, runs, seed, clock });
    case 'bare-loop':
      return bareLoop({ pending, events, runs, seed, clock, fresh: argv.includes('--fresh') });
    case 'mm1-callback':
      return mm1Callback({ customers, rho, runs, seed, clock });
    case 'mm1-raw':
      return mm1Callback({ customers, rho, runs, seed, clock }, 'raw');
    case 'mm1-generator':
      return mm1Generator({ customers, rho, runs, seed, clock });
    case 'topology-request':
      return topologyRequest({ requests, runs, seed, clock });
    case 'topology-request-raw':
      return topologyRequestRaw({ requests, runs, seed, clock });
    case 'topology-state':
      return topologyState({ years, warmupYears, seed, clock });
    case 'rare-event':
      return rareEvent({
        runs: num(argv, '--rare-runs', 20),
        cycles: num(argv, '--rare-cycles', 10_000),
        plainRuns: num(argv, '--rare-plain-runs', 40),
        plainYears: num(argv, '--rare-plain-years', 2000),
        seed,
        clock,
      });
    default:
      throw new Error(`bench: unknown case "${name}"`);
  }
}

function runChild(name: string, args: readonly string[]): CaseResult {
  const self = fileURLToPath(import.meta.url);
  const pinned = pinnedCommand(process.execPath, [self, '--case', name, ...args]);
  const r = spawnSync(pinned.cmd, pinned.args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench case ${name} ${args.join(' ')} failed: ${r.stderr || r.error?.message || ''}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as CaseResult;
}

function main(argv: readonly string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const caseName = arg(argv, '--case');
  if (caseName !== undefined) {
    process.stdout.write(`${JSON.stringify(runCase(caseName, argv))}\n`);
    return;
  }
  const json = argv.includes('--json');
  const base = argv.includes('--quick') ? QUICK : FULL;
  const plan: Plan = { ...base, runs: num(argv, '--runs', base.runs), procs: num(argv, '--procs', base.procs), spawns: num(argv, '--spawns', base.spawns) };
  if (!(Number.isInteger(plan.procs) && plan.procs >= 1)) throw new Error(`bench: --procs must be an integer >= 1, got ${plan.procs}`);
  if (!(Number.isInteger(plan.spawns) && plan.spawns >= 1)) throw new Error(`bench: --spawns must be an integer >= 1, got ${plan.spawns}`);
  const cliOnly = argv.includes('--cli-only');
  const only = arg(argv, '--only');
  if (only !== undefined && only !== 'topology') throw new Error(`bench: --only must be topology, got "${only}"`);
  const topologyOnly = only === 'topology';
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const started = Date.now();
  const clock = clockArg(argv);
  const common = ['--runs', String(plan.runs), '--seed', String(plan.seed), '--clock', clock];

  // Every case, as a job that measures it once in a fresh process. Cases compared by a ratio are
  // next to each other, so that they run close in time: this shared machine's speed drifts by up
  // to 2× over minutes (measured), far more than between neighbouring jobs.
  const jobs: { what: string; run: () => CaseResult }[] = [];
  const add = (what: string, run: () => CaseResult) => jobs.push({ what, run });
  const simpy =
    argv.includes('--no-simpy') || cliOnly || topologyOnly
      ? { python: null, reason: cliOnly ? '--cli-only given' : topologyOnly ? '--only given' : '--no-simpy given' }
      : findSimPy();
  if (simpy.python === null && !cliOnly && !topologyOnly) log(`note: SimPy lines skipped: ${simpy.reason}`);
  const py = simpy.python;
  const mm1Args = ['--customers', String(plan.customers), '--rho', String(plan.rho), ...common];
  const topoArgs = ['--requests', String(plan.topologyRequests), ...common];
  add(`bare-loop ${MM1_BARE_PENDING}`, () =>
    runChild('bare-loop', ['--pending', String(MM1_BARE_PENDING), '--fresh', '--events', String(plan.events), ...common]),
  );
  add('mm1-callback', () => runChild('mm1-callback', mm1Args));
  add('topology-request', () => runChild('topology-request', topoArgs));
  if (py !== null) add('simpy-mm1', () => simpyMM1(py, plan.customers, plan.rho, plan.simpyRuns, plan.seed, clock));
  add('mm1-raw', () => runChild('mm1-raw', mm1Args));
  add('mm1-generator', () => runChild('mm1-generator', mm1Args));
  for (const p of plan.pendings) {
    add(`timeout-chain ${p}`, () => runChild('timeout-chain', ['--pending', String(p), '--events', String(plan.events), ...common]));
    add(`bare-loop ${p}`, () => runChild('bare-loop', ['--pending', String(p), '--events', String(plan.events), ...common]));
    if (py !== null) add(`simpy-timeout-chain ${p}`, () => simpyTimeoutChain(py, p, plan.simpyEvents(p), plan.simpyRuns, plan.seed, clock));
    add(`timeout-chain-generator ${p}`, () => runChild('timeout-chain-generator', ['--pending', String(p), '--events', String(plan.generatorEvents), ...common]));
  }
  add('topology-request-raw', () => runChild('topology-request-raw', topoArgs));
  add('topology-state', () =>
    runChild('topology-state', ['--years', String(plan.topologyYears), '--warmup-years', String(plan.topologyWarmupYears), ...common]),
  );
  add('rare-event', () =>
    runChild('rare-event', [
      '--rare-runs', String(plan.rareRuns),
      '--rare-cycles', String(plan.rareCycles),
      '--rare-plain-runs', String(plan.rarePlainRuns),
      '--rare-plain-years', String(plan.rarePlainYears),
      ...common,
    ]),
  );

  // Rounds: each round measures every case once, in a fresh process, so that a slow spell of the
  // machine touches all cases of a round alike; a case's figure is its median process.
  if (cliOnly || argv.includes('--scaling-only')) jobs.length = 0;
  if (topologyOnly) {
    // Kept in the order added: the M/M/1 next to topology-request, then the raw twin.
    const keep = ['mm1-callback', 'topology-request', 'topology-request-raw'];
    const kept = jobs.filter((j) => keep.includes(j.what));
    jobs.length = 0;
    jobs.push(...kept);
  }
  const measured: CaseResult[][] = jobs.map(() => []);
  for (let round = 1; round <= plan.procs; round++) {
    jobs.forEach((job, i) => {
      if (!json) log(`  [${round}/${plan.procs}] ${job.what} ...`);
      measured[i]!.push(job.run());
    });
  }
  // Shown in a fixed order (not the order measured).
  const rank = (r: CaseResult) => DISPLAY_ORDER.indexOf(r.benchmark) * 1e9 + (r.pending ?? 0);
  const order = measured.map((_, i) => i).sort((a, b) => rank(measured[a]![0]!) - rank(measured[b]![0]!));
  const results = order.map((i) => medianProcess(measured[i]!));
  const rounds = Array.from({ length: plan.procs }, (_, k) => order.map((i) => measured[i]![k]!));

  // CLI start-up interleaves its own spawns (bench/cli-startup.ts): its lines come last.
  const scalingOnly = argv.includes('--scaling-only');
  if (!json && !scalingOnly && !topologyOnly) log(`  cli-startup: ${plan.spawns} × (bare node, --version, --help, validate) ...`);
  const startup = scalingOnly || topologyOnly ? [] : cliStartup(plan.spawns);
  // sweep-scaling times whole sweeps on 1 and 2 workers in fresh processes, its rounds interleaved.
  if (!json && !cliOnly && !topologyOnly) log(`  sweep-scaling: ${plan.procs} × (1 worker, 2 workers) ...`);
  const scaling = cliOnly || topologyOnly ? [] : [sweepScaling(plan.procs, argv.includes('--quick'))];
  const lines = scalingOnly ? scaling : [...buildPairedLines(results, rounds), ...startup, ...scaling];
  const targets = cliOnly
    ? cliTargets(lines)
    : scalingOnly
      ? scalingTargets(lines)
      : topologyOnly
        ? buildTargets(lines, plan.pendings).filter((t) => t.target.startsWith('topology-request'))
        : buildTargets(lines, plan.pendings);
  const elapsed = (Date.now() - started) / 1000;
  if (json) {
    process.stdout.write(`${formatJson(lines.map((l) => ({ ...l, clock: CLI_CASES.includes(l.benchmark) ? 'wall' : clock })), targets)}\n`);
  } else {
    const pinned = pinCpu() === undefined ? 'not pinned' : `every process pinned to CPU ${pinCpu()}`;
    const heading = scalingOnly
      ? `hasim sweep scaling (Node ${process.version}; a 40-run sweep on 1 and 2 worker threads, ${plan.procs} interleaved rounds, fresh processes)`
      : cliOnly
      ? `hasim CLI start-up (Node ${process.version}; wall-clock time, median of ${plan.spawns} processes per command; ${pinned})`
      : `hasim kernel benchmark (Node ${process.version}; ${clock === 'cpu' ? 'CPU' : 'wall-clock'} time; median process of ${plan.procs} (interleaved rounds), ` +
        `each the median of ${plan.runs} runs, SimPy ${plan.simpyRuns}; M/M/1 rho=${plan.rho}, ${plan.customers} customers; ` +
        `${topologyOnly ? '' : `CLI start-up: wall-clock median of ${plan.spawns} processes; `}${pinned})`;
    process.stdout.write(`${heading}\n\n${formatHuman(lines, targets)}\n\n(total ${elapsed.toFixed(0)} s)\n`);
  }
}

const USAGE = `usage: npm run bench [-- options]

Times the kernel and the models on CPU time, in fresh processes, and the CLI's start-up on wall
time; prints ratios against the targets (PASS / MISS) and against SimPy where python3-simpy3 is
installed. Run \`npx tsc -p .\` first: it times the built dist/.

  --json          one JSON object per line instead of tables
  --quick         tiny sizes (the smoke test's), seconds instead of minutes
  --no-simpy      skip the SimPy reference cases
  --cli-only      only the CLI start-up case (hasim --version, --help, validate vs bare node)
  --scaling-only  only the sweep-scaling case (a 40-run sweep on 1 and 2 workers)
  --only topology only mm1-callback, topology-request and topology-request-raw, in fresh
                  processes as in the full run: the topology target's ratio in about a minute
  --spawns N      processes per command of the CLI start-up case (default 11)
  --runs N        runs per process (default 5)
  --procs N       fresh processes per case (default 3)
  --clock cpu|wall  rates per second of CPU time (default) or of wall-clock time
  --help          this text
`;

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
