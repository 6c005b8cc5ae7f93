// hasim schema: the JSON Schema of experiment files, for editors.
import type { Argv } from 'yargs';
import { handled } from '../exit-codes.js';

export const schemaCommand = {
  command: 'schema',
  describe: 'Print the JSON Schema of experiment files (with every model\'s parameters)',
  builder: (y: Argv) =>
    y
      .example('$0 schema > hasim.schema.json', 'Then start a YAML file with: # yaml-language-server: $schema=./hasim.schema.json'),
  handler: handled(async () => {
    const [{ experimentJsonSchema }, { loadModels }] = await Promise.all([import('../../experiment/json-schema.js'), import('../load-models.js')]);
    process.stdout.write(`${JSON.stringify(experimentJsonSchema((await loadModels()).models), null, 2)}\n`);
  }),
};
