import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/base/canonical-json.js';
import { planRuns, parseShard, selectShard, shardOf } from '../src/experiment/plan.js';
import { runExperiment } from '../src/experiment/runner.js';
import { resultDirSink } from '../src/output/result-dir-sink.js';
import { configId, runSeed } from '../src/experiment/seeds.js';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment, type Experiment } from '../src/experiment/spec.js';
import { UsageError } from '../src/experiment/spec-error.js';
import { formatNumber } from '../src/output/number-format.js';
import type { RunRecord } from '../src/experiment/run-record.js';
import { decodeRecord, encodeRecord } from '../src/output/run-record-json.js';
import { summaryRows } from '../src/output/tables.js';
import { deriveSeed } from '../src/random/seed.js';
import { headlineTable, formatEstimate } from '../src/cli/table.js';
// @ts-expect-error plain JS fixture without type declarations
import { tinyModel } from './fixtures/tiny-model.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'hasim-exp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function experiment(sweep: string, extra = ''): Experiment {
  const text = `name: t\nmodel: tiny\nseed: 7\nreplications: 3\nduration: 100\nwarmup: 10\nparams: { rate: 3 }\nsweep:\n${sweep}\n${extra}`;
  return resolveExperiment(parseSource('t.yaml', text), [tinyModel]);
}

function readCsv(file: string): string[][] {
  return readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
}

describe('summary statistics', () => {
  it('Student-t 95% interval: n = 5 uses t(0.975, 4) = 2.776445', () => {
    const ctx = { experiment: 'x', columns: [], configurations: [{ index: 0, id: 'c1', swept: {} }], headline: [], durationS: 1, baselineId: undefined, metricSpec: () => ({ range: 'real' as const }) };
    const records: RunRecord[] = [1, 2, 3, 4, 5].map((v, i) => ({ index: i, configId: 'c1', replication: i + 1, seed: 's', metrics: { v_s: v } }));
    const [row] = summaryRows(ctx, records);
    expect(row?.n).toBe(5);
    expect(row?.mean).toBe(3);
    expect(row?.std).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(row?.halfWidth).toBeCloseTo((2.776445 * Math.sqrt(2.5)) / Math.sqrt(5), 5);
    expect(row?.ci95Low).toBeCloseTo(3 - 1.963243, 5);
    expect(row?.ci95High).toBeCloseTo(3 + 1.963243, 5);
    expect(formatEstimate(3, 1.963243, 5)).toBe('3.0 ± 2.0');
    expect(formatEstimate(0.51234, 0.01318, 5)).toBe('0.512 ± 0.013');
    // The same value in every run has no spread: said so, never "± 0".
    expect(formatEstimate(168, 0, 5)).toBe('168 (every run)');
  });
});

describe('number format and records', () => {
  it('shortest round-trip decimals, empty for NaN, inf for infinities', () => {
    expect([0.1 + 0.2, 1e21, 1e-7, -0, 12, NaN, Infinity, -Infinity, undefined].map(formatNumber)).toEqual([
      '0.30000000000000004',
      '1e+21',
      '1e-7',
      '0',
      '12',
      '',
      'inf',
      '-inf',
      '',
    ]);
  });
  it('records round-trip exactly, non-finite numbers included', () => {
    const r: RunRecord = { index: 3, configId: 'c', replication: 2, seed: 'ab', metrics: { a: 0.1 + 0.2, b: NaN, c: -Infinity }, timeseries: [{ t: 5, values: { a: Infinity } }] };
    const back = decodeRecord(encodeRecord(r));
    expect(back).toEqual(r);
  });
});

describe('seeds and the run list', () => {
  it('run seed = deriveSeed(experiment seed, canonical swept values, replication); CRN streams per replication', () => {
    const exp = experiment('  rate: [1, 2]');
    const tasks = planRuns(exp);
    expect(tasks).toHaveLength(6);
    const t = tasks[4];
    expect(t).toMatchObject({ index: 4, configIndex: 1, replication: 2 });
    expect(t?.seed).toBe(deriveSeed(7, canonicalJson({ rate: 2 }), 2));
    expect(t?.streamSeed).toBe(deriveSeed(7, 2));
    expect(tasks[1]?.streamSeed).toBe(t?.streamSeed);
    expect(tasks[1]?.seed).not.toBe(t?.seed);
    expect(t?.configId).toBe(configId({ rate: 2 }));
    const noCrn = planRuns(experiment('  rate: [1, 2]', 'crn: false\n'));
    expect(noCrn[4]?.streamSeed).toBe(noCrn[4]?.seed);
  });

  it('seeds and ids do not depend on grid position or key order', () => {
    expect(runSeed(7, { a: 1, b: 2 }, 1)).toBe(runSeed(7, { b: 2, a: 1 }, 1));
    const small = planRuns(experiment('  rate: [2, 3]'));
    const big = planRuns(experiment('  rate: [1, 2, 3, 4]'));
    const key = (x: { configId: string; replication: number; seed: string; streamSeed: string }) => `${x.configId}/${x.replication}/${x.seed}/${x.streamSeed}`;
    for (const t of small) expect(big.map(key)).toContain(key(t));
  });

  it('shards are a deterministic partition of the run list, stable when the sweep grows', () => {
    const tasks = planRuns(experiment('  rate: [1, 2, 3]'));
    const parts = [1, 2, 3, 4].map((i) => selectShard(tasks, { index: i, count: 4 }).map((t) => t.index));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(tasks.map((t) => t.index));
    // each configuration's replications are dealt round the shards: 3 replications, 3 shards
    for (const cfg of [0, 1, 2]) {
      const shards = tasks.filter((t) => t.configIndex === cfg).map((t) => shardOf(t, 4));
      expect(new Set(shards).size).toBe(3);
    }
    // more values and more replications: every run keeps its shard (and seed)
    const bigger = planRuns(resolveExperiment(parseSource('t.yaml', 'name: t\nmodel: tiny\nseed: 7\nreplications: 5\nduration: 100\nwarmup: 10\nparams: { rate: 3 }\nsweep:\n  rate: [0.5, 1, 2, 3, 4]\n'), [tinyModel]));
    const key = (t: { configId: string; replication: number }) => `${t.configId}/${t.replication}`;
    const after = new Map(bigger.map((t) => [key(t), t]));
    for (const t of tasks) {
      const u = after.get(key(t));
      expect(u?.seed).toBe(t.seed);
      expect(shardOf(u!, 4)).toBe(shardOf(t, 4));
      expect(shardOf(u!, 7)).toBe(shardOf(t, 7));
    }
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrow(UsageError);
    expect(() => parseShard('5/4')).toThrow(/1 ≤ I ≤ N/);
  });
});

describe('runExperiment (in process)', () => {
  it('writes runs.csv / summary.csv / meta.json that read back with the right shape', async () => {
    const exp = experiment('  nested.servers: [1, 2]', 'outputs:\n  timeseries: { interval: 25 }\n  trace: { config: { nested.servers: 2 }, replication: 3, maxEvents: 5 }\n');
    const out = join(tmp, 'a');
    const outcome = await runExperiment(exp, resultDirSink({ out }), { workers: 1 });
    expect(outcome).toMatchObject({ total: 6, executed: 6, resumed: 0 });
    const dir = join(out, 't');
    const runs = readCsv(join(dir, 'runs.csv'));
    expect(runs[0]).toEqual(['experiment', 'config_id', 'replication', 'seed', 'nested.servers', 'arrivals_count', 'mean_gap_s', 'servers_count', 'throughput_per_s']);
    expect(runs).toHaveLength(7);
    for (const row of runs.slice(1)) {
      expect(row[0]).toBe('t');
      expect(row[3]).toMatch(/^[0-9a-f]{16}$/);
      expect(Number.isInteger(Number(row[5]))).toBe(true);
      expect(Number(row[6])).toBeGreaterThan(0);
      expect(Number(row[7])).toBe(Number(row[4]));
      expect(Number(row[8])).toBeCloseTo(Number(row[5]) / 100, 12);
    }
    expect(runs.slice(1).map((r) => [r[4], r[2]])).toEqual([['1', '1'], ['1', '2'], ['1', '3'], ['2', '1'], ['2', '2'], ['2', '3']]);
    // CRN: replication r of both configurations saw the same arrivals.
    expect(runs[1]?.[5]).toBe(runs[4]?.[5]);
    const summary = readCsv(join(dir, 'summary.csv'));
    expect(summary[0]).toEqual(['experiment', 'config_id', 'nested.servers', 'metric', 'mean', 'std', 'ci95_low', 'ci95_high', 'n', 'diff_mean', 'diff_ci95_low', 'diff_ci95_high', 'diff_n', 'note']);
    expect(summary).toHaveLength(1 + 2 * 4);
    const counts = runs.slice(1, 4).map((r) => Number(r[5]));
    const row = summary.find((r) => r[2] === '1' && r[3] === 'arrivals_count');
    expect(Number(row?.[4])).toBeCloseTo(counts.reduce((a, b) => a + b) / 3, 12);
    expect(row?.[8]).toBe('3');
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ kind: 'result', run_count: 6, executed_count: 6, resumed_count: 0, seed: 7, experiment: { duration: 100, warmup: 10, replications: 3 } });
    expect(meta.configurations[0].params).toEqual({ rate: 3, label: 'alpha', nested: { servers: 1, weight: 1 } });
    expect(meta.runs.map((r: { seed: string }) => r.seed)).toEqual(runs.slice(1).map((r) => r[3]));
    // time series: samples at 35, 60, 85, 110 s for every run
    const ts = readCsv(join(dir, 'timeseries.csv'));
    expect(ts[0]).toEqual(['config_id', 'replication', 't_s', 'metric', 'value']);
    expect(ts).toHaveLength(1 + 6 * 4);
    expect(ts.slice(1, 5).map((r) => r[2])).toEqual(['35', '60', '85', '110']);
    // trace: at most 5 records of the chosen run
    const trace = readFileSync(join(dir, 'trace.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(trace).toHaveLength(5);
    expect(trace[0]).toMatchObject({ event: 'arrival', n: 1 });
    expect(meta.trace).toMatchObject({ replication: 3, records: 5 });
    expect(existsSync(join(dir, '.partial'))).toBe(false);
    expect(headlineTable(outcome.context, outcome.summary).split('\n')[0]).toMatch(/^config_id\s+nested\.servers\s+arrivals_count\s+mean_gap_s$/);
  });

  it('adding a sweep value leaves the other rows byte-identical', async () => {
    await runExperiment(experiment('  rate: [2, 3]'), resultDirSink({ out: join(tmp, 'small') }));
    await runExperiment(experiment('  rate: [1, 2, 3, 4]'), resultDirSink({ out: join(tmp, 'big') }));
    const small = readFileSync(join(tmp, 'small', 't', 'runs.csv'), 'utf8').trimEnd().split('\n');
    const big = readFileSync(join(tmp, 'big', 't', 'runs.csv'), 'utf8').trimEnd().split('\n');
    expect(big).toHaveLength(13);
    for (const line of small.slice(1)) expect(big).toContain(line);
  });

  it('a grown sweep interrupted midway resumes: the previous result stays until the grown one replaces it', async () => {
    const out = join(tmp, 'grow-kill');
    const small = experiment('  rate: [1, 2]');
    await runExperiment(small, resultDirSink({ out }));
    const before = readFileSync(join(out, 't', 'runs.csv'), 'utf8');
    const grown = resolveExperiment(parseSource('t.yaml', 'name: t\nmodel: tiny\nseed: 7\nreplications: 4\nduration: 100\nwarmup: 10\nparams: { rate: 3 }\nsweep:\n  rate: [1, 2, 3]\n'), [tinyModel]);
    const controller = new AbortController();
    await expect(
      runExperiment(grown, resultDirSink({ out }), { signal: controller.signal, onProgress: (p) => p.done >= p.resumed + 2 && controller.abort() }),
    ).rejects.toThrow(/interrupted/);
    expect(readFileSync(join(out, 't', 'runs.csv'), 'utf8')).toBe(before);
    const again = await runExperiment(grown, resultDirSink({ out }));
    expect(again).toMatchObject({ total: 12, executed: 4, resumed: 2, reused: 6 });
    const fresh = await runExperiment(grown, resultDirSink({ out: join(tmp, 'grow-fresh') }));
    expect(fresh.executed).toBe(12);
    for (const f of ['runs.csv', 'summary.csv', 'runs.jsonl']) expect(readFileSync(join(out, 't', f), 'utf8')).toBe(readFileSync(join(tmp, 'grow-fresh', 't', f), 'utf8'));
  });

  it('a complete result is reused when run again, replaced with force; foreign partial results are refused', async () => {
    const out = join(tmp, 'force');
    const exp = experiment('  rate: [1]');
    await runExperiment(exp, resultDirSink({ out }));
    const runsCsv = readFileSync(join(out, 't', 'runs.csv'), 'utf8');
    expect(await runExperiment(exp, resultDirSink({ out }))).toMatchObject({ executed: 0, reused: 3, resumed: 0 });
    expect(readFileSync(join(out, 't', 'runs.csv'), 'utf8')).toBe(runsCsv);
    await expect(runExperiment(experiment('  rate: [1]', 'crn: false\n'), resultDirSink({ out }))).rejects.toThrow(
      /t: crn changed: 3 finished runs no longer match; use --force/,
    );
    writeFileSync(join(out, 't', 'runs.csv'), 'garbage');
    const again = await runExperiment(exp, resultDirSink({ out, force: true }));
    expect(again).toMatchObject({ executed: 3, reused: 0 });
    expect(readFileSync(join(out, 't', 'runs.csv'), 'utf8')).toMatch(/^experiment,config_id/);
    // partial results of a different experiment in the directory
    const other = join(tmp, 'other');
    await runExperiment(exp, resultDirSink({ out: other }));
    rmSync(join(other, 't', 'meta.json'));
    const controller = new AbortController();
    controller.abort();
    await expect(runExperiment(experiment('  rate: [5]'), resultDirSink({ out: other }), { signal: controller.signal })).rejects.toThrow(/interrupted/);
    await expect(runExperiment(exp, resultDirSink({ out: other }))).rejects.toThrow(/partial results of a different experiment.*--force/);
  });
});
