#!/usr/bin/env node
// The hasim command line: run, validate, plan, models, schema, merge, report, playground. Exit codes: see
// exit-codes.ts (0 success, 1 a run failed, 2 bad input or usage, 130 interrupted).
//
// Start-up time is part of the interface (`hasim --version`, `--help` and `validate` answer in a
// fraction of a second): this module imports nothing at its top; yargs and the command
// definitions load after the `--version` shortcut, and each command loads what its handler needs
// when it runs.
import { hasimVersion } from '../experiment/version.js';

/** Width of --help: the terminal's, else $COLUMNS, else 100; at most 110. */
function helpWidth(): number {
  const columns = process.stdout.columns ?? Number(process.env['COLUMNS']);
  return Math.min(110, Number.isInteger(columns) && columns >= 40 ? columns : 100);
}

export async function main(argv: readonly string[]): Promise<void> {
  // `hasim --version` alone needs no parser: print what yargs' .version() prints, without
  // loading it.
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${hasimVersion()}\n`);
    return;
  }
  // `hasim validate FILE` with no option, what an editor or a pre-commit hook runs, goes straight
  // to the command's handler: the same handler yargs would call, without loading yargs.
  if (argv.length === 2 && argv[0] === 'validate' && argv[1] !== undefined && !argv[1].startsWith('-')) {
    const { validateCommand } = await import('./commands/validate.js');
    await validateCommand.handler({ file: argv[1] });
    return;
  }
  const [{ default: yargs }, { EXIT_BAD_INPUT, exitCodesHelp }, { examples }, commands] = await Promise.all([
    import('yargs'),
    import('./exit-codes.js'),
    import('./help-examples.js'),
    Promise.all([
      import('./commands/run.js').then((m) => m.runCommand),
      import('./commands/validate.js').then((m) => m.validateCommand),
      import('./commands/plan.js').then((m) => m.planCommand),
      import('./commands/models.js').then((m) => m.modelsCommand),
      import('./commands/schema.js').then((m) => m.schemaCommand),
      import('./commands/merge.js').then((m) => m.mergeCommand),
      import('./commands/report.js').then((m) => m.reportCommand),
      import('./commands/playground.js').then((m) => m.playgroundCommand),
    ]),
  ]);
  const cli = yargs([...argv])
    .scriptName('hasim')
    .usage('$0 <command> [options]\n\nDeterministic discrete-event simulation of high availability and resilience.');
  for (const command of commands) cli.command(command as never);
  cli
    .demandCommand(1, 'Name a command: run, validate, plan, models, schema, merge, report or playground.')
    .strict()
    // "-1h" (a negative budget) must not read as the short flags -1 and -h, which printed the help.
    .parserConfiguration({ 'short-option-groups': false })
    .recommendCommands()
    .example(
      examples([
        ['$0 run experiments/flagship.yaml', 'Run an experiment, print mean ± 95% CI per configuration'],
        ['$0 validate my.yaml', 'Check a file without running it'],
        ['$0 models', 'What can be simulated, with parameters'],
      ]),
    )
    .epilogue(`Results: <out>/<name>/runs.csv, summary.csv, meta.json.\n${exitCodesHelp()}`)
    .help()
    .alias('h', 'help')
    .version(hasimVersion())
    .wrap(helpWidth())
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

await main(process.argv.slice(2));
