// An exclusive lock on a result directory, so that two hasim processes never write the same
// results at once (two terminals, two Slurm jobs given the same shard, a run and a merge).
// The lock is a file <dir>/.hasim.lock holding the owner's pid, host, start time and a random
// nonce. It is created whole: written under a private name, then hard-linked to .hasim.lock,
// which fails when the lock exists (where a filesystem has no hard links, it is created with
// O_EXCL and then written).
//
// A lock whose owner is known to be gone (same host, no such pid), or an empty lock older than
// a few seconds (a crash between creating and writing it), is taken over. Taking over is
// exclusive: the taker first creates <lock>.break-<hash of the stale content> (again by link,
// so only one process can), then removes the lock only if it still holds that same content, and
// removes the marker. While the marker exists nobody else removes the lock, and a lock's content
// only changes by being removed (by its owner, who is dead, or by the marker's holder), so the
// lock removed is always the stale one and never a live lock created meanwhile; everyone then
// competes for the lock through the same link. A marker left by a taker that died is itself
// taken over the same way. On another host liveness cannot be checked, and the message says
// which file to remove.
import { closeSync, linkSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../experiment/spec-error.js';
import { finishPublish } from './publish.js';

export const LOCK_FILE = '.hasim.lock';

/** An empty lock younger than this may be one being written (filesystems without hard links). */
const EMPTY_LOCK_STALE_MS = 5000;
/** Rounds of waiting for another process that is taking over the same stale lock. */
const MAX_ROUNDS = 2000;

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
  readonly nonce?: string;
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

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string'
      ? { pid: o.pid, host: o.host, started: String(o.started ?? '?'), command: String(o.command ?? '?'), ...(typeof o.nonce === 'string' ? { nonce: o.nonce } : {}) }
      : null;
  } catch {
    return null; // garbage: treated as held
  }
}

/** The content of `path`, or null when it does not exist. */
function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function isStale(path: string, text: string): boolean {
  if (text.trim() === '') {
    try {
      return Date.now() - statSync(path).mtimeMs > EMPTY_LOCK_STALE_MS;
    } catch {
      return false; // gone meanwhile: the caller tries again
    }
  }
  const owner = parseOwner(text);
  return owner !== null && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/** Creates `path` holding `text`, whole, unless it exists; false when it exists. */
function createExclusive(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
  // No hard links here: O_EXCL, then the content (an empty lock is young for EMPTY_LOCK_STALE_MS).
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes `path` if it still holds the stale `text`, exclusively (see the header); returns false
 * when another live process is doing so (the caller waits and tries again).
 */
function breakStale(path: string, text: string, me: string, depth: number): boolean {
  const marker = `${path}.break-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  if (createExclusive(marker, me)) {
    try {
      if (readOrNull(path) === text) unlinkSync(path);
    } finally {
      rmSync(marker, { force: true });
    }
    return true;
  }
  const markerText = readOrNull(marker);
  if (markerText === null) return true; // just released: try again at once
  if (depth < 3 && isStale(marker, markerText)) return breakStale(marker, markerText, me, depth + 1);
  return false;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the lock of `dir` (which must exist) for `command` (e.g. "run") and finishes an
 * interrupted publication there; returns the function that releases the lock. Throws UsageError
 * when another live process holds it.
 */
export function lockResultDir(dir: string, command: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command, nonce: randomBytes(8).toString('hex') };
  const meText = `${JSON.stringify(me)}\n`;
  for (let round = 0; ; round++) {
    if (createExclusive(path, meText)) break;
    const current = readOrNull(path);
    if (current === null && round < MAX_ROUNDS) continue; // released meanwhile
    const text = current ?? '';
    if (round < MAX_ROUNDS && isStale(path, text)) {
      if (!breakStale(path, text, meText, 0)) sleepMs(1);
      continue;
    }
    const owner = parseOwner(text);
    const who = owner === null ? 'another hasim process' : `hasim ${owner.command} (pid ${owner.pid} on ${owner.host}, since ${owner.started})`;
    throw new UsageError(`${dir} is in use by ${who}; wait for it to finish, or remove ${path} if that process is gone`);
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    const owner = parseOwner(readOrNull(path) ?? '');
    if (owner !== null && owner.pid === me.pid && owner.nonce === me.nonce) rmSync(path, { force: true });
  };
  // The publication protocol (publish.ts): whoever takes the lock first finishes a publication a
  // kill interrupted, so every writer sees a complete result or none.
  try {
    finishPublish(dir);
  } catch (err) {
    release();
    throw err;
  }
  return release;
}
