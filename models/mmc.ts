// The M/G/c/K queue: Poisson arrivals, c servers, any service-time distribution, an optional
// bounded waiting room. The kernel's reference model: with exponential service its results
// have closed forms (M/M/1, Erlang C, M/M/c/K; Pollaczek–Khinchine for c = 1), which it
// reports beside the simulated values as theory_* columns.
// Written in the callback style: long-lived functions and a ring buffer of arrival times, so a
// customer costs no allocation.
import { z } from 'zod';
import { mmcEstimateEvents } from './estimate-events.js';
import type { Model, ModelRun, RunContext } from './common/model.js';
import { Priority } from '../src/engine/priorities.js';
import { LimitError } from '../src/engine/errors.js';
import { TimeAverage } from '../src/engine/time-average.js';
import { durationDistSchema, makeSampler, distMean, distVariance, type DistSpec } from '../src/random/index.js';
import { mmc, mmck, mg1 } from '../src/analysis/index.js';
import { rate, int } from './common/params.js';
import { expZiggurat } from '../src/random/exp-ziggurat.js';
import { mmcMetricSpec, mmcWarnings } from './mmc-hooks.js';

export const mmcParams = z
  .strictObject({
    arrivalRate: rate('mean arrival rate λ of the Poisson arrivals').prefault(0.9),
    servers: int('number of servers c', 1, 100_000).default(1),
    serviceTime: durationDistSchema
      .prefault({ dist: 'exponential', mean: 1 })
      .meta({ description: 'service-time distribution (default exponential, mean 1 s)' }),
    queueCapacity: z
      .union([int('waiting places (K = c + queueCapacity)', 0), z.literal('unlimited')])
      .default('unlimited')
      .meta({ description: 'waiting places beyond the servers; an arrival that finds them full is blocked (default unlimited)' }),
  })
  .meta({ description: 'M/G/c/K queue parameters' });

export type MmcParams = z.output<typeof mmcParams>;

/** Exact values where a closed form exists, else NaN. */
function theory(p: MmcParams): { W: number; Wq: number; blocking: number; utilisation: number } {
  const none = { W: NaN, Wq: NaN, blocking: NaN, utilisation: NaN };
  const spec = p.serviceTime as DistSpec;
  const meanS = distMean(spec);
  const mu = 1 / meanS;
  const exponential = spec.dist === 'exponential';
  try {
    if (p.queueCapacity !== 'unlimited') {
      if (!exponential) return none;
      const m = mmck({ lambda: p.arrivalRate, mu, c: p.servers, K: p.servers + p.queueCapacity });
      return { W: m.W, Wq: m.Wq, blocking: m.blocking, utilisation: m.utilisation };
    }
    if (exponential) {
      const m = mmc({ lambda: p.arrivalRate, mu, c: p.servers });
      return { W: m.W, Wq: m.Wq, blocking: 0, utilisation: m.utilisation };
    }
    if (p.servers === 1) {
      const m = mg1({ lambda: p.arrivalRate, meanS, varS: distVariance(spec) });
      return { W: m.W, Wq: m.Wq, blocking: 0, utilisation: m.utilisation };
    }
  } catch {
    return none; // unstable (ρ ≥ 1): no steady state
  }
  return none;
}

class MmcRun implements ModelRun {
  private readonly ctx: RunContext;
  private readonly p: MmcParams;
  private readonly interarrival: () => number;
  private readonly service: () => number;
  private readonly waitCap: number;
  // FIFO of arrival times of waiting customers (ring buffer).
  private ring = new Float64Array(1024);
  private head = 0;
  private len = 0;
  private busy = 0;
  private readonly busyAvg: TimeAverage;
  private readonly inSystem: TimeAverage;
  private arrivals = 0;
  private blocked = 0;
  private completed = 0;
  private started = 0;
  private waitSum = 0;
  private sojournSum = 0;
  private readonly arrive = (): void => this.onArrival();
  private readonly depart = (arrivedAt: number): void => this.onDeparture(arrivedAt);

  constructor(ctx: RunContext, p: MmcParams) {
    this.ctx = ctx;
    this.p = p;
    const lambda = p.arrivalRate;
    const rngA = ctx.streams.stream('arrivals');
    this.interarrival = () => expZiggurat(rngA) / lambda;
    this.service = makeSampler(p.serviceTime, ctx.streams.stream('service'));
    this.waitCap = p.queueCapacity === 'unlimited' ? Infinity : p.queueCapacity;
    this.busyAvg = new TimeAverage(ctx.sim.now, 0);
    this.inSystem = new TimeAverage(ctx.sim.now, 0);
    ctx.sim.schedule(this.interarrival(), this.arrive, undefined, Priority.ARRIVAL);
  }

  private onArrival(): void {
    const sim = this.ctx.sim;
    const now = sim.now;
    this.arrivals++;
    if (this.busy < this.p.servers) {
      this.startService(now, now);
    } else if (this.len < this.waitCap) {
      if (this.len === this.ring.length) this.growRing();
      this.ring[(this.head + this.len) % this.ring.length] = now;
      this.len++;
      this.inSystem.add(now, 1);
    } else {
      this.blocked++;
    }
    sim.schedule(this.interarrival(), this.arrive, undefined, Priority.ARRIVAL);
  }

  private startService(now: number, arrivedAt: number): void {
    if (arrivedAt === now) this.inSystem.add(now, 1);
    this.busy++;
    this.busyAvg.set(now, this.busy);
    this.started++;
    this.waitSum += now - arrivedAt;
    this.ctx.sim.schedule(this.service(), this.depart, arrivedAt, Priority.RELEASE);
  }

  private onDeparture(arrivedAt: number): void {
    const now = this.ctx.sim.now;
    this.completed++;
    this.sojournSum += now - arrivedAt;
    this.busy--;
    this.busyAvg.set(now, this.busy);
    this.inSystem.add(now, -1);
    if (this.len > 0) {
      const t = this.ring[this.head]!;
      this.head = (this.head + 1) % this.ring.length;
      this.len--;
      this.startService(now, t);
    }
  }

  private growRing(): void {
    const limit = this.ctx.sim.maxLive;
    if (this.ring.length >= limit) throw new LimitError(`the waiting queue holds more than ${limit} customers`, 'maxLive', limit);
    const next = new Float64Array(this.ring.length * 2);
    for (let i = 0; i < this.len; i++) next[i] = this.ring[(this.head + i) % this.ring.length]!;
    this.ring = next;
    this.head = 0;
  }

  resetStats(): void {
    const now = this.ctx.sim.now;
    this.busyAvg.reset(now);
    this.inSystem.reset(now);
    this.arrivals = 0;
    this.blocked = 0;
    this.completed = 0;
    this.started = 0;
    this.waitSum = 0;
    this.sojournSum = 0;
  }

  sample(): Record<string, number> {
    return { in_system_count: this.inSystem.current, busy_servers_count: this.busy };
  }

  metrics(): Record<string, number> {
    const now = this.ctx.sim.now;
    const th = theory(this.p);
    return {
      arrivals_count: this.arrivals,
      completed_count: this.completed,
      throughput_per_s: this.completed / this.ctx.duration,
      blocked_count: this.blocked,
      blocking_pct: this.arrivals > 0 ? (100 * this.blocked) / this.arrivals : NaN,
      // 1 with a finite waiting room, 0 when nothing can be blocked (blocking_pct is then exactly 0).
      finite_queue: this.p.queueCapacity === 'unlimited' ? 0 : 1,
      utilisation_pct: (100 * this.busyAvg.mean(now)) / this.p.servers,
      mean_in_system: this.inSystem.mean(now),
      mean_wait_s: this.started > 0 ? this.waitSum / this.started : NaN,
      mean_sojourn_s: this.completed > 0 ? this.sojournSum / this.completed : NaN,
      theory_mean_wait_s: th.Wq,
      theory_mean_sojourn_s: th.W,
      theory_blocking_pct: 100 * th.blocking,
      theory_utilisation_pct: 100 * th.utilisation,
    };
  }
}

export const mmcModel: Model<MmcParams> = {
  name: 'mmc',
  description:
    'M/G/c/K queue: Poisson arrivals, c servers, any service-time distribution, optional bounded queue. ' +
    'Reports simulated waiting and sojourn times, utilisation and blocking beside the exact values ' +
    '(M/M/c Erlang C, M/M/c/K, Pollaczek–Khinchine for M/G/1) where they exist.',
  params: mmcParams,
  headline: ['mean_sojourn_s', 'theory_mean_sojourn_s', 'utilisation_pct', 'blocking_pct'],
  metricSpec: mmcMetricSpec,
  warnings: mmcWarnings,
  estimateEvents: mmcEstimateEvents,
  build: (ctx, p) => new MmcRun(ctx, p),
};
