// Change-induced failures: the deploys of one service. Deploys follow each other: the time to the
// next is drawn from `interval` when the previous one ends (its last wave, or its rollback), so
// two never overlap. A deploy is bad with probability `badProbability` (one draw per deploy). It
// rolls out in waves: wave k starts k·waveInterval after the deploy starts and updates the
// replicas up to the cumulative count `waves[k]` (in index order). A good deploy changes nothing
// (its restarts are not modelled). A bad one takes each updated replica down (down-reason
// `deploy`) from its wave on, until the deploy is detected a `detection` delay after its start
// (drawn per bad deploy); waves not started by then never start (a wave due at that very instant
// does not either), and a `rollback` time later (drawn too) every updated replica is restored at
// once. The replica's own failure process is unaffected.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import { drawDuration, requireName, requireRng, requireSampler } from './config-checks.js';
import { requireNonNegative, requireProbability } from '../../stats/validate.js';
import { ConfigError } from '../../base/config-error.js';

/** The down-reason a bad deploy puts on the replicas it updated. */
export const DEPLOY_REASON = 'deploy';

export interface DeployConfig {
  /** Name used in errors (usually `<service>.deploys`). */
  readonly name: string;
  /** The replicas, updated in this order. */
  readonly replicas: readonly Replica[];
  /** Time from the end of a deploy to the start of the next, seconds (Infinity: no more). */
  readonly interval: () => number;
  readonly badProbability: number;
  /** Draws whether each deploy is bad. */
  readonly rng: Rng;
  /** Cumulative replica counts updated by the end of each wave: non-decreasing, the last = replicas.length. */
  readonly waves: readonly number[];
  /** Seconds between the starts of successive waves (≥ 0). */
  readonly waveInterval: number;
  /** Time from the start of a bad deploy to its detection, seconds (drawn per bad deploy). */
  readonly detection: () => number;
  /** Time from detection until every updated replica is restored, seconds (drawn per bad deploy). */
  readonly rollback: () => number;
}

function onStart(d: DeployProcess): void {
  d._start();
}
function onWave(d: DeployProcess): void {
  d._wave();
}
function onRestored(d: DeployProcess): void {
  d._restored();
}

export class DeployProcess {
  readonly sim: Simulation;
  readonly name: string;
  private readonly c: DeployConfig;
  private readonly where: string;
  private bad = false;
  private wave = 0;
  private updated = 0;
  private startedAt = 0;
  private detectAt = Infinity;
  private _deploys = 0;
  private _bad = 0;

  constructor(sim: Simulation, config: DeployConfig) {
    this.sim = sim;
    this.name = requireName('deploys', 'name', config.name);
    this.where = `deploys "${this.name}"`;
    requireSampler(this.where, 'interval', config.interval);
    requireSampler(this.where, 'detection', config.detection);
    requireSampler(this.where, 'rollback', config.rollback);
    requireRng(this.where, 'rng', config.rng);
    requireProbability(this.where, 'badProbability', config.badProbability);
    requireNonNegative(this.where, 'waveInterval', config.waveInterval);
    const n = config.replicas.length;
    const w = config.waves;
    const valid = Array.isArray(w) && w.length > 0 && w.every((x, i) => Number.isInteger(x) && x >= 0 && (i === 0 || x >= w[i - 1]!)) && w[w.length - 1] === n;
    if (!valid) throw new ConfigError(`${this.where}: waves must be non-decreasing cumulative replica counts ending at ${n}, got ${JSON.stringify(w)}`);
    this.c = config;
    this.next();
  }

  /** Deploys started since the last reset. */
  get deploys(): number {
    return this._deploys;
  }
  /** Bad deploys started since the last reset. */
  get badDeploys(): number {
    return this._bad;
  }

  resetStats(): void {
    this._deploys = 0;
    this._bad = 0;
  }

  /** @internal */
  _start(): void {
    this._deploys++;
    this.startedAt = this.sim.now;
    this.bad = this.c.rng() < this.c.badProbability;
    this.wave = 0;
    this.updated = 0;
    this.detectAt = Infinity;
    if (this.bad) {
      this._bad++;
      this.detectAt = this.sim.now + drawDuration(this.where, 'detection', this.c.detection, false);
      const restoreAt = this.detectAt + drawDuration(this.where, 'rollback', this.c.rollback, false);
      this.sim.scheduleAt(restoreAt, onRestored, this, Priority.REPAIR);
    }
    this._wave();
  }

  /** @internal */
  _wave(): void {
    const target = this.c.waves[this.wave]!;
    if (this.bad) for (let i = this.updated; i < target; i++) this.c.replicas[i]!.down(DEPLOY_REASON);
    this.updated = target;
    this.wave++;
    if (this.wave >= this.c.waves.length) {
      if (!this.bad) this.next(); // a bad deploy ends at its rollback
      return;
    }
    const at = this.startedAt + this.wave * this.c.waveInterval;
    if (at < this.detectAt) this.sim.scheduleAt(at, onWave, this, Priority.FAILURE);
  }

  /** @internal The rollback of a bad deploy is complete. */
  _restored(): void {
    for (let i = 0; i < this.updated; i++) this.c.replicas[i]!.restore(DEPLOY_REASON);
    this.bad = false;
    this.next();
  }

  private next(): void {
    const d = drawDuration(this.where, 'interval', this.c.interval, true);
    if (d !== Infinity) this.sim.schedule(d, onStart, this, Priority.FAILURE);
  }
}
