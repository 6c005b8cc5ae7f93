// The work an experiment will take, estimated before anything runs: runs, simulated events per
// run (the model's `estimateEvents`, else a generic estimate from the rates in its parameters),
// and CPU time at a reference speed. `hasim validate` and `hasim run` print it; `checkBudget`
// refuses an experiment whose estimate exceeds its limits (exit 2) before a run list is built.
import type { Model, RunShape } from './model.js';
import type { Experiment } from './spec.js';
import type { Shard } from './plan.js';
import { UsageError } from './spec-error.js';
import { runShapeOf } from './spec-schema.js';
import { formatDuration } from '../random/units.js';
import { resolveLimits, type BudgetOverrides, type ResolvedLimits } from './limits.js';

/**
 * Reference speed: simulated events per CPU second of the slowest shipped model (the request-level
 * topology with policies, measured by bench/estimate-check.ts on a 2020s laptop core). A faster
 * model finishes early; the estimate is meant to be an upper bound within a few ×.
 */
export const EVENTS_PER_CPU_SECOND = 1_000_000;
/** CPU cost of one run apart from its events (building the model, metrics, writing its record). */
export const RUN_OVERHEAD_S = 0.002;
/** Events a generic estimate counts per unit of rate found in the parameters (arrival and departure, timers). */
const GENERIC_EVENTS_PER_RATE = 4;

export interface WorkEstimate {
  /** Runs planned by this invocation (the initial replications). */
  readonly runs: number;
  /** Runs at most (with `precision:`, every configuration at maxReplications; else = runs). */
  readonly maxRuns: number;
  readonly configurations: number;
  /** Mean estimated events per run over the configurations. */
  readonly eventsPerRun: number;
  /** The largest configuration's estimated events per run. */
  readonly largestEventsPerRun: number;
  /** Estimated events of all runs (at maxRuns). */
  readonly events: number;
  /** Estimated CPU seconds of all runs (at maxRuns). */
  readonly cpuS: number;
  /** Whether every configuration's estimate comes from the model's own hook. */
  readonly fromModel: boolean;
}

/**
 * A model without `estimateEvents`: every number under a key ending in "rate" (case-insensitive)
 * is taken as events per second, and counted GENERIC_EVENTS_PER_RATE times over the simulated
 * time (conservative for a model whose rates are arrival rates; a probability named *Rate only
 * adds a little).
 */
export function genericEstimateEvents(params: unknown, run: RunShape): number {
  let rate = 0;
  const seen = new Set<unknown>();
  const walk = (v: unknown, key: string, depth: number): void => {
    if (depth > 32) return;
    if (typeof v === 'number') {
      if (/rate$/i.test(key) && v > 0) rate += v;
      return;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) v.forEach((x) => walk(x, key, depth + 1));
    else for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
  };
  walk(params, '', 0);
  return GENERIC_EVENTS_PER_RATE * rate * (run.warmup + run.duration) + 1000;
}

export function estimateEventsPerRun(model: Model<any>, resolved: unknown, run: RunShape): number {
  const n = model.estimateEvents ? model.estimateEvents(resolved, run) : genericEstimateEvents(resolved, run);
  return Number.isNaN(n) ? Infinity : Math.max(0, n);
}

export function estimateWork(exp: Experiment, shard?: Shard): WorkEstimate {
  const spec = exp.spec;
  const shape = runShapeOf(spec);
  const reps = spec.replications;
  const maxReps = spec.precision?.maxReplications ?? reps;
  const share = shard ? 1 / shard.count : 1;
  let events = 0;
  let largest = 0;
  for (const cfg of exp.configurations) {
    const e = estimateEventsPerRun(exp.model, cfg.resolved, shape);
    events += e * maxReps * share;
    largest = Math.max(largest, e);
  }
  const n = exp.configurations.length;
  const runs = Math.ceil(n * reps * share);
  const maxRuns = Math.ceil(n * maxReps * share);
  return {
    runs,
    maxRuns,
    configurations: n,
    eventsPerRun: n > 0 ? events / (n * maxReps * share) : 0,
    largestEventsPerRun: largest,
    events,
    cpuS: events / EVENTS_PER_CPU_SECOND + maxRuns * RUN_OVERHEAD_S,
    fromModel: exp.model.estimateEvents !== undefined,
  };
}

/** A count for a message: 24, 1.2 k … 3.4e12, "more than 1e300" for what overflows. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 1e308';
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${Number((n / 1e3).toPrecision(2))} k`;
  if (n < 1e9) return `${Number((n / 1e6).toPrecision(2))} M`;
  return n.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
}

function formatCpu(s: number): string {
  return Number.isFinite(s) ? formatDuration(s) : 'forever';
}

/** How many times `value` exceeds `limit`, for a message ("3.2e5×"). */
function times(value: number, limit: number): string {
  const r = value / limit;
  if (!Number.isFinite(r)) return 'unboundedly';
  return `${r < 100 ? Number(r.toPrecision(2)) : r < 1e6 ? Math.round(r) : r.toExponential(1).replace('.0e', 'e').replace('e+', 'e')}×`;
}

/** One line: the runs, events per run, total events, CPU time and the wall time on `workers`. */
export function formatEstimate(est: WorkEstimate, workers: number): string {
  const runs = est.maxRuns > est.runs ? `${formatCount(est.runs)} to ${formatCount(est.maxRuns)} runs` : `${formatCount(est.runs)} run${est.runs === 1 ? '' : 's'}`;
  const parallel = Math.max(1, Math.min(workers, est.maxRuns));
  const wall = formatCpu(est.cpuS / parallel);
  return (
    `expected work: ${runs} × ~${formatCount(est.eventsPerRun)} events${est.fromModel ? '' : ' (generic estimate)'} = ${formatCount(est.events)} events, ` +
    `about ${formatCpu(est.cpuS)} of CPU (${wall} on ${parallel} worker${parallel === 1 ? '' : 's'})`
  );
}

function raise(from: 'default' | 'file' | 'option', option: string, key: string): string {
  return from === 'option' ? `raise ${option}` : `raise it with ${option} or limits.${key} in the file`;
}

/**
 * Refuses (UsageError, exit 2) an experiment whose estimate exceeds its limits: too many runs, too
 * much CPU, or a run expected to pass the event limit of a run. Called before the run list is built.
 */
export function checkBudget(exp: Experiment, est: WorkEstimate, limits: ResolvedLimits): void {
  const where = `${exp.file}: too much work`;
  if (est.maxRuns > limits.maxRuns) {
    const what = `${exp.spec.precision ? 'up to ' : ''}${formatCount(est.maxRuns)} runs (${est.configurations} configuration${est.configurations === 1 ? '' : 's'} × ${exp.spec.precision ? `up to ${exp.spec.precision.maxReplications}` : exp.spec.replications} replications)`;
    throw new UsageError(`${where}: ${what} exceed the budget of ${formatCount(limits.maxRuns)} runs ${times(est.maxRuns, limits.maxRuns)}; ${raise(limits.from.maxRuns, '--max-runs', 'maxRuns')}`);
  }
  if (est.cpuS > limits.budgetS) {
    if (!Number.isFinite(est.cpuS)) {
      throw new UsageError(`${where}: the expected events overflow (more than 1e308: a rate × duration beyond any budget); lower the rates or the duration`);
    }
    throw new UsageError(
      `${where}: ${formatCount(est.events)} events (${formatCount(est.maxRuns)} run${est.maxRuns === 1 ? '' : 's'} × ~${formatCount(est.eventsPerRun)} events), about ${formatCpu(est.cpuS)} of CPU, ` +
        `${times(est.cpuS, limits.budgetS)} the budget of ${formatCpu(limits.budgetS)}; ${raise(limits.from.budget, '--budget', 'budget')}`,
    );
  }
  if (est.largestEventsPerRun > limits.maxEventsPerRun) {
    throw new UsageError(
      `${where}: a run is expected to take ${formatCount(est.largestEventsPerRun)} events, ${times(est.largestEventsPerRun, limits.maxEventsPerRun)} the limit of ${formatCount(limits.maxEventsPerRun)} events per run; ` +
        'shorten the duration or lower the rates, or raise limits.maxEventsPerRun (or the CPU budget it derives from, --budget)',
    );
  }
}

/** The estimate and the limits of an experiment, refused if over budget. */
export function budgetedEstimate(exp: Experiment, overrides: BudgetOverrides = {}, shard?: Shard): { estimate: WorkEstimate; limits: ResolvedLimits } {
  const estimate = estimateWork(exp, shard);
  const limits = resolveLimits(exp.spec.limits, overrides, EVENTS_PER_CPU_SECOND);
  checkBudget(exp, estimate, limits);
  return { estimate, limits };
}
