// Publishing a result directory's files together, so that a complete result is all of its files
// or none, whatever the moment a process is killed (or the machine loses power):
//
//   1. stage:   every file is written and fsync'ed into <dir>/.staging/, with files.json (the
//               list of the new files) and meta.json last. A kill here leaves the previous
//               result untouched; the next writer deletes .staging/.
//   2. commit:  .staging/ is renamed to .publish/ (one atomic rename). From here on the new
//               result is the one the directory holds: whoever takes the directory's lock next
//               finishes step 3 (finishPublish) before anything else.
//   3. move:    the old meta.json is removed (the directory is now marked incomplete), old result
//               files the new result does not have are removed, the new files are renamed into
//               place, and the new meta.json last; then .publish/ is removed. Every step can be
//               repeated after a kill, so finishing an interrupted move is just doing it again.
//
// A directory is complete when it holds meta.json and no .publish/. Readers that do not hold the
// lock (report, merge reading shards) read through readPublished: meta.json is removed before
// any other file changes and a new meta.json (a new inode, created while the old one still
// existed) is put in place after all of them, so a read during which meta.json kept the same
// identity saw one result only.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../experiment/spec-error.js';

export const STAGING_DIR = '.staging';
export const PUBLISH_DIR = '.publish';
const MANIFEST = 'files.json';

/** Every file name a result directory can hold; old ones the new result lacks are removed. */
export const RESULT_FILES = ['runs.csv', 'summary.csv', 'timeseries.csv', 'trace.jsonl', 'runs.jsonl', 'meta.json'] as const;
export type ResultFile = (typeof RESULT_FILES)[number];

function writeSynced(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes renames and removals in `dir` durable (best effort where directories cannot be fsync'ed). */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms and filesystems refuse fsync on a directory; the renames are still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `files` (meta.json among them) as the result of `dir`, replacing the previous result
 * only once the new one is complete on disk. The caller holds the directory's lock.
 */
export function publishResult(dir: string, files: ReadonlyMap<ResultFile, string>): void {
  if (!files.has('meta.json')) throw new Error('internal: a result without meta.json');
  finishPublish(dir);
  const staging = join(dir, STAGING_DIR);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const names = [...files.keys()].filter((f) => f !== 'meta.json');
  for (const f of names) writeSynced(join(staging, f), files.get(f) ?? '');
  writeSynced(join(staging, MANIFEST), `${JSON.stringify([...names, 'meta.json'])}\n`);
  writeSynced(join(staging, 'meta.json'), files.get('meta.json') ?? '');
  fsyncDir(staging);
  renameSync(staging, join(dir, PUBLISH_DIR));
  fsyncDir(dir);
  finishPublish(dir);
}

/**
 * Removes an uncommitted .staging/ and finishes moving a committed .publish/ into place; returns
 * whether there was a committed result to finish. The caller holds the directory's lock.
 */
export function finishPublish(dir: string): boolean {
  rmSync(join(dir, STAGING_DIR), { recursive: true, force: true });
  const pub = join(dir, PUBLISH_DIR);
  if (!existsSync(pub)) return false;
  if (existsSync(join(pub, 'meta.json'))) {
    let manifest: string[];
    try {
      manifest = JSON.parse(readFileSync(join(pub, MANIFEST), 'utf8')) as string[];
    } catch (err) {
      throw new UsageError(`${pub}: unreadable list of files (${(err as Error).message}); remove ${pub} and run again`);
    }
    rmSync(join(dir, 'meta.json'), { force: true });
    fsyncDir(dir);
    for (const f of RESULT_FILES) if (!manifest.includes(f)) rmSync(join(dir, f), { force: true });
    for (const f of manifest) {
      // Already moved by an earlier, interrupted attempt when absent here.
      if (f !== 'meta.json' && existsSync(join(pub, f))) renameSync(join(pub, f), join(dir, f));
    }
    fsyncDir(dir);
    renameSync(join(pub, 'meta.json'), join(dir, 'meta.json'));
    fsyncDir(dir);
  }
  rmSync(pub, { recursive: true, force: true });
  return true;
}

function metaIdentity(dir: string): string | undefined {
  try {
    const s = statSync(join(dir, 'meta.json'), { bigint: true });
    return `${s.dev}:${s.ino}:${s.mtimeNs}:${s.size}`;
  } catch {
    return undefined;
  }
}

/**
 * Runs `read` (which reads files of result directory `dir`) so that everything it read belongs
 * to one published result: retried when a writer published a new result meanwhile; refused
 * while a result is half moved into place. Directories without meta.json (written by hand or by
 * other tools) are read as they are.
 */
export function readPublished<T>(dir: string, read: () => T): T {
  const moving = (): boolean => existsSync(join(dir, PUBLISH_DIR));
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = metaIdentity(dir);
    if (before === undefined && moving()) break;
    const value = read();
    if (metaIdentity(dir) === before && !(before === undefined && moving())) return value;
  }
  throw new UsageError(`${dir}: a result is being written here (or a run was interrupted while writing it); wait for it, or run the same command again to finish it`);
}
