// The limit: the event queue alone, with no simulation and no model. Holds `pending` entries;
// each step pops the earliest and pushes a new one at (its time + an exponential delay), i.e.
// the same distribution of times as the timeout chain, with the same random generator (the
// "hold" model of event-set benchmarks).
// The bare loop runs under the conditions of the case it is the limit of. V8 specialises
// optimised code on a closure's context while only one closure of the function exists, which
// makes a loop reused for all runs 25-35% faster than the same loop rebuilt for each run
// (measured). The timeout chain keeps one simulation for all its runs, so its bare loops do too;
// the M/M/1 builds a fresh model for every run (as the experiment runner does), so its bare loop
// (`fresh`) builds a fresh queue and loop for every run.
import { EventQueue } from '../src/engine/event-queue.js';
import { benchExp, benchRng, median, peakRssMb, stopwatch, type CaseResult, type ClockKind } from './measure.js';

export interface BareLoopOptions {
  readonly pending: number;
  readonly events: number;
  readonly runs: number;
  readonly seed: number;
  readonly clock: ClockKind;
  /** A fresh queue and loop for every run (else one for all runs). */
  readonly fresh: boolean;
}

/** Unmeasured runs first, until the JIT has optimised the loop. */
const WARMUP_RUNS = 3;

const noop = (): void => {};

/** A fresh queue holding `pending` entries, and the loop that runs `k` steps on it. */
function freshLoop(pending: number, seed: number): (k: number) => number {
  const q = new EventQueue(pending + 16);
  const delay = benchExp(benchRng(seed, 'bare-loop'), 1);
  for (let i = 0; i < pending; i++) q.push(delay(), 4, noop, undefined);
  // Returns the sum of the popped times (a local, so no number is boxed per step), checked below
  // so that the loop cannot be optimised away.
  return (k: number): number => {
    let sum = 0;
    for (let i = 0; i < k; i++) {
      const t = q.topTime();
      const slot = q.popSlot();
      q.release(slot);
      q.push(t + delay(), 4, noop, undefined);
      sum += t;
    }
    return sum;
  };
}

export function bareLoop(o: BareLoopOptions): CaseResult {
  let sink = 0;
  let shared: ((k: number) => number) | null = null;
  const loopFor = (seed: number): ((k: number) => number) => (o.fresh ? freshLoop(o.pending, seed) : (shared ??= freshLoop(o.pending, o.seed)));
  for (let w = 0; w < WARMUP_RUNS; w++) sink += loopFor(o.seed + 1000 + w)(Math.ceil(o.events / 2));
  const rates: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const loop = loopFor(o.seed + r);
    const elapsed = stopwatch(o.clock);
    sink += loop(o.events);
    rates.push(o.events / elapsed());
  }
  if (!Number.isFinite(sink)) throw new Error('bare loop: non-finite times');
  return { benchmark: 'bare-loop', pending: o.pending, fresh: o.fresh, events_per_s: median(rates), peak_mb: peakRssMb(), runs: rates };
}
