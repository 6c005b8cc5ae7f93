// Configuration of a request-level service (see service.ts for the behaviour).
import type { Rng } from '../../random/rng.js';
import type { RequestStatsOptions } from '../../metrics/request-stats.js';
import type { Balancer } from '../balancer/balancer.js';
import type { Locality } from '../balancer/locality.js';
import type { ReplicaGroup } from '../replica-group.js';
import { requireConfig } from '../../base/config-error.js';
import type { Invoker } from './invoker.js';
import type { NetworkLink } from '../network/network-link.js';
import type { LoadShedder } from '../../policies/load-shedder.js';
import type { Brownout } from '../../policies/brownout.js';
import type { OutlierDetector } from '../../policies/outlier-detection.js';

/** A downstream call made by every request of a service after its local processing. */
export interface DependencyConfig {
  /** Name used in failure causes (`dependency:<name>`), usually the callee service's name. */
  readonly name: string;
  /** The call path: a CallEdge to the callee, or a policy pipeline wrapping one. */
  readonly target: Invoker;
  /**
   * Optional dependency: its failure does not fail the request, which then succeeds "degraded"
   * (graceful degradation). Default false (mandatory).
   */
  readonly optional?: boolean;
  /** The network the call crosses (latency, loss); omit for none (no event per call). */
  readonly link?: NetworkLink;
}

/** How a service makes its downstream calls. */
export type CallMode = 'sequential' | 'parallel';

/** What a replica that is down but still routed to (not yet detected) does with a new request. */
export type DownBehaviour = 'refuse' | 'blackhole';

export interface ServiceConfig {
  /** Service name (error messages, stats). */
  readonly name: string;
  /** The replicas and which of them receive traffic now. */
  readonly group: ReplicaGroup;
  /** Picks a replica among `group.routable()` for each call (own random stream). */
  readonly balancer: Balancer;
  /** Concurrent requests per replica (worker slots), integer ≥ 1. */
  readonly capacity: number;
  /**
   * Waiting room per replica (FIFO), integer ≥ 0 or Infinity (default Infinity). A request that
   * finds all slots busy and the queue full is rejected at once (outcome 'rejected', cause
   * 'queue-full'). The system capacity of one replica is K = capacity + queueCapacity.
   */
  readonly queueCapacity?: number;
  /** Local processing time sampler, seconds (built by the caller with makeSampler). */
  readonly serviceTime: () => number;
  /**
   * Load-dependent latency k, seconds per concurrent request: a request starting service while n
   * OTHER requests hold slots at its replica takes serviceTime() + k·n (default 0). Evaluated once,
   * at the start of service.
   */
  readonly latencyPerConcurrent?: number;
  /** Probability that local processing ends in an error (outcome 'error', cause 'local-error'); default 0. */
  readonly errorProbability?: number;
  /** Uniform stream for error draws (e.g. `streams.stream('web.errors')`): needed because a replica may become erroring. */
  readonly errorRng: Rng;
  /** Downstream calls made after local processing (default none). */
  readonly calls?: readonly DependencyConfig[];
  /** 'sequential' (one after the other; stop at the first mandatory failure) or 'parallel' (fan-out, join on all). Default 'sequential'. */
  readonly callMode?: CallMode;
  /**
   * A request routed to a replica that is down (still routable until health checks detect it):
   * 'refuse' fails it at once (outcome 'error', cause 'replica-down', like a refused connection;
   * default); 'blackhole' never answers it (the caller's timeout is then the only way out).
   */
  readonly downBehaviour?: DownBehaviour;
  /** Options of the service's request statistics (latency resolution; `slo` in seconds). */
  readonly stats?: RequestStatsOptions;
  /**
   * Admission control: asked for every arriving request with the service's current load (queued
   * and in-service requests over all replicas, head-of-line age, utilisation of the replicas that
   * are up, the request's criticality); a shed request fails at once with outcome 'shed'.
   */
  readonly shedder?: LoadShedder;
  /**
   * Brownout (graceful degradation): while the service is overloaded, optional dependencies are
   * skipped and the request succeeds degraded, so critical work keeps its capacity.
   */
  readonly brownout?: Brownout;
  /**
   * Outlier detection in the load balancer (Envoy: consecutive 5xx, success rate, failure
   * percentage): a replica whose answers were `consecutive5xx` failures (errors, rejections,
   * timeouts, shed requests) in a row, or whose success rate over an interval is an outlier, is
   * ejected from balancing for a growing time.
   * Hosts are replica indices. Timeouts count only when the call edge's own timeout fires.
   */
  readonly outlierDetector?: OutlierDetector;
  /**
   * Locality-aware routing: calls from a placed caller replica go to the nearest tier of replicas
   * (same zone, same region, elsewhere) that is not saturated (balancer/locality.ts).
   */
  readonly locality?: Locality;
}

/** A ServiceConfig with every default filled in. */
export interface ResolvedServiceConfig extends Required<Omit<ServiceConfig, 'stats' | 'shedder' | 'brownout' | 'outlierDetector' | 'locality'>> {
  readonly locality: Locality | undefined;
  readonly stats: RequestStatsOptions;
  readonly shedder: LoadShedder | undefined;
  readonly brownout: Brownout | undefined;
  readonly outlierDetector: OutlierDetector | undefined;
}

/** Validates `c` (errors name the field and quote the value) and fills in defaults. */
export function resolveServiceConfig(c: ServiceConfig): ResolvedServiceConfig {
  const who = `service ${JSON.stringify(c.name)}`;
  requireConfig(typeof c.name === 'string' && c.name.length > 0, 'service', 'name', c.name, 'must be a non-empty string');
  requireConfig(c.group !== null && typeof c.group === 'object' && typeof c.group.routable === 'function', who, 'group', c.group, 'must be a ReplicaGroup');
  requireConfig(c.balancer !== null && typeof c.balancer === 'object' && typeof c.balancer.pick === 'function', who, 'balancer', c.balancer, 'must be a Balancer');
  requireConfig(Number.isInteger(c.capacity) && c.capacity >= 1, who, 'capacity', c.capacity, 'must be an integer ≥ 1');
  const queueCapacity = c.queueCapacity ?? Infinity;
  requireConfig(queueCapacity === Infinity || (Number.isInteger(queueCapacity) && queueCapacity >= 0), who, 'queueCapacity', queueCapacity, 'must be an integer ≥ 0 or Infinity');
  requireConfig(typeof c.serviceTime === 'function', who, 'serviceTime', c.serviceTime, 'must be a sampler () => seconds');
  const k = c.latencyPerConcurrent ?? 0;
  requireConfig(Number.isFinite(k) && k >= 0, who, 'latencyPerConcurrent', k, 'must be a finite number of seconds ≥ 0');
  const p = c.errorProbability ?? 0;
  requireConfig(p >= 0 && p <= 1, who, 'errorProbability', p, 'must be a probability in [0, 1]');
  requireConfig(typeof c.errorRng === 'function', who, 'errorRng', c.errorRng, 'must be an Rng () => [0, 1)');
  const calls = c.calls ?? [];
  calls.forEach((d, i) => {
    requireConfig(typeof d.name === 'string' && d.name.length > 0, who, `calls[${i}].name`, d.name, 'must be a non-empty string');
    requireConfig(d.target !== null && typeof d.target === 'object' && typeof d.target.invoke === 'function', who, `calls[${i}].target`, d.target, 'must be an Invoker');
  });
  const callMode = c.callMode ?? 'sequential';
  requireConfig(callMode === 'sequential' || callMode === 'parallel', who, 'callMode', callMode, "must be 'sequential' or 'parallel'");
  const downBehaviour = c.downBehaviour ?? 'refuse';
  requireConfig(downBehaviour === 'refuse' || downBehaviour === 'blackhole', who, 'downBehaviour', downBehaviour, "must be 'refuse' or 'blackhole'");
  c.group.replicas.forEach((r, i) =>
    requireConfig(r.index === i, who, `group.replicas[${i}].index`, r.index, `must equal its position ${i}`),
  );
  requireConfig(c.group.replicas.length > 0, who, 'group.replicas', c.group.replicas.length, 'must hold at least one replica');
  return {
    name: c.name,
    group: c.group,
    balancer: c.balancer,
    capacity: c.capacity,
    queueCapacity,
    serviceTime: c.serviceTime,
    latencyPerConcurrent: k,
    errorProbability: p,
    errorRng: c.errorRng,
    calls,
    callMode,
    downBehaviour,
    stats: c.stats ?? {},
    shedder: c.shedder,
    brownout: c.brownout,
    outlierDetector: c.outlierDetector,
    locality: c.locality,
  };
}
