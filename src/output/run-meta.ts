// meta.json's fields for the runs of a resolved experiment (all of them, or one shard's), as the
// runner hands them to a sink: the result directory's sink and the web playground write the same.
import type { Shard } from '../experiment/plan.js';
import type { FinishedRuns } from '../experiment/run-sink.js';
import type { Experiment } from '../experiment/spec.js';
import type { MetaConfiguration } from './meta.js';
import type { ResultContext } from './result-context.js';
import type { MetaInput } from './result-files.js';

export function runMeta(exp: Experiment, shard: Shard | undefined, f: FinishedRuns, context: ResultContext): MetaInput {
  const { tasks, records } = f;
  const tracedRecord = records.find((r) => r.trace !== undefined);
  return {
    kind: shard ? 'shard' : 'result',
    hasim_version: exp.version,
    experiment_name: exp.spec.name,
    experiment: { ...exp.spec },
    experiment_hash: exp.hash,
    source_file: exp.file,
    model: exp.model.name,
    seed: exp.spec.seed,
    crn: exp.spec.crn,
    replications: exp.spec.replications,
    swept_columns: exp.columns,
    headline: exp.headline,
    baseline_config_id: context.baselineId ?? null,
    replications_per_config: exp.configurations.map((c) => tasks.filter((t) => t.configIndex === c.index).length),
    config_warnings: exp.warnings,
    configurations: exp.configurations.map((c): MetaConfiguration => {
      const theory = exp.model.theory?.(c.resolved);
      const reason = theory !== undefined && 'reason' in theory ? { theory_unavailable_reason: theory.reason } : {};
      return { config_id: c.id, index: c.index, swept: c.swept, params: c.resolved, ...reason };
    }),
    run_count: tasks.length,
    total_run_count: f.totalRunCount,
    executed_count: tasks.length - f.resumed - f.reused,
    resumed_count: f.resumed,
    reused_count: f.reused,
    shard: shard ? { index: shard.index, count: shard.count } : null,
    outputs: { timeseries: exp.spec.outputs.timeseries !== undefined, trace: exp.spec.outputs.trace !== undefined },
    trace: tracedRecord
      ? { config_id: tracedRecord.configId, replication: tracedRecord.replication, records: tracedRecord.trace?.length ?? 0, dropped: tracedRecord.traceDropped ?? 0 }
      : null,
    runs: tasks.map((t) => ({ config_id: t.configId, replication: t.replication, seed: t.seed, stream_seed: t.streamSeed })),
    wall_time_s: Number(f.wallTimeS.toFixed(3)),
  };
}
