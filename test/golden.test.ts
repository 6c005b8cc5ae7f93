// Golden results: a short variant of every shipped experiment, its summary.csv compared byte for
// byte with the one committed in test/golden/. A change that moves a number fails here; if the
// change is right, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` and say in
// the commit message which numbers moved and why.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runShippedExperiment } from './report-fixture.js';

const EXPERIMENTS = join(import.meta.dirname, '..', 'experiments');
const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

/** Short enough for the suite, long enough that each sees its events (failures, a spike, disasters). */
const SHORT: Record<string, Record<string, unknown>> = {
  'aa-vs-ap': { warmup: 0, duration: '2y', replications: 3 },
  'backoff-jitter': { warmup: 0, duration: '1h', replications: 2 },
  'bad-deploys': { warmup: 0, duration: '1y', replications: 3 },
  'breaker-cascade': { warmup: 0, duration: '3m', replications: 2 },
  'dr-backup-interval': { warmup: '1d', duration: '1y', replications: 2 },
  'dr-strategies': { warmup: '1d', duration: '1y', replications: 2 },
  'dr-tested-vs-untested': { warmup: 0, duration: '1y', replications: 3 },
  'failover-detection': { warmup: 0, duration: '1y', replications: 3 },
  'five-nines': { replications: 3, estimator: { method: 'importance-sampling', cycles: 2000 } },
  flagship: { warmup: 0, duration: '2y', replications: 3 },
  'mmc-servers': { warmup: '10m', duration: '1h', replications: 2 },
  'multi-region': { warmup: 0, duration: '90m', replications: 1 },
  'retry-storm': { warmup: 0, duration: '2m', replications: 2 },
  'shedding-degradation': { warmup: 0, duration: '3m', replications: 2 },
  'zones-n1-vs-n2': { warmup: 0, duration: '1y', replications: 3 },
};

const tmp = mkdtempSync(join(tmpdir(), 'hasim-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('every shipped experiment has a short variant here', () => {
  const shipped = readdirSync(EXPERIMENTS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  expect(Object.keys(SHORT).sort()).toEqual(shipped);
});

describe.each(Object.entries(SHORT))('%s', (name, shorten) => {
  test('summary.csv is byte-identical to test/golden/', { timeout: 120_000 }, async () => {
    const dir = await runShippedExperiment(name, join(tmp, name), shorten);
    const got = readFileSync(join(dir, 'summary.csv'), 'utf8');
    const file = join(GOLDEN, `${name}.summary.csv`);
    if (update || !existsSync(file)) {
      if (!update) throw new Error(`${file} is missing; create it with UPDATE_GOLDEN=1`);
      writeFileSync(file, got);
    }
    expect(got).toBe(readFileSync(file, 'utf8'));
  });
});
