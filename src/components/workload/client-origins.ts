// Where a workload's requests come from: each request draws its origin (one uniform from its own
// stream) among places with given shares, and travels to the entry service over a network link
// whose "caller replicas" are those places. The link then prices the hop from the origin's zone
// to the entry replica's zone, on the request and again on the response (network/network-link.ts),
// and the entry service's locality routes by the origin's zone (balancer/locality.ts).
//
// With `groups`, the requests of each group of origins (e.g. the zones of a region) are also
// counted apart, as the workload counts them (per class, the same arrival window), in
// `groups.stats`; the wrapper then hears every answer before the workload does.
//
// An Invoker wrapped around one workload's target: a workload without origins does not have it,
// so its requests pay nothing for the feature.
import type { Rng } from '../../random/rng.js';
import { requireConfig } from '../../base/config-error.js';
import type { Call, CallDone } from '../service/call.js';
import type { Invoker } from '../service/invoker.js';
import type { NetworkLink } from '../network/network-link.js';
import type { WorkloadStats } from './workload-stats.js';

/** Origins counted by group: the group of each origin and each group's statistics. */
export interface OriginGroups {
  /** Group index of each origin (by origin index). */
  readonly groupOf: Int32Array;
  /** Statistics per group, with the workload's classes. */
  readonly stats: readonly WorkloadStats[];
}

export interface ClientOriginsConfig {
  /** The link to the entry service; its caller index i is origin i. */
  readonly link: NetworkLink;
  /** Share of the requests from each origin (> 0, summing to 1). */
  readonly shares: readonly number[];
  /** Uniform stream for the origin draws, e.g. `streams.stream('workload.origin')`. */
  readonly rng: Rng;
  /** Count the requests by group of origins (omit: not counted apart). */
  readonly groups?: OriginGroups;
}

export class ClientOrigins implements Invoker {
  private readonly inner: Invoker;
  private readonly link: NetworkLink;
  private readonly rng: Rng;
  /** cumulative[i] = shares[0] + … + shares[i]; the last is treated as 1. */
  private readonly cumulative: Float64Array;
  private readonly last: number = 0;
  private readonly groups: OriginGroups | null;
  /** The workload's completion callback (the same for all its requests). */
  private callerDone: CallDone | null = null;

  constructor(inner: Invoker, c: ClientOriginsConfig) {
    const who = `origins of ${JSON.stringify(c.link.name)}`;
    requireConfig(c.shares.length >= 1, who, 'shares', c.shares, 'must list at least one origin');
    let sum = 0;
    c.shares.forEach((s, i) => {
      requireConfig(s > 0 && s <= 1, who, `shares[${i}]`, s, 'must be a share in (0, 1]');
      sum += s;
    });
    requireConfig(Math.abs(sum - 1) <= 1e-9, who, 'shares', sum, 'must sum to 1');
    requireConfig(typeof c.rng === 'function', who, 'rng', c.rng, 'must be an Rng');
    const g = c.groups;
    if (g !== undefined) {
      requireConfig(g.groupOf.length === c.shares.length, who, 'groups.groupOf.length', g.groupOf.length, `must be the number of origins (${c.shares.length})`);
      for (const k of g.groupOf) requireConfig(k >= 0 && k < g.stats.length, who, 'groups.groupOf', k, `must be a group index < ${g.stats.length}`);
    }
    this.groups = g ?? null;
    this.inner = inner;
    this.link = c.link;
    this.rng = c.rng;
    this.cumulative = new Float64Array(c.shares.length);
    let cum = 0;
    c.shares.forEach((s, i) => {
      cum += s;
      this.cumulative[i] = cum;
    });
    this.last = c.shares.length - 1;
  }

  /** The origin of one request: one uniform u, the first origin whose cumulative share exceeds u. */
  private draw(): number {
    const u = this.rng();
    const cum = this.cumulative;
    const last = this.last;
    let i = 0;
    while (i < last && u >= cum[i]!) i++;
    return i;
  }

  invoke(call: Call, done: CallDone): void {
    const origin = this.draw();
    call.link = this.link;
    call.origin = origin;
    const g = this.groups;
    if (g === null) {
      this.inner.invoke(call, done);
      return;
    }
    g.stats[g.groupOf[origin]!]!.offer(call.cls);
    this.callerDone = done;
    this.inner.invoke(call, this.onDone);
  }

  private readonly onDone = (call: Call): void => {
    const g = this.groups!;
    g.stats[g.groupOf[call.origin]!]!.complete(call);
    this.callerDone!(call);
  };

  abandon(call: Call, cancel?: boolean): void {
    this.inner.abandon(call, cancel);
  }
}
