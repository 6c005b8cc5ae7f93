/**
 * resilience4j sliding windows.
 * COUNT_BASED (FixedSizeSlidingWindowMetrics): ring buffer of the last N call outcomes.
 * TIME_BASED (SlidingTimeWindowMetrics): N one-second buckets keyed by the epoch second floor(now); a record at
 * second s evicts buckets older than s−N+1, so the window covers (N−1, N] seconds.
 */
export interface WindowTotals {
  calls: number;
  failed: number;
  slow: number;
}

export interface SlidingWindow {
  record(now: number, failed: boolean, slow: boolean): WindowTotals;
  totals(now: number): WindowTotals;
}

export class CountWindow implements SlidingWindow {
  private readonly failed: Uint8Array;
  private readonly slow: Uint8Array;
  private head = 0;
  private readonly t: WindowTotals = { calls: 0, failed: 0, slow: 0 };

  constructor(readonly size: number) {
    this.failed = new Uint8Array(size);
    this.slow = new Uint8Array(size);
  }

  record(_now: number, failed: boolean, slow: boolean): WindowTotals {
    if (this.t.calls === this.size) {
      this.t.failed -= this.failed[this.head] ?? 0;
      this.t.slow -= this.slow[this.head] ?? 0;
    } else {
      this.t.calls++;
    }
    this.failed[this.head] = failed ? 1 : 0;
    this.slow[this.head] = slow ? 1 : 0;
    this.t.failed += failed ? 1 : 0;
    this.t.slow += slow ? 1 : 0;
    this.head = (this.head + 1) % this.size;
    return { ...this.t };
  }

  totals(): WindowTotals {
    return { ...this.t };
  }
}

export class TimeWindow implements SlidingWindow {
  private readonly buckets: { second: number; calls: number; failed: number; slow: number }[];

  constructor(readonly seconds: number) {
    this.buckets = Array.from({ length: seconds }, () => ({ second: -Infinity, calls: 0, failed: 0, slow: 0 }));
  }

  private bucket(second: number): { second: number; calls: number; failed: number; slow: number } {
    const i = ((second % this.seconds) + this.seconds) % this.seconds;
    const b = this.buckets[i]!;
    if (b.second !== second) {
      b.second = second;
      b.calls = 0;
      b.failed = 0;
      b.slow = 0;
    }
    return b;
  }

  record(now: number, failed: boolean, slow: boolean): WindowTotals {
    const b = this.bucket(Math.floor(now));
    b.calls++;
    if (failed) b.failed++;
    if (slow) b.slow++;
    return this.totals(now);
  }

  totals(now: number): WindowTotals {
    const s = Math.floor(now);
    const t: WindowTotals = { calls: 0, failed: 0, slow: 0 };
    for (const b of this.buckets) {
      if (b.second > s - this.seconds && b.second <= s) {
        t.calls += b.calls;
        t.failed += b.failed;
        t.slow += b.slow;
      }
    }
    return t;
  }
}
