import type { CircuitBreakerOptions, CircuitState, CircuitTransition, TransitionListener } from './types.js';

/** Holds the current state name, its entry time, accumulated time per state and the transition log. */
export class StateTracker {
  current: CircuitState = 'closed';
  since: number;
  private readonly acc: Record<CircuitState, number> = { closed: 0, open: 0, 'half-open': 0 };
  readonly log: CircuitTransition[] = [];
  count = 0;
  private readonly listener: TransitionListener | undefined;
  private readonly keep: boolean;

  constructor(options: CircuitBreakerOptions) {
    this.since = options.startTime ?? 0;
    this.listener = options.onTransition;
    this.keep = options.recordTransitions ?? true;
  }

  to(next: CircuitState, at: number): void {
    const from = this.current;
    this.acc[from] += Math.max(0, at - this.since);
    this.current = next;
    this.since = at;
    this.count++;
    if (this.keep) this.log.push({ from, to: next, at });
    this.listener?.(from, next, at);
  }

  times(now: number): Record<CircuitState, number> {
    const t = { ...this.acc };
    t[this.current] += Math.max(0, now - this.since);
    return t;
  }
}
