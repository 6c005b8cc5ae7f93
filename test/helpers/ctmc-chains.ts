// CTMCs for validating the HA groups that src/analysis does not provide.
import { Ctmc, type Transition } from '../../src/analysis/index.js';

export interface ActivePassivePairParams {
  /** 'hot': idle standbys fail at rate λ; 'cold': only the serving primary fails. */
  readonly standby: 'hot' | 'cold';
  /** Failure rate of a running replica (per second). */
  readonly lambda: number;
  /** Repair rate of one crew (per second). */
  readonly mu: number;
  /** Repair crews (1, 2 or Infinity). */
  readonly crews: number;
  /** Failover coverage. */
  readonly coverage: number;
  /** Manual recovery rate after a failed failover (required if coverage < 1). */
  readonly manualRate?: number;
  /** Promotion rate (exponential promotion delay); omitted = instantaneous promotion. */
  readonly promotionRate?: number;
}

/**
 * Two replicas in an active-passive group (failure detection instantaneous, failback 'none'),
 * as ActivePassiveGroup implements it. States:
 *   S1 serving, standby up        S0 serving, standby down (failed)
 *   P1 promoting, other replica up P0 promoting, other replica down   (only with promotionRate)
 *   M2 / M1 / M0 manual recovery with 2 / 1 / 0 replicas up             (only with coverage < 1)
 *   W  waiting: no replica up
 * Transitions (f = failed replicas, repairs at min(f, crews)·μ):
 *   S1 → promote(0) at cλ, → M1 at (1−c)λ, → S0 at λ (hot standby fails)
 *   S0 → W at λ, → S1 at μ
 *   P0 → P1 at μ, → S0 at δ, → W at λ (hot: the replica being promoted fails)
 *   P1 → S1 at δ, hot: → P0 at 2λ (target fails: the other is promoted; or the other fails)
 *   M_u → (u = 2: S1, u = 1: S0, u = 0: W) at ν; repairs M_u → M_{u+1}; hot: M_u → M_{u−1} at uλ
 *   W → promote(0) at min(2, crews)·μ
 * where promote(k) is P_k with a promotion rate, else S_k.
 */
export function activePassivePair(p: ActivePassivePairParams): { chain: Ctmc<string>; availability: number } {
  const { lambda: l, mu, crews, coverage: c } = p;
  const hot = p.standby === 'hot';
  const rep = (f: number): number => Math.min(f, crews) * mu;
  const d = p.promotionRate;
  const promote = (k: number): string => (d === undefined ? `S${k}` : `P${k}`);
  const t: Transition<string>[] = [];
  const add = (from: string, to: string, rate: number): void => {
    if (rate > 0 && from !== to) t.push({ from, to, rate });
  };
  add('S1', promote(0), c * l);
  if (c < 1) add('S1', 'M1', (1 - c) * l);
  if (hot) add('S1', 'S0', l);
  add('S0', 'W', l);
  add('S0', 'S1', rep(1));
  if (d !== undefined) {
    add('P0', 'P1', rep(1));
    add('P0', 'S0', d);
    if (hot) add('P0', 'W', l);
    add('P1', 'S1', d);
    if (hot) add('P1', 'P0', 2 * l);
  }
  if (c < 1) {
    const nu = p.manualRate as number;
    add('M2', 'S1', nu);
    add('M1', 'S0', nu);
    add('M0', 'W', nu);
    add('M1', 'M2', rep(1));
    add('M0', 'M1', rep(2));
    if (hot) {
      add('M2', 'M1', 2 * l);
      add('M1', 'M0', l);
    }
  }
  add('W', promote(0), rep(2));
  const chain = new Ctmc(t);
  return { chain, availability: chain.probability((s) => s.startsWith('S')) };
}
