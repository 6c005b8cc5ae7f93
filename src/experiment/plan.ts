// The run list: every configuration × replication, in grid order then replication; shards
// are deterministic slices of it (run k belongs to shard (k mod N) + 1, which spreads
// expensive configurations over all shards).
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

export function shardOf(task: RunTask, count: number): number {
  return (task.index % count) + 1;
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
