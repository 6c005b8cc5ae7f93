// M/M/1 in the callback style: two long-lived functions (arrival, departure) scheduled with
// `sim.schedule`, the waiting line a ring buffer of arrival times. Nothing is allocated per
// event. Arrivals at rate rho, service at rate 1; each run serves `customers` customers on a
// fresh simulation (see buildModel), as the SimPy reference does. An event is an arrival or a
// departure.
import { Simulation } from '../src/engine/simulation.js';
import { Priority } from '../src/engine/priorities.js';
import { RawLoop } from './raw-loop.js';
import { benchExp, benchRng, median, peakRssMb, stopwatch, type CaseResult, type ClockKind } from './measure.js';

export interface MM1Options {
  readonly customers: number;
  readonly rho: number;
  readonly runs: number;
  readonly seed: number;
  readonly clock: ClockKind;
}

/** Unmeasured runs first (measured: run 1 at ~50-60% of the steady rate, run 2 at ~70-80%). */
const WARMUP_RUNS = 3;

export interface RunStats {
  readonly events: number;
  readonly seconds: number;
  readonly meanSojourn: number;
}

/** What the model needs of its kernel: a Simulation, or the bench's RawLoop. */
interface Kernel {
  readonly now: number;
  readonly eventCount: number;
  schedule(delay: number, fn: (arg: undefined) => void, arg: undefined, priority: number): number;
  run(): void;
}

/**
 * Builds one M/M/1 model on its kernel; each call of the returned function serves `customers`
 * more customers (arriving from the empty system) and returns that run's figures. Every measured
 * run builds a fresh model (as the experiment runner builds one per run, and as the bare loop
 * and the topology cases do): V8 specialises a function's optimised code on its closure's
 * context while only one closure of that function exists, so a model reused for all runs would
 * be measured 20-30% faster than models are in practice (measured, for the bare loop and the
 * M/M/1 alike; the class-based topology model does not gain from it).
 */
function buildModel(rho: number, seed: number, clockKind: ClockKind, kernel: 'simulation' | 'raw'): (customers: number) => RunStats {
  const sim: Kernel = kernel === 'raw' ? new RawLoop() : new Simulation();
  const rng = benchRng(seed, 'mm1');
  const interarrival = benchExp(rng, rho);
  const service = benchExp(rng, 1);
  let ring = new Float64Array(1024); // arrival times of the customers in the system, FIFO
  let head = 0;
  let inSystem = 0;
  let arrivals = 0;
  let limit = 0;
  let served = 0;
  // The sum of sojourn times, in a typed array: a number held in a closure variable that changes
  // is stored boxed, and each update allocates a new box (measured: 6% of the run time).
  const sojournSum = new Float64Array(1);

  const depart = (_: undefined): void => {
    sojournSum[0]! += sim.now - ring[head]!;
    head = (head + 1) & (ring.length - 1);
    served++;
    if (--inSystem > 0) sim.schedule(service(), depart, undefined, Priority.RELEASE);
  };
  const arrive = (_: undefined): void => {
    if (++arrivals < limit) sim.schedule(interarrival(), arrive, undefined, Priority.ARRIVAL);
    if (inSystem === ring.length) {
      const bigger = new Float64Array(ring.length * 2);
      for (let i = 0; i < inSystem; i++) bigger[i] = ring[(head + i) & (ring.length - 1)]!;
      ring = bigger;
      head = 0;
    }
    ring[(head + inSystem) & (ring.length - 1)] = sim.now;
    if (inSystem++ === 0) sim.schedule(service(), depart, undefined, Priority.RELEASE);
  };

  return (customers: number): RunStats => {
    const events0 = sim.eventCount;
    const served0 = served;
    const sojourn0 = sojournSum[0]!;
    limit += customers;
    sim.schedule(interarrival(), arrive, undefined, Priority.ARRIVAL);
    const elapsed = stopwatch(clockKind);
    sim.run();
    const seconds = elapsed();
    if (served - served0 !== customers || inSystem !== 0) throw new Error(`mm1 (${kernel}): served ${served - served0} of ${customers}`);
    return { events: sim.eventCount - events0, seconds, meanSojourn: (sojournSum[0]! - sojourn0) / customers };
  };
}

export function mm1Callback(o: MM1Options, kernel: 'simulation' | 'raw' = 'simulation'): CaseResult {
  return measureMM1(kernel === 'raw' ? 'mm1-raw' : 'mm1-callback', o, (seed) => buildModel(o.rho, seed, o.clock, kernel));
}

/**
 * Measures an M/M/1 case: WARMUP_RUNS unmeasured runs, then `o.runs` measured ones, each on a
 * fresh model from `build(seed)`; medians of events/s and customers/s.
 */
export function measureMM1(benchmark: string, o: MM1Options, build: (seed: number) => (customers: number) => RunStats): CaseResult {
  // Warm-up: the first runs are slower until the JIT has optimised the whole path.
  for (let w = 0; w < WARMUP_RUNS; w++) build(o.seed + 1000 + w)(o.customers);
  const rates: number[] = [];
  const crates: number[] = [];
  let last: RunStats | null = null;
  for (let r = 0; r < o.runs; r++) {
    last = build(o.seed + r)(o.customers);
    rates.push(last.events / last.seconds);
    crates.push(o.customers / last.seconds);
  }
  return {
    benchmark,
    events_per_s: median(rates),
    customers_per_s: median(crates),
    peak_mb: peakRssMb(),
    mean_sojourn: last === null ? NaN : last.meanSojourn,
    runs: rates,
  };
}
