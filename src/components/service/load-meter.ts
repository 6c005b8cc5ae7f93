// Time integrals of the load of each replica of one service: busy slots and outstanding requests
// (in service and queued), in slot-seconds and request-seconds since the last `zero`. The servers
// advance a replica's integrals just before they change its counts, so between two changes the
// counts are constant and each integral is exact. A service has a meter only when something reads
// it (the autoscaler's averaging window); without one the servers skip it.
export class LoadMeter {
  /** Slot-seconds by replica since the last zero, up to `last[i]`. */
  readonly busySeconds: Float64Array;
  /** Request-seconds (in service and queued) by replica since the last zero, up to `last[i]`. */
  readonly outstandingSeconds: Float64Array;
  private readonly last: Float64Array;

  constructor(replicas: number, now: number) {
    this.busySeconds = new Float64Array(replicas);
    this.outstandingSeconds = new Float64Array(replicas);
    this.last = new Float64Array(replicas).fill(now);
  }

  /** Integrates replica `i`'s counts, constant since its last advance, up to `now`. */
  advance(i: number, busy: number, outstanding: number, now: number): void {
    const dt = now - this.last[i]!;
    if (dt > 0) {
      this.busySeconds[i]! += busy * dt;
      this.outstandingSeconds[i]! += outstanding * dt;
      this.last[i] = now;
    }
  }

  /** Restarts every integral at 0 from `now` (each replica already advanced to `now`). */
  zero(now: number): void {
    this.busySeconds.fill(0);
    this.outstandingSeconds.fill(0);
    this.last.fill(now);
  }
}
