// The limits of an experiment (`limits:` in the file, `--budget` / `--max-runs` on the command
// line): a budget checked before running, against the work estimate (estimate.ts), and guards
// checked while each run executes (execute-run.ts). Defaults are sized for a workstation: about
// an hour of CPU, a million runs, a million live entities and 512 MB of memory per run.
import { z } from 'zod';
import { parseDuration, UnitError } from '../random/units.js';

/** CPU time an experiment may take by its estimate, unless raised (seconds). */
export const DEFAULT_BUDGET_S = 3600;
/** Runs an experiment may plan, unless raised. */
export const DEFAULT_MAX_RUNS = 1_000_000;
/** Live entities one growing structure of a run may hold: pending events, each queue. */
export const DEFAULT_MAX_LIVE = 1_000_000;
/** Memory one run may use (V8 heap and array buffers of its thread), MB. */
export const DEFAULT_MAX_HEAP_MB = 512;

const unlimited = z.literal('unlimited');

function budgetDuration() {
  return z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      if (v === 'unlimited') return Infinity;
      try {
        const s = parseDuration(v, 'budget');
        if (s > 0) return s;
        ctx.issues.push({ code: 'custom', message: 'expected a CPU time > 0 (e.g. 1h, 30m, 2d) or "unlimited"', input: v });
      } catch (err) {
        ctx.issues.push({ code: 'custom', message: err instanceof UnitError ? err.message.replace(/^[^:]*: /, '') : String(err), input: v });
      }
      return z.NEVER;
    });
}

export const limitsSchema = z.strictObject({
  budget: budgetDuration()
    .optional()
    .describe('CPU time the experiment may take by its estimate (default 1h; "unlimited" turns the check off); --budget overrides it'),
  maxRuns: z
    .union([z.int().min(1), unlimited])
    .optional()
    .describe(`Runs the experiment may plan (default ${DEFAULT_MAX_RUNS}); --max-runs overrides it`),
  maxEventsPerRun: z
    .union([z.int().min(1), unlimited])
    .optional()
    .describe('Events one run may process; a run that passes it stops with an error (default: the events the CPU budget allows at the reference speed)'),
  maxLiveEntities: z
    .int()
    .min(1)
    .optional()
    .describe(`Live entities one structure of a run may hold: pending events (in-flight work, timers, retries), each queue (default ${DEFAULT_MAX_LIVE})`),
  maxHeapMB: z
    .int()
    .min(16)
    .optional()
    .describe(`Memory one run may use, MB (default ${DEFAULT_MAX_HEAP_MB}); a run that passes it stops with an error`),
});

export type LimitsInput = z.input<typeof limitsSchema>;
export type Limits = z.output<typeof limitsSchema>;

/** Budget overrides from the command line: CPU seconds and runs (Infinity: unlimited). */
export interface BudgetOverrides {
  readonly budgetS?: number;
  readonly maxRuns?: number;
}

/** Limits with every default filled. */
export interface ResolvedLimits {
  /** CPU seconds by the estimate (Infinity: unlimited). */
  readonly budgetS: number;
  readonly maxRuns: number;
  /** Events per run (Infinity: unlimited). */
  readonly maxEventsPerRun: number;
  readonly maxLive: number;
  readonly maxHeapBytes: number;
  /** Where each value comes from, to say how to raise it. */
  readonly from: { readonly budget: 'default' | 'file' | 'option'; readonly maxRuns: 'default' | 'file' | 'option' };
}

/**
 * The limits in force. `eventsPerCpuSecond` converts the CPU budget into the default event limit
 * of a run: no single run may take more than the whole budget.
 */
export function resolveLimits(limits: Limits | undefined, overrides: BudgetOverrides, eventsPerCpuSecond: number): ResolvedLimits {
  const budgetS = overrides.budgetS ?? limits?.budget ?? DEFAULT_BUDGET_S;
  const maxRuns = overrides.maxRuns ?? (limits?.maxRuns === 'unlimited' ? Infinity : limits?.maxRuns) ?? DEFAULT_MAX_RUNS;
  const fileEvents = limits?.maxEventsPerRun;
  const maxEventsPerRun = fileEvents === 'unlimited' ? Infinity : (fileEvents ?? Math.ceil(budgetS * eventsPerCpuSecond));
  return {
    budgetS,
    maxRuns,
    maxEventsPerRun: Number.isFinite(maxEventsPerRun) ? maxEventsPerRun : Infinity,
    maxLive: limits?.maxLiveEntities ?? DEFAULT_MAX_LIVE,
    maxHeapBytes: (limits?.maxHeapMB ?? DEFAULT_MAX_HEAP_MB) * 1024 * 1024,
    from: {
      budget: overrides.budgetS !== undefined ? 'option' : limits?.budget !== undefined ? 'file' : 'default',
      maxRuns: overrides.maxRuns !== undefined ? 'option' : limits?.maxRuns !== undefined ? 'file' : 'default',
    },
  };
}

/** `--budget`: a CPU time ("8h", seconds) or "unlimited". */
export function parseBudgetOption(text: string): number {
  if (text.trim() === 'unlimited') return Infinity;
  const s = parseDuration(/^\s*[\d.eE+-]+\s*$/.test(text) ? Number(text) : text, '--budget');
  if (!(s > 0)) throw new UnitError('--budget: expected a CPU time > 0 (e.g. 8h) or "unlimited"', '--budget', text);
  return s;
}

/** `--max-runs`: a positive integer or "unlimited". */
export function parseMaxRunsOption(text: string): number | undefined {
  if (text.trim() === 'unlimited') return Infinity;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}
