// An exclusive lock on a result directory, so that two hasim processes never write the same
// results at once (two terminals, two Slurm jobs given the same shard, a run and a merge).
// The lock is a file <dir>/.hasim.lock created with O_EXCL, holding the owner's pid, host and
// start time. A lock left by a process that died (SIGKILL, a node crash) is taken over when its
// owner is known to be gone: same host and no such pid. On another host that cannot be checked,
// and the message says which file to remove.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../experiment/spec-error.js';

export const LOCK_FILE = '.hasim.lock';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string'
      ? { pid: o.pid, host: o.host, started: String(o.started ?? '?'), command: String(o.command ?? '?') }
      : null;
  } catch {
    return null; // being written, or garbage: treated as held
  }
}

/**
 * Takes the lock of `dir` (which must exist) for `command` (e.g. "run"); returns the function
 * that releases it. Throws UsageError when another live process holds it.
 */
export function lockResultDir(dir: string, command: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      const stale = owner !== null && owner.host === me.host && owner.pid !== process.pid && !isAlive(owner.pid);
      if (stale && attempt === 0) {
        rmSync(path, { force: true });
        continue;
      }
      const who = owner === null ? 'another hasim process' : `hasim ${owner.command} (pid ${owner.pid} on ${owner.host}, since ${owner.started})`;
      throw new UsageError(`${dir} is in use by ${who}; wait for it to finish, or remove ${path} if that process is gone`);
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const owner = readOwner(path);
      if (owner !== null && owner.pid === me.pid && owner.started === me.started) rmSync(path, { force: true });
    };
  }
}
