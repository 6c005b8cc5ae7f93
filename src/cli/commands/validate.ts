// hasim validate FILE: the checks of `hasim run`, nothing run or written.
import type { Argv } from 'yargs';
import { loadModels } from '../../experiment/registry.js';
import { loadExperiment } from '../../experiment/spec.js';
import { handled } from '../exit-codes.js';
import { printWarnings } from '../warnings.js';

export const validateCommand = {
  command: 'validate <file>',
  describe: 'Check an experiment file (keys, types, ranges, the model and its parameters) without running it',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Experiment file (YAML or JSON)', demandOption: true })
      .example('$0 validate experiments/flagship.yaml', 'Exit code 0 if valid, 2 with messages if not'),
  handler: handled(async (args: { file: string }) => {
    const exp = loadExperiment(args.file, await loadModels());
    const n = exp.configurations.length;
    printWarnings(exp.warnings);
    process.stdout.write(
      `${args.file}: ok — model ${exp.model.name}, ${n} configuration${n === 1 ? '' : 's'} × ${exp.spec.replications} replication${exp.spec.replications === 1 ? '' : 's'} = ${n * exp.spec.replications} runs\n`,
    );
  }),
};
