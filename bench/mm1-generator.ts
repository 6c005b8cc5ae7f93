// M/M/1 in the generator style, written as in SimPy's examples: a source process, one process
// per customer, the server a Resource (request, hold an exponential service time, release).
// Arrivals at rate rho, service at rate 1; each run serves `customers` customers on a fresh
// simulation. Events counts every kernel event (process starts, grants, delays, ...).
import { Simulation } from '../src/engine/simulation.js';
import { Resource } from '../src/engine/resource.js';
import type { ProcessGenerator } from '../src/engine/process.js';
import { benchExp, benchRng, stopwatch, type CaseResult, type ClockKind } from './measure.js';
import { measureMM1, type MM1Options, type RunStats } from './mm1-callback.js';

/** A fresh model; the returned function serves `customers` customers (see mm1-callback.ts's buildModel). */
function buildModel(rho: number, seed: number, clockKind: ClockKind): (customers: number) => RunStats {
  const sim = new Simulation();
  const rng = benchRng(seed, 'mm1');
  const interarrival = benchExp(rng, rho);
  const service = benchExp(rng, 1);
  const server = new Resource(sim, { name: 'server' });
  let served = 0;
  const sojournSum = new Float64Array(1); // a typed array: see mm1-callback.ts

  function* customer(): ProcessGenerator<void> {
    const arrived = sim.now;
    const req = server.request();
    yield req;
    yield service();
    server.release(req);
    sojournSum[0]! += sim.now - arrived;
    served++;
  }
  function* source(customers: number): ProcessGenerator<void> {
    for (let i = 0; i < customers; i++) {
      yield interarrival();
      sim.process(customer(), 'customer');
    }
  }

  return (customers: number): RunStats => {
    const events0 = sim.eventCount;
    const served0 = served;
    const sojourn0 = sojournSum[0]!;
    sim.process(source(customers), 'source');
    const elapsed = stopwatch(clockKind);
    sim.run();
    const seconds = elapsed();
    if (served - served0 !== customers) throw new Error(`mm1-generator: served ${served - served0} of ${customers}`);
    return { events: sim.eventCount - events0, seconds, meanSojourn: (sojournSum[0]! - sojourn0) / customers };
  };
}

export function mm1Generator(o: MM1Options): CaseResult {
  return measureMM1('mm1-generator', o, (seed) => buildModel(o.rho, seed, o.clock));
}
