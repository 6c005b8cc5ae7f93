// The shipped Slurm scripts on a real single-node Slurm (skipped, with the reason, where Slurm
// and munge are not installed): examples/slurm/submit.sh with its default resources shards a
// shipped experiment over an array job and merges it; the merged runs.csv and summary.csv are
// byte-identical to a local `hasim run`. A shard cancelled mid-run and requeued resumes: the runs
// it had finished are kept, not run again, and the merge is still byte-identical.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main, root } from './helpers/cli-sandbox.js';
import { SlurmCluster, slurmUnavailableReason } from './helpers/slurm-cluster.js';

const unavailable = slurmUnavailableReason();
if (unavailable) console.log(`test/slurm.test.ts skipped: ${unavailable}`);

const submitScript = join(root, 'examples', 'slurm', 'submit.sh');
/** How the jobs run hasim: the built CLI of this checkout, as a user sets HASIM. */
const hasim = `${process.execPath} ${main}`;

function localRun(file: string, out: string): void {
  const r = spawnSync(process.execPath, [main, 'run', file, '--out', out, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`local hasim run failed: ${r.stderr}`);
}

function meta(dir: string): { run_count: number; executed_count: number; resumed_count: number } {
  return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
}

/** Complete (newline-ended) records in a shard's partial store: the runs it has finished. */
function finishedRuns(shardDir: string): number {
  const file = join(shardDir, '.partial', 'runs.jsonl');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').length - 1;
}

function expectSameCsv(merged: string, local: string): void {
  for (const f of ['runs.csv', 'summary.csv']) {
    expect(readFileSync(join(merged, f)).equals(readFileSync(join(local, f))), `${f} differs from the local run`).toBe(true);
  }
}

describe.skipIf(unavailable !== undefined)('Slurm: the shipped scripts on a single-node cluster', () => {
  let cluster: SlurmCluster;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'hasim-slurm-work-'));
    cluster = await SlurmCluster.start();
  });

  afterAll(() => {
    cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs submit.sh from the work folder with its default resources; returns the job ids and what it printed. */
  function submit(file: string, shards: number, out: string): { array: string; merge: string; stdout: string } {
    const stdout = cluster.run(submitScript, ['--out', out, file, String(shards)], { cwd: work, env: { HASIM: hasim } });
    const array = /^shards: job (\d+),/m.exec(stdout)?.[1];
    const merge = /^merge: +job (\d+),/m.exec(stdout)?.[1];
    if (!array || !merge) throw new Error(`submit.sh printed no job ids:\n${stdout}`);
    return { array, merge, stdout };
  }

  it('shards a shipped experiment with submit.sh and merges it byte-identical to a local run', () => {
    const file = join(root, 'experiments', 'mmc-servers.yaml');
    const out = join(work, 'sharded');
    localRun(file, join(work, 'local'));

    const { array, merge, stdout } = submit(file, 3, out);
    expect(stdout).toContain(`squeue -j ${array},${merge}`);
    const jobs = cluster.waitDone([array, merge], 90_000);
    expect(jobs.map((j) => `${j.id} ${j.state}`).sort()).toEqual([`${array}_1 COMPLETED`, `${array}_2 COMPLETED`, `${array}_3 COMPLETED`, `${merge} COMPLETED`]);

    expectSameCsv(join(out, 'mmc-servers'), join(work, 'local', 'mmc-servers'));
    for (const i of [1, 2, 3]) {
      const m = meta(join(out, 'mmc-servers', 'shards', `${i}-of-3`));
      expect([m.executed_count, m.resumed_count]).toEqual([m.run_count, 0]);
    }
  });

  it('a shard cancelled mid-run and requeued resumes: nothing lost, nothing run twice', () => {
    // mmc-servers with longer runs, so that a shard is still running when it is cancelled.
    const spec = parse(readFileSync(join(root, 'experiments', 'mmc-servers.yaml'), 'utf8'));
    Object.assign(spec, { name: 'mmc-servers-long', duration: '40h', replications: 6 });
    const file = join(work, 'mmc-servers-long.yaml');
    writeFileSync(file, stringify(spec));
    const out = join(work, 'requeued');
    const shard2 = join(out, 'mmc-servers-long', 'shards', '2-of-2');
    localRun(file, join(work, 'local'));

    const { array, merge, stdout } = submit(file, 2, out);
    const task = `${array}_2`;
    cluster.waitFor(`shard 2 to finish 2 runs`, 60_000, () => {
      const done = cluster.jobs([task])[0];
      if (done && done.state !== 'PENDING' && done.state !== 'RUNNING') throw new Error(`shard 2 ended (${done.state}) before it could be cancelled`);
      return finishedRuns(shard2) >= 2 ? true : undefined;
    });
    cluster.run('scancel', [task]);
    expect(cluster.waitDone([task], 30_000)[0]!.state).toBe('CANCELLED');
    const kept = finishedRuns(shard2);
    const total = (4 * 6) / 2;
    expect(existsSync(join(shard2, 'meta.json')), 'shard 2 finished before scancel took effect').toBe(false);
    expect(kept).toBeLessThan(total);

    // What submit.sh tells a user to do: requeue the task, as --requeue does on a node failure
    // (it starts again after the credential lifetime, cred_expire in the test's slurm.conf), and
    // point the merge, blocked by the cancelled attempt, at it.
    const advice = /point the merge at it:\n\s+(.+)$/m.exec(stdout)?.[1];
    expect(advice).toBe(`scontrol requeue ${array}_I && scontrol update JobId=${merge} Dependency=afterok:${array}_I`);
    cluster.run('sh', ['-c', advice!.replaceAll('_I', '_2')]);
    cluster.waitFor('the merge to wait for the requeued shard', 15_000, () =>
      cluster.jobs([merge])[0]?.reason === 'DependencyNeverSatisfied' ? undefined : true,
    );
    const jobs = cluster.waitDone([array, merge], 90_000);
    expect(jobs.map((j) => `${j.id} ${j.state}`).sort()).toEqual([`${array}_1 COMPLETED`, `${array}_2 COMPLETED`, `${merge} COMPLETED`]);

    const resumed = meta(shard2);
    expect(resumed.run_count).toBe(total);
    expect(resumed.resumed_count).toBe(kept);
    expect(resumed.executed_count).toBe(total - kept);
    expectSameCsv(join(out, 'mmc-servers-long'), join(work, 'local', 'mmc-servers-long'));
  });

  it('jobs that ask for more CPUs than the node has are named at submission, not left pending silently', () => {
    const r = spawnSync(submitScript, ['--cpus', String(cluster.cpus + 1), '--out', join(work, 'too-big'), join(root, 'experiments', 'mmc-servers.yaml'), '2'], {
      cwd: work,
      env: { ...cluster.env, HASIM: hasim },
      encoding: 'utf8',
    });
    const ids = [...r.stdout.matchAll(/^(?:shards|merge): +job (\d+),/gm)].map((m) => m[1]!);
    if (ids.length > 0) cluster.run('scancel', ids);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('submit.sh: warning: the jobs pend with reason PartitionConfig: they ask for more CPUs, memory or time');
  });
});
