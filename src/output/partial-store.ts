// Completed runs of an unfinished experiment: `<result dir>/.partial/runs.jsonl`, one record
// per line, appended and fsync'ed as each run finishes, so Ctrl-C or SIGKILL loses no finished
// run. `.partial/experiment.json` holds the hash of the resolved experiment; a store written
// for another experiment is refused. A torn last line (a kill during a write) is dropped; so is
// any other line that is not a run record (a damaged disk block, an edited file): the store is
// rewritten without it, with a warning, and only those runs are run again.
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import type { RunRecord } from '../experiment/run-record.js';
import { decodeRecord, encodeRecord } from './run-record-json.js';

export const PARTIAL_DIR = '.partial';

export class PartialStoreMismatch extends Error {
  constructor(readonly dir: string) {
    super(`${dir} holds partial results of a different experiment (its file, parameters, seed or hasim version changed)`);
    this.name = 'PartialStoreMismatch';
  }
}

export class PartialStoreUnreadable extends Error {
  constructor(readonly dir: string, reason: string) {
    super(`${dir}: unreadable partial results (${reason})`);
    this.name = 'PartialStoreUnreadable';
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

  /** Whether `resultDir` holds partial results of the experiment with `hash`. */
  static matches(resultDir: string, hash: string): boolean {
    try {
      return (JSON.parse(readFileSync(join(resultDir, PARTIAL_DIR, 'experiment.json'), 'utf8')) as { hash?: unknown }).hash === hash;
    } catch {
      return false;
    }
  }

  /**
   * Opens (creating or resuming) the store of `resultDir` for the experiment with `hash`;
   * `onWarning` hears of damaged lines dropped.
   */
  static open(resultDir: string, hash: string, onWarning: (message: string) => void = () => {}): PartialStore {
    const dir = join(resultDir, PARTIAL_DIR);
    const headerFile = join(dir, 'experiment.json');
    const runsFile = join(dir, 'runs.jsonl');
    const records = new Map<number, RunRecord>();
    if (existsSync(headerFile)) {
      let header: { hash?: string };
      try {
        header = JSON.parse(readFileSync(headerFile, 'utf8')) as { hash?: string };
      } catch (err) {
        throw new PartialStoreUnreadable(resultDir, (err as Error).message);
      }
      if (header.hash !== hash) throw new PartialStoreMismatch(resultDir);
    } else {
      mkdirSync(dir, { recursive: true });
      rmSync(runsFile, { force: true });
      writeFileAtomic(headerFile, `${JSON.stringify({ hash }, null, 2)}\n`);
    }
    const text = existsSync(runsFile) ? readFileSync(runsFile, 'utf8') : '';
    const complete = text.lastIndexOf('\n') + 1;
    const kept: string[] = [];
    const bad: number[] = [];
    text
      .slice(0, complete)
      .split('\n')
      .forEach((line, i) => {
        if (line === '') return;
        try {
          const record = decodeRecord(line);
          records.set(record.index, record);
          kept.push(line);
        } catch {
          bad.push(i + 1);
        }
      });
    if (bad.length > 0) {
      // Rewritten whole (atomically) so that the damaged lines are not read again next time.
      writeFileAtomic(runsFile, kept.map((l) => `${l}\n`).join(''));
      const lines = bad.length > 5 ? `${bad.slice(0, 5).join(', ')}, …` : bad.join(', ');
      onWarning(`${runsFile}: dropped ${bad.length} damaged line${bad.length > 1 ? 's' : ''} (line${bad.length > 1 ? 's' : ''} ${lines}); the runs they held are run again`);
    }
    const fd = openSync(runsFile, 'a+');
    if (bad.length === 0 && complete < text.length) ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
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
