// Request-level throughput: simulated requests per second through a two-tier
// active-active topology: Poisson users at 1000/s → web (3 replicas, p2c, 8 slots each,
// exponential local work of mean 4.5 ms) → db (2 replicas, p2c, 8 slots each, exponential
// 11.2 ms). db: ρ = λ·s_db/16 = 0.7; web slots are held during the db call (thread-per-request),
// so web slot occupancy is λ·(s_web + W_db)/24 ≈ 1000·(4.5 + 12.2 ms)/24 ≈ 0.7 as well.
// No failures. Per request: 3 events (arrival, web local end, db local end).
//   - topology-request: the `topology` model built as the experiment runner builds it (params
//     parsed by its schema, topologyModel.build, sim.run), so the figure is what users get;
//     requests = metrics().offered_count. Only sim.run is timed.
//   - topology-request-raw: the same topology wired by hand from the components (Service,
//     CallEdge, P2cBalancer, OpenWorkload) over a fixed replica group with no failure machinery
//     and no model metrics: the request path alone, the limit of the model figure.
import { Simulation } from '../src/engine/simulation.js';
import { RandomStreams } from '../src/random/streams.js';
import { makeSampler } from '../src/random/distributions/sampler.js';
import { Replica } from '../src/components/replica.js';
import type { ReplicaGroup } from '../src/components/replica-group.js';
import { P2cBalancer } from '../src/components/balancer/p2c.js';
import { Service } from '../src/components/service/service.js';
import { CallEdge } from '../src/components/service/call-edge.js';
import { OpenWorkload } from '../src/components/workload/open-workload.js';
import { topologyModel } from '../models/topology/model.js';
import { median, peakRssMb, stopwatch, type CaseResult, type ClockKind } from './measure.js';

/** Arrival rate, per second. */
export const TOPOLOGY_REQUEST_RATE = 1000;
const WEB = { replicas: 3, capacity: 8, meanServiceTime: 0.0045 } as const;
const DB = { replicas: 2, capacity: 8, meanServiceTime: 0.0112 } as const;

/** The topology as an experiment file's params would give it. */
export const TOPOLOGY_REQUEST_INPUT = {
  workload: { rate: `${TOPOLOGY_REQUEST_RATE}/s` },
  services: {
    web: {
      replicas: WEB.replicas,
      balancer: 'p2c',
      capacity: WEB.capacity,
      serviceTime: { dist: 'exponential', mean: WEB.meanServiceTime },
      calls: ['db'],
    },
    db: {
      replicas: DB.replicas,
      balancer: 'p2c',
      capacity: DB.capacity,
      serviceTime: { dist: 'exponential', mean: DB.meanServiceTime },
    },
  },
} as const;

export interface TopologyRequestOptions {
  /** Simulated requests per measured run (about: the horizon is requests / rate). */
  readonly requests: number;
  readonly runs: number;
  readonly seed: number;
  readonly clock: ClockKind;
}

/** Unmeasured runs first, until the JIT has optimised the request path. */
const WARMUP_RUNS = 2;

interface RunStats {
  readonly requests: number;
  readonly events: number;
  readonly seconds: number;
  readonly meanLatencyMs: number;
}

function modelRunOnce(requests: number, seed: number, clock: ClockKind): RunStats {
  const sim = new Simulation();
  const streams = new RandomStreams(seed);
  const duration = requests / TOPOLOGY_REQUEST_RATE;
  const params = topologyModel.params.parse(TOPOLOGY_REQUEST_INPUT);
  const run = topologyModel.build({ sim, streams, duration, warmup: 0, trace: undefined }, params);
  const elapsed = stopwatch(clock);
  sim.run({ until: duration });
  const seconds = elapsed();
  const m = run.metrics();
  const offered = m['offered_count'];
  if (offered === undefined || !(offered > 0)) throw new Error(`topology-request: offered_count is ${String(offered)}`);
  return { requests: offered, events: sim.eventCount, seconds, meanLatencyMs: m['latency_mean_ms'] ?? NaN };
}

/** All replicas always routable (no failure machinery). */
class FixedGroup implements ReplicaGroup {
  readonly replicas: readonly Replica[];
  readonly available = true;
  constructor(
    sim: Simulation,
    readonly name: string,
    n: number,
  ) {
    this.replicas = Array.from({ length: n }, (_, i) => new Replica(sim, name, i));
  }
  routable(): readonly Replica[] {
    return this.replicas;
  }
  onChange(): void {}
}

function rawRunOnce(requests: number, seed: number, clock: ClockKind): RunStats {
  const sim = new Simulation();
  const streams = new RandomStreams(seed);
  const db = new Service(sim, {
    name: 'db',
    group: new FixedGroup(sim, 'db', DB.replicas),
    balancer: new P2cBalancer(streams.stream('db.balancer')),
    capacity: DB.capacity,
    serviceTime: makeSampler({ dist: 'exponential', mean: DB.meanServiceTime }, streams.stream('db.service')),
    errorRng: streams.stream('db.errors'),
  });
  const web = new Service(sim, {
    name: 'web',
    group: new FixedGroup(sim, 'web', WEB.replicas),
    balancer: new P2cBalancer(streams.stream('web.balancer')),
    capacity: WEB.capacity,
    serviceTime: makeSampler({ dist: 'exponential', mean: WEB.meanServiceTime }, streams.stream('web.service')),
    errorRng: streams.stream('web.errors'),
    calls: [{ name: 'db', target: new CallEdge(sim, db) }],
  });
  const workload = new OpenWorkload(sim, {
    name: 'workload',
    target: new CallEdge(sim, web),
    rate: TOPOLOGY_REQUEST_RATE,
    arrivalRng: streams.stream('workload.arrivals'),
  });
  const elapsed = stopwatch(clock);
  sim.run({ until: requests / TOPOLOGY_REQUEST_RATE });
  const seconds = elapsed();
  const rec = workload.stats.total().record(sim.now);
  return { requests: rec['offered_count'] ?? NaN, events: sim.eventCount, seconds, meanLatencyMs: rec['latency_mean_ms'] ?? NaN };
}

function measure(benchmark: string, runOnce: typeof modelRunOnce, o: TopologyRequestOptions): CaseResult {
  for (let w = 0; w < WARMUP_RUNS; w++) runOnce(o.requests, o.seed + 1000 + w, o.clock);
  const rates: number[] = [];
  const reqRates: number[] = [];
  let last: RunStats | null = null;
  for (let r = 0; r < o.runs; r++) {
    last = runOnce(o.requests, o.seed + r, o.clock);
    rates.push(last.events / last.seconds);
    reqRates.push(last.requests / last.seconds);
  }
  return {
    benchmark,
    events_per_s: median(rates),
    requests_per_s: median(reqRates),
    peak_mb: peakRssMb(),
    events_per_request: last === null ? NaN : last.events / last.requests,
    mean_latency_ms: last === null ? NaN : last.meanLatencyMs,
    runs: rates,
  };
}

/** Simulated requests per second through the real `topology` model. */
export function topologyRequest(o: TopologyRequestOptions): CaseResult {
  return measure('topology-request', modelRunOnce, o);
}

/** The same topology wired by hand (request path only). */
export function topologyRequestRaw(o: TopologyRequestOptions): CaseResult {
  return measure('topology-request-raw', rawRunOnce, o);
}
