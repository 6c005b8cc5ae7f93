// hasim schema: the JSON Schema of experiment files, for editors.
import type { Argv } from 'yargs';
import { handled } from '../exit-codes.js';
import { examples } from '../help-examples.js';

export const schemaCommand = {
  command: 'schema',
  describe: 'Print the JSON Schema of experiment files (with every model\'s parameters)',
  builder: (y: Argv) =>
    y
      .example(examples([['$0 schema > hasim.schema.json', 'Save it where your experiment files are']]))
      .epilogue('Then start a YAML file with this line, and an editor with the YAML language server checks and completes it:\n# yaml-language-server: $schema=./hasim.schema.json'),
  handler: handled(async () => {
    const [{ experimentJsonSchema }, { loadModels }] = await Promise.all([import('../../experiment/json-schema.js'), import('../load-models.js')]);
    process.stdout.write(`${JSON.stringify(experimentJsonSchema((await loadModels()).models), null, 2)}\n`);
  }),
};
