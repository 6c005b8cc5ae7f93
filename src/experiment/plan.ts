// The run list: every configuration × replication, in grid order then replication; shards
// are deterministic slices of it. A run's shard depends only on its configuration's id and its
// replication (shardOf), never on its position in the list: a sweep that grows (more values,
// more replications) leaves every planned run in its shard, so a shard folder reuses its
// finished runs. Replication r of a configuration goes to shard (offset + r − 1) mod N, the
// offset read from the configuration's id, so each configuration's replications are dealt
// round the shards and an expensive configuration is spread over all of them.
import type { Experiment } from './spec.js';
import { runSeed, streamSeed } from './seeds.js';
import { UsageError } from './spec-error.js';

export interface RunTask {
  /** Position in the full run list: configIndex × stride + (replication − 1) (see replicationStride). */
  readonly index: number;
  readonly configIndex: number;
  readonly configId: string;
  /** 1-based. */
  readonly replication: number;
  /** The run's identity seed (runs.csv `seed`). */
  readonly seed: string;
  /** Seed of the run's RandomStreams. */
  readonly streamSeed: string;
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/**
 * Replications a configuration may reach: the index stride of the run list. With `precision:`
 * it is maxReplications, so that runs added later keep the indexes (and seeds) they would have
 * had in one go.
 */
export function replicationStride(exp: Experiment): number {
  return exp.spec.precision?.maxReplications ?? exp.spec.replications;
}

/** The run list; `counts[i]` replications of configuration i (default: the experiment's replications for all). */
export function planRuns(exp: Experiment, counts?: readonly number[]): RunTask[] {
  const tasks: RunTask[] = [];
  const { seed, crn } = exp.spec;
  const stride = replicationStride(exp);
  for (const cfg of exp.configurations) {
    const replications = counts?.[cfg.index] ?? exp.spec.replications;
    for (let replication = 1; replication <= replications; replication++) {
      const s = runSeed(seed, cfg.swept, replication);
      tasks.push({
        index: cfg.index * stride + replication - 1,
        configIndex: cfg.index,
        configId: cfg.id,
        replication,
        seed: s,
        streamSeed: streamSeed(seed, replication, crn, s),
      });
    }
  }
  return tasks;
}

/** The configuration's offset in the round of shards: its id's hex digits as a number (ids are "c" + 10 hex). */
function shardOffset(configId: string): number {
  const n = Number.parseInt(configId.slice(1), 16);
  return Number.isFinite(n) ? n : 0;
}

/** The shard (1-based) of a run among `count`: stable when runs are added to the plan. */
export function shardOf(task: Pick<RunTask, 'configId' | 'replication'>, count: number): number {
  return ((shardOffset(task.configId) + task.replication - 1) % count) + 1;
}

export function selectShard(tasks: readonly RunTask[], shard: Shard | undefined): RunTask[] {
  return shard ? tasks.filter((t) => shardOf(t, shard.count) === shard.index) : [...tasks];
}

/** Parses "I/N" with 1 ≤ I ≤ N. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 3/8), got "${text}"`);
  }
  return { index, count };
}
