// The result-directory lock (src/output/dir-lock.ts): exclusive, released, taken over from a
// dead owner on this host, never from a live one or from another host.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockResultDir } from '../src/output/dir-lock.js';
import { UsageError } from '../src/experiment/spec-error.js';

const tmp = mkdtempSync(join(tmpdir(), 'hasim-lock-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
    writeFileSync(join(tmp, LOCK_FILE), '');
    expect(() => lockResultDir(tmp, 'run')).toThrow(/in use by another hasim process; wait for it to finish, or remove/);
    rmSync(join(tmp, LOCK_FILE));
  });

  it('a release does not remove a lock that someone else has taken since', () => {
    const unlock = lockResultDir(tmp, 'run');
    writeFileSync(join(tmp, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', started: 'y', command: 'run' }));
    unlock();
    expect(existsSync(join(tmp, LOCK_FILE))).toBe(true);
    rmSync(join(tmp, LOCK_FILE));
  });
});
