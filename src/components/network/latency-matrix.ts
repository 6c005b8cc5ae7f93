// One-way network latency between places (zones): a class per ordered pair of zones (same zone,
// cross-zone within a region, cross-region, or an explicit pair), each class a sampler drawn
// afresh for every message. Zones are numbered by the caller; -1 means "no place" (0 latency).
import { requireConfig } from '../../base/config-error.js';

export class LatencyMatrix {
  /** Number of zones. */
  readonly size: number = 0;
  /** classOf[a · size + b]: index into `samplers` for a message from zone a to zone b, or -1 for none. */
  private readonly classOf: Int32Array;
  private readonly samplers: readonly (() => number)[];

  /**
   * `classOf` holds size × size entries (row = sender zone), each an index into `samplers` or -1
   * (no latency between those zones).
   */
  constructor(size: number, classOf: Int32Array, samplers: readonly (() => number)[]) {
    requireConfig(Number.isInteger(size) && size >= 0, 'latency matrix', 'size', size, 'must be an integer ≥ 0');
    requireConfig(classOf.length === size * size, 'latency matrix', 'classOf.length', classOf.length, `must be size² = ${size * size}`);
    for (const c of classOf) requireConfig(c >= -1 && c < samplers.length, 'latency matrix', 'classOf', c, `must be -1 or an index < ${samplers.length}`);
    this.size = size;
    this.classOf = classOf;
    this.samplers = samplers;
  }

  /** One draw of the latency from zone `a` to zone `b`, seconds (0 when either is -1). */
  between(a: number, b: number): number {
    if (a < 0 || b < 0) return 0;
    const c = this.classOf[a * this.size + b]!;
    return c < 0 ? 0 : this.samplers[c]!();
  }
}
