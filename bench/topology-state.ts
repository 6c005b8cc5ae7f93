// State-level throughput: simulated replica-years per second. A year of a 20-replica
// topology through the `topology` model at state level (only up/down processes): 4 services ×
// 5 replicas in three zones, every replica failing about monthly (exponential ttf, mean 30 d)
// and repaired in about an hour (lognormal ttr, mean 1 h, cv 1); lb and app active-active, db
// and cache active-passive with heartbeat failure detection (db: 1 s × 3 missed, promotion
// 5-30 s, coverage 0.95; cache: warm standby, 2 s × 2 missed, 20 s start-up).
// A run is what the experiment runner does per replication: parse the params, a fresh
// Simulation and streams, build, run a year, metrics(). The figure is the median run time over
// many runs after a warm-up (ms per simulated year); replica-years/s = 20 / that.
import { Simulation } from '../src/engine/simulation.js';
import { RandomStreams } from '../src/random/streams.js';
import { topologyModel } from '../models/topology/model.js';
import { median, peakRssMb, stopwatch, type CaseResult, type ClockKind } from './measure.js';

const YEAR = 365 * 86_400;

/** Replicas in the topology (replica-years per simulated year). */
export const TOPOLOGY_STATE_REPLICAS = 20;

const failure = { ttf: { dist: 'exponential', mean: '30d' }, ttr: { dist: 'lognormal', mean: '1h', cv: 1 } } as const;
const zones = ['a', 'b', 'c'] as const;

/** The topology as an experiment file's params would give it. */
export const TOPOLOGY_STATE_INPUT = {
  fidelity: 'state',
  zones: { a: {}, b: {}, c: {} },
  services: {
    lb: { replicas: 5, zones, mode: 'active-active', minReplicas: 2, failure, calls: ['app'] },
    app: { replicas: 5, zones, mode: 'active-active', minReplicas: 3, failure, calls: ['db', 'cache'] },
    db: {
      replicas: 5,
      zones,
      mode: 'active-passive',
      failure,
      failover: { heartbeat: { interval: '1s', missed: 3 }, promotion: { dist: 'uniform', min: 5, max: 30 }, coverage: 0.95, manualRecovery: '1h' },
    },
    cache: {
      replicas: 5,
      zones,
      mode: 'active-passive',
      failure,
      failover: { heartbeat: { interval: '2s', missed: 2 }, standby: 'warm', startup: '20s' },
    },
  },
} as const;

export interface TopologyStateOptions {
  /** Measured runs, each a simulated year. */
  readonly years: number;
  /** Unmeasured runs first (JIT warm-up). */
  readonly warmupYears: number;
  readonly seed: number;
  readonly clock: ClockKind;
}

interface RunStats {
  readonly seconds: number;
  readonly buildSeconds: number;
  readonly events: number;
  readonly failures: number;
  readonly availabilityPct: number;
}

function runOnce(seed: number, clock: ClockKind): RunStats {
  const elapsed = stopwatch(clock);
  const params = topologyModel.params.parse(TOPOLOGY_STATE_INPUT);
  const sim = new Simulation();
  const streams = new RandomStreams(seed);
  const run = topologyModel.build({ sim, streams, duration: YEAR, warmup: 0, trace: undefined }, params);
  const buildSeconds = elapsed();
  sim.run({ until: YEAR });
  const m = run.metrics();
  const seconds = elapsed();
  let failures = 0;
  for (const [k, v] of Object.entries(m)) if (k.endsWith('replica_failures_count')) failures += v;
  return { seconds, buildSeconds, events: sim.eventCount, failures, availabilityPct: m['availability_pct'] ?? NaN };
}

/** Milliseconds per simulated year of the 20-replica topology, and replica-years per second. */
export function topologyState(o: TopologyStateOptions): CaseResult {
  for (let w = 0; w < o.warmupYears; w++) runOnce(o.seed + 1_000_000 + w, o.clock);
  const times: number[] = [];
  const builds: number[] = [];
  const rates: number[] = [];
  let events = 0;
  let failures = 0;
  let availability = 0;
  for (let r = 0; r < o.years; r++) {
    const s = runOnce(o.seed + r, o.clock);
    times.push(s.seconds);
    builds.push(s.buildSeconds);
    rates.push(s.events / s.seconds);
    events += s.events;
    failures += s.failures;
    availability += s.availabilityPct;
  }
  const msPerYear = 1000 * median(times);
  return {
    benchmark: 'topology-state',
    events_per_s: median(rates),
    ms_per_year: msPerYear,
    ms_per_year_mean: (1000 * times.reduce((a, b) => a + b, 0)) / o.years,
    build_ms: 1000 * median(builds),
    replica_years_per_s: (TOPOLOGY_STATE_REPLICAS * 1000) / msPerYear,
    events_per_year: events / o.years,
    failures_per_year: failures / o.years,
    availability_pct: availability / o.years,
    peak_mb: peakRssMb(),
    runs: rates,
  };
}
