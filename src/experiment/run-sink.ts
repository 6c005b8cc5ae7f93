// Where the runner's records go. The runner knows no files: it opens a sink for an experiment
// (or one shard of it), hands it each run as it finishes, and at the end the complete set in
// run-list order with what produced it. Keeping, resuming and publishing the records is the
// sink's (src/output/result-dir-sink.ts writes a result directory).
import type { RunTask, Shard } from './plan.js';
import type { RunRecord } from './run-record.js';
import type { Experiment } from './spec.js';

export interface RunSink<R extends object> {
  /**
   * Opens the destination of `exp` (of one shard of it when `shard` is given): from here until
   * `close`, no other writer uses it. Throws UsageError when it cannot be used.
   */
  open(exp: Experiment, shard: Shard | undefined): OpenRunSink<R>;
}

export interface OpenRunSink<R extends object> {
  /**
   * Every run kept so far, by run index: those an interrupted invocation of the same experiment
   * (and shard) finished, which the runner takes as done, then each one appended.
   */
  readonly records: ReadonlyMap<number, RunRecord>;
  /**
   * The indexes among `records` taken from a previous complete result of the experiment (a
   * sweep run again after it grew) rather than kept by an interrupted invocation.
   */
  readonly reused: ReadonlySet<number>;
  /** Keeps one finished run, durably before returning: a kill afterwards does not lose it. */
  append(record: RunRecord): void;
  /** Publishes the complete result; returns what the sink reports of it. */
  publish(finished: FinishedRuns): R;
  /** Releases the destination, after `publish` or after a failure (kept runs stay for a resume). */
  close(): void;
}

/** The complete runs of one invocation, as the runner hands them to `publish`. */
export interface FinishedRuns {
  /** The runs of this result (all of them, or the shard's), in run-list order. */
  readonly tasks: readonly RunTask[];
  /** Their records, in the same order. */
  readonly records: readonly RunRecord[];
  /** Runs of the whole experiment (all shards). */
  readonly totalRunCount: number;
  /** Runs taken as done rather than executed, kept by an interrupted invocation or given as prior. */
  readonly resumed: number;
  /** Runs taken as done from the previous complete result. */
  readonly reused: number;
  /** Wall time of the invocation, seconds. */
  readonly wallTimeS: number;
}
