// hasim plan FILE: what `hasim run` would run, without running it: the configurations (swept
// values, config ids), the runs of each with their seeds, and the estimated work per run and in
// total, for the whole experiment or one shard; --json for the same, machine-readable.
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import type { PlanSummary } from '../../experiment/plan-summary.js';
import { countOption } from '../count-option.js';
import { exitCodesHelp, handled } from '../exit-codes.js';
import { examples } from '../help-examples.js';
import { printWarnings } from '../warnings.js';
import { parseSeedOption } from './run.js';

interface PlanArgs {
  file: string;
  shard?: string;
  seed?: string;
  replications?: string;
  json: boolean;
  budget?: string;
  'max-runs'?: string;
}

/** Seeds shown per configuration in the text form (--json lists them all). */
const SEEDS_SHOWN = 3;
/** Characters of a swept value shown in the text form. */
const CELL_MAX = 40;

function clip(text: string): string {
  return text.length <= CELL_MAX ? text : `${text.slice(0, CELL_MAX - 1)}…`;
}

/** Pads the cells of each column to a common width. */
function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

function planText(p: PlanSummary, formatCount: (n: number) => string, formatDuration: (s: number) => string, valueText: (v: unknown) => string, estimateLine: string): string {
  const n = p.configurations.length;
  const all = n * p.replications;
  const upTo = p.max_replications > p.replications ? ` (precision: up to ${p.max_replications} replications each as the intervals require)` : '';
  const lines = [
    `${p.experiment}: model ${p.model}, ${n} configuration${n === 1 ? '' : 's'} × ${p.replications} replication${p.replications === 1 ? '' : 's'} = ${all} run${all === 1 ? '' : 's'}${upTo}` +
      (p.shard ? `; shard ${p.shard.index}/${p.shard.count}: ${p.run_count} run${p.run_count === 1 ? '' : 's'}` : ''),
    `seeds: run seed = hash(experiment seed ${JSON.stringify(p.seed)}, swept values, replication); random streams seeded ${
      p.crn ? 'by (experiment seed, replication), the same for every configuration (crn)' : 'by the run seed (crn: false)'
    }`,
    '',
  ];
  if (p.crn) {
    const byReplication = new Map(p.configurations.flatMap((c) => c.runs.map((r) => [r.replication, r.stream_seed] as const)));
    const reps = [...byReplication.keys()].sort((a, b) => a - b);
    const streams = reps.slice(0, SEEDS_SHOWN).map((r) => `${r}: ${byReplication.get(r)}`);
    lines.splice(2, 0, `stream seeds (replication: seed): ${streams.join(', ')}${reps.length > SEEDS_SHOWN ? ', …' : ''}`);
  }
  const header = ['config_id', ...p.columns, 'runs', 'events/run', 'CPU/run', 'run seeds (replication: seed)'];
  const rows = p.configurations.map((c) => {
    const seeds = c.runs.slice(0, SEEDS_SHOWN).map((r) => `${r.replication}: ${r.seed}`);
    if (c.runs.length > SEEDS_SHOWN) seeds.push('…');
    return [c.config_id, ...p.columns.map((col) => clip(valueText(c.swept[col]))), String(c.runs.length), `~${formatCount(c.events_per_run)}`, formatDuration(c.cpu_s_per_run), seeds.join(', ')];
  });
  lines.push(columns([header, ...rows]), '', estimateLine);
  return `${lines.join('\n')}\n`;
}

export const planCommand = {
  command: 'plan <file>',
  describe: 'Show the configurations, runs, seeds and estimated work of an experiment (or one shard) without running it',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Experiment file (YAML or JSON)', demandOption: true })
      .option('shard', { type: 'string', describe: 'Only slice I of N (1 ≤ I ≤ N), as hasim run --shard I/N runs it' })
      .option('seed', { type: 'string', describe: "Override the experiment's seed (as in hasim run)" })
      .option('replications', { type: 'string', describe: "Override the experiment's replications (as in hasim run)" })
      .option('json', { type: 'boolean', default: false, describe: 'Print the plan as JSON: every configuration and run with its seeds, and the estimate' })
      .option('budget', { type: 'string', describe: 'Estimated CPU time the experiment may take (as in hasim run)' })
      .option('max-runs', { type: 'string', describe: 'Runs the experiment may plan (as in hasim run)' })
      .example(
        examples([
          ['$0 plan experiments/mmc-servers.yaml', 'Configurations, seeds, runs and estimated work'],
          ['$0 plan exp.yaml --shard 3/8', 'What shard 3 of 8 runs'],
          ['$0 plan exp.yaml --json | jq .estimate.cpuS', 'The same, machine-readable'],
        ]),
      )
      .epilogue(exitCodesHelp(false)),
  handler: handled(async (args: PlanArgs) => {
    const [{ loadModels }, { loadExperiment }, estimate, { budgetOverrides }, { parseShard }, { planSummary }, { formatDuration }, { sweptValueText }] = await Promise.all([
      import('../load-models.js'),
      import('../../experiment/spec.js'),
      import('../../experiment/estimate.js'),
      import('../budget-options.js'),
      import('../../experiment/plan.js'),
      import('../../experiment/plan-summary.js'),
      import('../../random/units.js'),
      import('../../experiment/configuration-label.js'),
    ]);
    const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
    const replications = countOption('replications', args.replications);
    const exp = loadExperiment(args.file, (await loadModels()).models, {
      ...(args.seed !== undefined ? { seed: parseSeedOption(args.seed) } : {}),
      ...(replications !== undefined ? { replications } : {}),
    });
    estimate.budgetedEstimate(exp, budgetOverrides(args), shard);
    const plan = planSummary(exp, shard);
    if (args.json) {
      process.stdout.write(`${JSON.stringify(plan, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
      return;
    }
    printWarnings(exp.warnings);
    process.stdout.write(planText(plan, estimate.formatCount, formatDuration, sweptValueText, estimate.formatEstimate(plan.estimate, availableParallelism())));
  }),
};
