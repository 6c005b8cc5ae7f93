// The report: reading result directories, choosing headline metrics and charts, number
// formatting, and the written report.html / charts/*.svg (without a browser; see
// report-browser.test.ts for the rendered page).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportCommand } from '../src/cli/commands/report.js';
import { parseCsv, parseNumberCell } from '../src/report/csv-parse.js';
import { planCharts } from '../src/report/chart-plan.js';
import { meanPlusMinus } from '../src/report/format.js';
import { chooseHeadlines, metricLabel, tableMetrics } from '../src/report/metrics.js';
import { ecdf, percentileOf } from '../src/report/plan-distributions.js';
import { thin } from '../src/report/plan-timeseries.js';
import { acrossReplications } from '../src/report/plan-timeseries-by-config.js';
import { scheduledWindows, windowsOf } from '../src/report/scheduled-windows.js';
import { readResults } from '../src/report/read-results.js';
import { scopeSvgIds } from '../src/report/render-svg.js';
import { writeReport } from '../src/report/write-report.js';
import { REPLICATIONS, runShippedExperiment, serviceDowntime, serviceFailed, unavailability, writeFixture, writeStringSweep, writeTopologyFixture } from './report-fixture.js';

const T_975_2 = 4.302652729911275; // Student t, 97.5% quantile, 2 degrees of freedom

function stats(xs: number[]) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, hw: (T_975_2 * sd) / Math.sqrt(n) };
}

function availability(timeout: number, replicas: number) {
  return stats([1, 2, 3].map((r) => 100 * (1 - unavailability(timeout, replicas, r))));
}

describe('csv', () => {
  test('parses quoted fields, doubled quotes, embedded commas and line breaks, CRLF', () => {
    const t = parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  test('rejects a ragged line and names it', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'runs.csv')).toThrow('runs.csv: line 3 has 1 fields, expected 2');
  });

  test('number cells as number-format.ts writes them', () => {
    expect(parseNumberCell('')).toBeNaN();
    expect(parseNumberCell('inf')).toBe(Infinity);
    expect(parseNumberCell('-inf')).toBe(-Infinity);
    expect(parseNumberCell('1e-7')).toBe(1e-7);
    expect(parseNumberCell('0.1')).toBe(0.1);
  });
});

describe('headlines', () => {
  test('availability becomes nines and downtime per year; p99, RTO found by name', () => {
    const hs = chooseHeadlines(['theory_availability_pct', 'availability_pct', 'latency_p50_ms', 'latency_p99_ms', 'rto_s', 'requests_count'], []);
    expect(hs.map((h) => [h.kind, h.metric])).toEqual([
      ['nines', 'availability_pct'],
      ['downtime', 'availability_pct'],
      ['p99', 'latency_p99_ms'],
      ['rto', 'rto_s'],
    ]);
    const [nines, downtime] = hs;
    const n = nines!.transform(99.9, 99.8, 99.95);
    expect(n.mean).toBeCloseTo(3, 12);
    expect(n.low).toBeCloseTo(-Math.log10(0.002), 12);
    expect(n.high).toBeCloseTo(-Math.log10(0.0005), 12);
    // A decreasing transform swaps the bounds: 0.1% of a 365-day year is 525.6 minutes.
    const d = downtime!.transform(99.9, 99.8, 99.95);
    expect(d.mean).toBeCloseTo(525.6, 9);
    expect(d.low).toBeCloseTo(262.8, 9);
    expect(d.high).toBeCloseTo(1051.2, 9);
    expect(nines!.transform(100, 100, 100).mean).toBe(12); // capped
  });

  test('without them, the model headline list, with theory_ columns as dashed references', () => {
    const metrics = ['arrivals_count', 'mean_sojourn_s', 'utilisation_pct', 'blocking_pct', 'theory_mean_sojourn_s', 'theory_utilisation_pct'];
    const hint = ['mean_sojourn_s', 'theory_mean_sojourn_s', 'utilisation_pct', 'blocking_pct'];
    const hs = chooseHeadlines(metrics, hint);
    expect(hs.map((h) => [h.kind, h.metric, h.reference ?? null])).toEqual([
      ['metric', 'mean_sojourn_s', 'theory_mean_sojourn_s'],
      ['metric', 'utilisation_pct', 'theory_utilisation_pct'],
      ['metric', 'blocking_pct', null],
    ]);
    expect(tableMetrics(hs, metrics, hint)).toEqual(['mean_sojourn_s', 'theory_mean_sojourn_s', 'utilisation_pct', 'theory_utilisation_pct', 'blocking_pct']);
    expect(chooseHeadlines(['a_count', 'b_s', 'c_pct', 'd_ms', 'e_per_s'], []).map((h) => h.metric)).toEqual(['a_count', 'b_s', 'c_pct', 'd_ms']);
    expect(metricLabel('mean_sojourn_s')).toBe('mean sojourn (s)');
    expect(metricLabel('requests_per_s')).toBe('requests (/s)');
  });
});

describe('helpers', () => {
  test('mean ± half-width to the digits the interval supports', () => {
    expect(meanPlusMinus(99.95123, 0.00312)).toBe('99.9512 ± 0.0031');
    expect(meanPlusMinus(12.345, 1.44)).toBe('12.3 ± 1.4');
    expect(meanPlusMinus(1234.4, 150)).toBe('1234 ± 150');
    expect(meanPlusMinus(5, 0)).toBe('5');
    expect(meanPlusMinus(NaN, NaN)).toBe('—');
    expect(meanPlusMinus(Infinity, NaN)).toBe('∞');
  });

  test('percentile tokens, empirical CDF, thinning that keeps the extremes', () => {
    expect(['p50', 'p90', 'p99', 'p999', 'p9999', 'p100', 'x99'].map(percentileOf)).toEqual([0.5, 0.9, 0.99, 0.999, 0.9999, 1, undefined]);
    expect(ecdf([3, 1, 2, NaN, 0])).toEqual([
      { value: 1, p: 1 / 3 },
      { value: 2, p: 2 / 3 },
      { value: 3, p: 1 },
    ]);
    const pts = Array.from({ length: 10_000 }, (_, i) => ({ t: i, value: i === 7777 ? 1e6 : i === 4321 ? -5 : Math.sin(i) }));
    const th = thin(pts, 1500);
    expect(th.length).toBeLessThanOrEqual(1500);
    expect(th.some((p) => p.value === 1e6 && p.t === 7777)).toBe(true);
    expect(th.some((p) => p.value === -5 && p.t === 4321)).toBe(true);
    expect(th.every((p, i) => i === 0 || p.t > th[i - 1]!.t)).toBe(true);
  });

  test('SVG ids are scoped per chart', () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    expect(scopeSvgIds(svg, 'a')).toBe('<svg><defs><clipPath id="a-clip1"><rect/></clipPath></defs><g clip-path="url(#a-clip1)"><use href="#a-clip1"/></g></svg>');
  });
});

describe('a result directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hasim-report-'));
    writeFixture(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is read by column name: swept columns, configurations, summary', () => {
    const r = readResults(dir);
    expect(r.experiment).toBe('failover-demo');
    expect(r.sweptColumns).toEqual(['failover.timeout', 'replicas']);
    expect([...r.numericColumns]).toEqual(['failover.timeout', 'replicas']);
    expect(r.configs.map((c) => c.id)).toEqual(['c01', 'c02', 'c03', 'c04', 'c05', 'c06']);
    expect(r.configs[2]!.swept).toEqual({ 'failover.timeout': 5, replicas: 2 });
    expect(r.runCount).toBe(6 * REPLICATIONS);
    expect(r.metrics[0]).toBe('availability_pct');
    const s = r.summary.find((x) => x.configId === 'c03' && x.metric === 'availability_pct')!;
    const want = availability(5, 2);
    expect(s.mean).toBeCloseTo(want.mean, 10);
    expect((s.ci95High - s.ci95Low) / 2).toBeCloseTo(want.hw, 10);
    expect(s.n).toBe(3);
    // summary.csv skips non-finite values (n counts the finite ones): 30.1 and 30.2 here.
    const inf = r.summary.find((x) => x.configId === 'c05' && x.metric === 'time_to_recover_s')!;
    expect(inf.mean).toBeCloseTo(30.15, 12);
    expect(inf.n).toBe(2);
    expect(r.timeseries!.filter((p) => p.configId === 'c01' && p.replication === 1 && p.metric === 'goodput_per_s')).toHaveLength(61);
  });

  test('without summary.csv (a shard), the summary is computed from runs.csv', () => {
    const shard = mkdtempSync(join(tmpdir(), 'hasim-report-shard-'));
    try {
      writeFixture(shard);
      const full = readResults(shard);
      rmSync(join(shard, 'summary.csv'));
      const r = readResults(shard);
      expect(r.sweptColumns).toEqual(['failover.timeout', 'replicas']);
      expect(r.configs.map((c) => c.id)).toEqual(full.configs.map((c) => c.id));
      for (const s of full.summary) {
        const t = r.summary.find((x) => x.configId === s.configId && x.metric === s.metric)!;
        expect(t.n).toBe(s.n);
        if (Number.isFinite(s.mean)) expect(t.mean).toBeCloseTo(s.mean, 9);
        else expect(t.mean).toBe(s.mean);
      }
    } finally {
      rmSync(shard, { recursive: true, force: true });
    }
  });

  test('charts are chosen by the question: headline metrics over the sweep, then differences', () => {
    const charts = planCharts(readResults(dir));
    expect(charts.map((c) => [c.id, c.section, c.metrics.join(' ')])).toEqual([
      ['availability_pct', 'answer', 'availability_pct'],
      ['request_latency_p99_ms', 'answer', 'request_latency_p99_ms'],
      ['diff-availability_pct', 'differences', 'availability_pct'],
      ['diff-request_latency_p99_ms', 'differences', 'request_latency_p99_ms'],
      ['cdf-latency_ms', 'distribution', ''],
      ['cdf-request_latency_ms', 'distribution', ''],
      ['timeseries-goodput_per_s', 'timeseries', ''],
      ['timeseries-c01-r1', 'timeseries', ''],
    ]);
    // Availability against the (numeric) timeout, one colour per replica count, as measured.
    const spec = charts[0]!.spec as unknown as { layer: { mark: { type: string }; encoding: { x: { title: string; type: string } }; data: { values: { x: number; series: string; mean?: number; low?: number }[] } }[] };
    const line = spec.layer.find((l) => l.mark.type === 'line')!;
    expect(line.encoding.x).toMatchObject({ title: 'failover timeout', type: 'quantitative' });
    expect(new Set(line.data.values.map((v) => v.series))).toEqual(new Set(['2', '3']));
    expect(line.data.values.find((v) => v.x === 5 && v.series === '2')!.mean).toBeCloseTo(availability(5, 2).mean, 10);
    expect(charts[0]!.marks).toEqual(['area', 'symbol', 'line']);
    // The differences: each configuration minus c01 (timeout 1, 2 replicas), paired by replication.
    const diff = charts[2]!.spec as unknown as { layer: { data: { values: { label: string; mean: number }[] } }[] };
    const c03 = diff.layer[1]!.data.values.find((v) => v.label === '5, 2')!;
    expect(c03.mean).toBeCloseTo(availability(5, 2).mean - availability(1, 2).mean, 10);
    expect(diff.layer[1]!.data.values.map((v) => v.label)).toEqual(['1, 3', '5, 2', '5, 3', '30, 2', '30, 3']);
    // The latency percentiles make a CDF through (value, quantile) points.
    const cdf = charts[5]!.spec as unknown as { data: { values: { series: string; value: number; p: number }[] } };
    expect(cdf.data.values.filter((v) => v.series === '5, 2').map((v) => [v.p, v.value])).toEqual([
      [0.5, 17],
      [0.9, 42],
      [0.99, 152],
      [0.999, 602],
    ]);
    // The time series: the first configuration's first replication, all four sampled metrics.
    const ts = charts[7]!.spec as unknown as { data: { values: { metric: string }[] } };
    expect(new Set(ts.data.values.map((v) => v.metric))).toEqual(new Set(['goodput_per_s', 'queue_count', 'breaker_state', 'latency_ms']));
  });

  test('the headline series of every configuration on one chart: median, band across replications, the spike shaded', () => {
    const charts = planCharts(readResults(dir));
    const chart = charts.find((c) => c.id === 'timeseries-goodput_per_s')!;
    type Layer = { mark: { type: string; interpolate?: string }; encoding: { y?: { title: string }; x: { title: string } }; data: { values: { series: string; t: number; median: number; low: number; high: number; label: string; start: number; end: number }[] } };
    const layers = (chart.spec as unknown as { layer: Layer[] }).layer;
    expect(layers.map((l) => l.mark.type)).toEqual(['rect', 'text', 'area', 'line']);
    expect(chart.marks).toEqual(['rect', 'text', 'area', 'line']);
    const line = layers[3]!;
    expect(line.encoding.x.title).toBe('simulated time (minutes)');
    expect(line.encoding.y!.title).toBe('goodput (/s)');
    // One line (and one band) per configuration, named by its swept values.
    expect([...new Set(line.data.values.map((v) => v.series))]).toEqual(['1, 2', '1, 3', '5, 2', '5, 3', '30, 2', '30, 3']);
    expect(new Set(layers[2]!.data.values.map((v) => v.series)).size).toBe(6);
    // Timeout 5 s, 2 replicas: 20/s while failing (200 s to 250 s), else 102/s, in every replication.
    const c03 = line.data.values.filter((v) => v.series === '5, 2');
    expect(c03).toHaveLength(61);
    expect(c03.find((v) => v.t === 220 / 60)).toMatchObject({ median: 20, low: 20, high: 20 });
    expect(c03.find((v) => v.t === 300 / 60)).toMatchObject({ median: 102, low: 102, high: 102 });
    // The spike of the resolved parameters (200 s for 100 s), in minutes.
    expect(layers[0]!.data.values).toEqual([{ label: 'spike to 500/s', start: 200 / 60, end: 300 / 60 }]);
    expect(chart.caption).toContain('lowest to highest replication');
  });

  test('median and band across replications; only the windows every configuration has are shaded', () => {
    const p = (replication: number, t: number, value: number) => ({ configId: 'c', replication, t, metric: 'm', value });
    expect(acrossReplications([p(1, 10, 5), p(2, 10, 1), p(3, 10, 3), p(1, 0, 2), p(2, 0, NaN), p(3, 0, 4)])).toEqual([
      { t: 0, median: 3, low: 2, high: 4, n: 2 },
      { t: 10, median: 3, low: 1, high: 5, n: 3 },
    ]);
    const meta = {
      configurations: [
        { params: { faults: [{ at: 60, for: 30, zone: 'a' }, { at: 100, for: 10, service: 'db', mode: 'slow' }], workload: { profile: { kind: 'spike', at: 5, for: 5, rate: 9 } } } },
        { params: { faults: [{ at: 60, for: 30, zone: 'a' }, { at: 120, for: 10, service: 'db', mode: 'slow' }], workload: { profile: { kind: 'spike', at: 5, for: 5, rate: 9 } } } },
      ],
    };
    expect(scheduledWindows(meta)).toEqual([
      { label: 'fault: zone a', start: 60, end: 90 },
      { label: 'spike to 9/s', start: 5, end: 10 },
    ]);
    expect(windowsOf({ faults: [{ at: '60s', for: 30 }], workload: { profile: { kind: 'steps', steps: [] } } })).toEqual([]);
  });

  test('writes report.html and one SVG per chart', async () => {
    const out = await writeReport(dir);
    expect(out.html).toBe(join(dir, 'report.html'));
    expect(out.charts).toHaveLength(8);
    const ids = new Set<string>();
    for (const c of out.charts) {
      const svg = readFileSync(c.file, 'utf8');
      expect(svg.startsWith('<?xml')).toBe(true);
      for (const m of c.marks) expect(svg, `${c.id}: mark-${m}`).toContain(`mark-${m}`);
      for (const [, id] of svg.matchAll(/\bid="([^"]+)"/g)) {
        expect(ids.has(id!), `duplicate id ${id}`).toBe(false);
        ids.add(id!);
      }
    }
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain('Failover &lt;timeout&gt; against replicas &amp; availability (report test fixture).');
    // Parameters as resolved and as written (the written timeout "5s" is swept).
    expect(html).toContain('<code>failover.heartbeat.interval</code></td><td>1</td>');
    expect(html).toContain('<tr class="swept"><td><code>failover.timeout</code></td><td>swept: 1, 5, 30</td></tr>');
    expect(html).toContain('<tr><td><code>failover.detector</code></td><td>heartbeat</td></tr>');
    expect((html.match(/<figure class="chart"/g) ?? []).length).toBe(8);
    const a = availability(5, 2);
    expect(html).toContain(`<td class="num">${meanPlusMinus(a.mean, a.hw)}</td>`);
    // The first screen: question, verdict (paired, as the terminal words it), then the charts; set-up collapsed at the end.
    const order = ['class="desc"', 'class="verdict"', 'id="chart-availability_pct"', 'id="differences"', '<details id="setup">'].map((k) => html.indexOf(k));
    expect(order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1]!))).toBe(true);
    const d = availability(5, 2).mean - availability(1, 2).mean;
    expect(d).toBeLessThan(0);
    expect(html).toMatch(/<li>timeout=5, replicas=2: availability_pct −0\.\d+ ± 0\.\d+ pp vs timeout=1, replicas=2, (lower|no clear difference) \(paired over 3 replications\)<\/li>/);
    expect(meanPlusMinus(a.mean, a.hw)).toMatch(/^99\.9875 ± 0\.0031$/);
    // Self-contained: no script, no external reference of any kind.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=/i);
    expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')).not.toMatch(/https?:/);
  });

  test('the CLI command writes the report; a directory without results exits with 2', async () => {
    rmSync(join(dir, 'report.html'), { force: true });
    expect(reportCommand.command).toBe('report <dir>');
    await reportCommand.handler({ dir, quiet: true });
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const saved = process.exitCode;
    const write = process.stderr.write;
    let err = '';
    process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
    try {
      await reportCommand.handler({ dir: join(dir, 'charts'), quiet: true });
      expect(process.exitCode).toBe(2);
      expect(err).toBe(`hasim: ${join(dir, 'charts')}: no runs.csv or summary.csv here (is it a hasim result directory?)\n`);
    } finally {
      process.stderr.write = write;
      process.exitCode = saved;
    }
  });

  test('a directory without results is refused with its name', () => {
    expect(() => readResults(tmpdir())).toThrow(`${tmpdir()}: no runs.csv or summary.csv here`);
  });
});

test('the shipped M/M/c experiment: the model headline metrics, theory as a dashed line', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hasim-report-mmc-'));
  try {
    const dir = await runShippedExperiment('mmc-servers', tmp);
    const out = await writeReport(dir);
    // blocking_pct is 0 in every configuration (an unlimited queue): named, not charted.
    expect(out.charts.filter((c) => c.metrics.length > 0).map((c) => c.id)).toEqual(['mean_sojourn_s', 'utilisation_pct', 'diff-mean_sojourn_s', 'diff-utilisation_pct']);
    const spec = planCharts(readResults(dir))[0]!.spec as unknown as { layer: { mark: { strokeDash?: number[] }; data: { values: { x: number; reference?: number }[] } }[] };
    const ref = spec.layer.find((l) => l.mark.strokeDash?.join() === '5,4')!;
    // Erlang C: M/M/4 at λ = 3.5/s, mean service 1 s → W = C(4, 3.5)/(4 − 3.5) + 1 = 2.4757221880762 s.
    const w4 = ref.data.values.find((v) => v.x === 4)!.reference!;
    expect(w4).toBeCloseTo(2.4757221880762, 10);
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain('M/M/c sojourn time and utilisation against the number of servers, with Erlang C beside it.');
    expect(html).toContain('<code>arrivalRate</code></td><td>3.5</td>');
    expect(html).toContain('The same in every configuration (not charted): blocking (%) 0');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a sweep over strings: categories on the x axis, intervals as error bars', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hasim-report-labels-'));
  try {
    writeStringSweep(dir);
    const r = readResults(dir);
    expect(r.numericColumns.size).toBe(0);
    expect(r.configs.map((c) => c.swept['label'])).toEqual(['alpha', 'NA', 'None', 'a, "quoted" one']);
    const out = await writeReport(dir);
    expect(out.charts.map((c) => [c.id, c.marks.join(' ')])).toEqual([
      ['x_s', 'rule symbol'],
      ['diff-x_s', 'rule symbol'],
    ]);
    const svg = readFileSync(out.charts[0]!.file, 'utf8');
    expect(svg).toContain('mark-rule');
    expect(svg).not.toContain('mark-line'); // never a line between categories
    expect(svg).toContain('a, &quot;quoted&quot; one');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('where the downtime comes from', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  function result(services: string[]) {
    const dir = mkdtempSync(join(tmpdir(), 'hasim-report-tiers-'));
    dirs.push(dir);
    writeTopologyFixture(dir, services);
    return dir;
  }

  test("each service's downtime per year stacked per configuration, the system's as a tick", async () => {
    const dir = result(['web', 'db']);
    const charts = planCharts(readResults(dir));
    // After the headline chart, before the paired differences.
    expect(charts.map((c) => [c.id, c.section])).toEqual([
      ['downtime_per_year_s', 'answer'],
      ['downtime-by-service', 'downtime'],
      ['diff-downtime_per_year_s', 'differences'],
    ]);
    const chart = charts[1]!;
    expect(chart.metrics).toEqual(['web_downtime_per_year_s', 'db_downtime_per_year_s', 'downtime_per_year_s']);
    type Layer = { mark: { type: string }; encoding: { x: { title: string; stack?: string } }; data: { values: { label: string; service: string; value: number; system: number }[] } };
    const [bars, tick] = (chart.spec as unknown as { layer: Layer[] }).layer;
    expect(bars!.mark.type).toBe('bar');
    expect(bars!.encoding.x).toMatchObject({ title: 'downtime per year (min)', stack: 'zero' });
    expect(tick!.mark.type).toBe('tick');
    // Means over replications 1 and 2, in minutes.
    const mean = (s: string, replicas: number) => (serviceDowntime(s, replicas, 1) + serviceDowntime(s, replicas, 2)) / 2 / 60;
    expect(bars!.data.values.map((v) => [v.label, v.service, v.value])).toEqual([
      ['2', 'web', mean('web', 2)],
      ['2', 'db', mean('db', 2)],
      ['3', 'web', mean('web', 3)],
      ['3', 'db', mean('db', 3)],
    ]);
    // The system's downtime is not the stack's sum (the services overlap by 600 s here).
    expect(tick!.data.values.map((v) => [v.label, v.system])).toEqual([
      ['2', mean('web', 2) + mean('db', 2) - 10],
      ['3', mean('web', 3) + mean('db', 3) - 10],
    ]);
    const out = await writeReport(dir);
    const svg = readFileSync(out.charts.find((c) => c.id === 'downtime-by-service')!.file, 'utf8');
    expect(svg).toContain('aria-roledescription="bar"');
    expect(svg).toContain('aria-roledescription="tick"');
    const html = readFileSync(out.html, 'utf8');
    const order = ['id="chart-downtime_per_year_s"', '<section id="downtime"><h2>Where the downtime and the failures come from</h2>', 'id="differences"'].map((k) => html.indexOf(k));
    expect(order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1]!))).toBe(true);
  });

  test('at request level, failed requests at each service stacked the same way, the system\'s as a tick', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hasim-report-tiers-'));
    dirs.push(dir);
    writeTopologyFixture(dir, ['web', 'db'], true);
    const charts = planCharts(readResults(dir));
    expect(charts.map((c) => c.id)).toEqual(['downtime_per_year_s', 'downtime-by-service', 'failed-by-service', 'diff-downtime_per_year_s']);
    const chart = charts[2]!;
    expect(chart.section).toBe('downtime');
    expect(chart.metrics).toEqual(['web_failed_count', 'db_failed_count', 'failed_count']);
    type Layer = { encoding: { x: { title: string } }; data: { values: { label: string; service: string; value: number; system: number }[] } };
    const [bars, tick] = (chart.spec as unknown as { layer: Layer[] }).layer;
    const mean = (s: string, replicas: number) => (serviceFailed(s, replicas, 1) + serviceFailed(s, replicas, 2)) / 2;
    expect(bars!.data.values.map((v) => [v.label, v.service, v.value])).toEqual([
      ['2', 'web', mean('web', 2)],
      ['2', 'db', mean('db', 2)],
      ['3', 'web', mean('web', 3)],
      ['3', 'db', mean('db', 3)],
    ]);
    expect(tick!.data.values.map((v) => v.system)).toEqual([Math.max(mean('web', 2), mean('db', 2)), Math.max(mean('web', 3), mean('db', 3))]);
    expect(chart.caption).toMatch(/fails at each caller/);
  });

  test('not for a single service, nor where no service was ever down', () => {
    expect(planCharts(readResults(result(['web']))).map((c) => c.id)).not.toContain('downtime-by-service');
    // Two services, neither ever down (nor the system).
    expect(planCharts(readResults(result(['cache', 'queue']))).map((c) => c.id)).not.toContain('downtime-by-service');
  });
});
