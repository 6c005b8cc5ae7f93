#!/usr/bin/env node
// The hasim command line: run, validate, models, schema, merge. Exit codes: 0 success,
// 2 bad input or usage, 1 a failure inside a run, 130 interrupted.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { hasimVersion } from '../experiment/version.js';
import { EXIT_BAD_INPUT } from './exit-codes.js';
import { reportCommand } from './commands/report.js';
import { mergeCommand } from './commands/merge.js';
import { modelsCommand } from './commands/models.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';

export async function main(argv: readonly string[]): Promise<void> {
  const cli = yargs([...argv])
    .scriptName('hasim')
    .usage('$0 <command> [options]\n\nDeterministic discrete-event simulation of high availability and resilience.')
    .command(runCommand as never)
    .command(validateCommand as never)
    .command(modelsCommand as never)
    .command(schemaCommand as never)
    .command(mergeCommand as never)
    .command(reportCommand as never)
    .demandCommand(1, 'Name a command: run, validate, models, schema, merge or report.')
    .strict()
    .recommendCommands()
    .example('$0 run experiments/flagship.yaml', 'Run an experiment, print mean ± 95% CI per configuration')
    .example('$0 validate my.yaml', 'Check a file without running it')
    .example('$0 models', 'What can be simulated, with parameters')
    .epilogue('Results: <out>/<name>/runs.csv, summary.csv, meta.json. Exit codes: 0 ok, 1 a run failed, 2 bad input or usage, 130 interrupted (finished runs are kept; the same command resumes).')
    .help()
    .alias('h', 'help')
    .version(hasimVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`hasim: ${msg}\nRun "hasim --help" or "hasim <command> --help" for usage.\n`);
      process.exit(EXIT_BAD_INPUT);
    });
  await cli.parseAsync();
}

// A reader that stops early (`hasim schema | head`) closes the pipe: stop quietly, as a Unix tool
// does, rather than with Node's stack for an unhandled EPIPE. Results are written before anything
// is printed, so nothing is lost.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

await main(hideBin(process.argv));
