// hasim models [NAME]: the registered models (or one of them) with every parameter — nested
// fields, list items and policy kinds included — its type, default, unit and description. The
// rows come from the same generator as docs/reference.md (src/output/parameter-reference.ts).
import type { Argv } from 'yargs';
import { handled } from '../exit-codes.js';

export const modelsCommand = {
  command: 'models [name]',
  describe: 'List the models with their parameters, defaults, units and documentation',
  builder: (y: Argv) =>
    y
      .positional('name', { type: 'string', describe: 'Describe only this model' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of text' })
      .example('$0 models', 'Describe every model')
      .example('$0 models topology', 'Every field of the topology model')
      .example('$0 models --json', 'The same as JSON'),
  handler: handled(async (args: { name?: string; json: boolean }) => {
    const [{ modelFieldDocs, modelReferenceText }, { loadModels }, { UsageError }] = await Promise.all([
      import('../../output/parameter-reference.js'),
      import('../load-models.js'),
      import('../../experiment/spec-error.js'),
    ]);
    const { models: all } = await loadModels();
    const models = args.name === undefined ? all : all.filter((m) => m.name === args.name);
    if (args.name !== undefined && models.length === 0) {
      throw new UsageError(`unknown model "${args.name}" (registered: ${all.map((m) => m.name).join(', ') || 'none'})`);
    }
    if (args.json) {
      const out = models.map((m) => ({ name: m.name, description: m.description, headline: m.headline, params: modelFieldDocs(m) }));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    if (models.length === 0) {
      process.stdout.write('no models registered\n');
      return;
    }
    process.stdout.write(`${models.map(modelReferenceText).join('\n\n')}\n`);
  }),
};
