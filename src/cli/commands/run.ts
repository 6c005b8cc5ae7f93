// hasim run FILE: validate, then run every configuration × replication (or one shard) and
// write <out>/<name>/ (see src/output/result-dir-sink.ts); print the headline table.
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { InterruptedError } from '../../experiment/run-errors.js';
import { countOption } from '../count-option.js';
import { exitCodesHelp, handled } from '../exit-codes.js';
import { examples } from '../help-examples.js';
import { printWarnings } from '../warnings.js';
import { loadReport } from '../load-report.js';

interface RunArgs {
  file: string;
  out: string;
  workers?: string;
  shard?: string;
  seed?: string;
  replications?: string;
  force: boolean;
  quiet: boolean;
  report: boolean;
  budget?: string;
  'max-runs'?: string;
}

/** A seed given on the command line: all digits → the same integer a YAML file would give. */
export function parseSeedOption(s: string): string | number {
  return /^\d{1,15}$/.test(s) ? Number(s) : s;
}

/** The modules a run needs, loaded when it starts: --help and the other commands do not pay for them. */
async function loadRunModules() {
  await import('../zod-jitless.js');
  const [registry, source, spec, runner, sink, estimate, budget, progress, plan, table, verdict] = await Promise.all([
    import('../load-models.js'),
    import('../../experiment/source.js'),
    import('../../experiment/spec.js'),
    import('../../experiment/runner.js'),
    import('../../output/result-dir-sink.js'),
    import('../../experiment/estimate.js'),
    import('../budget-options.js'),
    import('../progress.js'),
    import('../../experiment/plan.js'),
    import('../table.js'),
    import('../verdict.js'),
  ]);
  return {
    parseShard: plan.parseShard,
    headlineTable: table.headlineTable,
    verdictLines: verdict.verdictLines,
    loadModelsFor: registry.loadModelsFor,
    readSource: source.readSource,
    resolveExperiment: spec.resolveExperiment,
    runExperiment: runner.runExperiment,
    resultDirSink: sink.resultDirSink,
    budgetedEstimate: estimate.budgetedEstimate,
    formatEstimate: estimate.formatEstimate,
    budgetOverrides: budget.budgetOverrides,
    createProgress: progress.createProgress,
  };
}

export const runCommand = {
  command: 'run <file>',
  describe: 'Run an experiment file and write runs.csv, summary.csv and meta.json',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Experiment file (YAML or JSON)', demandOption: true })
      .option('out', { type: 'string', default: 'results', describe: 'Parent directory of the result folder <out>/<name>/' })
      .option('workers', { type: 'string', describe: 'Worker threads (default: the number of CPU cores)' })
      .option('shard', { type: 'string', describe: 'Run only slice I of N (1 ≤ I ≤ N), into <out>/<name>/shards/I-of-N/' })
      .option('seed', { type: 'string', describe: "Override the experiment's seed" })
      .option('replications', { type: 'string', describe: "Override the experiment's replications" })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing result (and discard partial results)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress (a bar on a terminal, else a line every ~10% or minute) and no table' })
      .option('report', { type: 'boolean', default: false, describe: 'Also write report.html and charts/*.svg (see hasim report)' })
      .option('budget', { type: 'string', describe: 'CPU time the experiment may take by its estimate (default 1h, or limits.budget): e.g. 8h, or unlimited' })
      .option('max-runs', { type: 'string', describe: 'Runs the experiment may plan (default 1000000, or limits.maxRuns), or unlimited' })
      .example(
        examples([
          ['$0 run experiments/flagship.yaml', 'Run on all cores into results/<name>/'],
          ['$0 run exp.yaml --workers 4 --replications 30 --seed 7', 'Override workers, replications and seed'],
          ['$0 run exp.yaml --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT', 'One slice of a Slurm job array'],
          ['$0 run exp.yaml --force', 'Run again, replacing results/<name>/'],
        ]),
      )
      .epilogue(exitCodesHelp()),
  handler: handled(async (args: RunArgs) => {
    const { loadModelsFor, readSource, resolveExperiment, runExperiment, resultDirSink, budgetedEstimate, formatEstimate, budgetOverrides, createProgress, parseShard, headlineTable, verdictLines } =
      await loadRunModules();
    const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
    const workers = countOption('workers', args.workers) ?? availableParallelism();
    const replications = countOption('replications', args.replications);
    const source = readSource(args.file);
    const { models, modules } = await loadModelsFor(source.data);
    const exp = resolveExperiment(source, models, {
      ...(args.seed !== undefined ? { seed: parseSeedOption(args.seed) } : {}),
      ...(replications !== undefined ? { replications } : {}),
    });

    const budget = budgetOverrides(args);
    const { estimate } = budgetedEstimate(exp, budget, shard);
    printWarnings(exp.warnings);
    if (!args.quiet) process.stdout.write(`${exp.spec.name}: ${formatEstimate(estimate, workers)}\n`);
    const controller = new AbortController();
    const onSignal = (): void => controller.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const progress = createProgress(args.quiet ? 'none' : process.stderr.isTTY === true ? 'bar' : 'lines');
    let outcome;
    try {
      outcome = await runExperiment(exp, resultDirSink({ out: args.out, force: args.force }), {
        workers,
        modelModules: modules,
        signal: controller.signal,
        budget,
        isolate: true,
        onProgress: (p) => progress.update(p),
        ...(shard ? { shard } : {}),
      });
    } catch (err) {
      progress.stop();
      if (err instanceof InterruptedError) {
        throw new InterruptedError('interrupted; finished runs are kept, run the same command again to resume');
      }
      throw err;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    progress.stop();
    printWarnings(outcome.warnings.slice(exp.warnings.length));
    const report = args.report && !shard ? await (await loadReport()).writeReport(outcome.dir) : undefined;
    if (args.quiet) return;
    const runs = `${outcome.total} runs (${outcome.executed} executed${outcome.resumed > 0 ? `, ${outcome.resumed} resumed` : ''}${outcome.reused > 0 ? `, ${outcome.reused} reused from the previous result` : ''})`;
    if (shard) {
      process.stdout.write(`${exp.spec.name}: shard ${shard.index}/${shard.count}: ${runs} in ${outcome.wallTimeS.toFixed(1)} s → ${outcome.dir}\n`);
      process.stdout.write(`combine the shards with: hasim merge ${args.out}/${exp.spec.name}/shards --out ${args.out}\n`);
      return;
    }
    process.stdout.write(`${exp.spec.name}: ${exp.configurations.length} configuration(s) × ${exp.spec.replications} replication(s) = ${runs} in ${outcome.wallTimeS.toFixed(1)} s → ${outcome.dir}\n`);
    process.stdout.write(`${headlineTable(outcome.context, outcome.summary)}\n`);
    for (const line of verdictLines(outcome.context, outcome.summary)) process.stdout.write(`${line}\n`);
    if (report !== undefined) process.stdout.write(`report: ${report.html}\n`);
  }),
};
