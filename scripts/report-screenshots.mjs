// npm run report:screenshots [-- DIR…]: first-screen screenshots (1400 × 900, headless Debian
// Chromium) of the reports of three shipped experiments, for review. Without arguments it runs
// flagship, retry-storm and dr-strategies shortened (fewer replications, shorter simulated time:
// the numbers are rougher than a full run's, the layout is the same) into
// results/screenshots/<name>/ and writes results/screenshots/<name>.png; with result
// directories as arguments it screenshots their reports instead (DIR/report.png).
// Uses dist/ (the npm script builds it first).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readSource } from '../dist/src/experiment/source.js';
import { resolveExperiment } from '../dist/src/experiment/spec.js';
import { runExperiment } from '../dist/src/experiment/runner.js';
import { resultDirSink } from '../dist/src/output/result-dir-sink.js';
import { writeReport } from '../dist/src/report/write-report.js';
import { models } from '../dist/models/index.js';

const CHROMIUM = '/usr/bin/chromium';
/** Shortened runs: enough simulated time for each experiment's events to occur a few times. */
const SHIPPED = {
  flagship: { duration: '5y', replications: 10 },
  'retry-storm': { duration: '5m', replications: 3 },
  'dr-strategies': { warmup: '1d', duration: '3y', replications: 4 },
};

async function runShortened(name, out) {
  const src = readSource(resolve('experiments', `${name}.yaml`));
  const exp = resolveExperiment({ ...src, data: { ...src.data, ...SHIPPED[name] } }, models);
  return (await runExperiment(exp, resultDirSink({ out, force: true }), { workers: 1 })).dir;
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(`report:screenshots: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const jobs = [];
  if (args.length > 0) {
    for (const dir of args) jobs.push({ dir, png: join(dir, 'report.png') });
  } else {
    const out = resolve('results', 'screenshots');
    mkdirSync(out, { recursive: true });
    for (const name of Object.keys(SHIPPED)) {
      console.log(`running ${name} (shortened)…`);
      jobs.push({ dir: await runShortened(name, out), png: join(out, `${name}.png`) });
    }
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    for (const { dir, png } of jobs) {
      const { html } = await writeReport(dir);
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      await page.screenshot({ path: png });
      console.log(png);
    }
  } finally {
    await browser.close();
  }
}

await main();
