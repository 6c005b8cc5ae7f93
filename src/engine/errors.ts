// Errors raised by the kernel. A SimulationError always carries the simulated time and the
// name of the component (process or callback) that was running, so that a failing run can be
// reported as "run X, seed Y, t = Z s, component C: message".

export class SimulationError extends Error {
  readonly simTime: number;
  readonly component: string;

  constructor(message: string, simTime: number, component: string, options?: { cause?: unknown }) {
    super(`${message} (at t=${formatTime(simTime)} s in ${component})`, options);
    this.name = 'SimulationError';
    this.simTime = simTime;
    this.component = component;
  }
}

/**
 * A run crossed one of its resource limits (events, live entities, memory). Thrown by the kernel
 * and by components whose structures grow; `run` wraps it in a SimulationError (with the time and
 * the component) whose `cause` it is. `limit` names the option that was crossed.
 */
export class LimitError extends Error {
  constructor(
    message: string,
    readonly limit: 'maxEvents' | 'maxLive' | 'maxHeapBytes',
    readonly value: number,
  ) {
    super(message);
    this.name = 'LimitError';
  }
}

/** Thrown into a process by `Process.interrupt(cause)`. */
export class Interrupt extends Error {
  override readonly cause: unknown;
  constructor(cause: unknown) {
    super(`interrupted: ${describeCause(cause)}`);
    this.name = 'Interrupt';
    this.cause = cause;
  }
}

function describeCause(cause: unknown): string {
  if (cause === undefined) return 'no cause';
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null && 'kind' in cause) return String((cause as { kind: unknown }).kind);
  return String(cause);
}

export function formatTime(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toPrecision(12).replace(/\.?0+$/, '');
}
