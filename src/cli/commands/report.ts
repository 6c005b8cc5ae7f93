// hasim report DIR: DIR/report.html (self-contained, opens offline) and DIR/charts/*.svg.
import type { Argv } from 'yargs';
import { loadReport } from '../load-report.js';
import { exitCodesHelp, handled } from '../exit-codes.js';
import { examples } from '../help-examples.js';

interface ReportArgs {
  dir: string;
  quiet: boolean;
}

export const reportCommand = {
  command: 'report <dir>',
  describe: 'Write report.html (charts of what the experiment varied and measured) and charts/*.svg into a result directory',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'A result directory (runs.csv, summary.csv, meta.json; timeseries.csv where sampled)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing on success' })
      .example(examples([['$0 report results/flagship', 'Writes results/flagship/report.html and results/flagship/charts/*.svg']]))
      .epilogue(exitCodesHelp(false)),
  handler: handled(async (args: ReportArgs) => {
    const out = await (await loadReport()).writeReport(args.dir);
    if (args.quiet) return;
    process.stdout.write(`${out.html} (${out.charts.length} chart${out.charts.length === 1 ? '' : 's'}, also as SVG in ${args.dir}/charts)\n`);
  }),
};
