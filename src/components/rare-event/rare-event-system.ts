// The up/down structure a rare-event estimator is given: services of k-of-n replicas with
// exponential failures and repairs of any distribution by crew pools, zones with exponential outages
// of any duration, and the services that must be up. Samplers are asked for per measure.

/** The biased measure (importance sampling) or the true one. */
export type Measure = 'biased' | 'plain';

export interface RareEventService {
  readonly name: string;
  readonly replicas: number;
  /** Up while at least k replicas are up. */
  readonly k: number;
  /** Per replica: index into `zones`, or −1 (no zone with outages). */
  readonly zoneOf: readonly number[];
  /** Absent: the replicas never fail on their own. */
  readonly failure?: {
    /** Failure rate of one replica (1 / mean time to failure), per second. */
    readonly rate: number;
    /** Mean repair time, seconds (finite, ≥ 0). */
    readonly meanRepair: number;
    /**
     * The sampler of replica `index`'s repair times (≥ 0, seconds, drawn when a crew starts on
     * it) for the excursions of one measure; each measure asks once per replica.
     */
    readonly repair: (index: number, measure: Measure) => () => number;
  };
  /** Index into `pools`. */
  readonly pool: number;
}

export interface RareEventZone {
  readonly name: string;
  /** Outage rate (1 / mean time between outages), per second. */
  readonly rate: number;
  readonly meanDuration: number;
  /** The sampler of outage durations for the excursions of one measure. */
  readonly duration: (measure: Measure) => () => number;
}

export interface RareEventSystem {
  readonly services: readonly RareEventService[];
  readonly zones: readonly RareEventZone[];
  /** Crews per pool (Infinity: unlimited). */
  readonly pools: readonly number[];
  /** Indices of the services that must all be up for the system to be up. */
  readonly required: readonly number[];
}
