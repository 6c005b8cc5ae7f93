// The kill test: a sweep killed with SIGKILL early, mid-sweep and just before its
// final write resumes each time with no finished run lost or redone, and ends with the bytes of
// an uninterrupted run. (A kill at every step of the final write itself is simulated in-process
// by test/results-durable.test.ts.) The CLI runs as a user runs it, dist/ built by global-setup.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const env = { ...process.env, HASIM_EXTRA_MODELS: join(root, 'test', 'fixtures', 'tiny-model.mjs') };
const tmp = mkdtempSync(join(tmpdir(), 'hasim-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// 9 runs of about 0.1 s each with one worker, so that a kill lands between runs.
const EXPERIMENT = 'name: slow\nmodel: tiny\nseed: 5\nreplications: 3\nduration: 1\nparams: { rate: 400000 }\nsweep:\n  label: [alpha, beta, gamma]\noutputs:\n  timeseries: { interval: 0.5 }\n';
const RUNS = 9;

/** Run indices in the partial store, complete lines only (a torn last line is not a run). */
function stored(dir: string): number[] {
  const file = join(dir, '.partial', 'runs.jsonl');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l).index as number);
}

/** Starts `hasim run`, waits (bounded) until `atLeast` runs are stored, then SIGKILLs it by pid. */
async function runAndKill(exp: string, out: string, dir: string, atLeast: number): Promise<number[]> {
  const child = spawn(process.execPath, [main, 'run', exp, '--workers', '1', '--out', out], { cwd: tmp, env, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  for (let i = 0; i < 3000 && stored(dir).length < atLeast && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 5));
  expect(child.exitCode).toBeNull(); // still running: the kill lands mid-sweep
  process.kill(child.pid as number, 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return stored(dir);
}

const exp = join(tmp, 'slow.yaml');

/** Result files of `dir` equal to those of the uninterrupted run. */
function expectSameBytesAsClean(dir: string): void {
  for (const f of ['runs.csv', 'summary.csv', 'timeseries.csv']) {
    expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(tmp, 'clean', 'slow', f), 'utf8'));
  }
  expect(readdirSync(dir).sort()).toEqual(['meta.json', 'runs.csv', 'runs.jsonl', 'summary.csv', 'timeseries.csv']);
}

describe('kill test', () => {
  beforeAll(() => {
    writeFileSync(exp, EXPERIMENT);
    const clean = spawnSync(process.execPath, [main, 'run', exp, '--workers', '1', '--out', 'clean', '--quiet'], { cwd: tmp, env, encoding: 'utf8' });
    expect(clean.status).toBe(0);
  });

  it('SIGKILL early, mid-sweep and before the final write: nothing lost or redone, same bytes as an uninterrupted run', async () => {
    const dir = join(tmp, 'killed', 'slow');
    let before: number[] = [];
    for (const atLeast of [1, 5, RUNS - 1]) {
      const after = await runAndKill(exp, 'killed', dir, atLeast);
      // Every run stored before is still there, and none was run (stored) twice.
      expect(after.slice(0, before.length)).toEqual(before);
      expect(new Set(after).size).toBe(after.length);
      expect(after.length).toBeGreaterThanOrEqual(atLeast);
      expect(after.length).toBeLessThan(RUNS);
      expect(existsSync(join(dir, 'meta.json'))).toBe(false);
      before = after;
    }
    const last = spawnSync(process.execPath, [main, 'run', exp, '--workers', '1', '--out', 'killed'], { cwd: tmp, env, encoding: 'utf8' });
    expect(last.stderr).toBe('');
    expect(last.status).toBe(0);
    expect(last.stdout).toContain(`${RUNS} runs (${RUNS - before.length} executed, ${before.length} resumed)`);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ run_count: RUNS, executed_count: RUNS - before.length, resumed_count: before.length });
    expectSameBytesAsClean(dir);
  });

  it('a damaged line in the middle of the partial results: a warning on stderr, only that run redone', async () => {
    const dir = join(tmp, 'damaged', 'slow');
    const kept = await runAndKill(exp, 'damaged', dir, 3);
    const file = join(dir, '.partial', 'runs.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = '{"index": 1, "configId": tr';
    writeFileSync(file, lines.join('\n'));
    const r = spawnSync(process.execPath, [main, 'run', exp, '--workers', '1', '--out', 'damaged', '--quiet'], { cwd: tmp, env, encoding: 'utf8' });
    expect(r.stderr).toBe(`warning: damaged/slow/.partial/runs.jsonl: dropped 1 damaged line (line 2); the runs they held are run again\n`);
    expect(r.status).toBe(0);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ executed_count: RUNS - kept.length + 1, resumed_count: kept.length - 1 });
    expectSameBytesAsClean(dir);
  });
});
