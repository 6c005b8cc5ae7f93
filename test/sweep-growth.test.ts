// A sweep that grows: adding sweep values or replications and running again runs only the new
// runs, and the result is byte for byte that of a fresh run of the grown file (unsharded, and
// shard by shard then merged). A change to anything a run depends on is named and refused; runs
// the plan no longer has are left out, with a warning.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './helpers/cli-sandbox.js';

const { tmp, hasim, file, read, remove } = cliSandbox('hasim-grow-');
afterAll(remove);

function experiment(opts: { replications: number; intervals: string; replicas?: number; name?: string }): string {
  return `name: ${opts.name ?? 'grow'}
model: topology
seed: 11
replications: ${opts.replications}
duration: 30d
params:
  services:
    db:
      replicas: ${opts.replicas ?? 2}
      mode: active-passive
      failure:
        ttf: { dist: exponential, mean: 2d }
        ttr: { dist: lognormal, mean: 4h, cv: 1 }
      failover:
        heartbeat: { interval: 5s, missed: 3 }
        promotion: { dist: uniform, min: 10s, max: 30s }
        coverage: 0.98
sweep:
  services.db.failover.heartbeat.interval: [${opts.intervals}]
outputs:
  timeseries: { interval: 5d }
`;
}

const FILES = ['runs.csv', 'summary.csv', 'timeseries.csv', 'runs.jsonl'];

function meta(...parts: string[]): Record<string, unknown> {
  return JSON.parse(read(...parts, 'meta.json')) as Record<string, unknown>;
}

describe('a sweep that grows', () => {
  it('reruns only the new runs, and ends byte-identical to a fresh run of the grown file', () => {
    const small = file('small.yaml', experiment({ replications: 3, intervals: '1s, 30s' }));
    const first = hasim('run', small, '--workers', '2', '--out', 'grown');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('= 6 runs (6 executed)');
    // a value in the middle of the sweep and two more replications
    const grown = file('grown.yaml', experiment({ replications: 5, intervals: '1s, 5s, 30s' }));
    const again = hasim('run', grown, '--workers', '2', '--out', 'grown');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('= 15 runs (9 executed, 6 reused from the previous result)');
    expect(meta('grown', 'grow')).toMatchObject({ run_count: 15, executed_count: 9, resumed_count: 0, reused_count: 6 });
    const fresh = hasim('run', grown, '--workers', '1', '--out', 'fresh', '--force', '--quiet');
    expect(fresh.code).toBe(0);
    for (const f of FILES) expect(read('grown', 'grow', f)).toBe(read('fresh', 'grow', f));
    expect(meta('grown', 'grow')['runs']).toEqual(meta('fresh', 'grow')['runs']);
    // the same file once more: nothing to run, the same bytes
    const same = hasim('run', grown, '--workers', '2', '--out', 'grown');
    expect(same.stdout).toContain('= 15 runs (0 executed, 15 reused from the previous result)');
    for (const f of FILES) expect(read('grown', 'grow', f)).toBe(read('fresh', 'grow', f));
  });

  it('names a changed base parameter and overwrites nothing; --force starts over', () => {
    const base = file('base.yaml', experiment({ replications: 3, intervals: '1s, 30s', name: 'changed' }));
    expect(hasim('run', base, '--workers', '1', '--out', 'ch', '--quiet').code).toBe(0);
    const before = read('ch', 'changed', 'runs.csv');
    const edited = file('edited.yaml', experiment({ replications: 4, intervals: '1s, 30s, 60s', replicas: 3, name: 'changed' }));
    const r = hasim('run', edited, '--workers', '1', '--out', 'ch');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hasim: ch/changed: params.services.db.replicas changed: 6 finished runs no longer match; use --force to replace the result\n');
    expect(read('ch', 'changed', 'runs.csv')).toBe(before);
    expect(existsSync(join(tmp, 'ch', 'changed', '.partial'))).toBe(false);
    // a run-level setting is named as well
    const longer = file('longer.yaml', experiment({ replications: 3, intervals: '1s, 30s', name: 'changed' }).replace('duration: 30d', 'duration: 40d'));
    expect(hasim('run', longer, '--workers', '1', '--out', 'ch').stderr).toBe(
      'hasim: ch/changed: duration changed: 6 finished runs no longer match; use --force to replace the result\n',
    );
    const forced = hasim('run', edited, '--workers', '1', '--out', 'ch', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('= 12 runs (12 executed)');
  });

  it('leaves out, with a warning, the runs of removed sweep values and replications', () => {
    const big = file('big.yaml', experiment({ replications: 3, intervals: '1s, 5s, 30s', name: 'shrink' }));
    expect(hasim('run', big, '--workers', '2', '--out', 'sh', '--quiet').code).toBe(0);
    const smaller = file('smaller.yaml', experiment({ replications: 2, intervals: '1s, 30s', name: 'shrink' }));
    const r = hasim('run', smaller, '--workers', '2', '--out', 'sh');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: sh/shrink: 5 finished runs are no longer planned (sweep values or replications removed) and left out of the new result\n');
    expect(r.stdout).toContain('= 4 runs (0 executed, 4 reused from the previous result)');
    expect(hasim('run', smaller, '--workers', '1', '--out', 'sh-fresh', '--quiet').code).toBe(0);
    for (const f of FILES) expect(read('sh', 'shrink', f)).toBe(read('sh-fresh', 'shrink', f));
  });

  it('shard folders grow the same way, and merge again into the fresh result', () => {
    const small = file('s-small.yaml', experiment({ replications: 3, intervals: '1s, 30s', name: 'sharded' }));
    for (const i of [1, 2]) expect(hasim('run', small, '--workers', '1', '--shard', `${i}/2`, '--out', 'shd', '--quiet').code).toBe(0);
    expect(hasim('merge', 'shd/sharded/shards', '--out', 'shd', '--quiet').code).toBe(0);
    const grown = file('s-grown.yaml', experiment({ replications: 5, intervals: '1s, 5s, 30s', name: 'sharded' }));
    let executed = 0;
    for (const i of [1, 2]) {
      const r = hasim('run', grown, '--workers', '1', '--shard', `${i}/2`, '--out', 'shd');
      expect(r.code).toBe(0);
      const m = meta('shd', 'sharded', 'shards', `${i}-of-2`);
      executed += m['executed_count'] as number;
      expect((m['executed_count'] as number) + (m['reused_count'] as number)).toBe(m['run_count']);
    }
    expect(executed).toBe(9);
    // merging the grown shards replaces the previous merged result (the same runs, more of them)
    const merged = hasim('merge', 'shd/sharded/shards', '--out', 'shd');
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(hasim('run', grown, '--workers', '2', '--out', 'shd-fresh', '--quiet').code).toBe(0);
    for (const f of FILES) expect(read('shd', 'sharded', f)).toBe(read('shd-fresh', 'sharded', f));
    // the merged result grows under `hasim run` too
    const bigger = file('s-bigger.yaml', experiment({ replications: 6, intervals: '1s, 5s, 30s', name: 'sharded' }));
    const r = hasim('run', bigger, '--workers', '2', '--out', 'shd');
    expect(r.stdout).toContain('= 18 runs (3 executed, 15 reused from the previous result)');
    expect(JSON.parse(readFileSync(join(tmp, 'shd', 'sharded', 'meta.json'), 'utf8')).merged_from).toBeUndefined();
  });

  it('the traced run follows outputs.trace when the sweep grows in front of it', () => {
    const tiny = (rates: string, reps: number) =>
      `name: traced\nmodel: tiny\nseed: 3\nreplications: ${reps}\nduration: 50\nsweep:\n  rate: [${rates}]\noutputs:\n  trace: { config: 1, replication: 2, maxEvents: 30 }\n`;
    expect(hasim('run', file('t1.yaml', tiny('2, 4', 2)), '--workers', '1', '--out', 'tr', '--quiet').code).toBe(0);
    // configuration 1 is now rate 1: the old trace (rate 2) is not kept, rate 1's run 2 is traced
    const grown = file('t2.yaml', tiny('1, 2, 4', 3));
    const r = hasim('run', grown, '--workers', '2', '--out', 'tr');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('= 9 runs (5 executed, 4 reused from the previous result)');
    expect(hasim('run', grown, '--workers', '1', '--out', 'tr-fresh', '--quiet').code).toBe(0);
    for (const f of ['runs.csv', 'summary.csv', 'trace.jsonl', 'runs.jsonl']) expect(read('tr', 'traced', f)).toBe(read('tr-fresh', 'traced', f));
    expect(meta('tr', 'traced')['trace']).toEqual(meta('tr-fresh', 'traced')['trace']);
  });
});
