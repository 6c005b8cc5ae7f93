// Results are never lost: a crash at any filesystem step of a run leaves either
// the previous complete result or the new one (never a mix, never neither), and running the
// same command again finishes it without redoing a stored run; --force keeps the old result
// until the new one is complete; a damaged line of the partial results costs only its run.
//
// A crash is simulated in-process: node:fs is wrapped so that the k-th mutating call (write,
// rename, remove, mkdir) throws before doing anything, for every k until a run gets through.
// Nothing after the throw touches the result files (only the lock is released, and lock files
// are not crashed on: this process stays alive), so the disk is left as a SIGKILL at that
// instant would leave it.
import * as realFs from 'node:fs';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runExperiment } from '../src/experiment/runner.js';
import { resultDirSink } from '../src/output/result-dir-sink.js';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment, type Experiment } from '../src/experiment/spec.js';
import { publishResult, readPublished } from '../src/output/publish.js';
import { readResults } from '../src/report/read-results.js';
// @ts-expect-error plain JS fixture without type declarations
import { tinyModel } from './fixtures/tiny-model.mjs';

const crash = vi.hoisted(() => ({ armed: false, at: 0, calls: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      // The lock is left alone: this process stays alive, so a lock it left would still be held.
      if (typeof a[0] === 'string' && a[0].includes('.hasim.lock')) return f(...a);
      if (crash.armed && ++crash.calls === crash.at) throw new Error('simulated crash');
      return f(...a);
    };
  const mutating = ['writeSync', 'writeFileSync', 'renameSync', 'rmSync', 'unlinkSync', 'mkdirSync', 'ftruncateSync', 'linkSync'] as const;
  const wrapped = Object.fromEntries(mutating.map((n) => [n, wrap(fs[n] as (...a: unknown[]) => unknown)]));
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

const tmp = mkdtempSync(join(tmpdir(), 'hasim-durable-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function experiment(seed: number): Experiment {
  const text = `name: d\nmodel: tiny\nseed: ${seed}\nreplications: 2\nduration: 20\nparams: { rate: 3 }\nsweep:\n  rate: [1, 2]\noutputs:\n  timeseries: { interval: 5 }\n`;
  return resolveExperiment(parseSource('d.yaml', text), [tinyModel]);
}

const FILES = ['runs.csv', 'summary.csv', 'timeseries.csv', 'runs.jsonl', 'meta.json'];

/** The result files of `dir` (meta.json without its wall time), or undefined when incomplete. */
function published(dir: string): Record<string, string> | undefined {
  if (!existsSync(join(dir, 'meta.json'))) return undefined;
  return Object.fromEntries(FILES.map((f) => [f, f === 'meta.json' ? JSON.parse(realFs.readFileSync(join(dir, f), 'utf8')).experiment_hash : realFs.readFileSync(join(dir, f), 'utf8')]));
}

function partialLines(dir: string): number[] {
  const file = join(dir, '.partial', 'runs.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l).index as number);
}

/** Runs `exp` into `out` with a crash at the k-th mutating call; true when the run got through. */
async function runCrashingAt(exp: Experiment, out: string, k: number, force: boolean): Promise<boolean> {
  crash.armed = true;
  crash.at = k;
  crash.calls = 0;
  try {
    await runExperiment(exp, resultDirSink({ out, force }), { workers: 1 });
    return true;
  } catch (err) {
    if (!(err as Error).message.includes('simulated crash')) throw err;
    return false;
  } finally {
    crash.armed = false;
  }
}

describe('results are never lost', () => {
  it('a crash at any step of a forced run keeps the old result or the new one whole, and the rerun finishes without redoing runs', async () => {
    const oldExp = experiment(1);
    const newExp = experiment(2);
    await runExperiment(oldExp, resultDirSink({ out: join(tmp, 'old') }), { workers: 1 });
    await runExperiment(newExp, resultDirSink({ out: join(tmp, 'new') }), { workers: 1 });
    const oldResult = published(join(tmp, 'old', 'd'));
    const newResult = published(join(tmp, 'new', 'd'));
    expect(oldResult).toBeDefined();
    expect(newResult).not.toEqual(oldResult);
    let k = 1;
    for (; k < 500; k++) {
      const out = join(tmp, `k${k}`);
      cpSync(join(tmp, 'old'), out, { recursive: true });
      const dir = join(out, 'd');
      if (await runCrashingAt(newExp, out, k, true)) break;
      // What a reader sees after the crash: the old result or the new one, whole.
      const seen = published(dir);
      const stored = partialLines(dir);
      if (seen === undefined) {
        // Only possible half-way through moving the new result in; a reader is told so.
        expect(existsSync(join(dir, '.publish'))).toBe(true);
        expect(() => readResults(dir)).toThrow(/a result is being written here/);
      } else {
        expect([oldResult, newResult]).toContainEqual(seen);
      }
      expect(new Set(stored).size).toBe(stored.length);
      // The same command again: finishes, redoing only runs not stored.
      const again = await runExperiment(newExp, resultDirSink({ out, force: true }), { workers: 1 });
      expect(published(dir)).toEqual(newResult);
      expect(again.executed + again.resumed).toBe(4);
      expect(again.resumed).toBe(stored.length);
      expect(readdirSync(dir).sort()).toEqual([...FILES].sort());
      rmSync(out, { recursive: true });
    }
    // Every step was crashed at least once (the run makes dozens of filesystem calls).
    expect(k).toBeGreaterThan(20);
    expect(k).toBeLessThan(500);
  });

  it('a crash while publishing a first result: the same command (without --force) finishes it', async () => {
    const exp = experiment(3);
    await runExperiment(exp, resultDirSink({ out: join(tmp, 'ref3') }), { workers: 1 });
    const reference = published(join(tmp, 'ref3', 'd'));
    let crashedAfterCommit = 0;
    for (let k = 1; k < 500; k++) {
      const out = join(tmp, `first${k}`);
      const dir = join(out, 'd');
      if (await runCrashingAt(exp, out, k, false)) break;
      const stored = partialLines(dir);
      if (existsSync(join(dir, '.publish'))) crashedAfterCommit++;
      const again = await runExperiment(exp, resultDirSink({ out }), { workers: 1 });
      expect(published(dir)).toEqual(reference);
      expect(again.resumed).toBe(stored.length);
      expect(again.executed).toBe(4 - stored.length);
      expect(existsSync(join(dir, '.partial'))).toBe(false);
      rmSync(out, { recursive: true });
    }
    expect(crashedAfterCommit).toBeGreaterThan(2);
  });

  it('a damaged line in the middle of the partial results costs only its run, with a warning', async () => {
    const exp = experiment(4);
    const out = join(tmp, 'damaged');
    const dir = join(out, 'd');
    await runExperiment(exp, resultDirSink({ out: join(tmp, 'ref4') }), { workers: 1 });
    // Crash after the four runs are stored, before the result is written.
    for (let k = 1; ; k++) {
      rmSync(out, { recursive: true, force: true });
      expect(await runCrashingAt(exp, out, k, false)).toBe(false);
      if (partialLines(dir).length === 4) break;
    }
    const file = join(dir, '.partial', 'runs.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = `${lines[1]?.slice(0, 20)}\u0000garbage`;
    writeFileSync(file, lines.join('\n'));
    const warnings: string[] = [];
    const outcome = await runExperiment(exp, resultDirSink({ out, onWarning: (m) => warnings.push(m) }), { workers: 1 });
    expect(warnings).toEqual([`${file}: dropped 1 damaged line (line 2); the runs they held are run again`]);
    expect({ executed: outcome.executed, resumed: outcome.resumed }).toEqual({ executed: 1, resumed: 3 });
    expect(published(dir)).toEqual(published(join(tmp, 'ref4', 'd')));
  });

  it('a reader never gets half of one result and half of the next', () => {
    const dir = join(tmp, 'reader');
    realFs.mkdirSync(dir);
    const result = (v: string) => new Map([['runs.csv', `runs ${v}\n`], ['summary.csv', `summary ${v}\n`], ['meta.json', `{"v": "${v}"}\n`]] as const);
    publishResult(dir, result('1'));
    const readBoth = () => ['runs.csv', 'summary.csv', 'meta.json'].map((f) => readFileSync(join(dir, f), 'utf8').trim());
    // A new result is published between the reader's first file and its others: read again.
    let attempts = 0;
    const seen = readPublished(dir, () => {
      const runs = readFileSync(join(dir, 'runs.csv'), 'utf8').trim();
      if (attempts++ === 0) publishResult(dir, result('2'));
      return [runs, ...readBoth().slice(1)];
    });
    expect(attempts).toBe(2);
    expect(seen).toEqual(['runs 2', 'summary 2', '{"v": "2"}']);
    // Half-way through moving a result in (a kill): refused, and finished by the next writer.
    realFs.mkdirSync(join(dir, '.publish'));
    realFs.writeFileSync(join(dir, '.publish', 'files.json'), '["runs.csv","summary.csv","meta.json"]');
    realFs.writeFileSync(join(dir, '.publish', 'summary.csv'), 'summary 3\n');
    realFs.writeFileSync(join(dir, '.publish', 'meta.json'), '{"v": "3"}\n');
    realFs.writeFileSync(join(dir, 'runs.csv'), 'runs 3\n');
    realFs.rmSync(join(dir, 'meta.json'));
    expect(() => readPublished(dir, readBoth)).toThrow(`${dir}: a result is being written here (or a run was interrupted while writing it); wait for it, or run the same command again to finish it`);
    publishResult(dir, result('4'));
    expect(readPublished(dir, readBoth)).toEqual(['runs 4', 'summary 4', '{"v": "4"}']);
    expect(readdirSync(dir).sort()).toEqual(['meta.json', 'runs.csv', 'summary.csv']);
  });
});
