/**
 * Primary + (n − 1) cold standbys with imperfect failover coverage.
 *
 * Model (all times exponential):
 * - Exactly one unit is active at a time; only the active unit fails (rate λ). Cold standbys do
 *   not fail while idle. Failed units are repaired by `crews` crews at rate μ each
 *   (min(failed, crews)·μ in total; crews = Infinity → independent repair). A repaired unit
 *   becomes a cold standby.
 * - When the active unit fails and a standby is available: with probability `coverage` the
 *   failover works — instantly, or after an Exp(failoverRate) switching delay if `failoverRate`
 *   is given; with probability 1 − coverage it does not, and the system stays down until a manual
 *   recovery (rate `manualRate`) puts a standby into service.
 * - When the active unit fails and no standby is left, the system is down until a repair
 *   completes; the repaired unit is put into service immediately (no switch needed).
 * - Repairs continue while the system is switching or waiting for manual recovery.
 *
 * State space (f = number of failed units; ids are strings):
 *   `up:f`        f = 0..n−1   a unit is active, n − 1 − f standbys ready          — UP
 *   `switching:f` f = 0..n−1   failover in progress (only if failoverRate given)    — DOWN
 *   `stuck:f`     f = 0..n−1   failover failed, awaiting manual recovery (coverage < 1) — DOWN
 *   `down:n`                   every unit failed                                    — DOWN
 * (switching/stuck exist only for n ≥ 2; f can drop to 0 there because repairs continue.)
 * Transitions:
 *   up:f → up:f−1, switching:f → switching:f−1, stuck:f → stuck:f−1    at min(f, crews)·μ
 *   up:f → up:f+1 (instant) or switching:f+1                            at coverage·λ   (f+1 < n)
 *   up:f → stuck:f+1                                                    at (1−coverage)·λ (f+1 < n)
 *   up:n−1 → down:n at λ;   down:n → up:n−1 at min(n, crews)·μ
 *   switching:f → up:f at failoverRate;   stuck:f → up:f at manualRate
 */
import { quote } from '../base/config-error.js';
import { requireInteger, requireIntegerOrInfinity, requirePositive, requireProbability } from '../stats/validate.js';
import { Ctmc, type Transition } from './ctmc.js';

export interface ColdStandbyParams {
  /** Total units: one primary + (n − 1) cold standbys (n ≥ 1). */
  readonly n: number;
  /** Failure rate of the active unit (per second). */
  readonly lambda: number;
  /** Repair rate of one crew (per second). */
  readonly mu: number;
  /** Repair crews (integer ≥ 1, or Infinity). */
  readonly crews: number;
  /** Probability that an automatic failover succeeds, in [0, 1]. */
  readonly coverage: number;
  /** Rate of a successful failover (per second); omit for instantaneous switching. */
  readonly failoverRate?: number;
  /** Rate of manual recovery after an uncovered failure (per second); required if coverage < 1. */
  readonly manualRate?: number;
}

export interface ColdStandbyResult {
  readonly chain: Ctmc<string>;
  /** Stationary probability of every state id. */
  readonly pi: ReadonlyMap<string, number>;
  /** Ids of the states in which the service is up. */
  readonly upStates: readonly string[];
  /** Stationary availability: P(service up). */
  readonly availability: number;
  /** Long-run frequency of service outages (transitions up → down) per second. */
  readonly outageFrequency: number;
  /** Mean duration of an outage (seconds) = (1 − availability) / outageFrequency. */
  readonly meanOutage: number;
}

export function coldStandbyChain(params: ColdStandbyParams): ColdStandbyResult {
  const where = 'coldStandbyChain';
  const n = requireInteger(where, 'n', params.n, 1);
  const lambda = requirePositive(where, 'lambda', params.lambda);
  const mu = requirePositive(where, 'mu', params.mu);
  const crews = requireIntegerOrInfinity(where, 'crews', params.crews, 1);
  const coverage = requireProbability(where, 'coverage', params.coverage);
  const failoverRate =
    params.failoverRate === undefined ? undefined : requirePositive(where, 'failoverRate', params.failoverRate);
  let manualRate: number | undefined;
  if (params.manualRate !== undefined) manualRate = requirePositive(where, 'manualRate', params.manualRate);
  else if (coverage < 1 && n >= 2) {
    throw new RangeError(`${where}: manualRate is required when coverage < 1, got coverage ${quote(coverage)}`);
  }

  const up = (f: number): string => `up:${f}`;
  const switching = (f: number): string => `switching:${f}`;
  const stuck = (f: number): string => `stuck:${f}`;
  const allDown = `down:${n}`;
  const repairRate = (f: number): number => Math.min(f, crews) * mu;

  const hasSwitching = n >= 2 && failoverRate !== undefined && coverage > 0;
  const hasStuck = n >= 2 && coverage < 1;
  const states: string[] = [];
  for (let f = 0; f < n; f++) states.push(up(f));
  if (hasSwitching) for (let f = 0; f < n; f++) states.push(switching(f));
  if (hasStuck) for (let f = 0; f < n; f++) states.push(stuck(f));
  states.push(allDown);

  const transitions: Transition<string>[] = [];
  for (let f = 0; f < n; f++) {
    if (f > 0) {
      transitions.push({ from: up(f), to: up(f - 1), rate: repairRate(f) });
      if (hasSwitching) transitions.push({ from: switching(f), to: switching(f - 1), rate: repairRate(f) });
      if (hasStuck) transitions.push({ from: stuck(f), to: stuck(f - 1), rate: repairRate(f) });
    }
    if (f + 1 === n) {
      transitions.push({ from: up(f), to: allDown, rate: lambda });
    } else {
      if (coverage > 0) {
        transitions.push({ from: up(f), to: hasSwitching ? switching(f + 1) : up(f + 1), rate: coverage * lambda });
      }
      if (hasStuck) transitions.push({ from: up(f), to: stuck(f + 1), rate: (1 - coverage) * lambda });
    }
    if (hasSwitching) transitions.push({ from: switching(f), to: up(f), rate: failoverRate as number });
    if (hasStuck) transitions.push({ from: stuck(f), to: up(f), rate: manualRate as number });
  }
  transitions.push({ from: allDown, to: up(n - 1), rate: repairRate(n) });

  const chain = new Ctmc(transitions, { states });
  const isUp = (s: string): boolean => s.startsWith('up:');
  const availability = chain.probability(isUp);
  const outageFrequency = chain.exitFrequency(isUp);
  return {
    chain,
    pi: chain.steadyState(),
    upStates: states.filter(isUp),
    availability,
    outageFrequency,
    meanOutage: (1 - availability) / outageFrequency,
  };
}
