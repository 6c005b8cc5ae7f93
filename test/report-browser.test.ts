// report.html in a real browser: Debian's headless Chromium (never a downloaded one) loads the
// file from disk; every chart must have rendered as a non-empty SVG holding its expected marks,
// the page must have made no request but for the file itself, and a screenshot is saved.
// Skipped, with a note, where /usr/bin/chromium is missing (CI installs it: apt-get install chromium).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeReport, type ReportOutcome } from '../src/report/write-report.js';
import { runShippedExperiment, writeFixture } from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`report-browser: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);

interface FigureCheck {
  id: string;
  expected: string[];
  width: number;
  height: number;
  /** mark type → number of drawn shapes (non-empty path d, or any rect/line/text) inside g.mark-<type>. */
  drawn: Record<string, number>;
}

async function launch(profile: string, width: number): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width, height: 900 },
  });
}

describe.skipIf(!hasChromium)('report.html in headless Chromium', () => {
  let dir: string;
  let out: ReportOutcome;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hasim-report-browser-'));
    writeFixture(dir);
    out = await writeReport(dir);
  });
  afterAll(() => {
    console.log(`report-browser: screenshot kept at ${join(dir, 'report.png')}`);
  });

  test('every chart renders with its marks, no network request, screenshot saved', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'hasim-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1300, height: 900 },
    });
    try {
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      const page = context.pages()[0] ?? (await context.newPage());
      const url = pathToFileURL(out.html).href;
      await page.goto(url, { waitUntil: 'load' });

      const figures: FigureCheck[] = await page.$$eval('figure.chart', (els) =>
        els.map((el) => {
          const svg = el.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          const expected = (el.getAttribute('data-marks') ?? '').split(' ').filter((s) => s !== '');
          const drawn: Record<string, number> = {};
          for (const m of expected) {
            const shapes = [...el.querySelectorAll(`svg g.mark-${m} > *`)];
            drawn[m] = shapes.filter((s: Element) => {
              if (s.tagName === 'path') return (s.getAttribute('d') ?? '').length > 2;
              // (runs in the browser; typed structurally since the project's lib has no DOM)
              const r = (s as unknown as { getBBox?: () => { width: number; height: number } }).getBBox?.();
              return r !== undefined && (r.width > 0 || r.height > 0);
            }).length;
          }
          return { id: el.getAttribute('data-chart') ?? '', expected, width: box?.width ?? 0, height: box?.height ?? 0, drawn };
        }),
      );
      expect(figures.map((f) => f.id)).toEqual(out.charts.map((c) => c.id));
      for (const f of figures) {
        expect(f.width, f.id).toBeGreaterThan(200);
        expect(f.height, f.id).toBeGreaterThan(150);
        expect(f.expected.length, f.id).toBeGreaterThan(0);
        for (const m of f.expected) expect(f.drawn[m], `${f.id}: drawn shapes in mark-${m}`).toBeGreaterThan(0);
      }
      // One line per replica count in the nines chart, and one per configuration in each CDF.
      const availability = figures.find((f) => f.id === 'availability_pct')!;
      expect(availability.drawn['line']).toBe(2);
      expect(availability.drawn['area']).toBe(2);
      expect(figures.find((f) => f.id === 'cdf-latency_ms')!.drawn['line']).toBe(6);
      expect(figures.find((f) => f.id === 'timeseries-c01-r1')!.drawn['line']).toBe(4);

      // The table is there with the headline columns.
      const headers = await page.$$eval('table.headline th', (ths) => ths.map((t) => t.textContent));
      expect(headers).toEqual(['configuration', 'failover.timeout', 'replicas', 'availability (%)', 'request latency p99 (ms)']);

      expect(requests).toEqual([url]);

      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(shot).size).toBeGreaterThan(50_000);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

/**
 * Every shipped experiment (flagship is aa-vs-ap under another name), shortened so that each still
 * sees its events (failures over years, a load spike, a few disasters): the metrics the first
 * screen charts answer the experiment's question.
 */
const SHIPPED: { name: string; shorten: Record<string, unknown>; first: string[]; plainX?: boolean }[] = [
  { name: 'flagship', shorten: { warmup: 0, duration: '2y' }, first: ['availability_pct', 'downtime_per_year_s'] },
  { name: 'retry-storm', shorten: { warmup: 0, duration: '2m', replications: 2 }, first: ['request_availability_pct', 'latency_p99_ms'] },
  { name: 'dr-strategies', shorten: { warmup: '1d', duration: '1y', replications: 3 }, first: ['rpo_physical_mean_s', 'rto_physical_mean_s', 'standby_cost_unit_hours'] },
  { name: 'aa-vs-ap', shorten: { warmup: 0, duration: '2y' }, first: ['availability_pct', 'downtime_per_year_s'] },
  { name: 'zones-n1-vs-n2', shorten: { warmup: 0, duration: '1y', replications: 5 }, first: ['availability_pct', 'downtime_per_year_s'], plainX: true },
  { name: 'failover-detection', shorten: { warmup: 0, duration: '2y', replications: 5 }, first: ['availability_pct', 'downtime_per_year_s'] },
  { name: 'breaker-cascade', shorten: { warmup: 0, duration: '4m', replications: 2 }, first: ['request_availability_pct', 'latency_p99_ms'] },
  { name: 'shedding-degradation', shorten: { warmup: 0, duration: '3m', replications: 2 }, first: ['request_availability_pct', 'checkout_slo_availability_pct'] },
  { name: 'backoff-jitter', shorten: { warmup: 0, duration: '1h', replications: 3 }, first: ['total_calls_count', 'completion_time_s'], plainX: true },
  { name: 'dr-backup-interval', shorten: { warmup: '1d', duration: '2y', replications: 4 }, first: ['rpo_physical_mean_s', 'rto_physical_mean_s'] },
  { name: 'dr-tested-vs-untested', shorten: { warmup: 0, duration: '1y', replications: 4 }, first: ['rpo_physical_mean_s', 'rto_physical_mean_s'] },
  { name: 'mmc-servers', shorten: { warmup: '10m', duration: '1h', replications: 3 }, first: ['mean_sojourn_s', 'utilisation_pct'], plainX: true },
];

interface AxisInfo {
  label: string;
}

describe.skipIf(!hasChromium)('shipped reports at 1400 px', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'hasim-report-shipped-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('the first screen answers the question: verdict, headline charts with units, no horizontal scroll', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'hasim-chromium-'));
    const context = await launch(profile, 1400);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      for (const { name, shorten, first, plainX } of SHIPPED) {
        const dir = await runShippedExperiment(name, tmp, shorten);
        const out = await writeReport(dir);
        await page.goto(pathToFileURL(out.html).href, { waitUntil: 'load' });
        const shown = await page.$$eval('#answer figure.chart', (els) => els.map((el) => (el.getAttribute('data-metrics') ?? '').split(' ')));
        const flat = shown.flat();
        for (const m of first) expect(flat, `${name}: first screen charts ${m}`).toContain(m);
        // One chart per headline metric (the DR cost chart shows three).
        expect(shown.length, name).toBeLessThanOrEqual(3);
        // Every quantitative axis title carries a unit: "… (min)", "… (%)", "… (count)".
        const axes: AxisInfo[] = await page.$$eval('#answer figure.chart svg g[aria-label]', (gs) =>
          gs.map((g) => ({ label: g.getAttribute('aria-label') ?? '' })).filter((a) => /^[XY]-axis titled/.test(a.label)),
        );
        expect(axes.length, name).toBeGreaterThanOrEqual(2 * shown.length);
        for (const a of axes) {
          const m = /^[XY]-axis titled '([^']*)' for a (\w+) scale/.exec(a.label);
          expect(m, a.label).not.toBeNull();
          // A metric axis carries its unit; a swept axis does where the values were written with one
          // (plain numbers such as a replica count have none).
          if (m![2] !== 'discrete' && (a.label.startsWith('Y') || !plainX)) expect(m![1], `${name}: ${a.label}`).toMatch(/\(.+\)$/);
        }
        // The verdict is on the first screen, above the charts; the parameters are collapsed below.
        const boxes = await page.evaluate(() => {
          const top = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
          return { verdict: top('.verdict'), chart: top('#answer figure.chart'), details: top('details#setup'), open: (document.querySelector('details#setup') as HTMLDetailsElement | null)?.open ?? true };
        });
        expect(boxes.verdict, name).toBeGreaterThan(0);
        expect(boxes.verdict, name).toBeLessThan(boxes.chart);
        expect(boxes.chart, name).toBeLessThan(900);
        expect(boxes.details, name).toBeGreaterThan(boxes.chart);
        expect(boxes.open, name).toBe(false);
        const scroll = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
        expect(scroll.sw, `${name}: horizontal scroll`).toBeLessThanOrEqual(scroll.cw);
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
