// The experiment file's top level (zod 4). `params` and `sweep` are checked separately:
// params against the chosen model's schema, sweep by sweep.ts (which reports per-value paths).
import { z } from 'zod';
import { parseDuration, UnitError } from '../random/units.js';
import { limitsSchema } from './limits.js';
import type { Estimator } from '../base/model.js';
import type { RunShape } from '../base/run-shape.js';

/**
 * Simulated time of one run at most: warm-up + duration ≤ 20 years, drain ≤ 10 × that. Every
 * event time of a run then stays below 220 years < 2^33 s (≈ 272 years), where doubles are spaced
 * less than 1 µs apart: the engine keeps microsecond resolution to the end of the drain. Longer
 * studies add replications, which also gives their confidence intervals.
 */
export const MAX_HORIZON_S = 20 * 31536000;
export const MAX_DRAIN_S = 10 * MAX_HORIZON_S;

/** Characters in an experiment name at most (ASCII only, so also bytes): it names the result folder. */
export const MAX_NAME_CHARS = 128;

function duration(field: string, opts: { positive: boolean }) {
  return z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      try {
        const s = parseDuration(v, field);
        if (opts.positive && s <= 0) {
          ctx.issues.push({ code: 'custom', message: 'expected a duration > 0 (e.g. 30d, 1h, 250ms)', input: v });
          return z.NEVER;
        }
        return s;
      } catch (err) {
        const message = err instanceof UnitError ? err.message.replace(/^[^:]*: /, '') : String(err);
        ctx.issues.push({ code: 'custom', message, input: v });
        return z.NEVER;
      }
    })
    .meta({ description: `${field}: seconds as a number, or a string with a unit ("30d", "1.5h", "250ms")` });
}

/** A configuration named in the file: its 1-based position, its swept values, or a swept value that only it has. */
export const configSelectorSchema = z.union([z.int().min(1), z.string().min(1), z.record(z.string(), z.unknown())]);

export const traceOutputSchema = z.strictObject({
  config: configSelectorSchema
    .default(1)
    .describe('Which configuration to trace: its 1-based position in the sweep, or its swept values, e.g. { c: 4 }'),
  replication: z.int().min(1).default(1).describe('Which replication to trace (1-based)'),
  maxEvents: z.int().min(1).max(10_000_000).default(100_000).describe('Trace records kept at most (the rest are dropped); at most 10⁷'),
});

export const precisionSchema = z
  .strictObject({
    metric: z.string().min(1).describe('The metric whose 95% interval must be narrow enough (a metric column, e.g. availability_pct)'),
    halfWidth: z.number().positive().optional().describe("Target half-width of the interval, in the metric's unit"),
    relativeHalfWidth: z.number().positive().max(10).optional().describe('Target half-width as a fraction of the |mean| (0.05 = ±5%)'),
    maxReplications: z.int().min(2).max(1_000_000).describe('Replications per configuration at most'),
    batch: z.int().min(1).max(100_000).optional().describe('Replications added at a time (default: the initial replications)'),
  })
  .refine((p) => (p.halfWidth === undefined) !== (p.relativeHalfWidth === undefined), { message: 'expected exactly one of halfWidth and relativeHalfWidth' });

/** Regenerative cycles an importance-sampling run simulates when the file gives no number. */
export const DEFAULT_IS_CYCLES = 10_000;
/** Total probability given to failures against repairs in a state with something down. */
export const DEFAULT_FAILURE_BIAS = 0.3;

export const estimatorSchema = z
  .union([
    z.enum(['plain', 'importance-sampling']),
    z.strictObject({
      method: z.literal('importance-sampling').describe('The estimator: importance-sampling'),
      cycles: z
        .int()
        .min(100)
        .max(100_000_000)
        .default(DEFAULT_IS_CYCLES)
        .describe(`Regenerative cycles simulated per run (default ${DEFAULT_IS_CYCLES}); the summary's interval comes from the replications`),
      failureBias: z
        .number()
        .min(0.05)
        .max(0.95)
        .default(DEFAULT_FAILURE_BIAS)
        .describe(`Probability given to a failure before the next repair in a state with something down, split equally among the components that can fail (default ${DEFAULT_FAILURE_BIAS})`),
    }),
  ])
  .describe(
    'How runs estimate: plain (default) simulates forward in time; importance-sampling (topology at state level) simulates regenerative cycles with balanced failure biasing and likelihood-ratio weights, for designs whose outages are too rare to observe (docs/rare-events.md)',
  );

export const outputsSchema = z.strictObject({
  timeseries: z
    .strictObject({ interval: duration('interval', { positive: true }) })
    .optional()
    .describe('Write timeseries.csv: the model\'s sampled metrics every interval'),
  trace: traceOutputSchema.optional().describe('Write trace.jsonl: the event trace of one run'),
});

export const experimentSchema = z.strictObject({
  $schema: z.string().optional().describe('JSON Schema reference (ignored by hasim)'),
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" (it names the result folder)')
    // A folder name may have 255 bytes; the result folder's temporary siblings add a suffix.
    .max(MAX_NAME_CHARS)
    .describe('Experiment name; results go to <out>/<name>/'),
  description: z.string().default('').describe('Free text'),
  model: z.string().describe('A registered model (see `hasim models`)'),
  params: z.record(z.string(), z.unknown()).default({}).describe("The model's parameters; defaults come from the model"),
  sweep: z.record(z.string(), z.unknown()).default({}).describe('Parameters to vary (dotted paths into params)'),
  replications: z.int().min(1).max(1_000_000).default(10).describe('Independent replications per configuration'),
  seed: z
    .union([z.int().min(0), z.string().min(1)])
    .default(1)
    .describe('Experiment seed; every run seed is derived from it'),
  duration: duration('duration', { positive: true }).describe('Measured simulated time per run (after the warm-up)'),
  warmup: duration('warmup', { positive: false }).default(0).describe('Simulated time before statistics are reset'),
  drain: duration('drain', { positive: false })
    .optional()
    .describe('How long a run may go on after the measured window to finish the requests that arrived in it (default 10 × duration); those still unfinished are reported as censored_count'),
  baseline: configSelectorSchema
    .optional()
    .describe(
      'The configuration every other is compared with (paired differences in summary.csv, verdict lines): its 1-based position, its swept values ({ services.db.mode: active-active }), or a swept value only it has (active-passive). Default: the first configuration',
    ),
  headline: z.array(z.string().min(1)).min(1).optional().describe("Metrics that answer the experiment's question, shown first (default: the model's, by fidelity)"),
  precision: precisionSchema
    .optional()
    .describe('Add replications in batches until the metric\'s 95% interval is this narrow in every configuration (deterministic: the same runs whatever --workers)'),
  crn: z.boolean().default(true).describe('Common random numbers: replication r of every configuration uses the same streams'),
  outputs: outputsSchema.default({}).describe('Optional output files'),
  estimator: estimatorSchema.optional(),
  limits: limitsSchema.optional().describe('Budget checked before running and guards checked during each run (docs/researcher.md: Limits and budgets)'),
}).superRefine((e, ctx) => {
  if (e.warmup + e.duration > MAX_HORIZON_S) {
    ctx.addIssue({ code: 'custom', path: ['duration'], message: `warmup + duration is ${years(e.warmup + e.duration)} years; a run may simulate at most 20 years (add replications instead)` });
  }
  if (e.drain !== undefined && e.drain > MAX_DRAIN_S) {
    ctx.addIssue({ code: 'custom', path: ['drain'], message: `drain is ${years(e.drain)} years; at most 200 years` });
  }
});

function years(seconds: number): string {
  return String(Number((seconds / 31536000).toPrecision(4)));
}

/** The estimator a spec's `estimator:` field asks for, defaults filled (absent: plain). */
export function resolveEstimator(e: z.output<typeof estimatorSchema> | undefined): Estimator {
  if (e === undefined || e === 'plain') return { kind: 'plain' };
  if (e === 'importance-sampling') return { kind: 'importance-sampling', cycles: DEFAULT_IS_CYCLES, failureBias: DEFAULT_FAILURE_BIAS };
  return { kind: 'importance-sampling', cycles: e.cycles, failureBias: e.failureBias };
}

/**
 * The shape of one run of an experiment, as its model's warnings and work estimate see it: the
 * simulated time, the replications and, for an estimator that simulates regenerative cycles
 * instead of time, the cycles per run.
 */
export function runShapeOf(spec: Pick<ExperimentTop, 'duration' | 'warmup' | 'replications' | 'estimator'>): RunShape {
  const estimator = resolveEstimator(spec.estimator);
  const cycles = estimator.kind === 'importance-sampling' ? { cycles: estimator.cycles } : {};
  return { duration: spec.duration, warmup: spec.warmup, replications: spec.replications, ...cycles };
}

export type ExperimentInput = z.input<typeof experimentSchema>;
export type ExperimentTop = z.output<typeof experimentSchema>;
export type Precision = z.output<typeof precisionSchema>;
export type ConfigSelector = z.output<typeof configSelectorSchema>;
export type TraceOutput = z.output<typeof traceOutputSchema>;
