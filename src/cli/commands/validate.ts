// hasim validate FILE: the checks of `hasim run`, nothing run or written.
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { exitCodesHelp, handled } from '../exit-codes.js';
import { examples } from '../help-examples.js';
import { printWarnings } from '../warnings.js';

export const validateCommand = {
  command: 'validate <file>',
  describe: 'Check an experiment file (keys, types, ranges, the model and its parameters) without running it',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Experiment file (YAML or JSON)', demandOption: true })
      .option('budget', { type: 'string', describe: 'Estimated CPU time the experiment may take (as in hasim run)' })
      .option('max-runs', { type: 'string', describe: 'Runs the experiment may plan (as in hasim run)' })
      .example(examples([['$0 validate experiments/flagship.yaml', 'Exit code 0 if valid (and within its budget), 2 with messages if not']]))
      .epilogue(exitCodesHelp(false)),
  handler: handled(async (args: { file: string; budget?: string; 'max-runs'?: string }) => {
    await import('../zod-jitless.js');
    const [{ loadModelsFor }, { readSource }, { resolveExperiment }, { budgetedEstimate, formatEstimate }, { budgetOverrides }] = await Promise.all([
      import('../load-models.js'),
      import('../../experiment/source.js'),
      import('../../experiment/spec.js'),
      import('../../experiment/estimate.js'),
      import('../budget-options.js'),
    ]);
    const source = readSource(args.file);
    const exp = resolveExperiment(source, (await loadModelsFor(source.data)).models);
    const { estimate } = budgetedEstimate(exp, budgetOverrides(args));
    const n = exp.configurations.length;
    printWarnings(exp.warnings);
    process.stdout.write(
      `${args.file}: ok — model ${exp.model.name}, ${n} configuration${n === 1 ? '' : 's'} × ${exp.spec.replications} replication${exp.spec.replications === 1 ? '' : 's'} = ${n * exp.spec.replications} runs\n`,
    );
    process.stdout.write(`${formatEstimate(estimate, availableParallelism())}\n`);
  }),
};
