// Rare-event estimation: importance sampling (estimator: importance-sampling) against plain
// simulation of the same target, the steady-state unavailability of a state-level topology,
// both through the `topology` model as the runner builds it.
//
// - Speed-up at ~1e-6: a 1-of-3 group (replicas failing every 10 days, repaired in 2.4 hours by
//   a crew each), unavailability 9.7e-7. Plain runs simulate `plainYears` years each, IS runs
//   `cycles` regenerative cycles each; each side's figure is the variance of one run's estimate
//   times the CPU time of one run (the work-normalised variance: the variance the method would
//   reach in one second of CPU), and the speed-up is plain's over IS's. Also the CPU time each
//   needs for a 95% relative half-width of 10%: (1.96 / 0.1)² × variance / U² runs.
// - Reach at ~1e-10: a 1-of-4 group (every 60 days, 4-hour repairs, a crew each), unavailability
//   5.9e-11: the CPU time importance sampling needs for 10% (target: under a minute on one core).
import { Simulation } from '../src/engine/simulation.js';
import { RandomStreams } from '../src/random/streams.js';
import { topologyModel } from '../models/topology/model.js';
import { topologyParams } from '../models/topology/schema.js';
import { topologyTheory } from '../models/topology/theory.js';
import { peakRssMb, stopwatch, type CaseResult, type ClockKind } from './measure.js';

const YEAR = 365 * 86_400;
/** Runs for a 95% relative half-width of 10% per unit of relative variance: (1.96 / 0.1)². */
const RUNS_PER_REL_VARIANCE = (1.96 / 0.1) ** 2;

const group = (replicas: number, ttf: string, ttr: string) => ({
  fidelity: 'state',
  services: { db: { replicas, mode: 'quorum', quorum: 1, failure: { ttf: { dist: 'exponential', mean: ttf }, ttr: { dist: 'exponential', mean: ttr } } } },
});

/** The speed-up design (~1e-6) and the reach design (~1e-10). */
export const RARE_EVENT_DESIGN = group(3, '10d', '2.4h');
export const RARE_EVENT_DEEP_DESIGN = group(4, '60d', '4h');

export interface RareEventOptions {
  /** Importance-sampling runs per design, and cycles per run. */
  readonly runs: number;
  readonly cycles: number;
  /** Plain runs and the years each simulates. */
  readonly plainRuns: number;
  readonly plainYears: number;
  readonly seed: number;
  readonly clock: ClockKind;
}

interface Sample {
  readonly mean: number;
  readonly variance: number;
  /** CPU (or wall) seconds per run. */
  readonly seconds: number;
}

function sample(values: readonly number[], seconds: number): Sample {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : NaN;
  return { mean, variance, seconds: seconds / n };
}

function unavailability(input: unknown, seed: string, estimator: { cycles: number } | undefined, years: number): number {
  const params = topologyModel.params.parse(input);
  const sim = new Simulation();
  const run = topologyModel.build(
    {
      sim,
      streams: new RandomStreams(seed),
      duration: years * YEAR,
      warmup: 0,
      trace: undefined,
      ...(estimator !== undefined ? { estimator: { kind: 'importance-sampling' as const, cycles: estimator.cycles, failureBias: 0.3 } } : {}),
    },
    params,
  );
  sim.run({ until: years * YEAR });
  return run.metrics()['downtime_per_year_s']! / YEAR;
}

function measure(input: unknown, runs: number, tag: string, estimator: { cycles: number } | undefined, years: number, seed: number, clock: ClockKind): Sample {
  // One unmeasured run first (JIT warm-up).
  unavailability(input, `${tag}/warm/${seed}`, estimator, estimator === undefined ? Math.min(years, 10) : years);
  const elapsed = stopwatch(clock);
  const values: number[] = [];
  for (let r = 0; r < runs; r++) values.push(unavailability(input, `${tag}/${seed}/${r}`, estimator, years));
  return sample(values, elapsed());
}

const exact = (input: unknown): number => {
  const t = topologyTheory(topologyParams.parse(input));
  return t !== undefined && 'values' in t ? t.values['theory_downtime_per_year_s']! / YEAR : NaN;
};

/** Seconds of CPU for a 10% relative half-width: runs needed × seconds per run. */
const secondsTo10pct = (s: Sample, u: number): number => ((RUNS_PER_REL_VARIANCE * s.variance) / (u * u)) * s.seconds;

export function rareEvent(o: RareEventOptions): CaseResult {
  const u = exact(RARE_EVENT_DESIGN);
  const is = measure(RARE_EVENT_DESIGN, o.runs, 'is', { cycles: o.cycles }, 1, o.seed, o.clock);
  const plain = measure(RARE_EVENT_DESIGN, o.plainRuns, 'plain', undefined, o.plainYears, o.seed, o.clock);
  const uDeep = exact(RARE_EVENT_DEEP_DESIGN);
  const deep = measure(RARE_EVENT_DEEP_DESIGN, o.runs, 'is-deep', { cycles: o.cycles }, 1, o.seed, o.clock);
  return {
    benchmark: 'rare-event',
    events_per_s: o.cycles / is.seconds,
    unavailability: u,
    is_mean: is.mean,
    plain_mean: plain.mean,
    speedup: (plain.variance * plain.seconds) / (is.variance * is.seconds),
    is_seconds_to_10pct: secondsTo10pct(is, u),
    plain_seconds_to_10pct: secondsTo10pct(plain, u),
    deep_unavailability: uDeep,
    deep_is_mean: deep.mean,
    deep_is_seconds_to_10pct: secondsTo10pct(deep, uDeep),
    peak_mb: peakRssMb(),
    runs: [is.seconds, plain.seconds, deep.seconds],
  };
}
