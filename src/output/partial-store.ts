// Completed runs of an unfinished experiment: `<result dir>/.partial/runs.jsonl`, one record
// per line, appended and fsync'ed as each run finishes, so Ctrl-C or SIGKILL loses no finished
// run. `.partial/experiment.json` holds the hash of the resolved experiment; a store written
// for another experiment is refused. A torn last line (a kill during a write) is dropped.
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { decodeRecord, encodeRecord, type RunRecord } from './run-record.js';

export const PARTIAL_DIR = '.partial';

export class PartialStoreMismatch extends Error {
  constructor(readonly dir: string) {
    super(`${dir} holds partial results of a different experiment (its file, parameters, seed or hasim version changed)`);
    this.name = 'PartialStoreMismatch';
  }
}

export class PartialStore {
  private fd: number | undefined;
  readonly records: Map<number, RunRecord>;

  private constructor(
    readonly dir: string,
    records: Map<number, RunRecord>,
    fd: number,
  ) {
    this.records = records;
    this.fd = fd;
  }

  static exists(resultDir: string): boolean {
    return existsSync(join(resultDir, PARTIAL_DIR, 'experiment.json'));
  }

  /** Opens (creating or resuming) the store of `resultDir` for the experiment with `hash`. */
  static open(resultDir: string, hash: string): PartialStore {
    const dir = join(resultDir, PARTIAL_DIR);
    const headerFile = join(dir, 'experiment.json');
    const runsFile = join(dir, 'runs.jsonl');
    const records = new Map<number, RunRecord>();
    if (existsSync(headerFile)) {
      const header = JSON.parse(readFileSync(headerFile, 'utf8')) as { hash?: string };
      if (header.hash !== hash) throw new PartialStoreMismatch(resultDir);
    } else {
      mkdirSync(dir, { recursive: true });
      rmSync(runsFile, { force: true });
      writeFileAtomic(headerFile, `${JSON.stringify({ hash }, null, 2)}\n`);
    }
    const fd = openSync(runsFile, 'a+');
    const text = readFileSync(runsFile, 'utf8');
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
    for (const line of text.slice(0, complete).split('\n')) {
      if (line === '') continue;
      const record = decodeRecord(line);
      records.set(record.index, record);
    }
    return new PartialStore(resultDir, records, fd);
  }

  append(record: RunRecord): void {
    if (this.fd === undefined) throw new Error('partial store is closed');
    writeSync(this.fd, `${encodeRecord(record)}\n`);
    fsyncSync(this.fd);
    this.records.set(record.index, record);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Removes the store (after the final files are in place). */
  remove(): void {
    this.close();
    rmSync(join(this.dir, PARTIAL_DIR), { recursive: true, force: true });
  }

  static discard(resultDir: string): void {
    rmSync(join(resultDir, PARTIAL_DIR), { recursive: true, force: true });
  }
}
