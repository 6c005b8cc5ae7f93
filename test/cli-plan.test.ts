// `hasim plan FILE`: the configurations, runs, seeds and estimated work that `hasim run` would
// run, whole or one shard, as text or JSON; exit 2 on bad input, as validate.
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './helpers/cli-sandbox.js';

const { hasim, file, read, remove } = cliSandbox('hasim-plan-');
afterAll(remove);

const EXP = `name: planned
model: tiny
seed: 4
replications: 3
duration: 50
params: { rate: 2 }
sweep:
  nested.servers: [1, 2]
  label: [alpha, beta]
`;

interface PlanJson {
  experiment: string;
  shard: { index: number; count: number } | null;
  run_count: number;
  columns: string[];
  configurations: { config_id: string; swept: Record<string, unknown>; events_per_run: number; runs: { replication: number; seed: string; stream_seed: string }[] }[];
  estimate: { runs: number; events: number; cpuS: number };
}

describe('hasim plan', () => {
  it('lists what run runs: config ids, seeds, runs; whole and per shard', () => {
    const exp = file('planned.yaml', EXP);
    const text = hasim('plan', exp);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('planned: model tiny, 4 configurations × 3 replications = 12 runs');
    expect(lines[1]).toMatch(/^seeds: run seed = hash\(experiment seed 4, swept values, replication\); random streams seeded by \(experiment seed, replication\)/);
    expect(lines[2]).toMatch(/^stream seeds \(replication: seed\): 1: [0-9a-f]{16}, 2: [0-9a-f]{16}, 3: [0-9a-f]{16}$/);
    expect(lines[4]).toMatch(/^config_id\s+nested\.servers\s+label\s+runs\s+events\/run\s+CPU\/run\s+run seeds \(replication: seed\)$/);
    expect(lines[5]).toMatch(/^c[0-9a-f]{10}\s+1\s+alpha\s+3\s+~\S+ ?k?\s+\S+\s+1: [0-9a-f]{16}, 2: [0-9a-f]{16}, 3: [0-9a-f]{16}$/);
    expect(text.stdout).toMatch(/\nexpected work: 12 runs × ~/);

    const plan = JSON.parse(hasim('plan', exp, '--json').stdout) as PlanJson;
    expect(plan.run_count).toBe(12);
    expect(plan.columns).toEqual(['nested.servers', 'label']);
    expect(plan.estimate.runs).toBe(12);
    // the seeds and ids are those the run writes
    expect(hasim('run', exp, '--workers', '1', '--quiet').code).toBe(0);
    const meta = JSON.parse(read('results', 'planned', 'meta.json')) as { runs: { config_id: string; replication: number; seed: string; stream_seed: string }[] };
    const planned = plan.configurations.flatMap((c) => c.runs.map((r) => ({ config_id: c.config_id, ...r })));
    expect(planned).toEqual(meta.runs);

    // a shard: exactly the runs `run --shard` runs
    let total = 0;
    for (const i of [1, 2, 3]) {
      const shard = JSON.parse(hasim('plan', exp, '--json', '--shard', `${i}/3`).stdout) as PlanJson;
      expect(shard.shard).toEqual({ index: i, count: 3 });
      expect(hasim('run', exp, '--workers', '1', '--quiet', '--shard', `${i}/3`).code).toBe(0);
      const m = JSON.parse(read('results', 'planned', 'shards', `${i}-of-3`, 'meta.json')) as typeof meta;
      expect(shard.configurations.flatMap((c) => c.runs.map((r) => ({ config_id: c.config_id, ...r })))).toEqual(m.runs);
      expect(shard.estimate.runs).toBe(m.runs.length);
      total += shard.run_count;
    }
    expect(total).toBe(12);
    expect(hasim('plan', exp, '--shard', '2/3').stdout.split('\n')[0]).toMatch(/^planned: model tiny, 4 configurations × 3 replications = 12 runs; shard 2\/3: \d+ runs?$/);
  });

  it('bad input: exit 2 with one line, as validate', () => {
    const bad = file('bad.yaml', EXP.replace('replications: 3', 'replications: -1'));
    const r = hasim('plan', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^hasim: .*bad\.yaml:4:15: replications: expected an integer ≥ 1, got -1\n$/);
    expect(hasim('plan', file('ok.yaml', EXP), '--shard', '4/3')).toMatchObject({ code: 2, stderr: 'hasim: --shard: expected I/N with 1 ≤ I ≤ N (e.g. 3/8), got "4/3"\n' });
  });
});
