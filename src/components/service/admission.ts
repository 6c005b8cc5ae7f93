// What a service's policies read of its load and do with it: load shedding and brownout at the
// arrival of a call (from the load signals of its servers), and outlier detection on the
// routing (ejected replicas are left out) and on every answer. Their metrics are kept here too.
import type { Simulation } from '../../engine/simulation.js';
import type { StatsRecord } from '../../metrics/request-stats.js';
import type { Brownout } from '../../policies/brownout.js';
import type { AdmissionSignals, LoadShedder } from '../../policies/load-shedder.js';
import type { Outcome } from '../../policies/outcome.js';
import type { OutlierDetector } from '../../policies/outlier-detection.js';
import type { Replica } from '../replica.js';
import type { Call } from './call.js';
import type { ReplicaServer, ServerLedger } from './replica-server.js';

export interface AdmissionPolicies {
  readonly shedder: LoadShedder | undefined;
  readonly brownout: Brownout | undefined;
  readonly outlierDetector: OutlierDetector | undefined;
}

export class ServiceAdmission {
  /** Whether arrivals go through brownout bookkeeping or load shedding. */
  readonly onArrival: boolean;
  /** Whether the service has a brownout policy. */
  readonly hasBrownout: boolean;
  private readonly sim: Simulation;
  private readonly servers: readonly ReplicaServer[];
  private readonly ledger: ServerLedger;
  private readonly capacity: number = 0;
  private readonly shedder: LoadShedder | undefined;
  private readonly brownout: Brownout | undefined;
  private readonly outliers: OutlierDetector | undefined;
  private brownoutSince = 0;
  private ejectionsAtReset = 0;
  private brownoutTime = 0;

  constructor(sim: Simulation, servers: readonly ReplicaServer[], ledger: ServerLedger, capacity: number, policies: AdmissionPolicies) {
    this.sim = sim;
    this.servers = servers;
    this.ledger = ledger;
    this.capacity = capacity;
    this.shedder = policies.shedder;
    this.brownout = policies.brownout;
    this.outliers = policies.outlierDetector;
    this.onArrival = policies.shedder !== undefined || policies.brownout !== undefined;
    this.hasBrownout = policies.brownout !== undefined;
  }

  /**
   * The replicas a call may be sent to among `all` (the group's routable ones): less those ejected
   * by outlier detection (all of them if every one is ejected, like Envoy's panic routing).
   */
  routable(all: readonly Replica[]): readonly Replica[] {
    return this.outliers === undefined ? all : this.notEjected(all);
  }

  /** `all` less the replicas ejected by outlier detection (all of them if every one is ejected). */
  private notEjected(all: readonly Replica[]): readonly Replica[] {
    const od = this.outliers!;
    const now = this.sim.now;
    let ejected = 0;
    for (const r of all) if (od.isEjected(r.index, now)) ejected++;
    if (ejected === 0 || ejected === all.length) return all;
    return all.filter((r) => !od.isEjected(r.index, now));
  }

  /** Ejections by outlier detection since the start, over all replicas. */
  private ejections(): number {
    const od = this.outliers!;
    let n = 0;
    for (let i = 0; i < this.servers.length; i++) n += od.ejectionCount(i);
    return n;
  }

  /** The service's load now, as admission control and brownout read it. */
  loadSignals(critical: boolean): AdmissionSignals {
    const now = this.sim.now;
    let queued = 0;
    let busy = 0;
    let up = 0;
    let oldest = now;
    for (const server of this.servers) {
      if (server.replica.isUp) up++;
      busy += server.busy;
      queued += server.queue.live;
      const head = server.queue.peek();
      if (head !== null && head.call !== null && head.call.start < oldest) oldest = head.call.start;
    }
    return {
      queueLength: queued,
      inFlight: busy + queued,
      oldestQueuedAgeS: now - oldest,
      utilisation: busy / (this.capacity * Math.max(1, up)),
      critical,
    };
  }

  /** Whether the service is in brownout now (re-evaluated from the current load). */
  inBrownout(): boolean {
    const b = this.brownout!;
    const now = this.sim.now;
    const wasIn = b.state === 'brownout';
    const s = this.loadSignals(true);
    const isIn = b.update(now, { utilisation: s.utilisation, queueDelayS: s.oldestQueuedAgeS }) === 'brownout';
    if (isIn && !wasIn) this.brownoutSince = now;
    else if (!isIn && wasIn) this.brownoutTime += now - Math.max(this.brownoutSince, this.ledger.statsSince);
    return isIn;
  }

  /** Brownout bookkeeping and load shedding at the arrival of `call`; false when it is shed. */
  admit(call: Call): boolean {
    // Keep the brownout state (and its time accounting) current as requests arrive.
    if (this.brownout !== undefined) this.inBrownout();
    return !(this.shedder !== undefined && this.shedder.admit(this.sim.now, this.loadSignals(call.critical)) === 'shed');
  }

  /**
   * Tells outlier detection, if any, how a call routed to `replica` ended: an answer ('ok', or
   * 'fallback' from a degraded path) is a success; an error, a rejection, a timeout or a shed
   * request (a 503 from admission control, which Envoy counts as a 5xx like any other) is a failure.
   */
  reportOutcome(replica: number, now: number, outcome: Outcome): void {
    if (this.outliers !== undefined) this.outliers.onResult(replica, now, outcome === 'ok' || outcome === 'fallback');
  }

  resetStats(): void {
    this.brownoutTime = 0;
    if (this.outliers !== undefined) this.ejectionsAtReset = this.ejections();
  }

  /** The policies' metrics since the last reset (`optionalSkipped`: the service's count). */
  record(now: number, optionalSkipped: number): StatsRecord {
    return {
      ...(this.brownout !== undefined
        ? { brownout_pct: (100 * this.brownoutTimeSince(now)) / (now - this.ledger.statsSince), optional_skipped_count: optionalSkipped }
        : {}),
      ...(this.outliers !== undefined ? { outlier_ejections_count: this.ejections() - this.ejectionsAtReset } : {}),
    };
  }

  private brownoutTimeSince(now: number): number {
    const open = this.brownout!.state === 'brownout' ? now - Math.max(this.brownoutSince, this.ledger.statsSince) : 0;
    return this.brownoutTime + open;
  }}
