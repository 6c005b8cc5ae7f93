// The report: result directory → report.html and charts/*.svg.
export { writeReport, type ReportOutcome, type ReportChartInfo } from './write-report.js';
export { readResults, type Results, type ResultConfig, type SummaryStat, type TimeseriesPoint, type HistogramBin } from './read-results.js';
export { planCharts, type PlannedChart, type ChartSection } from './chart-plan.js';
export { chooseHeadlines, tableMetrics, unitOf, metricLabel, type Headline, type HeadlineKind } from './metrics.js';
export { renderSvg } from './render-svg.js';
export { parseCsv, parseNumberCell, CsvFormatError, type CsvTable } from './csv-parse.js';
