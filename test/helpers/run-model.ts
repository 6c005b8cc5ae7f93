// Runs a model the way the experiment runner does (fresh Simulation, streams seeded per
// replication, warm-up, reset, measured horizon, drain), for statistical tests of models.
import { Simulation } from '../../src/engine/index.js';
import { RandomStreams } from '../../src/random/index.js';
import { summarize } from '../../src/stats/index.js';
import { DRAIN_LIMIT_DURATIONS, type Estimator, type Model, type MetricRecord } from '../../src/experiment/model.js';

export interface RunSpec {
  readonly warmup: number;
  readonly duration: number;
  readonly seed?: string;
  /** Drain limit, seconds (default DRAIN_LIMIT_DURATIONS × duration, as in the runner). */
  readonly drain?: number;
  /** The experiment's estimator (default plain). */
  readonly estimator?: Estimator;
}

export function runOnce<P>(model: Model<P>, input: unknown, spec: RunSpec, replication: number): MetricRecord {
  const params = model.params.parse(input);
  const sim = new Simulation();
  const streams = new RandomStreams(`${spec.seed ?? 'test'}/${replication}`);
  const estimator = spec.estimator !== undefined && spec.estimator.kind !== 'plain' ? { estimator: spec.estimator } : {};
  const run = model.build({ sim, streams, duration: spec.duration, warmup: spec.warmup, trace: undefined, ...estimator }, params);
  sim.run({ until: spec.warmup });
  run.resetStats();
  const end = spec.warmup + spec.duration;
  sim.run({ until: end });
  if (run.drain) run.drain(end + (spec.drain ?? DRAIN_LIMIT_DURATIONS * spec.duration));
  return run.metrics();
}

/** Runs `replications` replications and summarises one metric (Student-t 95% CI). */
export function replicate<P>(model: Model<P>, input: unknown, spec: RunSpec, replications: number) {
  const runs: MetricRecord[] = [];
  for (let r = 0; r < replications; r++) runs.push(runOnce(model, input, spec, r));
  return {
    runs,
    ci: (metric: string) => summarize(runs.map((m) => m[metric]!)),
  };
}
