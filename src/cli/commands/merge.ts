// hasim merge DIR… --out DIR: shard results → the files an unsharded run writes.
import type { Argv } from 'yargs';
import { mergeShards } from '../../output/merge.js';
import { handled } from '../exit-codes.js';
import { headlineTable } from '../table.js';
import { verdictLines } from '../verdict.js';
import { printWarnings } from '../warnings.js';

interface MergeArgs {
  dirs: string[];
  out: string;
  force: boolean;
  quiet: boolean;
}

export const mergeCommand = {
  command: 'merge <dirs..>',
  describe: 'Combine the shard results of one experiment into <out>/<name>/',
  builder: (y: Argv) =>
    y
      .positional('dirs', { type: 'string', array: true, describe: 'Shard directories, or folders holding them (e.g. results/<name>/shards)', demandOption: true })
      .option('out', { type: 'string', default: 'results', describe: 'Parent directory of the merged result <out>/<name>/' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing merged result' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing on success' })
      .example('$0 merge results/mmc/shards --out results', 'Merge every shard of experiment "mmc"')
      .example('$0 merge /scratch/a/mmc/shards/1-of-2 /scratch/b/mmc/shards/2-of-2', 'Merge shard folders from different machines'),
  handler: handled((args: MergeArgs) => {
    const outcome = mergeShards(args.dirs, args.out, args.force);
    printWarnings(outcome.warnings);
    if (args.quiet) return;
    process.stdout.write(`${outcome.context.experiment}: merged ${outcome.shards} shards, ${outcome.total} runs → ${outcome.dir}\n`);
    process.stdout.write(`${headlineTable(outcome.context, outcome.summary)}\n`);
    for (const line of verdictLines(outcome.context, outcome.summary)) process.stdout.write(`${line}\n`);
  }),
};
