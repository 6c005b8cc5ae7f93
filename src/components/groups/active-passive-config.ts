// The configuration of an active-passive group (active-passive.ts) and its checks: every error
// names the group and the field and quotes the offending value.
import type { Rng } from '../../random/rng.js';
import type { Replica } from '../replica.js';
import { ConfigError } from '../../base/config-error.js';
import { requireProbability } from '../../stats/validate.js';
import { requireName, requireOneOf, requireRng, requireSampler } from '../failure/config-checks.js';
import { checkDetection, type FailureDetection } from './failure-detection.js';

export type StandbyKind = 'hot' | 'warm' | 'cold';
export type FailbackPolicy = 'none' | 'auto';

/** What the group pauses / resumes for cold standbys (a FailureProcess). */
export interface FailureClock {
  pause(): void;
  resume(): void;
}

export interface ActivePassiveConfig {
  /** Group name (usually the service name). */
  readonly name: string;
  /** The replicas; replicas[0] is the original primary, the others standbys in order of preference. */
  readonly replicas: readonly Replica[];
  /** Standby kind (default 'hot'). */
  readonly standby?: StandbyKind;
  /** Warm / cold: seconds to start a standby at promotion, added to the promotion delay (default 0). Not allowed for hot. */
  readonly startupDelay?: () => number;
  /** Failure detection of the primary (default: fixed, 0 s). */
  readonly detection?: FailureDetection;
  /** Seconds from detection (or from a repair when no standby was up) to the promoted replica serving (default 0). */
  readonly promotionDelay?: () => number;
  /** Probability that an automatic failover works (default 1). */
  readonly coverage?: number;
  /** Draws whether a failover works; required when 0 < coverage < 1. */
  readonly coverageRng?: Rng;
  /** Seconds of manual recovery after a failed failover; required when coverage < 1. */
  readonly manualRecovery?: () => number;
  /** Failback to replicas[0] once repaired (default 'none'). */
  readonly failback?: FailbackPolicy;
  /** 'auto': seconds between the repair of replicas[0] and the switch back (default 0). */
  readonly failbackDelay?: () => number;
  /** 'auto': seconds the service is down during the switch back (default 0). */
  readonly failbackOutage?: () => number;
  /** Cold standbys: the failure process of each replica (same order as replicas), paused while it idles. */
  readonly failureProcesses?: readonly (FailureClock | undefined)[];
}

const zero = (): number => 0;

/** A checked config, defaults filled. */
export interface ResolvedActivePassiveConfig {
  readonly name: string;
  /** How errors name the group. */
  readonly where: string;
  readonly replicas: readonly Replica[];
  readonly standby: StandbyKind;
  readonly startupDelay: () => number;
  readonly detection: FailureDetection;
  readonly promotionDelay: () => number;
  readonly coverage: number;
  readonly coverageRng: Rng | undefined;
  readonly manualRecovery: () => number;
  readonly failback: FailbackPolicy;
  readonly failbackDelay: () => number;
  readonly failbackOutage: () => number;
  readonly clocks: readonly (FailureClock | undefined)[];
}

/** Checks `config` (the first problem throws a ConfigError) and fills its defaults. */
export function resolveActivePassiveConfig(config: ActivePassiveConfig): ResolvedActivePassiveConfig {
  const name = requireName('active-passive group', 'name', config.name);
  const where = `active-passive group "${name}"`;
  if (!Array.isArray(config.replicas) || config.replicas.length === 0) {
    throw new ConfigError(`${where}: replicas must be a non-empty array, got ${String(config.replicas)}`);
  }
  const replicas = [...config.replicas];
  const standby = config.standby === undefined ? 'hot' : requireOneOf(where, 'standby', config.standby, ['hot', 'warm', 'cold'] as const);
  if (config.startupDelay !== undefined && standby === 'hot') {
    throw new ConfigError(`${where}: startupDelay is only allowed with standby 'warm' or 'cold', got standby "hot"`);
  }
  const startupDelay = config.startupDelay === undefined ? zero : requireSampler(where, 'startupDelay', config.startupDelay);
  const detection = checkDetection(where, config.detection ?? { kind: 'fixed', delay: 0 });
  const promotionDelay = config.promotionDelay === undefined ? zero : requireSampler(where, 'promotionDelay', config.promotionDelay);
  const coverage = config.coverage === undefined ? 1 : requireProbability(where, 'coverage', config.coverage);
  const coverageRng = coverage > 0 && coverage < 1 ? requireRng(where, 'coverageRng', config.coverageRng) : config.coverageRng;
  if (coverage < 1 && config.manualRecovery === undefined) {
    throw new ConfigError(`${where}: manualRecovery is required when coverage < 1, got coverage ${coverage}`);
  }
  const manualRecovery = config.manualRecovery === undefined ? zero : requireSampler(where, 'manualRecovery', config.manualRecovery);
  const failback = config.failback === undefined ? 'none' : requireOneOf(where, 'failback', config.failback, ['none', 'auto'] as const);
  if (failback === 'none') {
    for (const k of ['failbackDelay', 'failbackOutage'] as const) {
      if (config[k] !== undefined) throw new ConfigError(`${where}: ${k} is only allowed with failback 'auto', got failback "none"`);
    }
  }
  const failbackDelay = config.failbackDelay === undefined ? zero : requireSampler(where, 'failbackDelay', config.failbackDelay);
  const failbackOutage = config.failbackOutage === undefined ? zero : requireSampler(where, 'failbackOutage', config.failbackOutage);
  const clocks = config.failureProcesses ?? [];
  if (!Array.isArray(clocks) || clocks.length > replicas.length) {
    throw new ConfigError(`${where}: failureProcesses must be an array of at most ${replicas.length} entries, got ${String(clocks)}`);
  }
  return { name, where, replicas, standby, startupDelay, detection, promotionDelay, coverage, coverageRng, manualRecovery, failback, failbackDelay, failbackOutage, clocks };
}
