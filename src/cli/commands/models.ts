// hasim models: every registered model with its parameters, defaults, units and docs.
import type { Argv } from 'yargs';
import { handled } from '../exit-codes.js';

export const modelsCommand = {
  command: 'models',
  describe: 'List the models with their parameters, defaults, units and documentation',
  builder: (y: Argv) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of text' })
      .example('$0 models', 'Describe every model')
      .example('$0 models --json', 'The same as JSON'),
  handler: handled(async (args: { json: boolean }) => {
    const [{ paramDocs }, { loadModels }] = await Promise.all([import('../../experiment/model-docs.js'), import('../load-models.js')]);
    const { models } = await loadModels();
    if (args.json) {
      const out = models.map((m) => ({ name: m.name, description: m.description, headline: m.headline, params: paramDocs(m) }));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    if (models.length === 0) {
      process.stdout.write('no models registered\n');
      return;
    }
    const blocks = models.map((m) => {
      const lines = [`${m.name} — ${m.description}`, `  headline metrics: ${m.headline.join(', ') || '(none)'}`, '  parameters:'];
      const docs = paramDocs(m);
      const width = Math.max(0, ...docs.map((d) => d.path.length));
      for (const d of docs) {
        const facts = [
          d.type,
          d.unit !== undefined ? `unit ${d.unit}` : undefined,
          d.default !== undefined ? `default ${JSON.stringify(d.default)}` : d.required ? 'required' : undefined,
        ].filter((x) => x !== undefined);
        lines.push(`    ${d.path.padEnd(width)}  ${facts.join(', ')}${d.description ? ` — ${d.description}` : ''}`);
      }
      return lines.join('\n');
    });
    process.stdout.write(`${blocks.join('\n\n')}\n`);
  }),
};
