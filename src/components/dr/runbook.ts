// A recovery plan: a runbook of steps (detect, declare, provision, restore, replay logs,
// verify, switch traffic, ...) forming a DAG. A step starts when every step it depends on has
// finished (independent steps run in parallel) and, unless automated, not before the on-call
// engineer has responded. Each attempt of a step takes a sampled duration and fails with a
// probability, in which case the step is redone (a fresh duration). A plan or step marked
// untested / undocumented multiplies durations and failure probabilities by user-set factors.
//
// Executed at state level: one execution samples every step and returns the time from the
// plan's start to the end of its last step (the recovery time), with no simulation events.
import type { Rng } from '../../random/rng.js';
import { ConfigError } from '../../base/config-error.js';

export interface PlanFactors {
  /** Multiplies step durations of an untested plan or step (≥ 1 usually). */
  readonly untestedDuration: number;
  /** Multiplies step failure probabilities of an untested plan or step. */
  readonly untestedFailure: number;
  /** Multiplies step durations of an undocumented plan or step. */
  readonly undocumentedDuration: number;
  /** Multiplies step failure probabilities of an undocumented plan or step. */
  readonly undocumentedFailure: number;
}

export const NEUTRAL_FACTORS: PlanFactors = { untestedDuration: 1, untestedFailure: 1, undocumentedDuration: 1, undocumentedFailure: 1 };

export interface RunbookStepConfig {
  /** Unique within the plan. */
  readonly name: string;
  /** Duration of one attempt, seconds (a sampler; draws ≥ 0). */
  readonly duration: () => number;
  /** Names of the steps that must finish before this one starts. */
  readonly after: readonly string[];
  /** Probability that an attempt fails and the step is redone, in [0, 1). */
  readonly failureProbability: number;
  /** Runs without a human: does not wait for the on-call response. */
  readonly automated: boolean;
  /** This step copies the backup back: each attempt also takes the restore transfer time. */
  readonly restore: boolean;
  /** This step alone is untested / undocumented (the plan's flags apply to every step). */
  readonly untested: boolean;
  readonly undocumented: boolean;
}

export interface RunbookConfig {
  readonly name: string;
  readonly steps: readonly RunbookStepConfig[];
  /** Seconds from the plan's start until the on-call engineer responds (a sampler). */
  readonly onCallResponse: () => number;
  readonly untested: boolean;
  readonly undocumented: boolean;
  readonly factors: PlanFactors;
}

/** What one execution of the plan took. */
export interface RunbookOutcome {
  /** Seconds from the plan's start to the end of its last step (0 for an empty plan). */
  readonly durationS: number;
  /** Step attempts that failed and were redone. */
  readonly redos: number;
}

/** Time the restore step spends moving data, seconds. */
export interface RestoreTransfer {
  /** Copying the chosen backup back: paid by every attempt of a restore step. */
  readonly perAttemptS: number;
  /** Restores of corrupt backups tried first: paid once, by the first restore step. */
  readonly wastedS: number;
}

export const NO_TRANSFER: RestoreTransfer = { perAttemptS: 0, wastedS: 0 };

interface CompiledStep {
  readonly duration: () => number;
  readonly deps: readonly number[];
  readonly p: number;
  readonly durationFactor: number;
  readonly automated: boolean;
  readonly restore: boolean;
}

/** Step indices in an order where every step comes after its dependencies; throws on cycles and unknown names. */
export function topologicalOrder(plan: string, steps: readonly { readonly name: string; readonly after: readonly string[] }[]): number[] {
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.name)) throw new ConfigError(`plan "${plan}": two steps are named "${s.name}"`);
    index.set(s.name, i);
  });
  for (const s of steps) {
    for (const d of s.after) {
      if (!index.has(d)) throw new ConfigError(`plan "${plan}": step "${s.name}" depends on unknown step "${d}" (steps: ${[...index.keys()].join(', ')})`);
      if (d === s.name) throw new ConfigError(`plan "${plan}": step "${s.name}" depends on itself`);
    }
  }
  const state = new Uint8Array(steps.length); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const visit = (i: number, path: string[]): void => {
    if (state[i] === 2) return;
    const s = steps[i]!;
    if (state[i] === 1) throw new ConfigError(`plan "${plan}": dependency cycle ${[...path, s.name].join(' → ')}`);
    state[i] = 1;
    for (const d of s.after) visit(index.get(d)!, [...path, s.name]);
    state[i] = 2;
    order.push(i);
  };
  for (let i = 0; i < steps.length; i++) visit(i, []);
  return order;
}

/**
 * Length of the longest path through the DAG when step i takes `durations[i]` and manual steps
 * cannot start before `onCallS` (the exact recovery time of a plan with fixed durations and no
 * failures).
 */
export function criticalPath(
  steps: readonly { readonly name: string; readonly after: readonly string[]; readonly automated: boolean }[],
  durations: readonly number[],
  onCallS: number,
): number {
  const order = topologicalOrder('critical path', steps);
  const index = new Map(steps.map((s, i) => [s.name, i] as const));
  const finish = new Float64Array(steps.length);
  let end = 0;
  for (const i of order) {
    const s = steps[i]!;
    let start = s.automated ? 0 : onCallS;
    for (const d of s.after) start = Math.max(start, finish[index.get(d)!]!);
    finish[i] = start + durations[i]!;
    end = Math.max(end, finish[i]!);
  }
  return end;
}

export class Runbook {
  readonly config: RunbookConfig;
  private readonly failureRng: Rng;
  private readonly order: readonly number[];
  private readonly steps: readonly CompiledStep[];
  private readonly finish: Float64Array;

  constructor(config: RunbookConfig, failureRng: Rng) {
    this.config = config;
    this.failureRng = failureRng;
    const f = config.factors;
    for (const k of ['untestedDuration', 'untestedFailure', 'undocumentedDuration', 'undocumentedFailure'] as const) {
      if (!(f[k] >= 0) || !Number.isFinite(f[k])) throw new ConfigError(`plan "${config.name}": factors.${k} must be a finite number ≥ 0; got ${String(f[k])}`);
    }
    this.order = topologicalOrder(config.name, config.steps);
    const index = new Map(config.steps.map((s, i) => [s.name, i] as const));
    this.steps = config.steps.map((s) => {
      const untested = config.untested || s.untested;
      const undocumented = config.undocumented || s.undocumented;
      const durationFactor = (untested ? f.untestedDuration : 1) * (undocumented ? f.undocumentedDuration : 1);
      const p = s.failureProbability * (untested ? f.untestedFailure : 1) * (undocumented ? f.undocumentedFailure : 1);
      if (!(s.failureProbability >= 0 && s.failureProbability < 1)) {
        throw new ConfigError(`plan "${config.name}": step "${s.name}": failureProbability must be in [0, 1); got ${String(s.failureProbability)}`);
      }
      if (!(p < 1)) {
        throw new ConfigError(
          `plan "${config.name}": step "${s.name}": failureProbability ${s.failureProbability} × the untested/undocumented factors = ${p}; it must stay below 1 (the step would never succeed)`,
        );
      }
      return { duration: s.duration, deps: s.after.map((d) => index.get(d)!), p, durationFactor, automated: s.automated, restore: s.restore };
    });
    this.finish = new Float64Array(config.steps.length);
  }

  /** Samples one execution of the plan. */
  execute(transfer: RestoreTransfer = NO_TRANSFER): RunbookOutcome {
    const onCall = this.config.onCallResponse();
    if (!(onCall >= 0)) throw new ConfigError(`plan "${this.config.name}": the onCallResponse sampler drew ${onCall}; durations must be ≥ 0`);
    const finish = this.finish;
    let end = 0;
    let redos = 0;
    let wasted = transfer.wastedS;
    for (const i of this.order) {
      const s = this.steps[i]!;
      let t = s.automated ? 0 : onCall;
      for (const d of s.deps) t = Math.max(t, finish[d]!);
      if (s.restore) {
        t += wasted;
        wasted = 0;
      }
      for (;;) {
        const d = s.duration();
        if (!(d >= 0)) throw new ConfigError(`plan "${this.config.name}": step ${this.config.steps[i]!.name}: the duration sampler drew ${d}; durations must be ≥ 0`);
        t += d * s.durationFactor + (s.restore ? transfer.perAttemptS : 0);
        if (!(this.failureRng() < s.p)) break;
        redos++;
      }
      finish[i] = t;
      if (t > end) end = t;
    }
    return { durationS: end, redos };
  }
}
