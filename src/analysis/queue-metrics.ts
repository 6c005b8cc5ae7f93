/** Steady-state performance measures shared by the exact queueing formulas. Times in seconds. */
export interface QueueMetrics {
  /** Offered arrival rate λ (per second). */
  readonly lambda: number;
  /** Rate of customers actually served (λ for infinite-capacity queues, λ(1 − blocking) otherwise). */
  readonly throughput: number;
  /** Long-run fraction of time a server is busy (per-server utilisation). */
  readonly utilisation: number;
  /** Probability that an (admitted) arrival has to wait before service. */
  readonly pWait: number;
  /** Probability that the system is empty. */
  readonly p0: number;
  /** Mean number waiting in queue. */
  readonly Lq: number;
  /** Mean number in system (queue + service). */
  readonly L: number;
  /** Mean waiting time in queue of an (admitted) customer. */
  readonly Wq: number;
  /** Mean sojourn time (wait + service) of an (admitted) customer. */
  readonly W: number;
}
