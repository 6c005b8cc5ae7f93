import { z } from 'zod';
import { duration, parseConfig } from './config.js';
import { outcomeSchema, type Outcome } from './outcome.js';

/**
 * Polly v8 hedging. Up to 1 + maxHedgedAttempts attempts (attempt 0 = the original). The loop, per logical request:
 *   launch the next attempt; wait until one attempt finishes or `delay` passes (no wait limit once all are launched);
 *   delay passed            -> launch the next attempt;
 *   acceptable outcome      -> it wins, all other attempts are cancelled;
 *   handled (failed) outcome -> launch the next attempt at once if any is left, else keep waiting for the others;
 *                              when every attempt has failed the ORIGINAL's (attempt 0's) outcome is the result,
 *                              as Polly's HedgingExecutionContext accepts the first of its tasks in launch order.
 * delay = 0 launches all attempts at once; delay = Infinity ('infinite') is Polly's "fallback mode": the next
 * attempt starts only after the previous one failed.
 */
export const hedgingConfigSchema = z
  .object({
    maxHedgedAttempts: z.number().int().min(1).max(10).default(1).describe('hedges in addition to the original (Polly 1..10)'),
    delay: z.union([z.literal('infinite'), duration(z.number().min(0))]).default(2).describe("seconds between launches; 0 = all at once; 'infinite' = fallback mode"),
    hedgeOn: z.array(outcomeSchema).default(['error', 'timeout', 'rejected', 'shed', 'circuit-open']).describe('handled outcomes (failures that trigger the next hedge)'),
  })
  .strict();

export type HedgingConfigInput = Omit<z.input<typeof hedgingConfigSchema>, 'delay'> & { delay?: number | string };
export interface HedgingConfig {
  readonly maxHedgedAttempts: number;
  /** seconds; Infinity = fallback mode */
  readonly delay: number;
  readonly hedgeOn: readonly Outcome[];
}

export interface HedgeStep {
  /** attempt indices the engine must start now */
  readonly launch: readonly number[];
  /** attempt indices the engine must cancel now (losers) */
  readonly cancel: readonly number[];
  /**
   * set once the logical request is decided: `winner` is the attempt with an acceptable outcome (undefined when
   * every attempt failed); `answeredBy` is the attempt whose outcome is the answer (the winner, or 0 when all failed)
   */
  readonly done?: { readonly winner: number | undefined; readonly outcome: Outcome; readonly answeredBy: number };
  /** when to call onTimer if nothing else happens first (undefined = no timer) */
  readonly nextLaunchAt: number | undefined;
}

export class HedgingPolicy {
  readonly config: HedgingConfig;

  constructor(config: HedgingConfigInput = {}) {
    const input = { ...config, ...(config.delay === Infinity ? { delay: 'infinite' as const } : {}) };
    const p = parseConfig('hedging', hedgingConfigSchema, input);
    this.config = Object.freeze({ maxHedgedAttempts: p.maxHedgedAttempts, delay: p.delay === 'infinite' ? Infinity : p.delay, hedgeOn: p.hedgeOn });
  }

  get totalAttempts(): number {
    return 1 + this.config.maxHedgedAttempts;
  }

  isHandled(outcome: Outcome): boolean {
    return this.config.hedgeOn.includes(outcome);
  }

  /** A planner for one logical request. Call start(now) first. */
  plan(): HedgingPlan {
    return new HedgingPlan(this);
  }
}

export class HedgingPlan {
  private launched = 0;
  private readonly pending = new Set<number>();
  private timerAt: number | undefined;
  private result: { winner: number | undefined; outcome: Outcome; answeredBy: number } | undefined;
  private started = false;
  /** outcome of the original attempt once it has failed (the answer if every attempt fails) */
  private primaryOutcome: Outcome | undefined;

  constructor(readonly policy: HedgingPolicy) {}

  get attemptsLaunched(): number {
    return this.launched;
  }
  get isDone(): boolean {
    return this.result !== undefined;
  }

  private launchNext(now: number, out: number[]): void {
    const total = this.policy.totalAttempts;
    const delay = this.policy.config.delay;
    do {
      out.push(this.launched);
      this.pending.add(this.launched);
      this.launched++;
    } while (delay === 0 && this.launched < total);
    this.timerAt = this.launched < total && Number.isFinite(delay) ? now + delay : undefined;
  }

  private step(launch: number[], cancel: number[] = []): HedgeStep {
    const base = { launch, cancel, nextLaunchAt: this.result === undefined ? this.timerAt : undefined };
    return this.result === undefined ? base : { ...base, done: this.result };
  }

  start(now: number): HedgeStep {
    if (this.started) throw new Error('hedging: start called twice');
    this.started = true;
    const launch: number[] = [];
    this.launchNext(now, launch);
    return this.step(launch);
  }

  /** The engine calls this at nextLaunchAt (calls at other times are harmless). */
  onTimer(now: number): HedgeStep {
    if (this.result !== undefined || this.timerAt === undefined || now < this.timerAt) return this.step([]);
    const launch: number[] = [];
    this.launchNext(now, launch);
    return this.step(launch);
  }

  onAttemptResult(now: number, attempt: number, outcome: Outcome): HedgeStep {
    if (this.result !== undefined || !this.pending.delete(attempt)) return this.step([]); // late loser: ignore
    if (!this.policy.isHandled(outcome)) {
      this.result = { winner: attempt, outcome, answeredBy: attempt };
      this.timerAt = undefined;
      const cancel = [...this.pending].sort((a, b) => a - b);
      this.pending.clear();
      return this.step([], cancel);
    }
    if (attempt === 0) this.primaryOutcome = outcome;
    if (this.launched < this.policy.totalAttempts) {
      const launch: number[] = [];
      this.launchNext(now, launch);
      return this.step(launch);
    }
    if (this.pending.size === 0) {
      // every attempt has answered, so the original's outcome is known
      this.result = { winner: undefined, outcome: this.primaryOutcome!, answeredBy: 0 };
      this.timerAt = undefined;
    }
    return this.step([]);
  }
}
