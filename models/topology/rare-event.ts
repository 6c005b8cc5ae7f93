// The importance-sampling estimator of a topology at state level (estimator: importance-sampling;
// src/components/rare-event, docs/rare-events.md): the parameters translated into the
// estimator's structure, or the reason it does not apply, and the run that reports its estimates
// under the plain run's metric names.
//
// The structure follows theory.ts (itself following build-failures.ts): replica i of a service
// sits in zones[i mod |zones|]; a service's repairCrews overrides the topology's shared pool; the
// system needs requiredServices(p). What the estimator covers: exponential times to failure of
// replicas and between zone outages (so that "all up" is a regeneration point), any repair and
// outage-duration distribution with a finite mean, finite or unlimited FCFS crews, and services
// that are up while k replicas are up: active-active (minReplicas, no health check), quorum,
// and active-passive whose failover takes no time and always works (hot standby, or a warm one
// with zero start-up; zero detection and promotion; coverage 1), which is up while one replica
// is. Anything else is refused with the first feature that rules it out.
import { ConfigError } from '../../src/base/config-error.js';
import type { Estimator, ModelRun } from '../../src/base/model.js';
import type { MetricRecord } from '../../src/base/metric-record.js';
import { SECONDS_PER_YEAR, type Timing } from '../../src/analysis/index.js';
import { estimateRegenerative, type Measure, type RareEventSystem, type UpDownEstimate } from '../../src/components/rare-event/index.js';
import { distMean, makeSampler, type DistSpec } from '../../src/random/index.js';
import type { RandomStreams } from '../../src/random/streams.js';
import type { TopologyParams } from './schema.js';
import { availabilitySystem } from './theory.js';
import { isRequestLevel } from './headline.js';
import { DerivedMetrics } from './derived-metrics.js';

export type IsEstimator = Extract<Estimator, { kind: 'importance-sampling' }>;

const notExponential = (t: Timing): string =>
  `${t.path} is ${t.kind === 'zero' ? 'zero' : t.family}; the regenerative estimator needs exponential times to failure (with any other, "all up" is not a regeneration point)`;

/** Why importance sampling cannot estimate this configuration, or undefined. */
export function rareEventRefusal(p: TopologyParams): string | undefined {
  const scaled = Object.keys(p.services).find((n) => p.services[n]!.autoscaling !== undefined);
  if (scaled !== undefined) return `services.${scaled}.autoscaling varies the replica count with the load; the estimator's state-level model has a fixed replica count`;
  if (isRequestLevel(p)) return 'it estimates state-level availability, and this configuration runs at request level (set fidelity: state)';
  const sys = availabilitySystem(p);
  if (sys.obstacles.length > 0) return sys.obstacles[0]!;
  for (const s of sys.services) {
    if (s.failure !== undefined) {
      if (s.failure.ttf.kind !== 'exponential') return notExponential(s.failure.ttf);
      if (s.failure.crashFraction < 1) return `${s.failure.modesPath} has slow or erroring failures (they hold a repair crew without taking the replica down)`;
    }
    if (s.mode.kind === 'active-passive') {
      const m = s.mode;
      if (m.standby === 'cold') return `${s.path}.failover.standby is cold (an idle standby's failure clock stops, so "all up" does not fix the next failure's rate)`;
      for (const t of [m.detection, m.promotion, ...(m.standby === 'warm' ? [m.startup] : [])]) {
        if (t.kind !== 'zero') return `${t.path} delays the failover (the estimator covers failovers that take no time)`;
      }
      if (m.coverage < 1) return `${s.path}.failover.coverage is below 1 (the estimator covers failovers that always work)`;
    }
  }
  for (const z of sys.zones) if (z.ttf.kind !== 'exponential') return notExponential(z.ttf);
  return undefined;
}

/** The estimator's structure of a configuration it accepts (rareEventRefusal undefined), drawing from `streams`. */
export function rareEventSystem(p: TopologyParams, streams: RandomStreams): RareEventSystem {
  const sys = availabilitySystem(p);
  const zoneNames = sys.zones.map((z) => z.name);
  const sampler = (spec: unknown, stream: string): (() => number) => makeSampler(spec as DistSpec, streams.stream(stream));
  return {
    services: sys.services.map((s) => {
      const spec = p.services[s.name]!;
      const k = s.mode.kind === 'k-of-n' ? s.mode.k : 1;
      const failure = spec.failure;
      return {
        name: s.name,
        replicas: s.replicas,
        k,
        zoneOf: s.zoneOf,
        pool: s.pool,
        ...(failure !== undefined
          ? {
              failure: {
                rate: 1 / distMean(failure.ttf as DistSpec),
                meanRepair: distMean(failure.ttr as DistSpec),
                repair: (i: number, measure: Measure) => sampler(failure.ttr, `is-${measure}:${s.name}[${i}].ttr`),
              },
            }
          : {}),
      };
    }),
    zones: sys.zones.map((z, i) => {
      const outage = p.zones[zoneNames[i]!]!.outage!;
      return {
        name: z.name,
        rate: 1 / z.ttf.mean,
        meanDuration: z.ttr.mean,
        duration: (measure: Measure) => sampler(outage.ttr, `is-${measure}:zone:${z.name}.ttr`),
      };
    }),
    pools: sys.pools.map((pool) => pool.crews),
    required: sys.required.map((name) => sys.services.findIndex((s) => s.name === name)),
  };
}

function put(out: MetricRecord, prefix: string, e: UpDownEstimate): void {
  const u = e.unavailability;
  out[`${prefix}availability_pct`] = 100 * (1 - u);
  out[`${prefix}downtime_per_year_s`] = u * SECONDS_PER_YEAR;
  out[`${prefix}unavailability_ppb`] = u * 1e9;
  out[`${prefix}outages_per_year`] = e.failureFrequency * SECONDS_PER_YEAR;
  out[`${prefix}mtbf_s`] = e.failureFrequency > 0 ? (1 - u) / e.failureFrequency : Infinity;
  // Outages seen in the biased cycles: what the summary's rare-event rule counts as observed.
  out[`${prefix}outages_count`] = e.observedOutages;
}

/**
 * A state-level run estimated by importance sampling: `cycles` biased and as many plain
 * excursions, simulated when the metrics are asked for (the engine's clock stays at rest, so
 * the run's duration costs nothing). Its estimates take the plain run's names; outages_count is
 * the number of system outages seen in the biased cycles; is_cycles_count the cycles.
 */
export class ImportanceSamplingRun implements ModelRun {
  private readonly system: RareEventSystem;
  private readonly derived: DerivedMetrics;

  constructor(
    private readonly streams: RandomStreams,
    private readonly p: TopologyParams,
    private readonly estimator: IsEstimator,
    /** Exact values (theory.ts), the same in every run of the configuration. */
    private readonly theory: MetricRecord,
  ) {
    const refusal = rareEventRefusal(p);
    if (refusal !== undefined) throw new ConfigError(refusal);
    this.system = rareEventSystem(p, streams);
    this.derived = new DerivedMetrics(p);
  }

  resetStats(): void {
    // The estimate is of the steady state: no warm-up to discard.
  }

  metrics(): MetricRecord {
    const est = estimateRegenerative(this.system, {
      cycles: this.estimator.cycles,
      failureBias: this.estimator.failureBias,
      biasedRng: this.streams.stream('is-biased:failures'),
      plainRng: this.streams.stream('is-plain:failures'),
    });
    const out: MetricRecord = {};
    put(out, '', est.system);
    Object.keys(this.p.services).forEach((name, i) => put(out, `${name}_`, est.services[i]!));
    out['is_cycles_count'] = est.cycles;
    this.derived.add(out);
    Object.assign(out, this.theory);
    return out;
  }
}
