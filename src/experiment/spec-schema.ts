// The experiment file's top level (zod 4). `params` and `sweep` are checked separately:
// params against the chosen model's schema, sweep by sweep.ts (which reports per-value paths).
import { z } from 'zod';
import { parseDuration, UnitError } from '../random/units.js';

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

export const traceOutputSchema = z.strictObject({
  config: z
    .union([z.int().min(1), z.record(z.string(), z.unknown())])
    .default(1)
    .describe('Which configuration to trace: its 1-based position in the sweep, or its swept values, e.g. { c: 4 }'),
  replication: z.int().min(1).default(1).describe('Which replication to trace (1-based)'),
  maxEvents: z.int().min(1).default(100_000).describe('Trace records kept at most (the rest are dropped)'),
});

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
  crn: z.boolean().default(true).describe('Common random numbers: replication r of every configuration uses the same streams'),
  outputs: outputsSchema.default({}).describe('Optional output files'),
});

export type ExperimentInput = z.input<typeof experimentSchema>;
export type ExperimentTop = z.output<typeof experimentSchema>;
export type TraceOutput = z.output<typeof traceOutputSchema>;
