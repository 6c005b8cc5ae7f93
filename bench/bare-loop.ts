// The limit: the event queue alone, with no simulation and no model. Holds `pending` entries;
// each step pops the earliest and pushes a new one at (its time + an exponential delay), i.e.
// the same distribution of times as the timeout chain, with the same random generator.
import { EventQueue } from '../src/engine/event-queue.js';
import { benchExp, benchRng, median, peakRssMb, stopwatch, type CaseResult, type ClockKind } from './measure.js';

export interface BareLoopOptions {
  readonly pending: number;
  readonly events: number;
  readonly runs: number;
  readonly seed: number;
  readonly clock: ClockKind;
}

const noop = (): void => {};

export function bareLoop(o: BareLoopOptions): CaseResult {
  const q = new EventQueue(o.pending + 16);
  const delay = benchExp(benchRng(o.seed, 'bare-loop'), 1);
  for (let i = 0; i < o.pending; i++) q.push(delay(), 4, noop, undefined);
  // Returns the sum of the popped times (a local, so no number is boxed per step), checked below
  // so that the loop cannot be optimised away.
  const loop = (k: number): number => {
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
  let sink = loop(Math.ceil(o.events / 2)); // warm-up
  const rates: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const elapsed = stopwatch(o.clock);
    sink += loop(o.events);
    rates.push(o.events / elapsed());
  }
  if (!Number.isFinite(sink)) throw new Error('bare loop: non-finite times');
  return { benchmark: 'bare-loop', pending: o.pending, events_per_s: median(rates), peak_mb: peakRssMb(), runs: rates };
}
