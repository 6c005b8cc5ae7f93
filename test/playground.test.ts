// `hasim playground`'s static server (its URL, its files, nothing outside them, a bad --port), then
// the web playground in a real browser: Debian's headless Chromium (never a downloaded one) opens
// playground/dist/index.html from disk, runs the flagship experiment in Web Workers, and the page's
// files are compared with the CLI's byte for byte (so are those of every distribution family); an edit changes the verdict; a bad key gets `hasim validate`'s
// message; the form view rewrites the YAML; keys are completed from the JSON Schema; the page
// answers while runs are in progress. Skipped, with a note, where
// /usr/bin/chromium is missing (apt-get install chromium).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { deflateRawSync } from 'node:zlib';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`playground: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'bundle', 'hasim.js');
const page0 = pathToFileURL(join(root, 'playground', 'dist', 'index.html')).href;
const flagship = readFileSync(join(root, 'experiments', 'flagship.yaml'), 'utf8');

function decodeDataUrl(href: string | null): string {
  if (!href?.startsWith('data:')) throw new Error(`not a data: URL: ${String(href).slice(0, 40)}`);
  return decodeURIComponent(href.slice(href.indexOf(',') + 1));
}

async function finished(page: Page, timeout = 120_000): Promise<string> {
  await page.waitForFunction(() => ['shown', 'failed', 'cancelled'].includes(document.body.dataset['state'] ?? ''), null, { timeout });
  return page.evaluate(() => document.body.dataset['state'] ?? '');
}

/** The experiment in the page's URL fragment, encoded as the playground encodes it. */
function expFragment(yamlText: string): string {
  return `#exp=${deflateRawSync(Buffer.from(yamlText, 'utf8')).toString('base64url')}`;
}

/** runs.csv and summary.csv of the CLI for an experiment text. */
function cliFiles(yamlText: string, name: string, dir: string): { runs: string; summary: string } {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yamlText);
  const out = join(dir, 'results');
  execFileSync(process.execPath, [cli, 'run', file, '--out', out, '--quiet', '--force'], { cwd: root, stdio: 'pipe' });
  return {
    runs: readFileSync(join(out, name, 'runs.csv'), 'utf8'),
    summary: readFileSync(join(out, name, 'summary.csv'), 'utf8'),
  };
}

// `npm run playground:build`'s output, which both the server and the browser tests read.
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'playground', 'build.mjs')], { cwd: root, stdio: 'pipe' });
});

describe('hasim playground: the static server on 127.0.0.1', () => {
  test('prints its URL and serves the page and its scripts, nothing outside the folder; stopped by pid', async () => {
    const server = spawn(process.execPath, [cli, 'playground'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) resolve(m[0]);
        });
        server.once('exit', (code) => reject(new Error(`the server exited (${code}) before printing its URL: ${out}`)));
      });
      const index = await fetch(url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await index.text()).toContain('<script src="main.js"></script>');
      const main = await fetch(`${url}main.js`);
      expect(main.status).toBe(200);
      expect((await main.text()).length).toBeGreaterThan(100_000);
      expect((await fetch(`${url}..%2f..%2fpackage.json`)).status).toBe(404);
      expect((await fetch(`${url}no-such-file.js`)).status).toBe(404);
    } finally {
      process.kill(server.pid!);
    }
  });

  test('a bad --port: one line naming the option and what was expected, exit 2', () => {
    for (const port of ['abc', '70000', '-1']) {
      const r = spawnSync(process.execPath, [cli, 'playground', '--port', port], { cwd: root, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`hasim: --port: expected a port number from 0 to 65535, got "${port}"\n`);
    }
  });
});

describe.skipIf(!hasChromium)('the web playground in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hasim-playground-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context?.close();
  });

  test('flagship from file://: interactive within 2 s, the CLI’s runs.csv, summary.csv and meta.json', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const t0 = Date.now();
    await page.goto(`${page0}#example=flagship&run`);
    await page.waitForFunction(() => document.body.dataset['state'] !== 'loading');
    const interactive = Date.now() - t0;
    console.log(`playground: interactive after ${interactive} ms`);
    expect(interactive).toBeLessThan(2000);
    expect(await finished(page)).toBe('shown');
    const summary = decodeDataUrl(await page.getAttribute('a#download-summary', 'href'));
    const runs = decodeDataUrl(await page.getAttribute('a#download-runs', 'href'));
    const meta = JSON.parse(decodeDataUrl(await page.getAttribute('a#download-meta', 'href'))) as Record<string, unknown>;
    expect(decodeDataUrl(await page.getAttribute('a#download-experiment', 'href'))).toBe(flagship);

    const out = join(dir, 'results');
    execFileSync(process.execPath, [cli, 'run', 'experiments/flagship.yaml', '--out', out, '--quiet'], { cwd: root, stdio: 'pipe' });
    const cliSummary = readFileSync(join(out, 'flagship', 'summary.csv'), 'utf8');
    const cliRuns = readFileSync(join(out, 'flagship', 'runs.csv'), 'utf8');
    const cliMeta = JSON.parse(readFileSync(join(out, 'flagship', 'meta.json'), 'utf8')) as Record<string, unknown>;
    // meta.json: the same fields in the same order, the same values but the wall time.
    expect(Object.keys(meta)).toEqual(Object.keys(cliMeta));
    expect({ ...meta, wall_time_s: 0 }).toEqual({ ...cliMeta, wall_time_s: 0 });
    expect(runs).toBe(cliRuns);
    expect(summary).toBe(cliSummary);
    expect(errors).toEqual([]);
  });

  // Chromium's V8 and Node's differ in the last bit of Math.log, exp, pow, sin, …; hasim's own
  // elementary functions do not, so every sampler gives the same bytes in both.
  test('every distribution family, a daily cycle and each jitter: the same bytes as the CLI', async () => {
    const backoff = parse(readFileSync(join(root, 'experiments', 'backoff-jitter.yaml'), 'utf8')) as Record<string, any>;
    backoff['replications'] = 2;
    backoff['sweep']['clients'] = [10];
    const experiments: [string, string][] = [
      ['every-distribution', readFileSync(join(root, 'test', 'fixtures', 'every-distribution.yaml'), 'utf8')],
      ['backoff-jitter', stringify(backoff)],
    ];
    for (const [name, text] of experiments) {
      await page.goto(`${page0}${expFragment(text)}&run`);
      await page.reload();
      expect(await finished(page)).toBe('shown');
      const cliOut = cliFiles(text, name, dir);
      expect(decodeDataUrl(await page.getAttribute('a#download-runs', 'href')), `${name} runs.csv`).toBe(cliOut.runs);
      expect(decodeDataUrl(await page.getAttribute('a#download-summary', 'href')), `${name} summary.csv`).toBe(cliOut.summary);
    }
  });

  test('replicas 3 → 2 changes the verdict, and the URL carries the edit', async () => {
    await page.goto(`${page0}#example=flagship&run`);
    await page.reload();
    expect(await finished(page)).toBe('shown');
    const before = await page.textContent('#verdict');
    expect(before).toContain('verdict against the baseline');
    await page.locator('.cm-line', { hasText: /^\s*replicas: 3$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('2');
    await page.waitForFunction(() => location.hash.startsWith('#exp='));
    await page.waitForFunction(() => !(document.getElementById('run') as HTMLButtonElement).disabled);
    await page.click('#run');
    expect(await finished(page)).toBe('shown');
    const after = await page.textContent('#verdict');
    expect(after).not.toBe(before);
    const edited = decodeDataUrl(await page.getAttribute('a#download-experiment', 'href'));
    expect(edited).toBe(flagship.replace('    replicas: 3\n', '    replicas: 2\n'));
    // The link reproduces the edited experiment and its answer.
    const link = page.url();
    const other = await context.newPage();
    await other.goto(`${link}&run`);
    expect(await finished(other)).toBe('shown');
    expect(await other.textContent('#verdict')).toBe(after);
    await other.close();
  });

  test('a misspelt key gets hasim validate’s message', async () => {
    await page.goto(`${page0}#example=flagship`);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset['state'] === 'ready');
    await page.locator('.cm-line').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('seeed: 7\n');
    await page.waitForSelector('#errors li');
    const shown = await page.locator('#errors li').allTextContents();
    const text = `seeed: 7\n${flagship}`;
    writeFileSync(join(dir, 'experiment.yaml'), text);
    const v = spawnSync(process.execPath, [cli, 'validate', 'experiment.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(v.status).toBe(2);
    expect(shown.length).toBe(1);
    expect(`hasim: ${shown[0] ?? ''}\n`).toBe(v.stderr);
    expect(shown[0]).toContain('did you mean "seed"');
    expect(await page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
  });

  test('the form view rewrites the YAML in the editor, keeping its comments and layout', async () => {
    await page.goto(`${page0}#example=flagship`);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset['state'] === 'ready');
    const editorText = (): Promise<string> => page.evaluate(() => [...document.querySelectorAll('.cm-content .cm-line')].map((l) => l.textContent ?? '').join('\n'));
    expect(await page.inputValue('#form-services-db-replicas')).toBe('3');
    // The flagship sweeps the mode: the form says so rather than showing an empty choice.
    expect(await page.evaluate(() => (document.getElementById('form-services-db-mode') as HTMLSelectElement).selectedOptions[0]?.text)).toBe('(swept)');
    expect(await page.inputValue('#form-services-db-failure-ttf-mean')).toBe('60d');
    expect(await page.inputValue('#form-services-db-failover-heartbeat-interval')).toBe('5s');
    expect(await page.inputValue('#form-services-db-mode')).toBe('');
    await page.fill('#form-services-db-replicas', '2');
    await page.waitForFunction(() => location.hash.startsWith('#exp='));
    expect(await editorText()).toBe(flagship.replace('    replicas: 3\n', '    replicas: 2\n'));
    expect(await editorText()).toMatch(/^# The flagship experiment run by `npm start`/);
    await page.waitForFunction(() => !(document.getElementById('run') as HTMLButtonElement).disabled);
    expect(await page.locator('#errors li').count()).toBe(0);
    // A key that is not in the file is created; a value typed into the editor reaches the form.
    await page.selectOption('#form-services-db-mode', 'quorum');
    await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => /^\s*mode: quorum$/.test(l.textContent ?? '')));
    await page.locator('.cm-line', { hasText: /^\s*replicas: 2$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('5');
    await page.waitForFunction(() => (document.getElementById('form-services-db-replicas') as HTMLInputElement).value === '5');
    expect(await editorText()).toMatch(/^# The flagship experiment run by `npm start`/);
  });

  test('the editor completes keys from the experiment JSON Schema', async () => {
    await page.goto(`${page0}#example=flagship`);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset['state'] === 'ready');
    // A new key in services.db, after its `replicas: 3` line.
    await page.locator('.cm-line', { hasText: /^\s*replicas: 3$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('rep');
    await page.waitForSelector('.cm-tooltip-autocomplete');
    expect(await page.locator('.cm-activeLine').textContent()).toBe('      rep');
    const offered = await page.locator('.cm-tooltip-autocomplete li .cm-completionLabel').allTextContents();
    expect(offered).toContain('replicas');
    // At the top level: the experiment's keys, not a service's.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('rep');
    await page.waitForSelector('.cm-tooltip-autocomplete');
    const top = await page.locator('.cm-tooltip-autocomplete li .cm-completionLabel').allTextContents();
    expect(top).toContain('replications');
    expect(top).not.toContain('replicas');
  });

  test('the page answers while runs are in progress (they run in workers)', async () => {
    await page.goto(`${page0}#example=flagship`);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset['state'] === 'ready');
    await page.locator('.cm-line', { hasText: /^replications: 30$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('600');
    await page.waitForFunction(() => !(document.getElementById('run') as HTMLButtonElement).disabled);
    await page.click('#run');
    await page.waitForFunction(() => document.body.dataset['state'] === 'running' && (document.getElementById('progress') as HTMLProgressElement).value > 0);
    // Frames keep coming: the largest gap between animation frames over one second of running.
    const gap = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let last = performance.now();
          let max = 0;
          const end = last + 1000;
          const frame = (t: number): void => {
            max = Math.max(max, t - last);
            last = t;
            if (t < end) requestAnimationFrame(frame);
            else resolve(max);
          };
          requestAnimationFrame(frame);
        }),
    );
    const state = await page.evaluate(() => document.body.dataset['state']);
    const progress = await page.evaluate(() => [(document.getElementById('progress') as HTMLProgressElement).value, (document.getElementById('progress') as HTMLProgressElement).max]);
    console.log(`playground: largest frame gap while running ${gap.toFixed(0)} ms (progress ${progress[0]}/${progress[1]})`);
    expect(state).toBe('running');
    expect(gap).toBeLessThan(500);
    await page.click('#cancel');
    expect(await finished(page)).toBe('cancelled');
    expect(await page.textContent('#status')).toBe('cancelled');
  });
});
