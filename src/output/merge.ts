// `hasim merge`: combines the shard directories of one experiment into exactly the files an
// unsharded run writes. Shards are checked to belong to the same resolved experiment
// (experiment_hash), to be complete and to cover every shard 1..N once. A previous merged result
// is replaced when its runs are the same runs (the shards of a sweep that grew, merged again).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMetricSpec } from '../base/metric-spec.js';
import { UsageError } from '../experiment/spec-error.js';
import { lockResultDir } from './dir-lock.js';
import type { Meta } from './meta.js';
import type { ResultContext } from './result-context.js';
import type { RunRecord } from '../experiment/run-record.js';
import { decodeRecord } from './run-record-json.js';
import type { SummaryRow } from './tables.js';
import { readPublished } from './publish.js';
import { checkSameRuns, readPreviousResult } from './previous-result.js';
import { writeResults } from './write-results.js';

export interface MergeOutcome {
  readonly dir: string;
  readonly total: number;
  readonly shards: number;
  readonly summary: readonly SummaryRow[];
  readonly warnings: readonly string[];
  readonly context: ResultContext;
}

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/** Shard directories named by the arguments: a shard directory itself, or a folder holding them. */
export function findShardDirs(args: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of args) {
    if (!isDir(arg)) throw new UsageError(`${arg}: not a directory`);
    if (existsSync(join(arg, 'meta.json')) && !isDir(join(arg, 'shards'))) {
      found.push(arg);
      continue;
    }
    const parent = isDir(join(arg, 'shards')) ? join(arg, 'shards') : arg;
    const subs = readdirSync(parent)
      .sort()
      .map((d) => join(parent, d))
      .filter((d) => isDir(d) && existsSync(join(d, 'meta.json')));
    if (subs.length === 0) throw new UsageError(`${arg}: no finished shard results here (no meta.json)`);
    found.push(...subs);
  }
  return [...new Set(found)];
}

function readMeta(dir: string): Meta {
  try {
    return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  } catch (err) {
    throw new UsageError(`${dir}/meta.json: unreadable (${(err as Error).message})`);
  }
}

function readRunsJsonl(dir: string): string {
  try {
    return readFileSync(join(dir, 'runs.jsonl'), 'utf8');
  } catch {
    return ''; // not a shard (checked below, with a clearer message)
  }
}


/** Shards of one experiment, checked to be complete and to cover 1..N once, with their runs. */
export interface ShardSet {
  readonly shards: readonly { readonly dir: string; readonly meta: Meta }[];
  /** N. */
  readonly count: number;
  /** The first shard's meta.json (the experiment's fields are the same in all). */
  readonly meta: Meta;
  /** Every run of every shard, in run-list order. */
  readonly records: readonly RunRecord[];
}

export function readShardSet(args: readonly string[]): ShardSet {
  const dirs = findShardDirs(args);
  // meta.json and runs.jsonl of each shard are read as one published result (publish.ts).
  const shards = dirs.map((dir) => readPublished(dir, () => ({ dir, meta: readMeta(dir), runsJsonl: readRunsJsonl(dir) })));
  const first = shards[0];
  if (!first) throw new UsageError('merge: no shard directories given');
  for (const s of shards) {
    if (s.meta.kind !== 'shard' || !s.meta.shard) throw new UsageError(`${s.dir} is not a shard result (it was not written with --shard)`);
    if (s.meta.experiment_hash !== first.meta.experiment_hash) {
      throw new UsageError(`${s.dir} belongs to a different experiment than ${first.dir} (experiment file, seed, replications or hasim version differ)`);
    }
    if (s.meta.shard.count !== first.meta.shard?.count) {
      throw new UsageError(`${s.dir} is shard ${s.meta.shard.index}/${s.meta.shard.count} but ${first.dir} is one of ${first.meta.shard?.count}`);
    }
  }
  const count = first.meta.shard?.count ?? 0;
  const byIndex = new Map<number, (typeof shards)[number]>();
  for (const s of shards) {
    const idx = s.meta.shard?.index ?? 0;
    const other = byIndex.get(idx);
    if (other) throw new UsageError(`shard ${idx}/${count} is given twice: ${other.dir} and ${s.dir}`);
    byIndex.set(idx, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count}; run them (--shard I/${count}) and merge again`);

  const records = new Map<number, RunRecord>();
  for (const s of shards) {
    for (const line of s.runsJsonl.split('\n')) {
      if (line === '') continue;
      const r = decodeRecord(line);
      records.set(r.index, r);
    }
  }
  const meta = first.meta;
  if (records.size !== meta.total_run_count) {
    throw new UsageError(`the shards hold ${records.size} runs but the experiment has ${meta.total_run_count}`);
  }
  return { shards: shards.map(({ dir, meta }) => ({ dir, meta })), count, meta, records: [...records.values()].sort((a, b) => a.index - b.index) };
}

export function mergeShards(set: ShardSet, out: string, force = false): MergeOutcome {
  const { shards, count, meta, records: sorted } = set;
  const context: ResultContext = {
    experiment: meta.experiment_name,
    columns: meta.swept_columns,
    configurations: meta.configurations.map((c) => ({ index: c.index, id: c.config_id, swept: c.swept })),
    headline: meta.headline,
    durationS: typeof meta.experiment['duration'] === 'number' ? meta.experiment['duration'] : NaN,
    baselineId: meta.baseline_config_id ?? meta.configurations[0]?.config_id,
    metricSpec: (m) => meta.metric_specs?.[m] ?? defaultMetricSpec(m),
  };
  const dir = join(out, meta.experiment_name);
  mkdirSync(dir, { recursive: true });
  const unlock = lockResultDir(dir, 'merge');
  try {
    // A previous result of the same runs (the shards of a sweep that grew, merged again) is
    // replaced; one whose runs would differ needs force. Either way it stays in place until the
    // merged one replaces it whole.
    let dropped = 0;
    if (existsSync(join(dir, 'meta.json')) && !force) {
      const previous = readPreviousResult(dir);
      if (previous.meta.kind !== 'result') throw new UsageError(`${dir} holds a shard result, not a merged one; use --force to replace it`);
      checkSameRuns(dir, previous.meta, meta, previous.records);
      const merged = new Set(sorted.map((r) => `${r.configId}/${r.replication}/${r.seed}`));
      dropped = previous.records.filter((r) => !merged.has(`${r.configId}/${r.replication}/${r.seed}`)).length;
    }
    const configIndex = new Map(meta.configurations.map((c) => [c.config_id, c.index]));
    const runs = shards
      .flatMap((s) => s.meta.runs)
      .sort((a, b) => (configIndex.get(a.config_id) ?? 0) - (configIndex.get(b.config_id) ?? 0) || a.replication - b.replication);
    const traced = sorted.find((r) => r.trace !== undefined);
    const { metric_columns: _m, metric_specs: _s, warnings: _w, numeric_columns: _n, ...base } = meta;
    void _m;
    void _s;
    void _w;
    void _n;
    const written = writeResults(dir, context, sorted, {
      ...base,
      config_warnings: meta.config_warnings ?? [],
      replications_per_config: meta.configurations.map((c) => sorted.filter((r) => r.configId === c.config_id).length),
      kind: 'result',
      run_count: sorted.length,
      executed_count: shards.reduce((n, s) => n + s.meta.executed_count, 0),
      resumed_count: shards.reduce((n, s) => n + s.meta.resumed_count, 0),
      reused_count: shards.reduce((n, s) => n + (s.meta.reused_count ?? 0), 0),
      shard: null,
      trace: traced
        ? { config_id: traced.configId, replication: traced.replication, records: traced.trace?.length ?? 0, dropped: traced.traceDropped ?? 0 }
        : null,
      runs,
      wall_time_s: Number(shards.reduce((t, s) => t + s.meta.wall_time_s, 0).toFixed(3)),
      merged_from: shards.map((s) => s.dir),
    });
    const droppedWarning = dropped > 0 ? [`${dir}: ${dropped} run${dropped === 1 ? ' is' : 's are'} of the previous result no longer planned (sweep values or replications removed) and left out of the merged result`] : [];
    return { dir, total: sorted.length, shards: count, summary: written.summary, warnings: [...droppedWarning, ...written.warnings], context };
  } finally {
    unlock();
  }
}
