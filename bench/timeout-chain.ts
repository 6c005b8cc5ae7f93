// Timeout chain: `pending` independent timers, each rescheduling itself after an exponential
// delay (mean 1 s) when it fires, so the queue holds `pending` events at all times. Exponential
// delays are memoryless, so the pending set is in steady state from the start; a short warm-up
// lets the JIT settle. Each run processes about `events` events (a run covers events/pending
// simulated seconds) and its rate is events processed / wall time.
import { Simulation } from '../src/engine/simulation.js';
import { benchExp, benchRng, median, peakRssMb, stopwatch, type CaseResult, type ClockKind } from './measure.js';

export interface TimeoutChainOptions {
  readonly pending: number;
  readonly events: number;
  readonly runs: number;
  readonly seed: number;
  readonly clock: ClockKind;
}

/** Callback style: one long-lived function reschedules itself with `sim.schedule`. */
export function timeoutChainCallback(o: TimeoutChainOptions): CaseResult {
  const sim = new Simulation({ initialCapacity: o.pending + 16 });
  const delay = benchExp(benchRng(o.seed, 'timeout-chain'), 1);
  const tick = (id: number): void => {
    sim.schedule(delay(), tick, id);
  };
  for (let i = 0; i < o.pending; i++) sim.schedule(delay(), tick, i);
  return measure('timeout-chain', sim, o);
}

/** Generator style: `pending` processes, each `yield`ing its delay as a number (the fast path). */
export function timeoutChainGenerator(o: TimeoutChainOptions): CaseResult {
  const sim = new Simulation({ initialCapacity: o.pending + 16 });
  const delay = benchExp(benchRng(o.seed, 'timeout-chain'), 1);
  function* ticker(): Generator<number, void, unknown> {
    for (;;) yield delay();
  }
  for (let i = 0; i < o.pending; i++) sim.process(ticker(), 'ticker');
  return measure('timeout-chain-generator', sim, o);
}

function measure(benchmark: string, sim: Simulation, o: TimeoutChainOptions): CaseResult {
  // About `pending` events happen per simulated second.
  const horizon = o.events / o.pending;
  sim.run({ until: sim.now + Math.max(horizon / 2, 1e-9) }); // warm-up (and process start-up)
  const rates: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const e0 = sim.eventCount;
    const elapsed = stopwatch(o.clock);
    sim.run({ until: sim.now + horizon });
    const dt = elapsed();
    rates.push((sim.eventCount - e0) / dt);
  }
  return { benchmark, pending: o.pending, events_per_s: median(rates), peak_mb: peakRssMb(), runs: rates };
}
