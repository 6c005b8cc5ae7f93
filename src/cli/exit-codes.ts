// Exit codes and the one place that turns errors into messages: never a stack trace for a
// user error (HASIM_DEBUG=1 prints stacks of internal errors).
import { RunFailedError, InterruptedError } from '../experiment/run-errors.js';
import { SpecError, UsageError } from '../experiment/spec-error.js';
import { userFsErrorMessage } from './fs-error.js';

export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

/** The exit codes, as --help lists them: every code, or (runs: false) those of a command that runs no simulation. */
export function exitCodesHelp(runs = true): string {
  return runs
    ? `Exit codes: ${EXIT_OK} ok; ${EXIT_RUN_FAILED} a run failed (or an internal error); ${EXIT_BAD_INPUT} bad input or usage; ` +
        `${EXIT_INTERRUPTED} interrupted (finished runs are kept; the same command resumes).`
    : `Exit codes: ${EXIT_OK} ok; ${EXIT_BAD_INPUT} bad input or usage; ${EXIT_RUN_FAILED} an internal error.`;
}

export function reportError(err: unknown): number {
  if (err instanceof SpecError || err instanceof UsageError) {
    process.stderr.write(`hasim: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof RunFailedError) {
    process.stderr.write(`hasim: ${err.message}\n`);
    if (process.env['HASIM_DEBUG'] && err.failure.stack) process.stderr.write(`${err.failure.stack}\n`);
    return EXIT_RUN_FAILED;
  }
  if (err instanceof InterruptedError) {
    process.stderr.write(`hasim: ${err.message}\n`);
    return EXIT_INTERRUPTED;
  }
  const fsMessage = userFsErrorMessage(err);
  if (fsMessage !== undefined) {
    process.stderr.write(`hasim: ${fsMessage}\n`);
    return EXIT_BAD_INPUT;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`hasim: internal error: ${e.message}\n`);
  if (process.env['HASIM_DEBUG']) process.stderr.write(`${e.stack ?? ''}\n`);
  else process.stderr.write('(set HASIM_DEBUG=1 to print the stack trace)\n');
  return EXIT_RUN_FAILED;
}

/** Wraps a command handler: errors become messages and exit codes. */
export function handled<A>(fn: (args: A) => Promise<void> | void): (args: A) => Promise<void> {
  return async (args: A) => {
    try {
      await fn(args);
    } catch (err) {
      process.exitCode = reportError(err);
    }
  };
}
