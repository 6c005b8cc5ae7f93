// Named priorities for events that fall on the same simulated instant.
// Events are ordered by (time, priority, insertion sequence): a lower number runs first.
// As in simmer (PRIORITY_RELEASE before arrivals), work that frees capacity or restores a
// component runs before work that consumes it, so that an arrival at the instant of a
// release or a repair sees the freed server or the repaired replica.

export const Priority = {
  /** Interrupts and internal bookkeeping that must precede everything else at an instant. */
  URGENT: 0,
  /** A repaired component comes back. */
  REPAIR: 1,
  /** A server or a resource unit is released. */
  RELEASE: 2,
  /** A component fails (after repairs and releases of the same instant). */
  FAILURE: 3,
  /** Default for process steps, timeouts and triggered events. */
  NORMAL: 4,
  /** New work enters the system (arrivals, client requests). */
  ARRIVAL: 5,
  /** Observers: samplers, monitors, health checks, time-series probes. */
  MONITOR: 6,
  /** Runs after everything else at the instant. */
  LATE: 7,
} as const;

export type PriorityName = keyof typeof Priority;
/** The largest priority value the event queue accepts. */
export const MAX_PRIORITY = 255;
