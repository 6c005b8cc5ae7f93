// The smallest event loop over hasim's EventQueue: a clock, `schedule` and a `run` that pops and
// calls, with none of the Simulation's checks (delay and priority validation, same-instant and
// maxEvents guards, error wrapping). Bench only: it shows what the kernel's guards cost, by
// running the same model code on it (mm1-raw) as on a Simulation (mm1-callback).
import { EventQueue, type EventFn } from '../src/engine/event-queue.js';

export class RawLoop {
  now = 0;
  eventCount = 0;
  private readonly q = new EventQueue(64);

  schedule<A>(delay: number, fn: (arg: A) => void, arg: A, priority: number): number {
    return this.q.push(this.now + delay, priority, fn as EventFn, arg);
  }

  run(): void {
    const q = this.q;
    let count = 0;
    while (q.rawLength > 0) {
      const t = q.topTime();
      const slot = q.popSlot();
      const fn = q.fns[slot]!;
      const arg = q.args[slot];
      q.release(slot);
      if (fn === null) continue;
      count++;
      this.now = t;
      fn(arg);
    }
    this.eventCount += count;
  }
}
