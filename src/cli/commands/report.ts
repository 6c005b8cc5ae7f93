// `hasim report DIR`: writes DIR/report.html and DIR/charts/*.svg from a result directory.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { writeReport } from '../../report/write-report.js';

export interface ReportArgs {
  readonly dir: string;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'Write report.html (self-contained, opens offline) and charts/*.svg for a result directory',
  builder: (yargs: Argv<object>): Argv<ReportArgs> =>
    yargs
      .positional('dir', { type: 'string', demandOption: true, describe: 'A result directory (holding runs.csv, summary.csv, meta.json)' })
      .example('$0 report results/flagship', 'writes results/flagship/report.html') as Argv<ReportArgs>,
  handler: async (argv: ArgumentsCamelCase<ReportArgs>): Promise<void> => {
    const out = await writeReport(argv.dir);
    process.stdout.write(`${out.html} (${out.charts.length} chart${out.charts.length === 1 ? '' : 's'} in ${argv.dir}/charts)\n`);
  },
};

export default reportCommand;
