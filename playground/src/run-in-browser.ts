// Runs a resolved experiment in the page: src/experiment/runner.ts with the Web Worker pool
// (browser-pool.ts) and a sink that keeps the records in memory and, at the end, turns them into
// the result files with the CLI's own code (src/output/result-files.ts, run-meta.ts).
import { runExperiment } from '../../src/experiment/runner.js';
import type { RunSink } from '../../src/experiment/run-sink.js';
import type { RunRecord } from '../../src/experiment/run-record.js';
import type { Experiment } from '../../src/experiment/spec.js';
import { resultContext, type ResultContext } from '../../src/output/result-context.js';
import { resultFiles } from '../../src/output/result-files.js';
import { runMeta } from '../../src/output/run-meta.js';
import type { SummaryRow } from '../../src/output/tables.js';

export interface PageResult {
  /** runs.csv, summary.csv, meta.json (and timeseries.csv, trace.jsonl when asked for) → text. */
  readonly files: ReadonlyMap<string, string>;
  readonly summary: readonly SummaryRow[];
  readonly warnings: readonly string[];
  readonly context: ResultContext;
}

/** The sink of one run in the page: records in memory, nothing resumed or reused. */
export function memorySink(): RunSink<PageResult> {
  return {
    open(exp) {
      const records = new Map<number, RunRecord>();
      return {
        records,
        reused: new Set<number>(),
        append: (r) => void records.set(r.index, r),
        publish: (finished) => {
          const context = resultContext(exp);
          const out = resultFiles(context, finished.records, runMeta(exp, undefined, finished, context));
          return { files: out.files, summary: out.summary, warnings: out.warnings, context };
        },
        close: () => undefined,
      };
    },
  };
}

export interface PageRunOptions {
  readonly workers: number;
  readonly signal: AbortSignal;
  readonly onProgress: (done: number, total: number) => void;
}

export function runInBrowser(exp: Experiment, opts: PageRunOptions): Promise<PageResult & { readonly wallTimeS: number }> {
  return runExperiment(exp, memorySink(), { workers: opts.workers, isolate: true, signal: opts.signal, onProgress: (p) => opts.onProgress(p.done, p.total) });
}
