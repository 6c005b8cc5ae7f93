// `hasim report DIR`: reads a result directory, chooses and renders its charts, and writes
// DIR/report.html (self-contained) and DIR/charts/<id>.svg, each file atomically.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic-write.js';
import { planCharts } from './chart-plan.js';
import { composeReport } from './compose-report.js';
import type { RenderedChart } from './html.js';
import { readResults } from './read-results.js';
import { renderSvg } from './render-svg.js';

export interface ReportChartInfo {
  readonly id: string;
  readonly title: string;
  /** Path of the SVG file. */
  readonly file: string;
  readonly marks: readonly string[];
  readonly section: string;
  /** summary.csv metrics it shows. */
  readonly metrics: readonly string[];
}

export interface ReportOutcome {
  /** Path of report.html. */
  readonly html: string;
  readonly charts: readonly ReportChartInfo[];
}

export async function writeReport(dir: string): Promise<ReportOutcome> {
  const results = readResults(dir);
  const planned = planCharts(results);
  const rendered: RenderedChart[] = [];
  for (const chart of planned) {
    rendered.push({ chart, svg: await renderSvg(chart.spec, chart.id), file: `charts/${chart.id}.svg` });
  }
  if (rendered.length > 0) mkdirSync(join(dir, 'charts'), { recursive: true });
  for (const c of rendered) writeFileAtomic(join(dir, c.file), `<?xml version="1.0" encoding="UTF-8"?>\n${c.svg}\n`);
  const html = join(dir, 'report.html');
  writeFileAtomic(html, composeReport(results, planned, rendered));
  return {
    html,
    charts: rendered.map((c) => ({ id: c.chart.id, title: c.chart.title, file: join(dir, c.file), marks: c.chart.marks, section: c.chart.section, metrics: c.chart.metrics })),
  };
}
