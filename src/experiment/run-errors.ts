// Failures while running: a run that threw (CLI exit code 1) and an interruption (exit 130).
import type { RunFailure } from './execute-run.js';
import type { RunTask } from './plan.js';
import { formatTime } from '../engine/errors.js';

export class RunFailedError extends Error {
  constructor(
    readonly task: RunTask,
    readonly failure: RunFailure,
    readonly swept: Readonly<Record<string, unknown>> = {},
  ) {
    const values = Object.entries(swept)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    const where =
      failure.simTime !== undefined
        ? ` at simulated time t=${formatTime(failure.simTime)} s${failure.component !== undefined ? ` in component "${failure.component}"` : ''}`
        : '';
    super(
      `run failed: config_id ${task.configId}${values ? ` (${values})` : ''}, replication ${task.replication}, seed ${task.seed}${where}: ${where ? failure.message.replace(/ \(at t=[^()]* s in [^()]*\)$/, '') : failure.message}`,
    );
    this.name = 'RunFailedError';
  }
}

export class InterruptedError extends Error {
  constructor(message = 'interrupted') {
    super(message);
    this.name = 'InterruptedError';
  }
}
