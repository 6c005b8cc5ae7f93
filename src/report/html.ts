// Assembles report.html: one self-contained page (inline CSS and SVG, no script, and a
// Content-Security-Policy that forbids every fetch), readable offline from the file system.
// The first screen is the answer: the title, the question (the experiment's description), the
// verdict against the baseline, warnings, and one chart per headline metric; where the downtime
// comes from (per service), the paired differences, distributions, time series and the table follow; the experiment's set-up and
// parameters (as written, and as resolved) are at the end, collapsed.
import { constantHeadlines } from './answer-metrics.js';
import { flattenParams } from './flatten.js';
import { estimateText, paramText } from './format.js';
import { valueText } from './labels.js';
import { metricLabel } from './metrics.js';
import { writtenParams } from './params-written.js';
import type { ChartSection, PlannedChart } from './chart-plan.js';
import type { Results, SummaryStat } from './read-results.js';
import type { Verdicts } from './verdicts.js';

export interface RenderedChart {
  readonly chart: PlannedChart;
  readonly svg: string;
  /** Path of the SVG file relative to report.html. */
  readonly file: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
body{font:15px/1.45 Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1280px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{font-size:26px;margin:0 0 6px}h2{font-size:20px;margin:34px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:16px;margin:20px 0 8px}.desc{font-size:16px;margin:6px 0}.muted{color:#666;font-size:13px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.swept td{background:#fff8e1}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:14px}figure.chart{margin:0;border:1px solid #eee;padding:6px;background:#fff;min-width:0}
figure.chart svg{display:block;max-width:100%;height:auto}figcaption{font-size:12px;color:#555;margin-top:4px}
.verdict{margin:10px 0 12px;padding:8px 12px;background:#f4f8fc;border-left:4px solid #1f77b4}.verdict p{margin:0 0 4px;font-weight:bold}
.verdict ul,.warn ul{margin:0;padding-left:18px}.verdict li{font-size:14px}.warn{margin:8px 0;padding:8px 12px;background:#fff4e5;border-left:4px solid #e8a33d;font-size:14px}
details{margin:26px 0 0}summary{font-size:18px;font-weight:bold;cursor:pointer}table{max-width:100%}.table-wrap{overflow-x:auto;max-width:100%}td{overflow-wrap:anywhere}td.swept-value{max-width:360px;font-size:12px}
code{font-size:12px;background:#f3f3f3;padding:0 3px}
`;

function seconds(v: unknown): string {
  const s = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(s)) return paramText(v);
  const units: [number, string][] = [[365 * 86_400, 'y'], [86_400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];
  const u = units.find(([k]) => s >= k && s % k === 0) ?? [1, 's'];
  return u[0] === 1 ? `${s} s` : `${s} s (${s / u[0]} ${u[1]})`;
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function setupTable(r: Results): string {
  const exp = obj(r.meta?.['experiment']);
  const rows: [string, string][] = [];
  if (r.model) rows.push(['model', r.model]);
  if (exp['seed'] !== undefined) rows.push(['seed', paramText(exp['seed'])]);
  if (exp['replications'] !== undefined) rows.push(['replications per configuration', paramText(exp['replications'])]);
  if (exp['warmup'] !== undefined) rows.push(['warm-up (simulated)', seconds(exp['warmup'])]);
  if (exp['duration'] !== undefined) rows.push(['measured duration (simulated)', seconds(exp['duration'])]);
  if (exp['crn'] !== undefined) rows.push(['common random numbers', paramText(exp['crn'])]);
  rows.push(['configurations', String(r.configs.length)]);
  rows.push(['runs', String(r.runCount)]);
  for (const c of r.sweptColumns) {
    const values = [...new Set(r.configs.map((cfg) => valueText(cfg.swept[c])))];
    rows.push([`swept: ${c}`, values.join(', ')]);
  }
  if (r.hasimVersion) rows.push(['hasim version', r.hasimVersion]);
  const src = r.meta?.['source_file'];
  if (typeof src === 'string') rows.push(['experiment file', src]);
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** Swept values as written: a zip column's list as the sweep gives it, else its distinct values in sweep order. */
function sweptWritten(r: Results): Map<string, unknown[]> {
  const sweep = obj(obj(r.meta?.['experiment'])['sweep']);
  const zip = sweep['zip'];
  const zips = Array.isArray(zip) ? zip.map(obj) : [obj(zip)];
  const out = new Map<string, unknown[]>();
  for (const c of r.sweptColumns) {
    const listed = zips.map((z) => z[c]).find((v) => Array.isArray(v));
    if (Array.isArray(listed)) {
      out.set(c, listed);
      continue;
    }
    const seen = new Map<string, unknown>();
    for (const cfg of r.configs) {
      const v = r.writtenSwept.get(cfg.id)?.[c] ?? cfg.swept[c];
      seen.set(JSON.stringify(v), v);
    }
    out.set(c, [...seen.values()]);
  }
  return out;
}

function writtenTable(r: Results): string {
  const list = writtenParams(r.writtenParams, sweptWritten(r));
  if (list.length === 0) return '<p class="muted">The experiment\'s parameters were not recorded (meta.json missing or older).</p>';
  const body = list.map((w) => `<tr${w.swept ? ' class="swept"' : ''}><td><code>${escapeHtml(w.path)}</code></td><td>${escapeHtml(w.text)}</td></tr>`).join('');
  return `<p class="muted">As written in the experiment (units and distributions as given; the model fills the rest with its defaults); swept ones highlighted.</p><table class="params written"><tr><th>parameter</th><th>value</th></tr>${body}</table>`;
}

function paramsTable(r: Results): string {
  const configs = r.meta?.['configurations'];
  const first = Array.isArray(configs) ? obj(configs[0])['params'] : undefined;
  const params = first ?? obj(r.meta?.['experiment'])['params'];
  const flat = flattenParams(params);
  if (flat.length === 0) return '<p class="muted">No parameters recorded (meta.json missing or without parameters).</p>';
  const body = flat
    .map(([path, v]) => {
      const swept = r.sweptColumns.includes(path);
      const text = swept ? `swept: ${[...new Set(r.configs.map((c) => valueText(c.swept[path])))].join(', ')}` : paramText(v);
      return `<tr${swept ? ' class="swept"' : ''}><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(text)}</td></tr>`;
    })
    .join('');
  const note = first !== undefined ? 'as resolved for the first configuration (defaults filled, durations in seconds, rates per second)' : 'as written in the experiment';
  return `<p class="muted">Model parameters ${note}; swept ones highlighted.</p><table class="params resolved"><tr><th>parameter</th><th>value</th></tr>${body}</table>`;
}

function figure(c: RenderedChart): string {
  const { chart } = c;
  return (
    `<figure class="chart" id="chart-${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}" data-marks="${escapeHtml(chart.marks.join(' '))}" data-metrics="${escapeHtml(chart.metrics.join(' '))}">` +
    `${c.svg}<figcaption>${escapeHtml(chart.caption)} <a href="${escapeHtml(c.file)}">SVG</a></figcaption></figure>`
  );
}

const SECTIONS: { section: ChartSection; heading: string; intro: string }[] = [
  { section: 'downtime', heading: 'Where the downtime and the failures come from', intro: "Each service's own downtime per year (and, at request level, its failed requests), stacked, beside the system's: the services that cost the most. Overlapping outages, failures that travel up to the callers, and services the system does not require make the stack differ from the system's figure." },
  { section: 'differences', heading: 'Paired differences to the baseline', intro: 'Each configuration minus the baseline, replication by replication on the same random numbers: the interval to read where the marginal intervals above overlap. A bar clear of zero is a difference the runs show.' },
  { section: 'distribution', heading: 'Latency distributions', intro: 'Cumulative distribution per configuration on a logarithmic latency axis: further left is faster; the top of each curve is the tail.' },
  { section: 'timeseries', heading: 'Time series', intro: 'The headline series of every configuration (median and band across replications), then every sampled metric of one run, over simulated time.' },
];

function headlineTable(r: Results, metrics: readonly string[], get: (configId: string, metric: string) => SummaryStat | undefined): string {
  if (metrics.length === 0) return '';
  const head = `<tr><th>configuration</th>${r.sweptColumns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}${metrics.map((m) => `<th title="${escapeHtml(m)}">${escapeHtml(metricLabel(m))}</th>`).join('')}</tr>`;
  const body = r.configs
    .map((cfg) => {
      const cells = metrics.map((m) => {
        const s = get(cfg.id, m);
        const text = s ? estimateText(s) : '—';
        return `<td class="num">${escapeHtml(text)}</td>`;
      });
      return `<tr><td><code>${escapeHtml(cfg.id)}</code></td>${r.sweptColumns.map((c) => `<td class="swept-value">${escapeHtml(valueText(cfg.swept[c]))}</td>`).join('')}${cells.join('')}</tr>`;
    })
    .join('');
  const bounds = r.summary.some((s) => s.oneSided && metrics.includes(s.metric));
  return `<p class="muted">Mean ± half-width of the 95% confidence interval over the replications${bounds ? '; (≥ / ≤ x): nothing observed in any run, a one-sided 95% bound (docs/intervals.md)' : ''}.</p><div class="table-wrap"><table class="headline">${head}${body}</table></div>`;
}

function answer(r: Results, charts: readonly RenderedChart[], v: Verdicts): string {
  const verdict =
    v.lines.length > 0
      ? `<div class="verdict"><p>${escapeHtml(v.head)}</p><ul>${v.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>${v.omitted > 0 ? `<p class="muted">… ${v.omitted} more in the differences below and in summary.csv (diff_* columns).</p>` : ''}</div>`
      : r.configs.length > 1
        ? '<p class="muted">No baseline comparison recorded (summary.csv without diff_* columns).</p>'
        : '';
  const warn = r.warnings.length > 0 ? `<div class="warn"><ul>${r.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : '';
  const constant = constantHeadlines(r).map((m) => {
    const s = r.summary.find((x) => x.metric === m);
    return `${metricLabel(m)} ${s ? estimateText(s) : ''}`;
  });
  const same = constant.length > 0 ? `<p class="muted">The same in every configuration (not charted): ${escapeHtml(constant.join('; '))}.</p>` : '';
  const list = charts.filter((c) => c.chart.section === 'answer');
  const figures = list.length > 0 ? `<div class="charts">${list.map(figure).join('')}</div>` : '<p class="muted">No headline metric has data, so there is no chart; the table below has the results.</p>';
  return `<section id="answer">${verdict}${warn}${figures}${same}</section>`;
}

export function reportHtml(r: Results, charts: readonly RenderedChart[], tableMetrics: readonly string[], get: (configId: string, metric: string) => SummaryStat | undefined, v: Verdicts): string {
  const sections = SECTIONS.map(({ section, heading, intro }) => {
    const list = charts.filter((c) => c.chart.section === section);
    if (list.length === 0) return '';
    return `<section id="${section}"><h2>${escapeHtml(heading)}</h2><p class="muted">${escapeHtml(intro)}</p><div class="charts">${list.map(figure).join('')}</div></section>`;
  }).join('\n');
  const configs = r.configs.length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${r.experiment} — hasim report`)}</title>
<style>${CSS}</style>
</head>
<body><main>
<header><h1>${escapeHtml(r.experiment)}</h1>
${r.description ? `<p class="desc">${escapeHtml(r.description)}</p>` : ''}
<p class="muted">${escapeHtml(`${configs} configuration${configs === 1 ? '' : 's'}, ${r.runCount} runs${r.model ? `, model ${r.model}` : ''}. Data: runs.csv, summary.csv${r.timeseries ? ', timeseries.csv' : ''}${r.histogram ? ', histogram.csv' : ''} in this folder; charts also as charts/*.svg.`)}</p>
</header>
${answer(r, charts, v)}
${sections}
<section id="table"><h2>Headline metrics per configuration</h2>${headlineTable(r, tableMetrics, get)}</section>
<details id="setup"><summary>Experiment and parameters</summary>${setupTable(r)}<h3>Parameters as written</h3>${writtenTable(r)}<h3>Parameters as resolved</h3>${paramsTable(r)}</details>
<footer class="muted"><p>Written by <code>hasim report</code>.</p></footer>
</main></body>
</html>
`;
}
