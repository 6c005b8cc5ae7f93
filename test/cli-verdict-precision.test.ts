// Through the CLI: the baseline and the verdict lines, `precision:` (replications
// added in batches, the same runs whatever --workers), `headline:` and warnings.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './helpers/cli-sandbox.js';
import { runExperiment } from '../src/experiment/runner.js';
import { resultDirSink } from '../src/output/result-dir-sink.js';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { UsageError } from '../src/experiment/spec-error.js';
// @ts-expect-error plain JS fixture without type declarations
import { tinyModel } from './fixtures/tiny-model.mjs';

const { tmp, hasim, file, read, remove } = cliSandbox('hasim-verdict-');
afterAll(remove);

function summary(dir: string, name: string): Record<string, string>[] {
  const [head, ...rows] = read(dir, name, 'summary.csv').trimEnd().split('\n').map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ''])));
}

const RATES = `name: rates
model: tiny
seed: 3
replications: 20
duration: 500
params: { rate: 4 }
sweep:
  rate: [4, 5, 4.02]
`;

describe('baseline and verdict', () => {
  it('the first configuration is the baseline by default; every other gets a paired difference and a verdict line', () => {
    const r = hasim('run', file('rates.yaml', RATES), '--workers', '1', '--out', 'v');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('verdict against the baseline (rate=4), 95% intervals:');
    // rate 5 vs 4: 25% more arrivals, clearly higher; the same streams (common random numbers).
    expect(lines.find((l) => l.startsWith('  rate=5: arrivals_count'))).toMatch(/^ {2}rate=5: arrivals_count \+[\d.]+ ± [\d.]+ vs rate=4, higher \(paired over 20 replications\)$/);
    // rate 4.02 vs 4: a 0.5% change, seen clearly only because the runs are paired.
    expect(lines.find((l) => l.startsWith('  rate=4.02: arrivals_count'))).toMatch(/higher \(paired over 20 replications\)$/);
    const rows = summary('v', 'rates');
    const base = rows.filter((x) => x['rate'] === '4');
    expect(base.every((x) => x['diff_mean'] === '' && x['note']?.startsWith('baseline'))).toBe(true);
    const near = rows.find((x) => x['rate'] === '4.02' && x['metric'] === 'arrivals_count');
    // Marginal intervals overlap, the paired one excludes 0.
    const lo = Number(near?.['ci95_low']);
    const baseHigh = Number(base.find((x) => x['metric'] === 'arrivals_count')?.['ci95_high']);
    expect(lo).toBeLessThan(baseHigh);
    expect(Number(near?.['diff_ci95_low'])).toBeGreaterThan(0);
  });

  it('baseline: by number, by swept values, by a value only it has; a wrong one is a spec error naming it', () => {
    const resolve = (extra: string) => resolveExperiment(parseSource('b.yaml', `${RATES}${extra}`), [tinyModel]);
    expect(resolve('').baselineIndex).toBe(0);
    for (const [sel, index] of [['2', 1], ['{ rate: 4.02 }', 2], ['"5"', 1]] as const) expect(resolve(`baseline: ${sel}\n`).baselineIndex).toBe(index);
    expect(() => resolve('baseline: { rat: 4 }\n')).toThrow(/b\.yaml:\d+:\d+: baseline\.rat: "rat" is not a swept parameter \(swept: rate\); did you mean "rate"\?/);
    expect(() => resolve('baseline: 7\n')).toThrow(/baseline: expected a configuration number from 1 to 3, got 7/);
    expect(() => resolve('baseline: "6"\n')).toThrow(/baseline: "6" is no swept value/);
    // Through the CLI: exit 2 and the same line.
    const bad = hasim('validate', file('bad.yaml', `${RATES}baseline: { rat: 4 }\n`));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+: baseline\.rat: "rat" is not a swept parameter/);
  });
});

describe('precision', () => {
  const PRECISE = `name: precise
model: tiny
seed: 5
replications: 3
duration: 50
params: { rate: 2 }
sweep:
  rate: [2, 8]
precision: { metric: mean_gap_s, relativeHalfWidth: 0.03, maxReplications: 60, batch: 4 }
`;

  it('adds batches until the interval is narrow enough, the same runs with 1 or 2 workers', () => {
    const exp = file('precise.yaml', PRECISE);
    expect(hasim('run', exp, '--workers', '1', '--out', 'p1').code).toBe(0);
    expect(hasim('run', exp, '--workers', '2', '--out', 'p2', '--quiet').code).toBe(0);
    expect(read('p2', 'precise', 'runs.csv')).toBe(read('p1', 'precise', 'runs.csv'));
    expect(read('p2', 'precise', 'summary.csv')).toBe(read('p1', 'precise', 'summary.csv'));
    const meta = JSON.parse(read('p1', 'precise', 'meta.json')) as { replications_per_config: number[] };
    const counts = meta.replications_per_config;
    for (const n of counts) expect((n - 3) % 4 === 0 || n === 60).toBe(true);
    expect(Math.max(...counts)).toBeGreaterThan(3);
    for (const row of summary('p1', 'precise').filter((x) => x['metric'] === 'mean_gap_s')) {
      const half = (Number(row['ci95_high']) - Number(row['ci95_low'])) / 2;
      expect(half <= 0.03 * Number(row['mean']) || row['n'] === '60').toBe(true);
    }
    // The slower rate has fewer arrivals per run, so it needs more replications.
    expect(counts[0]).toBeGreaterThan(counts[1] ?? Infinity);
  });

  it('sharded: each shard runs the first stage, hasim merge runs the rest; the same bytes as one unsharded run', () => {
    const exp = file('precise.yaml', PRECISE);
    for (const i of [1, 2]) expect(hasim('run', exp, '--workers', '1', '--shard', `${i}/2`, '--out', 'ps', '--quiet').code).toBe(0);
    const merged = hasim('merge', 'ps/precise/shards', '--out', 'pm', '--workers', '2');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/^precise: merged 2 shards, \d+ runs → pm\/precise\n/);
    if (!existsSync(join(tmp, 'p1', 'precise', 'runs.csv'))) expect(hasim('run', exp, '--workers', '1', '--out', 'p1', '--quiet').code).toBe(0);
    for (const f of ['runs.csv', 'summary.csv']) expect(read('pm', 'precise', f)).toBe(read('p1', 'precise', f));
    // The experiment file changed after the shards ran: the merge cannot run the rest.
    file('precise.yaml', PRECISE.replace('maxReplications: 60', 'maxReplications: 61'));
    const changed = hasim('merge', 'ps/precise/shards', '--out', 'pm2');
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/precise\.yaml: changed since the shards ran/);
    file('precise.yaml', PRECISE);
  });

  it('an unknown precision metric is a usage error (exit 2) with a did-you-mean', async () => {
    const exp = resolveExperiment(parseSource('pbad.yaml', PRECISE.replace('metric: mean_gap_s', 'metric: mean_gap')), [tinyModel]);
    const run = runExperiment(exp, resultDirSink({ out: join(tmp, 'pb') }), { workers: 1 });
    await expect(run).rejects.toThrow(UsageError);
    await expect(runExperiment(exp, resultDirSink({ out: join(tmp, 'pb2') }), { workers: 1 })).rejects.toThrow(/precision\.metric: the model reports no metric "mean_gap" \(did you mean "mean_gap_s"\?\)/);
  });
});

describe('headline and warnings', () => {
  it('headline: chooses the table columns; a name the model does not report is warned about with a did-you-mean', () => {
    const r = hasim('run', file('h.yaml', `${RATES}headline: [mean_gap_s, arrivals_cont]\n`), '--workers', '1', '--out', 'h');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^rates: expected work: 60 runs/);
    expect(r.stdout.split('\n')[2]).toMatch(/^config_id\s+rate\s+mean_gap_s$/);
    expect(r.stderr).toBe('warning: headline metric "arrivals_cont" is not reported by this model (did you mean "arrivals_count"?)\n');
    const meta = JSON.parse(read('h', 'rates', 'meta.json')) as { warnings: string[]; headline: string[] };
    expect(meta.headline).toEqual(["mean_gap_s", "arrivals_cont"]);
    expect(meta.warnings).toHaveLength(1);
  });
});
