// The network between a caller service and a callee service (one call edge): the edge's own
// one-way latency, the zone latency matrix between the caller's replica and the callee's replica,
// and message loss. A Call carries its link (`Call.link`) and the caller's replica (`Call.origin`)
// down through the policy layers to the call edge, which routes the call and then sends it; the
// callee service sends the answer back over the same link (src/components/service/call-edge.ts,
// service.ts).
//
// Semantics (all times in seconds):
// - One-way latency of a message = edge latency draw + matrix draw between the two replicas'
//   zones; the request and the response each pay their own draws. A draw of 0 schedules nothing.
// - Loss: a call is lost with probability `loss` (one uniform u per call): the request when
//   u < loss/2 (it never reaches the callee), otherwise the response when u < loss (the callee
//   does the work, the answer never arrives). Either way the caller hears nothing: only its
//   timeout ends the call, which then counts as a timeout.
import type { Rng } from '../../random/rng.js';
import { requireConfig } from '../../base/config-error.js';
import { Counter } from '../../metrics/counter.js';
import type { LatencyMatrix } from './latency-matrix.js';

export interface NetworkLinkConfig {
  /** Name for error messages, e.g. 'web_to_db'. */
  readonly name: string;
  /** The edge's own one-way latency sampler (omit: none). */
  readonly latency?: () => number;
  /** Zone latencies (omit: none). */
  readonly matrix?: LatencyMatrix;
  /** Zone index of each caller replica (by replica index; -1: no zone). Needed with `matrix`. */
  readonly callerZones?: Int32Array;
  /** Zone index of each callee replica (by replica index; -1: no zone). Needed with `matrix`. */
  readonly calleeZones?: Int32Array;
  /** Probability that a call is lost, in [0, 1) (default 0). */
  readonly loss?: number;
  /** Uniform stream for loss draws (needed when loss > 0). */
  readonly lossRng?: Rng;
}

export class NetworkLink {
  readonly name: string;
  readonly loss: number = 0;
  /** Messages lost since the last reset (requests and responses). */
  readonly lost = new Counter();
  private readonly latency: (() => number) | null;
  private readonly matrix: LatencyMatrix | null;
  private readonly callerZones: Int32Array;
  private readonly calleeZones: Int32Array;
  private readonly lossRng: Rng | null;

  constructor(c: NetworkLinkConfig) {
    const who = `network link ${JSON.stringify(c.name)}`;
    this.name = c.name;
    const loss = c.loss ?? 0;
    requireConfig(loss >= 0 && loss < 1, who, 'loss', loss, 'must be a probability in [0, 1)');
    requireConfig(loss === 0 || typeof c.lossRng === 'function', who, 'lossRng', c.lossRng, 'must be an Rng when loss > 0');
    requireConfig(c.matrix === undefined || (c.callerZones !== undefined && c.calleeZones !== undefined), who, 'callerZones', c.callerZones, 'must be given with a matrix (and calleeZones)');
    this.loss = loss;
    this.lossRng = c.lossRng ?? null;
    this.latency = c.latency ?? null;
    this.matrix = c.matrix ?? null;
    this.callerZones = c.callerZones ?? new Int32Array(0);
    this.calleeZones = c.calleeZones ?? new Int32Array(0);
  }

  /**
   * One draw of the one-way latency between caller replica `origin` (-1: a caller without a
   * place) and callee replica `target`, either way.
   */
  oneWay(origin: number, target: number): number {
    let d = this.latency !== null ? this.latency() : 0;
    if (this.matrix !== null && origin >= 0) d += this.matrix.between(this.callerZones[origin] ?? -1, this.calleeZones[target] ?? -1);
    return d;
  }

  /**
   * The loss draw of one call: 0 delivered, 1 request lost, 2 response lost. Draws nothing
   * without loss.
   */
  drawLoss(): number {
    if (this.loss === 0) return 0;
    const u = this.lossRng!();
    return u < this.loss / 2 ? 1 : u < this.loss ? 2 : 0;
  }

  /** Zone index of caller replica `origin` (-1 when none). */
  callerZone(origin: number): number {
    return origin >= 0 ? (this.callerZones[origin] ?? -1) : -1;
  }

  resetStats(): void {
    this.lost.resetStats();
  }
}
