// The CLI as a user runs it: `node dist/bundle/hasim.js …` (see helpers/cli-sandbox.ts),
// with the test fixture model made visible through HASIM_EXTRA_MODELS.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox, env, main } from './helpers/cli-sandbox.js';

const { tmp, hasim, file, read, remove } = cliSandbox('hasim-cli-');
afterAll(remove);

const SWEEP = `name: grid
model: tiny
seed: 11
replications: 4
duration: 200
params: { rate: 4 }
sweep:
  nested.servers: [1, 2, 3]
  label: [alpha, beta]
outputs:
  timeseries: { interval: 50 }
  trace: { config: 2, replication: 1, maxEvents: 20 }
`;

describe('hasim CLI', () => {
  it('same bytes with 1 or 2 workers, and sharded then merged', () => {
    const exp = file('grid.yaml', SWEEP);
    const one = hasim('run', exp, '--workers', '1', '--out', 'w1');
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^grid: expected work: 24 runs × ~4\.2 k events \(generic estimate\) = 100 k events, about [\d.]+ms of CPU \([\d.]+ms on 1 worker\)\ngrid: 6 configuration\(s\) × 4 replication\(s\) = 24 runs \(24 executed\) in [\d.]+ s → w1\/grid\n/);
    expect(one.stdout.split('\n')[2]).toMatch(/^config_id\s+nested\.servers\s+label\s+arrivals_count\s+mean_gap_s$/);
    expect(one.stdout.split("\n")[3]).toMatch(/^c[0-9a-f]{10}\s+1\s+alpha\s+[\d.]+ ± [\d.]+\s+[\d.]+ ± [\d.]+$/);
    expect(hasim('run', exp, '--workers', '2', '--out', 'w2', '--quiet')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    for (const i of [1, 2, 3]) expect(hasim('run', exp, '--workers', '2', '--shard', `${i}/3`, '--out', 'sh').code).toBe(0);
    const merged = hasim('merge', 'sh/grid/shards', '--out', 'merged');
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toMatch(/^grid: merged 3 shards, 24 runs → merged\/grid\n/);
    for (const f of ['runs.csv', 'summary.csv', 'timeseries.csv', 'trace.jsonl']) {
      const reference = read('w1', 'grid', f);
      expect(read('w2', 'grid', f)).toBe(reference);
      expect(read('merged', 'grid', f)).toBe(reference);
    }
    expect(read('w1', 'grid', 'runs.csv').trimEnd().split('\n')).toHaveLength(25);
    expect(read('w1', 'grid', 'trace.jsonl').trimEnd().split('\n')).toHaveLength(20);
    const meta = JSON.parse(read('merged', 'grid', 'meta.json'));
    expect(meta).toMatchObject({ kind: 'result', run_count: 24, executed_count: 24, shard: null });
    expect(meta.runs).toEqual(JSON.parse(read('w1', 'grid', 'meta.json')).runs);
    // a missing shard is refused
    rmSync(join(tmp, 'sh', 'grid', 'shards', '2-of-3'), { recursive: true });
    const bad = hasim('merge', 'sh/grid/shards', '--out', 'merged2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('hasim: missing shard 2 of 3; run them (--shard I/3) and merge again\n');
    expect(existsSync(join(tmp, 'merged2'))).toBe(false);
  });

  it('an existing result is reused when run again; a changed seed needs --force; --force replaces it', () => {
    const exp = file('small.yaml', 'name: small\nmodel: tiny\nreplications: 2\nduration: 10\n');
    expect(hasim('run', exp, '--workers', '1', '--quiet').code).toBe(0);
    const before = read('results', 'small', 'runs.csv');
    const again = hasim('run', exp, '--workers', '1');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('= 2 runs (0 executed, 2 reused from the previous result)');
    expect(read('results', 'small', 'runs.csv')).toBe(before);
    const reseeded = hasim('run', exp, '--workers', '1', '--seed', '99');
    expect(reseeded.code).toBe(2);
    expect(reseeded.stderr).toBe('hasim: results/small: seed changed: 2 finished runs no longer match; use --force to replace the result\n');
    expect(read('results', 'small', 'runs.csv')).toBe(before);
    const forced = hasim('run', exp, '--workers', '1', '--force', '--seed', '99');
    expect(forced.code).toBe(0);
    expect(read('results', 'small', 'runs.csv')).not.toBe(before);
    expect(JSON.parse(read('results', 'small', 'meta.json')).seed).toBe(99);
  });

  it('a sweep over a service the base does not have: exit 2, one line with the sweep path and a suggestion, nothing written', () => {
    const exp = file('typo.yaml', 'name: typo\nmodel: topology\nduration: 1d\nparams:\n  services:\n    api: { replicas: 2 }\nsweep:\n  services.apii.replicas: [2, 3]\n');
    const r = hasim('run', exp, '--out', 'typo-out');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `hasim: ${exp}:8:3: sweep.services.apii.replicas: sweep path "services.apii.replicas": the base experiment has no entry "apii" in services (it has: api); ` +
        'a sweep varies existing entries and cannot add one: add "apii" under params to sweep it; did you mean "services.api.replicas"?\n',
    );
    expect(existsSync(join(tmp, 'typo-out'))).toBe(false);
    expect(hasim('validate', exp).code).toBe(2);
  });

  it('bad input: exit 2, the message names file, line and path, nothing written', () => {
    const exp = file('bad.yaml', 'name: bad\nmodel: tiny\nduration: 1h\nparams:\n  rate: 2\n  lable: beta\n');
    const r = hasim('run', exp, '--out', 'never');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hasim: ${exp}:6:3: params.lable: unknown key "lable" (valid keys: rate, label, failAt, nested); did you mean "label"?\n`);
    expect(existsSync(join(tmp, 'never'))).toBe(false);
    expect(hasim('validate', exp).code).toBe(2);
    const good = hasim('validate', file('good.yaml', 'name: g\nmodel: tiny\nduration: 1h\nsweep: { rate: [1, 2] }\nreplications: 3\n'));
    expect(good.code).toBe(0);
    expect(good.stdout.split('\n')[0]).toBe(`${join(tmp, 'good.yaml')}: ok — model tiny, 2 configurations × 3 replications = 6 runs`);
    // the generic estimate: 4 events per unit of rate over 1 h, + 1000; rates 1 and 2 → mean 2.2e4
    expect(good.stdout.split('\n')[1]).toMatch(/^expected work: 6 runs × ~23 k events \(generic estimate\) = 140 k events, about [\d.]+ms of CPU \([\d.]+ms on \d+ workers?\)$/);
    const usage = hasim('run', exp, '--shard', '4/3');
    expect(usage).toMatchObject({ code: 2, stderr: 'hasim: --shard: expected I/N with 1 ≤ I ≤ N (e.g. 3/8), got "4/3"\n' });
    const unknown = hasim('run', exp, '--wrokers', '2');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown argument: wrokers/);
    expect(hasim().code).toBe(2);
  });

  it('a failure inside a run: exit 1, naming the run, its seed, the simulated time and the component', () => {
    const exp = file('fail.yaml', 'name: fail\nmodel: tiny\nseed: 5\nreplications: 1\nduration: 100\nsweep:\n  failAt: [50]\n');
    const r = hasim('run', exp, '--workers', '2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^hasim: run failed: config_id c[0-9a-f]{10} \(failAt=50\), replication 1, seed [0-9a-f]{16} at simulated time t=50 s in component "exploding-disk": disk exploded\n$/,
    );
    expect(existsSync(join(tmp, 'results', 'fail', 'runs.csv'))).toBe(false);
  });

  it('resumes after SIGKILL without redoing finished runs, and ends with the same bytes', async () => {
    const exp = file('slow.yaml', 'name: slow\nmodel: tiny\nseed: 3\nreplications: 10\nduration: 1\nparams: { rate: 400000 }\nsweep:\n  label: [alpha, beta, gamma]\n');
    const partial = join(tmp, 'killed', 'slow', '.partial', 'runs.jsonl');
    const child = spawn(process.execPath, [main, 'run', exp, '--workers', '1', '--out', 'killed'], { cwd: tmp, env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let lines = 0;
    for (let i = 0; i < 400 && lines < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
      lines = existsSync(partial) ? readFileSync(partial, 'utf8').split('\n').length - 1 : 0;
    }
    child.kill('SIGKILL');
    await exited;
    const kept = readFileSync(partial, 'utf8').split('\n').length - 1;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(30);
    expect(existsSync(join(tmp, 'killed', 'slow', 'runs.csv'))).toBe(false);
    const resumed = hasim('run', exp, '--workers', '2', '--out', 'killed');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`30 runs (${30 - kept} executed, ${kept} resumed)`);
    const meta = JSON.parse(read('killed', 'slow', 'meta.json'));
    expect(meta).toMatchObject({ executed_count: 30 - kept, resumed_count: kept, run_count: 30 });
    expect(hasim('run', exp, '--workers', '1', '--out', 'clean', '--quiet').code).toBe(0);
    expect(read('killed', 'slow', 'runs.csv')).toBe(read('clean', 'slow', 'runs.csv'));
    expect(read('killed', 'slow', 'summary.csv')).toBe(read('clean', 'slow', 'summary.csv'));
    expect(existsSync(join(tmp, 'killed', 'slow', '.partial'))).toBe(false);
  });

  it('refuses a result folder that another live hasim process is writing, and leaves it as it was', () => {
    const exp = file('busy.yaml', 'name: busy\nmodel: tiny\nseed: 3\nreplications: 2\nduration: 10\n');
    expect(hasim('run', exp, '--out', 'busy', '--quiet').code).toBe(0);
    const before = read('busy', 'busy', 'runs.csv');
    // This test process plays the other writer: alive, on this host.
    const lock = join(tmp, 'busy', 'busy', '.hasim.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-11-27T10:00:00Z', command: 'run' }));
    const r = hasim('run', exp, '--out', 'busy', '--force');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `hasim: busy/busy is in use by hasim run (pid ${process.pid} on ${hostname()}, since 2026-11-27T10:00:00Z); wait for it to finish, or remove busy/busy/.hasim.lock if that process is gone\n`,
    );
    expect(read('busy', 'busy', 'runs.csv')).toBe(before);
    rmSync(lock);
    expect(hasim('run', exp, '--out', 'busy', '--force', '--quiet').code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('models and schema describe the registered models', () => {
    const models = hasim('models', '--json');
    expect(models.code).toBe(0);
    const tiny = JSON.parse(models.stdout).find((m: { name: string }) => m.name === 'tiny');
    expect(tiny.params).toContainEqual({ path: 'rate', type: 'number >0', default: 2, unit: '1/s', description: 'Arrival rate', required: false });
    expect(tiny.params).toContainEqual({ path: 'nested.servers', type: 'integer ≥ 1 ≤ 64', default: 1, description: 'Servers', required: false });
    expect(hasim('models').stdout).toMatch(/^ {4}rate\s+number >0, unit 1\/s, default 2 — Arrival rate$/m);
    const schema = JSON.parse(hasim('schema').stdout);
    expect(schema.properties.model.enum).toContain('tiny');
    const clause = schema.allOf.find((c: { if: { properties: { model: { const: string } } } }) => c.if.properties.model.const === 'tiny');
    // shared sub-schemas are referenced from definitions (`reused: 'ref'`); follow the references
    const deref = (node: Record<string, unknown>): Record<string, unknown> => {
      const ref = (node['allOf'] as { $ref?: string }[] | undefined)?.[0]?.$ref ?? (node['$ref'] as string | undefined);
      if (ref === undefined) return node;
      const target = schema.definitions[ref.replace('#/definitions/', '')];
      expect(target).toBeDefined();
      return { ...node, ...deref(target) };
    };
    expect(deref(clause.then.properties.params.properties.nested.properties.servers)).toMatchObject({ type: 'integer', minimum: 1, maximum: 64 });
    expect(Object.keys(clause.then.properties.sweep.properties)).toEqual(['rate', 'label', 'failAt', 'nested', 'nested.servers', 'nested.weight']);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'model', 'duration']));
    expect(hasim('run', '--help').stdout).toMatch(/Examples:/);
  });
});
