// Turns the measured cases into output lines (with ratios), the target checks, a table and JSON.
import { CLI_STARTUP_MS_TARGET } from './cli-startup.js';
import { median, type CaseResult } from './measure.js';
import { SWEEP_SCALING_TARGET, type SweepScalingResult } from './sweep-scaling.js';

/** One output line: a case with its ratios to SimPy and to the bare loop where they apply. */
export interface ReportLine extends CaseResult {
  readonly ratio_vs_simpy?: number;
  readonly ratio_vs_bare_loop?: number;
  /** topology-request(-raw): requests/s ÷ mm1-callback customers/s of the same bench run. */
  readonly ratio_vs_mm1_callback?: number;
}

export interface TargetCheck {
  readonly target: string;
  /** The measured value, or null when a side of the ratio was not measured. */
  readonly value: number | null;
  readonly threshold: number;
  readonly comparison: '>=' | '<';
  readonly unit: string;
  /** null when not measured (e.g. SimPy missing). */
  readonly pass: boolean | null;
}

function find(results: readonly CaseResult[], benchmark: string, pending?: number): CaseResult | undefined {
  return results.find((r) => r.benchmark === benchmark && (pending === undefined || r.pending === pending));
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined;
}

/** The pending size of the bare loop that is the limit of the M/M/1 (≈ 2 events pending). */
export const MM1_BARE_PENDING = 2;

/** Model-level cases, shown in their own table. */
export const MODEL_CASES: readonly string[] = ['topology-request', 'topology-request-raw', 'topology-state'];

/** Rare-event estimation (importance sampling vs plain), shown in its own table. */
export const RARE_CASES: readonly string[] = ['rare-event'];
/** Target of rare-event: CPU seconds for importance sampling to reach a 10% relative half-width at ~1e-10. */
export const RARE_EVENT_SECONDS_TARGET = 60;

/** Start-up cases, shown in their own table. */
export const CLI_CASES: readonly string[] = ['cli-startup'];

/** Target of topology-request: at least this fraction of the kernel's callback M/M/1 customers/s. */
export const TOPOLOGY_REQUEST_RATIO_TARGET = 0.25;
/** Target of topology-state: a simulated year of the 20-replica topology in under this many ms. */
export const TOPOLOGY_STATE_MS_TARGET = 10;

export function buildLines(results: readonly CaseResult[]): ReportLine[] {
  return results.map((r) => {
    let vsSimpy: number | undefined;
    let vsBare: number | undefined;
    let vsMm1: number | undefined;
    if (r.benchmark === 'timeout-chain' || r.benchmark === 'timeout-chain-generator') {
      vsSimpy = ratio(r.events_per_s, find(results, 'simpy-timeout-chain', r.pending)?.events_per_s);
      vsBare = ratio(r.events_per_s, find(results, 'bare-loop', r.pending)?.events_per_s);
    } else if (r.benchmark === 'mm1-callback' || r.benchmark === 'mm1-generator' || r.benchmark === 'mm1-raw') {
      vsSimpy = ratio(r.customers_per_s, find(results, 'simpy-mm1')?.customers_per_s);
      vsBare = ratio(r.events_per_s, find(results, 'bare-loop', MM1_BARE_PENDING)?.events_per_s);
    } else if (r.benchmark === 'topology-request' || r.benchmark === 'topology-request-raw') {
      vsMm1 = ratio(r.requests_per_s, find(results, 'mm1-callback')?.customers_per_s);
    }
    return {
      ...r,
      ...(vsMm1 !== undefined ? { ratio_vs_mm1_callback: vsMm1 } : {}),
      ...(vsSimpy !== undefined ? { ratio_vs_simpy: vsSimpy } : {}),
      ...(vsBare !== undefined ? { ratio_vs_bare_loop: vsBare } : {}),
    };
  });
}

/**
 * The lines of several rounds (each round: every case measured once, cases compared by a ratio
 * measured next to each other), with each ratio the median of its per-round ratios: a paired
 * comparison, which the drift of a shared machine's speed between rounds does not touch.
 * Rates are those of `results` (each case's median process). `rounds[k]` lists the cases in the
 * same order as `results`.
 */
export function buildPairedLines(results: readonly CaseResult[], rounds: readonly (readonly CaseResult[])[]): ReportLine[] {
  const base = buildLines(results);
  if (rounds.length === 0) return base;
  const perRound = rounds.map((r) => buildLines(r));
  const paired = (i: number, key: 'ratio_vs_simpy' | 'ratio_vs_bare_loop' | 'ratio_vs_mm1_callback'): number | undefined => {
    const xs = perRound.map((lines) => lines[i]?.[key]).filter((x): x is number => x !== undefined && Number.isFinite(x));
    return xs.length === perRound.length ? median(xs) : undefined;
  };
  return base.map((l, i) => {
    const simpy = l.ratio_vs_simpy === undefined ? undefined : paired(i, 'ratio_vs_simpy');
    const bare = l.ratio_vs_bare_loop === undefined ? undefined : paired(i, 'ratio_vs_bare_loop');
    const mm1 = l.ratio_vs_mm1_callback === undefined ? undefined : paired(i, 'ratio_vs_mm1_callback');
    return {
      ...l,
      ...(simpy !== undefined ? { ratio_vs_simpy: simpy } : {}),
      ...(bare !== undefined ? { ratio_vs_bare_loop: bare } : {}),
      ...(mm1 !== undefined ? { ratio_vs_mm1_callback: mm1 } : {}),
    };
  });
}

function check(target: string, value: number | undefined, comparison: '>=' | '<', threshold: number, unit: string): TargetCheck {
  if (value === undefined || !Number.isFinite(value)) return { target, value: null, threshold, comparison, unit, pass: null };
  return { target, value, threshold, comparison, unit, pass: comparison === '>=' ? value >= threshold : value < threshold };
}

export function buildTargets(lines: readonly ReportLine[], pendings: readonly number[]): TargetCheck[] {
  const get = (b: string, p?: number) => lines.find((l) => l.benchmark === b && (p === undefined || l.pending === p));
  const out: TargetCheck[] = [
    check('mm1-callback customers/s ÷ SimPy', get('mm1-callback')?.ratio_vs_simpy, '>=', 50, '×'),
    check('mm1-generator customers/s ÷ SimPy', get('mm1-generator')?.ratio_vs_simpy, '>=', 10, '×'),
  ];
  for (const p of pendings) out.push(check(`timeout-chain @${p} pending ÷ SimPy`, get('timeout-chain', p)?.ratio_vs_simpy, '>=', 10, '×'));
  // The issue's timeout chain is the callback one (the style for hot paths); the generator-style
  // chain is shown in the table for comparison, without a target.
  const big = Math.max(...pendings);
  out.push(check(`peak RSS, timeout-chain @${big} pending`, get('timeout-chain', big)?.peak_mb, '<', 200, 'MB'));
  out.push(check('mm1-callback events/s ÷ bare loop', get('mm1-callback')?.ratio_vs_bare_loop, '>=', 0.7, ''));
  out.push(
    check('topology-request requests/s ÷ mm1-callback customers/s', get('topology-request')?.ratio_vs_mm1_callback, '>=', TOPOLOGY_REQUEST_RATIO_TARGET, ''),
  );
  out.push(check('topology-state ms per simulated year (20 replicas)', get('topology-state')?.ms_per_year, '<', TOPOLOGY_STATE_MS_TARGET, 'ms'));
  const rare = get('rare-event');
  out.push(check('rare-event: IS CPU time to ±10% at ~1e-10 unavailability', rare?.deep_is_seconds_to_10pct, '<', RARE_EVENT_SECONDS_TARGET, 's'));
  out.push(check('rare-event: speed-up over plain at ~1e-6 (work-normalised variance ratio)', rare?.speedup, '>=', 100, '×'));
  out.push(...cliTargets(lines));
  out.push(...scalingTargets(lines));
  return out;
}

/** The sweep-scaling target: 2 workers at least SWEEP_SCALING_TARGET × as fast as 1 (on cores of their own). */
export function scalingTargets(lines: readonly ReportLine[]): TargetCheck[] {
  return lines
    .filter((l): l is ReportLine & SweepScalingResult => l.benchmark === 'sweep-scaling')
    .map((l) => check('sweep-scaling: 1 worker ÷ 2 workers (worker-thread CPU time)', l.speedup_cpu ?? undefined, '>=', SWEEP_SCALING_TARGET, '×'));
}

/** The start-up targets alone: each measured command under CLI_STARTUP_MS_TARGET. */
export function cliTargets(lines: readonly ReportLine[]): TargetCheck[] {
  return lines
    .filter((l) => CLI_CASES.includes(l.benchmark))
    .map((l) => check(`${l.command ?? l.benchmark} start-up wall time`, l.wall_ms, '<', CLI_STARTUP_MS_TARGET, 'ms'));
}

function si(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '-';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(1);
}

function fmt(x: number | undefined, digits: number, suffix = ''): string {
  return x === undefined || !Number.isFinite(x) ? '-' : `${x.toFixed(digits)}${suffix}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

export function formatHuman(lines: readonly ReportLine[], targets: readonly TargetCheck[]): string {
  const kernel = lines.filter((l) => !MODEL_CASES.includes(l.benchmark) && !CLI_CASES.includes(l.benchmark) && !RARE_CASES.includes(l.benchmark) && l.benchmark !== 'sweep-scaling');
  const models = lines.filter((l) => MODEL_CASES.includes(l.benchmark));
  const rows = kernel.map((l) => [
    l.benchmark,
    l.pending === undefined ? '' : String(l.pending),
    si(l.events_per_s),
    si(l.customers_per_s),
    fmt(l.ratio_vs_simpy, 1, '×'),
    fmt(l.ratio_vs_bare_loop === undefined ? undefined : l.ratio_vs_bare_loop * 100, 0, '%'),
    fmt(l.peak_mb, 0),
  ]);
  const t = table(['benchmark', 'pending', 'events/s', 'customers/s', 'vs SimPy', 'vs bare loop', 'peak MB'], rows);
  const mrows = models.map((l) => [
    l.benchmark,
    si(l.events_per_s),
    si(l.requests_per_s),
    fmt(l.ratio_vs_mm1_callback === undefined ? undefined : l.ratio_vs_mm1_callback * 100, 1, '%'),
    fmt(l.ms_per_year, 3),
    fmt(l.ms_per_year_mean, 3),
    si(l.replica_years_per_s),
    fmt(l.peak_mb, 0),
  ]);
  const mt =
    models.length === 0
      ? ''
      : `\n\n${table(['model case', 'events/s', 'requests/s', 'vs mm1-callback', 'ms/year (median)', 'ms/year (mean)', 'replica-years/s', 'peak MB'], mrows)}`;
  const rares = lines.filter((l) => RARE_CASES.includes(l.benchmark));
  const sci = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '-' : x.toExponential(2));
  const rrows = rares.flatMap((l) => [
    ['~1e-6: importance sampling', sci(l.unavailability), sci(l.is_mean), fmt(l.is_seconds_to_10pct, 2), fmt(l.speedup, 0, '×')],
    ['~1e-6: plain', sci(l.unavailability), sci(l.plain_mean), fmt(l.plain_seconds_to_10pct, 1), ''],
    ['~1e-10: importance sampling', sci(l.deep_unavailability), sci(l.deep_is_mean), fmt(l.deep_is_seconds_to_10pct, 2), ''],
  ]);
  const rt =
    rares.length === 0 ? '' : `\n\n${table(['rare-event (unavailability)', 'exact', 'estimate', 'CPU s to ±10%', 'speed-up'], rrows)}`;
  const clis = lines.filter((l) => CLI_CASES.includes(l.benchmark));
  const crows = clis.map((l) => [l.command ?? l.benchmark, fmt(l.wall_ms, 0), fmt(l.bare_node_ms, 0), fmt(l.ratio_vs_bare_node, 2, '×')]);
  const ct = clis.length === 0 ? '' : `\n\n${table(['start-up (wall clock, median)', 'ms', 'bare node ms', 'vs bare node'], crows)}`;
  const trows = targets.map((c) => [
    c.target,
    c.value === null ? 'not measured' : c.unit === '' ? `${(c.value * 100).toFixed(1)}%` : `${c.value.toFixed(c.unit === 'MB' ? 0 : c.unit === 'ms' ? (c.threshold >= 100 ? 0 : 3) : c.unit === 's' ? 2 : 1)} ${c.unit}`,
    `${c.comparison} ${c.unit === '' ? `${c.threshold * 100}%` : `${c.threshold} ${c.unit}`}`,
    c.pass === null ? 'SKIP' : c.pass ? 'PASS' : 'MISS',
  ]);
  const scaling = lines.filter((l): l is ReportLine & SweepScalingResult => l.benchmark === 'sweep-scaling');
  const srows = scaling.map((l) => [
    `${l.sweep_runs} runs`,
    fmt(l.wall_s_1, 2),
    fmt(l.wall_s_2, 2),
    fmt(l.speedup_wall, 2, '×'),
    `${fmt(l.cores_used_1, 2)} / ${fmt(l.cores_used_2, 2)}`,
    `${l.worker_cpu_s_1.map((x) => x.toFixed(2)).join('+')} / ${l.worker_cpu_s_2.map((x) => x.toFixed(2)).join('+')}`,
    fmt(l.speedup_cpu ?? undefined, 2, '×'),
    fmt(l.load_avg, 1),
  ]);
  const st =
    scaling.length === 0
      ? ''
      : `\n\n${table(['sweep-scaling', 'wall s (1)', 'wall s (2)', 'wall ratio', 'cores used (1 / 2)', 'worker CPU s (1 / 2)', 'CPU ratio', 'load avg'], srows)}`;
  const tables = kernel.length === 0 ? [mt, rt, ct, st].join('').replace(/^\n\n/, '') : `${t}${mt}${rt}${ct}${st}`;
  return `${tables}\n\n${table(['target', 'measured', 'goal', ''], trows)}`;
}

/** One JSON object per line; NaN becomes null; the per-run rates are kept as `runs`. */
export function formatJson(lines: readonly ReportLine[], targets: readonly TargetCheck[]): string {
  return [...lines.map((l) => JSON.stringify(l)), ...targets.map((t) => JSON.stringify(t))].join('\n');
}
