// The runner's sink (src/experiment/run-sink.ts) that writes a result directory:
//   <out>/<name>/                      an unsharded run (or a merge)
//   <out>/<name>/shards/<I>-of-<N>/    shard I of N
// A directory holding meta.json is complete. Running again (the same experiment, or a sweep that
// grew) reuses its finished runs that the plan still has and republishes it (previous-result.ts);
// with `force` it starts over. Either way the old result stays until the new one is complete
// and replaces it whole (publish.ts).
// Completed runs are kept in <dir>/.partial/ as they finish; the same command resumes from it.
// The directory is locked (dir-lock.ts) while the sink is open.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Shard } from '../experiment/plan.js';
import type { FinishedRuns, OpenRunSink, RunSink } from '../experiment/run-sink.js';
import type { Experiment } from '../experiment/spec.js';
import { UsageError } from '../experiment/spec-error.js';
import { lockResultDir } from './dir-lock.js';
import { PartialStore, PartialStoreMismatch, PartialStoreUnreadable } from './partial-store.js';
import { previousRuns } from './previous-result.js';
import { resultContext, type ResultContext } from './result-context.js';
import { runMeta } from './run-meta.js';
import type { SummaryRow } from './tables.js';
import { writeResults } from './write-results.js';

export interface ResultDirOptions {
  /** Parent of the result directory (default "results"). */
  readonly out?: string;
  /** Replace a complete result and discard foreign partial results. */
  readonly force?: boolean;
  /** Receives warnings about the directory (e.g. dropped partial results); default: stderr. */
  readonly onWarning?: (message: string) => void;
}

/** What the sink reports of a published result directory. */
export interface ResultDirOutcome {
  readonly dir: string;
  readonly summary: readonly SummaryRow[];
  /** Warnings about the configurations and the results (also in meta.json). */
  readonly warnings: readonly string[];
  readonly context: ResultContext;
}

/** Identifies the partial results of one experiment (and shard): resuming requires the same. */
export function partialStoreHash(experimentHash: string, shard?: Shard): string {
  return createHash('sha256').update(`${experimentHash}\u0000${shard ? `${shard.index}/${shard.count}` : 'all'}`).digest('hex');
}

export { resultContext };

export function resultDir(out: string, name: string, shard?: Shard): string {
  return shard ? join(out, name, 'shards', `${shard.index}-of-${shard.count}`) : join(out, name);
}

/** Opens the partial results of `dir` (the directory's lock is held). */
function openStore(dir: string, exp: Experiment, shard: Shard | undefined, opts: ResultDirOptions, warn: (m: string) => void): PartialStore {
  const storeHash = partialStoreHash(exp.hash, shard);
  try {
    return PartialStore.open(dir, storeHash, warn);
  } catch (err) {
    // With force, partial results of another experiment are discarded; those of this one are
    // kept (the runs are deterministic), so a forced run that was killed resumes too.
    if (!(err instanceof PartialStoreMismatch || err instanceof PartialStoreUnreadable)) {
      throw new UsageError(`${dir}: cannot open the partial results (${(err as Error).message})`);
    }
    if (!opts.force) throw new UsageError(`${err.message}; use --force to discard them and start again`);
    PartialStore.discard(dir);
    return PartialStore.open(dir, storeHash, warn);
  }
}

/**
 * The runs `dir` holds for `exp`: those of its complete result that the plan still has (a sweep
 * run again, grown or not; none with force, which starts over), then those kept by an
 * interrupted invocation. The previous complete result stays in place until the new one
 * replaces it whole (publish.ts), even with force.
 */
function openRuns(dir: string, exp: Experiment, shard: Shard | undefined, opts: ResultDirOptions, warn: (m: string) => void) {
  // Taking the lock finished any publication a kill interrupted (publish.ts).
  const previous = existsSync(join(dir, 'meta.json')) && !opts.force ? previousRuns(dir, exp, shard) : undefined;
  const store = openStore(dir, exp, shard, opts, warn);
  if (previous && previous.dropped > 0) {
    warn(`${dir}: ${previous.dropped} finished run${previous.dropped === 1 ? ' is' : 's are'} no longer planned (sweep values or replications removed) and left out of the new result`);
  }
  const records = new Map(previous?.records ?? []);
  for (const [i, r] of store.records) records.set(i, r);
  const reused = new Set([...(previous?.records.keys() ?? [])].filter((i) => !store.records.has(i)));
  return { store, records, reused };
}

/** The sink writing `<out>/<name>/` (or the shard's directory under it). */
export function resultDirSink(opts: ResultDirOptions = {}): RunSink<ResultDirOutcome> {
  const warn = opts.onWarning ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)); // as cli/warnings.ts prints them
  return {
    open(exp: Experiment, shard: Shard | undefined): OpenRunSink<ResultDirOutcome> {
      const dir = resultDir(opts.out ?? 'results', exp.spec.name, shard);
      mkdirSync(dir, { recursive: true });
      const unlock = lockResultDir(dir, 'run');
      let runs: ReturnType<typeof openRuns>;
      try {
        runs = openRuns(dir, exp, shard, opts, warn);
      } catch (err) {
        unlock();
        throw err;
      }
      const { store, records, reused } = runs;
      return {
        records,
        reused,
        append: (record) => {
          store.append(record);
          records.set(record.index, record);
        },
        publish: (finished) => publishResult(dir, exp, shard, store, finished),
        close: () => {
          store.close();
          unlock();
        },
      };
    },
  };
}

/** Writes the result files (write-results.ts), then removes the partial results. */
function publishResult(dir: string, exp: Experiment, shard: Shard | undefined, store: PartialStore, f: FinishedRuns): ResultDirOutcome {
  const context = resultContext(exp);
  const written = writeResults(dir, context, f.records, runMeta(exp, shard, f, context));
  store.remove();
  return { dir, summary: written.summary, warnings: written.warnings, context };
}
