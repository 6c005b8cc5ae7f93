// Numeric companions of swept durations and rates (src/output/numeric-columns.ts): which swept
// columns get one, where it is written in runs.csv and summary.csv, meta.json's
// numeric_columns, the same bytes after shard + merge, and the report's reader not taking a
// companion for a swept parameter or a metric of its own.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { numericCompanions } from '../src/output/numeric-columns.js';
import type { ResultContext } from '../src/output/result-context.js';
import type { RunRecord } from '../src/experiment/run-record.js';
import { runsCsv, summaryCsv, summaryRows } from '../src/output/tables.js';
import { readResults } from '../src/report/read-results.js';
import { cliSandbox } from './helpers/cli-sandbox.js';

const configs = (column: string, values: unknown[]) => values.map((v) => ({ swept: { [column]: v } }));

describe('which swept columns get a numeric companion', () => {
  it('durations with a unit → <swept>_s in seconds', () => {
    const [c] = numericCompanions(['t'], configs('t', ['250ms', '1s', '2 m', '1.5h', '7d']));
    expect(c).toMatchObject({ swept: 't', column: 't_s', unit: 's' });
    expect(['250ms', '1s', '2 m', '1.5h', '7d'].map((v) => c!.value(v))).toEqual([0.25, 1, 120, 5400, 604800]);
  });

  it('rates with a unit → <swept>_per_s in events per second', () => {
    const [c] = numericCompanions(['workload.rate'], configs('workload.rate', ['100/s', '5/min', '6/10min', '3600/h']));
    expect(c).toMatchObject({ swept: 'workload.rate', column: 'workload.rate_per_s', unit: 'per_s' });
    expect(['100/s', '5/min', '6/10min', '3600/h'].map((v) => c!.value(v))).toEqual([100, 5 / 60, 0.01, 1]);
  });

  it('none for plain numbers, numeric strings, labels, JSON values and mixtures', () => {
    for (const values of [
      [1, 5, 15],
      ['1', '5'],
      ['active-active', 'active-passive'],
      [{ a: 1 }, { a: 2 }],
      ['1s', 5],
      ['1s', '100/s'],
      ['1s', 'fast'],
      ['1s', '5'],
      ['1s', '-1s'],
      ['1s', '2000y'],
      [true, false],
    ]) {
      expect(numericCompanions(['x'], configs('x', values)), JSON.stringify(values)).toEqual([]);
    }
    expect(numericCompanions(['x'], [])).toEqual([]);
  });

  it('none where the name is already a column', () => {
    const cs = [{ swept: { x: '1s', x_s: 'a' } }, { swept: { x: '2s', x_s: 'b' } }];
    expect(numericCompanions(['x', 'x_s'], cs)).toEqual([]);
    expect(numericCompanions(['x'], configs('x', ['1s']), ['x_s'])).toEqual([]);
    expect(numericCompanions(['x'], configs('x', ['1s']), ['y_s']).map((c) => c.column)).toEqual(['x_s']);
  });
});

describe('the companion columns in runs.csv and summary.csv', () => {
  const ctx: ResultContext = {
    experiment: 'e',
    columns: ['mode', 'hb', 'rate'],
    configurations: [
      { index: 0, id: 'c0', swept: { mode: 'a', hb: '250ms', rate: '5/min' } },
      { index: 1, id: 'c1', swept: { mode: 'b', hb: '2m', rate: '100/s' } },
    ],
    headline: [],
    durationS: 1,
    baselineId: 'c0',
    metricSpec: () => ({ range: 'real' as const }),
  };
  const records: RunRecord[] = [0, 1, 2, 3].map((i) => ({ index: i, configId: i < 2 ? 'c0' : 'c1', replication: (i % 2) + 1, seed: String(i), metrics: { m: i } }));

  it('each right after its swept column, in SI units', () => {
    const runs = runsCsv(ctx, records).split('\n');
    expect(runs[0]).toBe('experiment,config_id,replication,seed,mode,hb,hb_s,rate,rate_per_s,m');
    expect(runs[1]).toBe('e,c0,1,0,a,250ms,0.25,5/min,0.08333333333333333,0');
    expect(runs[3]).toBe('e,c1,1,2,b,2m,120,100/s,100,2');
    const summary = summaryCsv(ctx, summaryRows(ctx, records)).split('\n');
    expect(summary[0]).toBe('experiment,config_id,mode,hb,hb_s,rate,rate_per_s,metric,mean,std,ci95_low,ci95_high,n,diff_mean,diff_ci95_low,diff_ci95_high,diff_n,note');
    expect(summary[2]!.startsWith('e,c1,b,2m,120,100/s,100,m,2.5,')).toBe(true);
  });

  it('none takes the name of a metric column', () => {
    const clash = records.map((r) => ({ ...r, metrics: { hb_s: 1 } }));
    expect(runsCsv(ctx, clash).split('\n')[0]).toBe('experiment,config_id,replication,seed,mode,hb,rate,rate_per_s,hb_s');
    expect(summaryCsv(ctx, summaryRows(ctx, clash)).split('\n')[0]).toMatch(/^experiment,config_id,mode,hb,rate,rate_per_s,metric,/);
  });
});

describe('hasim run and merge', () => {
  const box = cliSandbox('hasim-numeric-');
  afterAll(() => box.remove());
  const EXP = `name: companions
model: topology
seed: 3
replications: 2
duration: 2m
params:
  workload: { rate: 50/s, timeout: 1s }
  services:
    api:
      capacity: 1000
      serviceTime: 5ms
sweep:
  workload.rate: [20/s, 600/min]
  workload.timeout: [500ms, 2s]
`;

  it('writes the companions and meta.json numeric_columns; merged shards give the same bytes; the reader sees two swept parameters', () => {
    const exp = box.file('companions.yaml', EXP);
    const run = box.hasim('run', exp, '--out', 'one', '--quiet', '--workers', '1');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const runs = box.read('one', 'companions', 'runs.csv').split('\n');
    expect(runs[0]!.startsWith('experiment,config_id,replication,seed,workload.rate,workload.rate_per_s,workload.timeout,workload.timeout_s,')).toBe(true);
    expect(runs.slice(1, -1).map((l) => l.split(',').slice(4, 8).join(','))).toEqual([
      '20/s,20,500ms,0.5',
      '20/s,20,500ms,0.5',
      '20/s,20,2s,2',
      '20/s,20,2s,2',
      '600/min,10,500ms,0.5',
      '600/min,10,500ms,0.5',
      '600/min,10,2s,2',
      '600/min,10,2s,2',
    ]);
    const meta = JSON.parse(box.read('one', 'companions', 'meta.json'));
    expect(meta.swept_columns).toEqual(['workload.rate', 'workload.timeout']);
    expect(meta.numeric_columns).toEqual({
      'workload.rate': { column: 'workload.rate_per_s', unit: 'per_s' },
      'workload.timeout': { column: 'workload.timeout_s', unit: 's' },
    });

    for (const i of [1, 2]) expect(box.hasim('run', exp, '--shard', `${i}/2`, '--out', 'sh', '--quiet', '--workers', '1').code).toBe(0);
    const merged = box.hasim('merge', 'sh/companions/shards', '--out', 'merged');
    expect(merged.stderr).toBe('');
    for (const f of ['runs.csv', 'summary.csv']) expect(box.read('merged', 'companions', f)).toBe(box.read('one', 'companions', f));
    expect(JSON.parse(box.read('merged', 'companions', 'meta.json')).numeric_columns).toEqual(meta.numeric_columns);

    const r = readResults(join(box.tmp, 'one', 'companions'));
    expect(r.sweptColumns).toEqual(['workload.rate', 'workload.timeout']);
    expect([...r.numericCompanions]).toEqual([
      ['workload.rate', 'workload.rate_per_s'],
      ['workload.timeout', 'workload.timeout_s'],
    ]);
    expect(r.metrics.some((m) => m.startsWith('workload.'))).toBe(false);
    expect(r.configs.map((c) => c.swept)).toEqual([
      { 'workload.rate': '20/s', 'workload.timeout': '500ms' },
      { 'workload.rate': '20/s', 'workload.timeout': '2s' },
      { 'workload.rate': '600/min', 'workload.timeout': '500ms' },
      { 'workload.rate': '600/min', 'workload.timeout': '2s' },
    ]);
    // A shard directory has no summary.csv: the swept columns come from meta.json, the companions too.
    const shard = readResults(join(box.tmp, 'sh', 'companions', 'shards', '1-of-2'));
    expect(shard.sweptColumns).toEqual(['workload.rate', 'workload.timeout']);
    expect(shard.metrics.some((m) => m.startsWith('workload.'))).toBe(false);
  });
});
