// The HTML report of a run made in the page (src/report/: the same reader, chart plan, verdicts
// and page as `hasim report`): the result files go to the in-memory folder the report's reader
// sees through shims/fs.ts; the charts are rendered by vega (vega-bundle.ts), which the page loads
// only when a run has finished.
import { answerMetrics } from '../../src/report/answer-metrics.js';
import { planCharts, summaryIndex } from '../../src/report/chart-plan.js';
import { reportHtml, type RenderedChart } from '../../src/report/html.js';
import { readResults } from '../../src/report/read-results.js';
import { verdicts } from '../../src/report/verdicts.js';
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
  const get = summaryIndex(results.summary);
  const charted = [...new Set(planned.filter((c) => c.section === 'answer').flatMap((c) => c.metrics))].filter((m) => answerMetrics(results).includes(m) || results.headlineHint.includes(m));
  const table = [...new Set([...answerMetrics(results, Infinity), ...charted])];
  return reportHtml(results, rendered, table, get, verdicts(results, charted, get));
}
