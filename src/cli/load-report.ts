// The report module (Vega and Vega-Lite) takes about 0.4 s to import: loaded only by the
// commands that write a report, so that every other command starts without it.
export function loadReport(): Promise<typeof import('../report/write-report.js')> {
  return import('../report/write-report.js');
}
