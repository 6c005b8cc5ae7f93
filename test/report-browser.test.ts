// report.html in a real browser: Debian's headless Chromium (never a downloaded one) loads the
// file from disk; every chart must have rendered as a non-empty SVG holding its expected marks,
// the page must have made no request but for the file itself, and a screenshot is saved.
// Skipped, with a note, where /usr/bin/chromium is missing (CI installs it: apt-get install chromium).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeReport, type ReportOutcome } from '../src/report/write-report.js';
import { writeFixture } from './report-fixture.js';

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
      const nines = figures.find((f) => f.id === 'nines-availability_pct-vs-failover.timeout')!;
      expect(nines.drawn['line']).toBe(2);
      expect(nines.drawn['area']).toBe(2);
      expect(figures.find((f) => f.id === 'cdf-latency_ms')!.drawn['line']).toBe(6);
      expect(figures.find((f) => f.id === 'timeseries-c01-r1')!.drawn['line']).toBe(4);

      // The table is there with the headline columns.
      const headers = await page.$$eval('table.headline th', (ths) => ths.map((t) => t.textContent));
      expect(headers).toEqual(['configuration', 'failover.timeout', 'replicas', 'availability (%)', 'request latency p99 (ms)', 'rto (s)']);

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
