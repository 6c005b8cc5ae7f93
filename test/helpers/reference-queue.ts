// A plainly written pending-event set with the EventQueue API, for differential tests: entries
// are objects in an array-backed binary heap ordered by (time, priority, sequence); handles are
// never reused, so a stale handle is simply unknown. Slow and obviously right.
type Fn = (arg: any) => void;

interface Entry {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly fn: Fn;
  readonly arg: unknown;
  readonly handle: number;
  cancelled: boolean;
}

const before = (a: Entry, b: Entry): boolean =>
  a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));

export class ReferenceQueue {
  /** By slot: a slot is handed out per pop and never reused. */
  readonly fns: (Fn | null)[] = [];
  readonly args: unknown[] = [];
  private heap: Entry[] = [];
  private readonly live = new Map<number, Entry>();
  private seq = 0;
  private nextHandle = 1;

  get size(): number {
    return this.live.size;
  }

  get rawLength(): number {
    return this.heap.length;
  }

  push(time: number, priority: number, fn: Fn, arg: unknown): number {
    const e: Entry = { time, priority, seq: this.seq++, fn, arg, handle: this.nextHandle++, cancelled: false };
    this.live.set(e.handle, e);
    const h = this.heap;
    h.push(e);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
    return e.handle;
  }

  topTime(): number {
    return this.heap[0]!.time;
  }

  popSlot(): number {
    const e = this.take();
    if (e === undefined) return -1;
    if (!e.cancelled) this.live.delete(e.handle);
    this.fns.push(e.cancelled ? null : e.fn);
    this.args.push(e.arg);
    return this.fns.length - 1;
  }

  release(_slot: number): void {}

  cancel(handle: number): boolean {
    const e = this.live.get(handle);
    if (e === undefined) return false;
    e.cancelled = true;
    this.live.delete(handle);
    return true;
  }

  isPending(handle: number): boolean {
    return this.live.has(handle);
  }

  peekTime(): number {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.take();
    return this.heap.length > 0 ? this.heap[0]!.time : Infinity;
  }

  clear(): void {
    this.heap = [];
    this.live.clear();
  }

  private take(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined) return undefined;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
