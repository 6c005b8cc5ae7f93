// Request-level throughput: simulated requests per second (wall clock) through a two-tier
// active-active topology: Poisson workload → web (3 replicas, p2c, 16 slots each, exponential
// local work of mean 20 ms) → db (2 replicas, p2c, 10 slots each, exponential 14 ms). db load
// ρ = λ·s/(2·10) = 0.7 at λ = 1000/s; web slots are held during the db call (thread-per-request),
// so web slot occupancy is ≈ λ·(20 ms + W_db)/48 ≈ 0.7 as well. No failures: the group keeps
// every replica routable. Run: npx tsc -p . && node dist/bench/topology-request.js
// Per request: 3 events (arrival, web local end, db local end), 5 uniform draws (3 exponential
// samples, one per p2c pick), 3 latency recordings (workload class, web, db).
// Measured (Node 20, 2 shared vCPUs under load from other jobs, CPU-time clock): ≈ 1.5 M simulated
// requests per CPU second, ≈ 21% of bench/mm1-callback (≈ 7.3 M customers per CPU second, a queue
// of 2 pending events); a hand-written two-tier loop with no statistics, pools or policies hook
// reaches ≈ 1.85 M (≈ 25%) on the same machine.
import { pathToFileURL } from 'node:url';
import { Simulation } from '../src/engine/simulation.js';
import { Priority } from '../src/engine/priorities.js';
import { RandomStreams } from '../src/random/streams.js';
import { makeSampler } from '../src/random/dist/sampler.js';
import { Replica } from '../src/components/replica.js';
import type { ReplicaGroup } from '../src/components/replica-group.js';
import { P2cBalancer } from '../src/components/balancer/p2c.js';
import { Service } from '../src/components/service/service.js';
import { CallEdge } from '../src/components/service/call-edge.js';
import { OpenWorkload } from '../src/components/workload/open-workload.js';

/** All replicas always routable (no failure machinery: this measures the request path only). */
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

export interface TopologyRequestBenchOptions {
  /** Simulated requests to push through (default 2 000 000). */
  readonly requests?: number;
  /** Arrival rate per second (default 1000). */
  readonly rate?: number;
  readonly seed?: number;
}

export interface TopologyRequestBenchResult {
  readonly requests: number;
  readonly wallSeconds: number;
  /** Simulated requests per wall-clock second. */
  readonly requestsPerSecond: number;
  /** CPU time of this process during the run (less sensitive than wall time to a loaded machine). */
  readonly cpuSeconds: number;
  readonly requestsPerCpuSecond: number;
  readonly events: number;
  readonly webUtilisation: number;
  readonly dbUtilisation: number;
  readonly meanLatencyMs: number;
  readonly p99LatencyMs: number;
}

/** Builds the topology, runs it, and returns simulated requests per wall-clock second. */
export function benchTopologyRequest(options: TopologyRequestBenchOptions = {}): TopologyRequestBenchResult {
  const requests = options.requests ?? 2_000_000;
  const rate = options.rate ?? 1000;
  const sim = new Simulation({ initialCapacity: 4096 });
  const streams = new RandomStreams(options.seed ?? 1);
  const db = new Service(sim, {
    name: 'db',
    group: new FixedGroup(sim, 'db', 2),
    balancer: new P2cBalancer(streams.stream('db.balancer')),
    capacity: 10,
    serviceTime: makeSampler({ dist: 'exponential', mean: 0.014 }, streams.stream('db.service')),
    errorRng: streams.stream('db.errors'),
  });
  const web = new Service(sim, {
    name: 'web',
    group: new FixedGroup(sim, 'web', 3),
    balancer: new P2cBalancer(streams.stream('web.balancer')),
    capacity: 16,
    serviceTime: makeSampler({ dist: 'exponential', mean: 0.02 }, streams.stream('web.service')),
    errorRng: streams.stream('web.errors'),
    calls: [{ name: 'db', target: new CallEdge(sim, db) }],
  });
  const workload = new OpenWorkload(sim, {
    name: 'users',
    target: new CallEdge(sim, web),
    rate,
    arrivalRng: streams.stream('users.arrivals'),
  });
  const horizon = requests / rate;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  sim.run({ until: horizon });
  const cpu = process.cpuUsage(c0);
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const total = workload.stats.total();
  const done = total.completed;
  return {
    requests: done,
    wallSeconds,
    requestsPerSecond: done / wallSeconds,
    cpuSeconds,
    requestsPerCpuSecond: done / cpuSeconds,
    events: sim.eventCount,
    webUtilisation: web.utilisation(),
    dbUtilisation: db.utilisation(),
    meanLatencyMs: 1000 * total.latency.mean,
    p99LatencyMs: 1000 * total.latency.percentile(99),
  };
}

/**
 * Reference for the ratio target: the kernel's callback M/M/1 (ρ = 0.7), customers per wall-clock
 * second, measured in the same process so that machine load affects both figures alike.
 */
export function benchMm1Callback(customers = 2_000_000): { perSecond: number; perCpuSecond: number } {
  const sim = new Simulation({ initialCapacity: 4096 });
  const streams = new RandomStreams(1);
  const interarrival = makeSampler({ dist: 'exponential', rate: 0.7 }, streams.stream('a'));
  const service = makeSampler({ dist: 'exponential', rate: 1 }, streams.stream('s'));
  let queued = 0;
  let busy = false;
  let done = 0;
  const departure = (): void => {
    done++;
    if (queued > 0) {
      queued--;
      sim.schedule(service(), departure, undefined, Priority.RELEASE);
    } else busy = false;
  };
  const arrival = (): void => {
    if (!busy) {
      busy = true;
      sim.schedule(service(), departure, undefined, Priority.RELEASE);
    } else queued++;
    sim.schedule(interarrival(), arrival, undefined, Priority.ARRIVAL);
  };
  sim.schedule(interarrival(), arrival, undefined, Priority.ARRIVAL);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  sim.run({ until: customers / 0.7 });
  const cpu = process.cpuUsage(c0);
  return { perSecond: done / (Number(process.hrtime.bigint() - t0) / 1e9), perCpuSecond: done / ((cpu.user + cpu.system) / 1e6) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchTopologyRequest({ requests: 200_000 }); // warm-up
  benchMm1Callback(200_000);
  for (let i = 0; i < 3; i++) {
    const mm1 = benchMm1Callback();
    const r = benchTopologyRequest();
    console.log(
      `topology-request: ${(r.requestsPerSecond / 1e6).toFixed(2)} M simulated requests/s ` +
        `(${r.requests} requests in ${r.wallSeconds.toFixed(2)} s, ${(r.events / r.requests).toFixed(2)} events/request, ` +
        `web util ${(100 * r.webUtilisation).toFixed(1)}%, db util ${(100 * r.dbUtilisation).toFixed(1)}%, ` +
        `mean ${r.meanLatencyMs.toFixed(1)} ms, p99 ${r.p99LatencyMs.toFixed(1)} ms); ` +
        `kernel callback M/M/1 ${(mm1.perSecond / 1e6).toFixed(2)} M customers/s → ratio ${((100 * r.requestsPerSecond) / mm1.perSecond).toFixed(1)}% ` +
        `(per CPU second: ${(r.requestsPerCpuSecond / 1e6).toFixed(2)} M vs ${(mm1.perCpuSecond / 1e6).toFixed(2)} M, ${((100 * r.requestsPerCpuSecond) / mm1.perCpuSecond).toFixed(1)}%)`,
    );
  }
}
