// The failure / repair cycle of one replica: an alternating renewal process. The replica runs
// for a time to failure (ttf, operating time), fails in one of its failure modes, waits for a
// repair crew, is repaired for a time to repair (ttr, crew working time), and starts again
// with a fresh ttf. Failure modes, chosen independently at each failure:
//   - crash:    the replica is down (`replica.down('crash')`);
//   - slow:     it serves `factor` times slower (`replica.degrade('failure', {mode: 'slow'})`);
//   - erroring: a request fails with probability `errorRate` (`degrade('failure', {mode: 'erroring'})`).
// Each mode is repaired the same way (one crew for ttr seconds).
//
// Detection: an optional `detect` hook is called at each failure, before the replica changes, and
// returns how long the failure stays unnoticed; the repair crew is requested only then (a latent
// failure is not repaired before it is found). Without the hook every failure is found at once.
//
// The ttf clock counts operating time: `pause()` freezes it (a cold standby does not fail while
// idle) and `resume()` continues from the remaining time. Zone outages and scheduled faults use
// their own down-reasons on the replica and do not stop this clock: a replica's own hardware
// can fail while its zone is out.
//
// State-level cost: two events per failure (failure, repair end); nothing while up.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import { RepairCrews, type RepairJob } from './repair-crews.js';
import { drawDuration, requireOneOf, requireRng, requireSampler } from './config-checks.js';
import { requireProbability } from '../../stats/validate.js';
import { ConfigError } from '../../base/config-error.js';

/** The down-reason a crash failure puts on the replica. */
export const CRASH_REASON = 'crash';
/** The degradation reason a slow or erroring failure puts on the replica. */
export const FAILURE_DEGRADATION_REASON = 'failure';

/** One failure mode with the probability that a failure is of this mode. */
export type FailureModeSpec =
  | { readonly mode: 'crash'; readonly probability: number }
  /** Latency multiplier `factor` > 1 while the failure lasts. */
  | { readonly mode: 'slow'; readonly probability: number; readonly factor: number }
  /** Each request fails with probability `errorRate` in (0, 1] while the failure lasts. */
  | { readonly mode: 'erroring'; readonly probability: number; readonly errorRate: number };

export type FailureMode = FailureModeSpec['mode'];

export interface FailureProcessConfig {
  /** Time to failure in seconds of operating time, drawn after every repair (and at start). Infinity = never fails. */
  readonly ttf: () => number;
  /** Time to repair in seconds: how long a crew works on the replica (finite). */
  readonly ttr: () => number;
  /**
   * Failure modes with probabilities summing to 1 (within 1e-9). Default: every failure is a crash.
   */
  readonly modes?: readonly FailureModeSpec[];
  /** Draws the mode of each failure; required when more than one mode has a positive probability. */
  readonly modeRng?: Rng;
  /** The crews that repair this replica (shared pools model limited crews). Default: a private unlimited pool. */
  readonly crews?: RepairCrews;
  /** Start with the ttf clock paused (e.g. a cold standby); default false. */
  readonly paused?: boolean;
  /**
   * Called at each failure before the replica changes: the seconds until the failure is
   * detected and a repair crew requested (≥ 0; 0 = at once). Default: always 0.
   */
  readonly detect?: (process: FailureProcess, mode: FailureMode) => number;
}

export type FailureState = 'up' | 'undetected' | 'awaiting-crew' | 'repairing';

function onFailureEvent(p: FailureProcess): void {
  p._fail();
}

const CRASH_SPEC: FailureModeSpec = { mode: 'crash', probability: 1 };

function onRepairEvent(p: FailureProcess): void {
  p._repaired();
}

function onDetectedEvent(p: FailureProcess): void {
  p._detected();
}

export class FailureProcess implements RepairJob {
  readonly sim: Simulation;
  readonly replica: Replica;
  readonly name: string;
  readonly crews: RepairCrews;
  private readonly ttf: () => number;
  private readonly ttr: () => number;
  private readonly modes: readonly FailureModeSpec[];
  private readonly cumulative: readonly number[];
  private readonly modeRng: Rng | undefined;
  private readonly detect: FailureProcessConfig['detect'];
  private _state: FailureState = 'up';
  private _paused: boolean;
  private currentMode: FailureMode | null = null;
  /** Operating time left before the next failure (valid while up). */
  private remaining: number = 0;
  /** Absolute time of the scheduled failure while the clock runs. */
  private dueAt = NaN;
  private failureHandle = -1;
  private _failures = 0;
  private readonly byMode = { crash: 0, slow: 0, erroring: 0 };
  private failedAt = NaN;
  private repairTimeSum = 0;
  private _repairs = 0;

  constructor(sim: Simulation, replica: Replica, config: FailureProcessConfig) {
    this.sim = sim;
    this.replica = replica;
    this.name = `${replica.name}.failure`;
    const where = `failure process "${this.name}"`;
    this.ttf = requireSampler(where, 'ttf', config.ttf);
    this.ttr = requireSampler(where, 'ttr', config.ttr);
    const modes = config.modes ?? [{ mode: 'crash', probability: 1 }];
    if (!Array.isArray(modes) || modes.length === 0) {
      throw new ConfigError(`${where}: modes must be a non-empty array of failure modes, got ${JSON.stringify(modes)}`);
    }
    const cumulative: number[] = [];
    let total = 0;
    let positive = 0;
    modes.forEach((m, i) => {
      requireOneOf(where, `modes[${i}].mode`, m.mode, ['crash', 'slow', 'erroring'] as const);
      const p = requireProbability(where, `modes[${i}].probability`, m.probability);
      if (m.mode === 'slow') {
        if (!(typeof m.factor === 'number' && Number.isFinite(m.factor) && m.factor > 1)) {
          throw new ConfigError(`${where}: modes[${i}].factor must be a finite number > 1, got ${String(m.factor)}`);
        }
      } else if (m.mode === 'erroring') {
        if (!(typeof m.errorRate === 'number' && m.errorRate > 0 && m.errorRate <= 1)) {
          throw new ConfigError(`${where}: modes[${i}].errorRate must be a probability in (0, 1], got ${String(m.errorRate)}`);
        }
      }
      total += p;
      if (p > 0) positive++;
      cumulative.push(total);
    });
    if (Math.abs(total - 1) > 1e-9) {
      throw new ConfigError(`${where}: modes probabilities must sum to 1, got ${total}`);
    }
    this.modes = modes;
    this.cumulative = cumulative;
    if (positive > 1) this.modeRng = requireRng(where, 'modeRng', config.modeRng);
    else this.modeRng = config.modeRng;
    this.crews = config.crews ?? new RepairCrews(sim, { name: `${this.name}.crews`, crews: Infinity });
    this._paused = config.paused ?? false;
    if (config.detect !== undefined && typeof config.detect !== 'function') {
      throw new ConfigError(`${where}: detect must be a function, got ${String(config.detect)}`);
    }
    this.detect = config.detect;
    this.remaining = drawDuration(where, 'ttf', this.ttf, true);
    if (!this._paused) this.scheduleFailure();
  }

  get state(): FailureState {
    return this._state;
  }
  get paused(): boolean {
    return this._paused;
  }
  /** Mode of the failure in progress, or null while up. */
  get mode(): FailureMode | null {
    return this.currentMode;
  }
  /** Failures since the last reset. */
  get failures(): number {
    return this._failures;
  }
  /** Failures of the given mode since the last reset. */
  failuresOf(mode: FailureMode): number {
    return this.byMode[mode];
  }
  /** Repairs completed since the last reset. */
  get repairs(): number {
    return this._repairs;
  }
  /** Mean time from failure to repair completion (crew wait + repair) of the repairs completed since the last reset. */
  meanTimeToRestore(): number {
    return this._repairs > 0 ? this.repairTimeSum / this._repairs : NaN;
  }

  /** Freezes the ttf clock (the replica is idle and does not wear). A repair in progress continues. */
  pause(): void {
    if (this._paused) return;
    this._paused = true;
    if (this.failureHandle >= 0) {
      this.sim.cancel(this.failureHandle);
      this.failureHandle = -1;
      this.remaining = Math.max(0, this.dueAt - this.sim.now);
    }
  }

  /** Restarts the ttf clock from the operating time left. */
  resume(): void {
    if (!this._paused) return;
    this._paused = false;
    if (this._state === 'up') this.scheduleFailure();
  }

  resetStats(): void {
    this._failures = 0;
    this.byMode.crash = 0;
    this.byMode.slow = 0;
    this.byMode.erroring = 0;
    this._repairs = 0;
    this.repairTimeSum = 0;
  }

  /** RepairJob: a crew starts working (part of the interface, so public). */
  startRepair(): void {
    this._state = 'repairing';
    const d = drawDuration(`failure process "${this.name}"`, 'ttr', this.ttr, false);
    this.sim.schedule(d, onRepairEvent, this, Priority.REPAIR);
  }

  /**
   * A crash now, from outside (a common-cause event), if the replica is not failed already:
   * the scheduled failure is dropped and the crash is repaired as any other. Returns whether it
   * crashed.
   */
  failNow(): boolean {
    if (this._state !== 'up') return false;
    if (this.failureHandle >= 0) {
      this.sim.cancel(this.failureHandle);
      this.failureHandle = -1;
    }
    this._fail(CRASH_SPEC);
    return true;
  }

  /** @internal */
  _fail(forced?: FailureModeSpec): void {
    this.failureHandle = -1;
    const spec = forced ?? this.chooseMode();
    const latent = this.detect === undefined ? 0 : drawDuration(`failure process "${this.name}"`, 'detect', () => this.detect!(this, spec.mode), false);
    this._state = latent > 0 ? 'undetected' : 'awaiting-crew';
    this.currentMode = spec.mode;
    this.failedAt = this.sim.now;
    this._failures++;
    this.byMode[spec.mode]++;
    if (spec.mode === 'crash') this.replica.down(CRASH_REASON);
    else if (spec.mode === 'slow') this.replica.degrade(FAILURE_DEGRADATION_REASON, { mode: 'slow', factor: spec.factor });
    else this.replica.degrade(FAILURE_DEGRADATION_REASON, { mode: 'erroring', errorRate: spec.errorRate });
    if (latent > 0) this.sim.schedule(latent, onDetectedEvent, this, Priority.REPAIR);
    else this.crews.request(this);
  }

  /** @internal A latent failure is found: a crew is requested now. */
  _detected(): void {
    this._state = 'awaiting-crew';
    this.crews.request(this);
  }

  /** @internal */
  _repaired(): void {
    const mode = this.currentMode;
    this._state = 'up';
    this.currentMode = null;
    this._repairs++;
    this.repairTimeSum += this.sim.now - this.failedAt;
    // Bookkeeping first: listeners of the replica (groups) may pause or resume this process.
    this.remaining = drawDuration(`failure process "${this.name}"`, 'ttf', this.ttf, true);
    if (!this._paused) this.scheduleFailure();
    this.crews.release();
    if (mode === 'crash') this.replica.restore(CRASH_REASON);
    else this.replica.undegrade(FAILURE_DEGRADATION_REASON);
  }

  private chooseMode(): FailureModeSpec {
    const modes = this.modes;
    if (modes.length === 1 || this.modeRng === undefined) {
      for (const m of modes) if (m.probability > 0) return m;
      return modes[0] as FailureModeSpec;
    }
    const u = this.modeRng();
    const cum = this.cumulative;
    for (let i = 0; i < modes.length; i++) {
      if (u < (cum[i] as number) && (modes[i] as FailureModeSpec).probability > 0) return modes[i] as FailureModeSpec;
    }
    for (let i = modes.length - 1; i >= 0; i--) if ((modes[i] as FailureModeSpec).probability > 0) return modes[i] as FailureModeSpec;
    return modes[0] as FailureModeSpec;
  }

  private scheduleFailure(): void {
    if (this.remaining === Infinity) {
      this.dueAt = Infinity;
      return;
    }
    this.dueAt = this.sim.now + this.remaining;
    this.failureHandle = this.sim.schedule(this.remaining, onFailureEvent, this, Priority.FAILURE);
  }
}
