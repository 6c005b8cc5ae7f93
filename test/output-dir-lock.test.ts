// The result-directory lock (src/output/dir-lock.ts): exclusive, released, taken over from a
// dead owner on this host (or an empty lock left by a crash), never from a live one or from
// another host; and never by two processes at once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockResultDir } from '../src/output/dir-lock.js';
import { UsageError } from '../src/experiment/spec-error.js';

const tmp = mkdtempSync(join(tmpdir(), 'hasim-lock-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha16 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A pid that existed and has exited (the child was reaped by spawnSync). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('result directory lock', () => {
  it('is exclusive while held, and free again once released', () => {
    const unlock = lockResultDir(tmp, 'run');
    const owner = JSON.parse(readFileSync(join(tmp, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), command: 'run' });
    expect(() => lockResultDir(tmp, 'merge')).toThrow(UsageError);
    expect(() => lockResultDir(tmp, 'merge')).toThrow(
      new RegExp(`^${tmp} is in use by hasim run \\(pid ${process.pid} on ${hostname()}, since .+\\); wait for it to finish, or remove ${join(tmp, LOCK_FILE)} if that process is gone$`),
    );
    unlock();
    expect(existsSync(join(tmp, LOCK_FILE))).toBe(false);
    unlock(); // twice is harmless
    const again = lockResultDir(tmp, 'merge');
    again();
  });

  it('takes over a lock whose owner on this host is dead', () => {
    const pid = deadPid();
    writeFileSync(join(tmp, LOCK_FILE), JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00Z', command: 'run' }));
    const unlock = lockResultDir(tmp, 'run');
    expect(JSON.parse(readFileSync(join(tmp, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    unlock();
  });

  it('never takes over a lock held on another host, nor an unreadable one', () => {
    writeFileSync(join(tmp, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'node-17.cluster', started: 'x', command: 'run' }));
    expect(() => lockResultDir(tmp, 'run')).toThrow(/in use by hasim run \(pid \d+ on node-17\.cluster, since x\)/);
    writeFileSync(join(tmp, LOCK_FILE), '{"pid": 12');
    expect(() => lockResultDir(tmp, 'run')).toThrow(/in use by another hasim process; wait for it to finish, or remove/);
    // A fresh empty lock may be one being written (where there are no hard links): held.
    writeFileSync(join(tmp, LOCK_FILE), '');
    expect(() => lockResultDir(tmp, 'run')).toThrow(/in use by another hasim process; wait for it to finish, or remove/);
    rmSync(join(tmp, LOCK_FILE));
  });

  it('takes over an empty lock file left by a crash', () => {
    writeFileSync(join(tmp, LOCK_FILE), '');
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(tmp, LOCK_FILE), minuteAgo, minuteAgo);
    const unlock = lockResultDir(tmp, 'run');
    expect(JSON.parse(readFileSync(join(tmp, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    unlock();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('takes over a stale lock whose taker died while taking it over', () => {
    const stale = JSON.stringify({ pid: deadPid(), host: hostname(), started: 'a', command: 'run' });
    writeFileSync(join(tmp, LOCK_FILE), stale);
    // The marker a taker creates before removing the stale lock, left by a taker that died.
    const marker = `${LOCK_FILE}.break-${sha16(stale)}`;
    writeFileSync(join(tmp, marker), JSON.stringify({ pid: deadPid(), host: hostname(), started: 'b', command: 'run' }));
    const unlock = lockResultDir(tmp, 'run');
    expect(JSON.parse(readFileSync(join(tmp, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    unlock();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('two to four processes taking over stale locks hundreds of times never hold it at once', async () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const dir = join(tmp, 'stress');
    mkdirSync(dir);
    const dead = deadPid();
    const contenders = 4;
    const results = await Promise.all(
      Array.from({ length: contenders }, () => {
        const child = spawn(process.execPath, [join(root, 'test', 'fixtures', 'lock-stress.mjs'), join(root, 'dist', 'src', 'output', 'dir-lock.js'), dir, String(dead), '150', '100000'], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        return new Promise<{ acquired: number; busy: number; double: number }>((resolve, reject) =>
          child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`contender ${child.pid} exited with ${code}`)))),
        );
      }),
    );
    // Holds from the log: a "+" while another hold is open is a double hold.
    let open = 0;
    let overlaps = 0;
    for (const line of readFileSync(join(dir, 'holds.log'), 'utf8').trimEnd().split('\n')) {
      if (line.startsWith('+')) overlaps += open++ > 0 ? 1 : 0;
      else open--;
    }
    const acquired = results.reduce((n, r) => n + r.acquired, 0);
    const double = results.reduce((n, r) => n + r.double, 0);
    expect({ acquired, double, overlaps }).toEqual({ acquired: contenders * 150, double: 0, overlaps: 0 });
    rmSync(dir, { recursive: true });
  });

  it('a release does not remove a lock that someone else has taken since', () => {
    const unlock = lockResultDir(tmp, 'run');
    writeFileSync(join(tmp, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', started: 'y', command: 'run' }));
    unlock();
    expect(existsSync(join(tmp, LOCK_FILE))).toBe(true);
    rmSync(join(tmp, LOCK_FILE));
  });
});
