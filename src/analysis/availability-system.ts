/**
 * The state-level structure of an HA system, as the exact availability solver reads it: services
 * of replicas with a serving mode, per-replica failures, repair-crew pools and zones with outages.
 * Plain numbers and names only; a model translates its own parameters into this shape (and names
 * each field by its path in the experiment file, for the reasons given when no exact answer
 * exists).
 */

/** How a duration is distributed, as far as exactness is concerned. */
export type TimingKind =
  /** Exponential: memoryless, a rate in a Markov chain. */
  | 'exponential'
  /** Always 0: an immediate step. */
  | 'zero'
  /** A distribution with a density (uniform of positive width, lognormal, weibull, gamma, ...). */
  | 'continuous'
  /** Concentrated on isolated values (a positive constant, an empirical list of values). */
  | 'lattice';

export interface Timing {
  readonly kind: TimingKind;
  /** Mean in seconds (finite, ≥ 0). */
  readonly mean: number;
  /** The distribution's name for messages (exponential, weibull, constant, ...). */
  readonly family: string;
  /** Where it is given, e.g. `services.db.failure.ttf`. */
  readonly path: string;
}

export interface ReplicaFailure {
  /** Operating time to failure of one replica. */
  readonly ttf: Timing;
  /** Crew working time to repair it. */
  readonly ttr: Timing;
  /**
   * Share of failures that crash the replica (down until repaired); the others (slow, erroring)
   * leave it up but still take a crew for the repair time. 1 when every failure is a crash.
   */
  readonly crashFraction: number;
  /** Where the failure modes are given (for messages). */
  readonly modesPath: string;
}

export type ServiceMode =
  /** Up while at least k replicas are up (active-active minReplicas, quorum). */
  | { readonly kind: 'k-of-n'; readonly k: number }
  /**
   * One primary serves; on its failure, detection, then promotion (+ start-up for warm / cold) of
   * the first up standby with probability `coverage`, else manual recovery; with no standby up,
   * the first replica back is promoted (see src/components/groups/active-passive.ts; failback
   * 'none').
   */
  | {
      readonly kind: 'active-passive';
      readonly standby: 'hot' | 'warm' | 'cold';
      readonly detection: Timing;
      readonly promotion: Timing;
      /** Start-up of a warm or cold standby, added to the promotion (ignored for hot). */
      readonly startup: Timing;
      readonly coverage: number;
      /** Manual recovery after a failed failover (used when coverage < 1). */
      readonly manual: Timing;
    };

export interface ServiceStructure {
  readonly name: string;
  /** e.g. `services.db`. */
  readonly path: string;
  readonly replicas: number;
  /** Per replica (by index): index into `zones` of the zone it sits in, or -1 (no zone with outages). */
  readonly zoneOf: readonly number[];
  readonly mode: ServiceMode;
  /** Absent: the replicas never fail on their own. */
  readonly failure?: ReplicaFailure;
  /** Index into `pools` of the crews that repair its replicas. */
  readonly pool: number;
}

export interface ZoneStructure {
  readonly name: string;
  /** Time between outages (from the end of one to the start of the next). */
  readonly ttf: Timing;
  /** Outage duration. */
  readonly ttr: Timing;
}

export interface CrewPool {
  /** e.g. `repairCrews` or `services.db.repairCrews`. */
  readonly path: string;
  /** Crews (Infinity: unlimited); a failed replica waits, first come first served, for a free one. */
  readonly crews: number;
}

export interface AvailabilitySystem {
  readonly services: readonly ServiceStructure[];
  /** Zones with an outage process (zones without one change nothing and are left out). */
  readonly zones: readonly ZoneStructure[];
  readonly pools: readonly CrewPool[];
  /** Services that must all be up for the system to be up. */
  readonly required: readonly string[];
  /**
   * Features the structure above cannot express (scheduled faults, health checks, heartbeats,
   * ...), each as one phrase naming its path; the first one is the reason no exact answer exists.
   */
  readonly obstacles: readonly string[];
}
