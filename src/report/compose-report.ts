// report.html's text from a result's contents and its rendered charts: which metrics the first
// screen's table and verdict speak of. Shared by `hasim report` (write-report.ts) and the web
// playground, which renders the charts its own way; nothing here touches files.
import { summaryIndex, type PlannedChart } from './chart-plan.js';
import { reportHtml, type RenderedChart } from './html.js';
import { answerMetrics } from './answer-metrics.js';
import type { Results } from './read-results.js';
import { verdicts } from './verdicts.js';

export function composeReport(results: Results, planned: readonly PlannedChart[], rendered: readonly RenderedChart[]): string {
  const get = summaryIndex(results.summary);
  // The verdict speaks of the metrics charted on the first screen; the table has every headline metric.
  const charted = [...new Set(planned.filter((c) => c.section === 'answer').flatMap((c) => c.metrics))].filter((m) => answerMetrics(results).includes(m) || results.headlineHint.includes(m));
  const table = [...new Set([...answerMetrics(results, Infinity), ...charted])];
  return reportHtml(results, rendered, table, get, verdicts(results, charted, get));
}
