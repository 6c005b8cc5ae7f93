// Imperfect coverage of an active-active or quorum group: each crash of one of its replicas is
// covered (detected and handled automatically, as without this component) with probability c,
// drawn at each crash from the coverage stream. An uncovered crash does one of two things:
//   - silent: nobody notices it for a detection delay D (drawn afresh): the dead replica stays
//     in rotation (routable; health checks pass) and is not repaired, since repair needs
//     detection. At D it leaves rotation and its repair starts. At state level the replica is
//     down for D + its repair; it never counts as serving.
//   - fatal: the failure takes the whole group down (every replica is held down with the cause
//     `uncovered:<group>`) for a manual recovery time (drawn afresh), after which the group is
//     reconfigured: the hold is lifted and each replica serves again unless down for another
//     reason (with health checks it is re-admitted as any replica coming back). The failed
//     replica is repaired meanwhile as usual. Only a crash the group would otherwise survive
//     (`tolerates`) is fatal: a crash that takes the group down anyway needs no reconfiguration,
//     and a crash during a hold adds nothing to it.
// Slow and erroring failures leave the replica up and are not subject to coverage.
//
// The textbook two-unit model with imperfect coverage (Dugan & Trivedi; Trivedi, "Probability and
// Statistics with Reliability, Queuing and Computer Science Applications", the 2-unit system with
// coverage): a unit failure is covered with probability c, and the system goes on with the other
// unit while the failed one is repaired; with 1 − c it is not, and the system is down until a
// reconfiguration (rate δ here: 1 / mean manualRecovery) brings it back with one unit in repair.
// A 1-of-2 active-active group with `uncovered: fatal` is that model (with the other unit free to
// fail and the failed one to finish its repair during the reconfiguration); test/ha-coverage.test.ts
// checks it against that chain.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import type { ReplicaGroup } from '../replica-group.js';
import type { FailureMode, FailureProcess } from '../failure/failure-process.js';
import { drawDuration, requireOneOf, requireRng, requireSampler } from '../failure/config-checks.js';
import { requireProbability } from '../../stats/validate.js';

/** A group that can hide a replica's failure and say whether it survives one. */
export interface CoverableGroup extends ReplicaGroup {
  /** Hides the coming failure of `replica` from routing until `until`. */
  conceal(replica: Replica, until: number): void;
  /** Whether the group would stay available if `replica` went down now. */
  tolerates(replica: Replica): boolean;
}

export type UncoveredEffect = 'silent' | 'fatal';

export interface ImperfectCoverageConfig {
  /** Probability c that a crash is covered. */
  readonly coverage: number;
  /** Draws the coverage of each crash. */
  readonly rng: Rng;
  readonly uncovered: UncoveredEffect;
  /** silent: time until an uncovered crash is detected (seconds ≥ 0, drawn per crash). */
  readonly detection?: () => number;
  /** fatal: time to reconfigure the group by hand (seconds ≥ 0, drawn per hold). */
  readonly manualRecovery?: () => number;
}

function onHoldEnd(c: ImperfectCoverage): void {
  c._release();
}

export class ImperfectCoverage {
  readonly sim: Simulation;
  readonly group: CoverableGroup;
  readonly coverage: number;
  readonly uncovered: UncoveredEffect;
  private readonly rng: Rng;
  private readonly detection: (() => number) | undefined;
  private readonly manualRecovery: (() => number) | undefined;
  private readonly where: string;
  private readonly reason: string;
  private holding = false;
  private _uncovered = 0;
  private _holds = 0;

  constructor(sim: Simulation, group: CoverableGroup, config: ImperfectCoverageConfig) {
    this.sim = sim;
    this.group = group;
    this.where = `coverage of group "${group.name}"`;
    this.reason = `uncovered:${group.name}`;
    this.coverage = requireProbability(this.where, 'coverage', config.coverage);
    this.rng = requireRng(this.where, 'rng', config.rng);
    this.uncovered = requireOneOf(this.where, 'uncovered', config.uncovered, ['silent', 'fatal'] as const);
    this.detection = this.uncovered === 'silent' ? requireSampler(this.where, 'detection', config.detection) : undefined;
    this.manualRecovery = this.uncovered === 'fatal' ? requireSampler(this.where, 'manualRecovery', config.manualRecovery) : undefined;
  }

  /** Uncovered crashes since the last reset. */
  get uncoveredFailures(): number {
    return this._uncovered;
  }

  /** Fatal holds started since the last reset. */
  get holds(): number {
    return this._holds;
  }

  resetStats(): void {
    this._uncovered = 0;
    this._holds = 0;
  }

  /** The failure processes' `detect` hook: the latency of a failure's detection (0 unless silent and uncovered). */
  detect(process: FailureProcess, mode: FailureMode): number {
    if (mode !== 'crash') return 0;
    if (this.rng() < this.coverage) return 0;
    this._uncovered++;
    if (this.uncovered === 'silent') {
      const d = drawDuration(this.where, 'detection', this.detection!, false);
      if (d > 0) this.group.conceal(process.replica, this.sim.now + d);
      return d;
    }
    if (!this.holding && this.group.tolerates(process.replica)) this.hold();
    return 0;
  }

  private hold(): void {
    this.holding = true;
    this._holds++;
    const d = drawDuration(this.where, 'manualRecovery', this.manualRecovery!, false);
    for (const r of this.group.replicas) r.down(this.reason);
    this.sim.schedule(d, onHoldEnd, this, Priority.REPAIR);
  }

  /** @internal The manual recovery ends: the group is reconfigured. */
  _release(): void {
    this.holding = false;
    for (const r of this.group.replicas) r.restore(this.reason);
  }
}
