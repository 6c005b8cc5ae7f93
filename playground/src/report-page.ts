// The HTML report of a run made in the page (src/report/: the same reader, chart plan, verdicts
// and page as `hasim report`): the result files go to the in-memory folder the report's reader
// sees through shims/fs.ts; the charts are rendered by vega (vega-bundle.ts), which the page loads
// only when a run has finished.
import { planCharts } from '../../src/report/chart-plan.js';
import { composeReport } from '../../src/report/compose-report.js';
import type { RenderedChart } from '../../src/report/html.js';
import { readResults } from '../../src/report/read-results.js';
import type { ChartSpec } from '../../src/report/spec-common.js';
import { virtualFiles } from './shims/fs.js';

/** Where the result files sit in the in-memory folder. */
const DIR = '/result';

export type RenderSvg = (spec: ChartSpec, scope: string) => Promise<string>;

/** report.html for `files`: without charts when `render` is absent, with them when it is given. */
export async function reportPage(files: ReadonlyMap<string, string>, render?: RenderSvg): Promise<string> {
  virtualFiles(DIR, files);
  const results = readResults(DIR);
  const planned = planCharts(results);
  const rendered: RenderedChart[] = [];
  if (render) for (const chart of planned) rendered.push({ chart, svg: await render(chart.spec, chart.id), file: `charts/${chart.id}.svg` });
  return composeReport(results, planned, rendered);
}
