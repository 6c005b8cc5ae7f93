// The waiting line of a Resource (resource.ts): requests in (priority, request order), a binary
// heap. A request withdrawn while waiting is not searched for: it is counted out at once and
// skipped when it reaches the top.
import type { Request } from './resource.js';

/** Queue of waiting requests ordered by (priority, seq); cancelled entries are skipped lazily. */
export class WaitQueue {
  private heap: Request[] = [];
  live = 0;

  push(r: Request): void {
    const h = this.heap;
    let i = h.length;
    h.push(r);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(r, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = r;
    this.live++;
  }

  /** Removes and returns the first waiting request, or null. */
  shift(): Request | null {
    const h = this.heap;
    while (h.length > 0) {
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length > 0) {
        let i = 0;
        const n = h.length;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= n) break;
          if (c + 1 < n && before(h[c + 1]!, h[c]!)) c++;
          if (!before(h[c]!, last)) break;
          h[i] = h[c]!;
          i = c;
        }
        h[i] = last;
      }
      if (top.status === 'queued') {
        this.live--;
        return top;
      }
    }
    return null;
  }

  /** A queued request left the queue (cancelled): it is skipped when it reaches the top. */
  removed(): void {
    this.live--;
  }
}

/** Whether `a` goes before `b`: a more important priority, then the earlier request. */
function before(a: Request, b: Request): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}
