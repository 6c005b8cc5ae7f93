// A call edge: the path from a caller (a workload, a service, a policy layer) to a service.
// `invoke` counts the call as offered to the service, picks a replica with the service's
// balancer among `group.routable()`, and hands the call to that replica's server.
//
// - No routable replica: the call fails at once with 'error', cause 'no-replica' (the service is
//   unavailable, which retry policies treat like any error; 'rejected' is kept for overload: a
//   full queue, a bulkhead).
// - Caller-side timeout (`timeout`, seconds): at the deadline the caller gets 'timeout' (cause
//   'deadline'); the server's work goes on, answering no one, unless `cancelOnAbandon`. The timeout
//   event runs at Priority.URGENT, so an answer due exactly at the deadline loses to it (a call is
//   'ok' only if it ends strictly before the deadline, as TimeoutPolicy.classify says).
// - `abandon(call)`: the caller stops waiting (its own caller gave up, a hedge lost...); the call
//   is counted as abandoned, not failed; with cancellation the server stops working on it.
//
// - Locality (`service.locality`, balancer/locality.ts): a call from a placed replica (or from a
//   workload origin, workload/client-origins.ts) is routed within the nearest tier of replicas
//   that is not saturated, then the balancer picks in it.
// - Network (`call.link`, set by the calling service or the workload's origins, and carried
//   through the policy layers): once a replica is picked the request travels to it for one
//   one-way latency draw (network/network-link.ts) before the service sees it; the service sends
//   the answer back over the same link. A zero draw schedules nothing. A request its caller abandons while in flight
//   never reaches the service (the connection is gone); a lost request (loss) never arrives.
//
// Policy pipelines wrap edges: every policy is an Invoker around an inner Invoker.
import type { Simulation } from '../../engine/simulation.js';
import { Priority } from '../../engine/priorities.js';
import { Call, type CallDone } from './call.js';
import { requireConfig } from '../../base/config-error.js';
import type { Invoker } from './invoker.js';
import type { Service } from './service.js';
import type { Replica } from '../replica.js';

export interface CallEdgeConfig {
  /** Caller-side timeout per call, seconds (> 0; default Infinity: wait forever). */
  readonly timeout?: number;
  /**
   * Whether giving up on a call (timeout, abandon) stops the server's work on it (deadline
   * propagation / cancellation). Default false: abandoned work keeps using the server, which is
   * what makes retry storms possible.
   */
  readonly cancelOnAbandon?: boolean;
}

export class CallEdge implements Invoker {
  readonly sim: Simulation;
  readonly target: Service;
  readonly timeout: number = 0;
  readonly cancelOnAbandon: boolean;

  constructor(sim: Simulation, target: Service, config: CallEdgeConfig = {}) {
    const timeout = config.timeout ?? Infinity;
    const who = `call edge to ${JSON.stringify(target.name)}`;
    requireConfig(timeout > 0, who, 'timeout', timeout, 'must be a number of seconds > 0 (or Infinity)');
    const cancel = config.cancelOnAbandon ?? false;
    requireConfig(typeof cancel === 'boolean', who, 'cancelOnAbandon', cancel, 'must be a boolean');
    this.sim = sim;
    this.target = target;
    this.timeout = timeout;
    this.cancelOnAbandon = cancel;
  }

  invoke(call: Call, done: CallDone): void {
    const svc = this.target;
    call.done = done;
    call.start = this.sim.now;
    svc.stats.offer();
    const routable = svc.routable();
    if (routable.length === 0) {
      call.replica = -1; // not routed (a reused Call may hold its previous replica)
      svc.deliver(call, 'error', 'no-replica', false);
      return;
    }
    if (this.timeout !== Infinity) this.armTimeout(call);
    // A call with no link, no replica to avoid and no policy layer above it goes straight to the
    // balancer's pick; the others take `route`.
    if (call.link !== null || call.avoid >= 0 || call.owner instanceof Call) {
      this.route(call, routable);
      return;
    }
    const replica = svc.balancer.pick(routable, svc.outstanding);
    call.replica = replica.index;
    svc.accept(call, replica);
  }

  /** Picks a replica among `routable` (non-empty) for a call with a link, a replica to avoid or policy layers above it, and sends it there. */
  private route(call: Call, routable: readonly Replica[]): void {
    const svc = this.target;
    if (svc.locality !== null && call.link !== null) routable = svc.locality.select(routable, svc.outstanding, call.link.callerZone(call.origin));
    const n = routable.length;
    let replica = svc.balancer.pick(routable, svc.outstanding);
    if (call.avoid >= 0 && replica.index === call.avoid && n > 1) replica = nextRoutable(routable, replica);
    // Tell the call and the policy layers' calls above it where it went.
    const index = replica.index;
    call.replica = index;
    if (call.owner instanceof Call) tagOwners(call.owner, index);
    if (call.link !== null) this.send(call, replica);
    else svc.accept(call, replica);
  }

  /** The request crosses `call.link` to `replica` (kept out of `invoke`). */
  private send(call: Call, replica: Replica): void {
    const link = call.link!;
    const lost = link.drawLoss();
    if (lost === 1) {
      link.lost.inc(); // the caller hears nothing; its timeout ends the call
      return;
    }
    call.replyLost = lost === 2;
    const d = link.oneWay(call.origin, replica.index);
    if (d > 0) call.hop = this.sim._scheduleShort(d, this.onArrive, call, Priority.NORMAL);
    else this.target.accept(call, replica);
  }

  private readonly onArrive = (call: Call): void => {
    call.hop = -1;
    const svc = this.target;
    svc.accept(call, svc.group.replicas[call.replica]!);
  };

  private armTimeout(call: Call): void {
    call.timer = this.sim._scheduleShort(this.timeout, this.onTimeout, call, Priority.URGENT);
  }

  abandon(call: Call, cancel: boolean = this.cancelOnAbandon): void {
    if (call.done === null) return;
    call.done = null;
    this.target.detach(call, cancel);
    // A caller's deadline passing is a timeout of this service's call, not the caller's choice.
    if (call.timedOut) this.target.stats.complete(call.start, this.sim.now, 'timeout', false);
    else this.target.stats.abandon(call.start);
  }

  private readonly onTimeout = (call: Call): void => {
    call.timer = -1;
    const svc = this.target;
    svc.detach(call, this.cancelOnAbandon);
    // Cancelling the job may complete other calls at once, whose callers may abandon this one.
    if (call.done === null) return;
    svc.deliver(call, 'timeout', 'deadline', false);
  };
}

/** Sets `replica` on a policy layer's call and on its Call ancestors (kept out of `invoke`). */
function tagOwners(call: Call, replica: number): void {
  for (let c: unknown = call; c instanceof Call; c = c.owner) c.replica = replica;
}

/** Hedging asks for another replica than `avoided`: the next routable one after it. */
function nextRoutable(routable: readonly Replica[], avoided: Replica): Replica {
  return routable[(routable.indexOf(avoided) + 1) % routable.length]!;
}
