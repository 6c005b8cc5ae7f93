// hasim merge DIR… --out DIR: shard results → the files an unsharded run writes.
import type { Argv } from 'yargs';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { UsageError } from '../../experiment/spec-error.js';
import type { ShardSet } from '../../output/merge.js';
import { countOption } from '../count-option.js';
import { exitCodesHelp, handled } from '../exit-codes.js';
import { examples } from '../help-examples.js';
import { printWarnings } from '../warnings.js';

interface MergeArgs {
  dirs: string[];
  out: string;
  force: boolean;
  quiet: boolean;
  workers?: string;
}

/**
 * Shards of an experiment with `precision:` hold its first stage only; the later stages need
 * every shard's results. The merge runs them here, from the experiment file the shards ran
 * (it must be unchanged: same hash), taking the shards' runs as done: the result is the one an
 * unsharded run writes, byte for byte.
 */
async function topUp(set: ShardSet, args: MergeArgs) {
  const file = set.meta.source_file;
  if (!existsSync(file)) {
    throw new UsageError(`${file}: not found; the shards' experiment has precision:, and merging them runs the remaining replications from its file (run hasim merge where that path is valid)`);
  }
  await import('../zod-jitless.js');
  const [{ loadModelsFor }, { readSource }, { resolveExperiment }, { runExperiment }, { resultDirSink }] = await Promise.all([
    import('../load-models.js'),
    import('../../experiment/source.js'),
    import('../../experiment/spec.js'),
    import('../../experiment/runner.js'),
    import('../../output/result-dir-sink.js'),
  ]);
  const source = readSource(file);
  const { models, modules } = await loadModelsFor(source.data);
  const exp = resolveExperiment(source, models, { seed: set.meta.seed, replications: set.meta.replications });
  if (exp.hash !== set.meta.experiment_hash) {
    throw new UsageError(`${file}: changed since the shards ran (or another hasim version); precision: needs the same experiment to run the remaining replications`);
  }
  const workers = countOption('workers', args.workers) ?? availableParallelism();
  return runExperiment(exp, resultDirSink({ out: args.out, force: args.force }), { workers, modelModules: modules, prior: set.records });
}

export const mergeCommand = {
  command: 'merge <dirs..>',
  describe: 'Combine the shard results of one experiment into <out>/<name>/',
  builder: (y: Argv) =>
    y
      // default: undefined keeps yargs from showing "[default: []]" next to "[required]"
      .positional('dirs', { type: 'string', array: true, describe: 'Shard directories, or folders holding them (e.g. results/<name>/shards)', default: undefined })
      .option('out', { type: 'string', default: 'results', describe: 'Parent directory of the merged result <out>/<name>/' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing merged result' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing on success' })
      .option('workers', { type: 'string', describe: 'Worker threads for the replications precision: adds (default: the number of CPU cores)' })
      .example(
        examples([
          ['$0 merge results/mmc/shards --out results', 'Merge every shard of experiment "mmc"'],
          ['$0 merge /scratch/a/mmc/shards/1-of-2 /scratch/b/mmc/shards/2-of-2', 'Merge shard folders from different machines'],
        ]),
      )
      .epilogue(exitCodesHelp()),
  handler: handled(async (args: MergeArgs) => {
    const [{ mergeShards, readShardSet }, { headlineTable }, { verdictLines }] = await Promise.all([
      import('../../output/merge.js'),
      import('../table.js'),
      import('../verdict.js'),
    ]);
    const set = readShardSet(args.dirs);
    const outcome = set.meta.experiment['precision'] ? await topUp(set, args) : mergeShards(set, args.out, args.force);
    printWarnings(outcome.warnings);
    if (args.quiet) return;
    process.stdout.write(`${outcome.context.experiment}: merged ${set.count} shards, ${outcome.total} runs → ${outcome.dir}\n`);
    process.stdout.write(`${headlineTable(outcome.context, outcome.summary)}\n`);
    for (const line of verdictLines(outcome.context, outcome.summary)) process.stdout.write(`${line}\n`);
  }),
};
