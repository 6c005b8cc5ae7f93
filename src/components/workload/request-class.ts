// Request classes of a workload: each request belongs to one class, chosen independently with
// probability `share` from a dedicated random stream (e.g. `streams.stream('workload.class')`),
// so that adding a class never shifts the arrival times. Classes carry a criticality (what load
// shedding may drop: 'optional' requests first) and a latency SLO.
import type { Rng } from '../../random/rng.js';
import { requireConfig } from '../../base/config-error.js';

export type Criticality = 'critical' | 'optional';

export interface RequestClassConfig {
  /** Class name (stats prefix), unique within the workload. */
  readonly name: string;
  /** Fraction of the requests in this class, in (0, 1]; the shares of a workload sum to 1. */
  readonly share: number;
  /** 'critical' (default) or 'optional'. */
  readonly criticality?: Criticality;
  /** Latency objective, seconds (> 0; default Infinity: every success meets it). */
  readonly slo?: number;
}

export interface RequestClass {
  readonly name: string;
  readonly share: number;
  readonly criticality: Criticality;
  readonly critical: boolean;
  readonly slo: number;
}

/** The default when a workload names no class. */
export const DEFAULT_CLASS: RequestClassConfig = Object.freeze({ name: 'default', share: 1 });

/** Validates classes (names unique, shares in (0, 1] summing to 1 within 1e-9) and picks them. */
export class ClassTable {
  readonly classes: readonly RequestClass[];
  private readonly cumulative: Float64Array;
  private readonly rng: Rng | undefined;

  constructor(owner: string, configs: readonly RequestClassConfig[], rng: Rng | undefined) {
    requireConfig(Array.isArray(configs) && configs.length > 0, owner, 'classes', configs, 'must be a non-empty list');
    const seen = new Set<string>();
    this.classes = configs.map((c, i) => {
      requireConfig(typeof c.name === 'string' && c.name.length > 0, owner, `classes[${i}].name`, c.name, 'must be a non-empty string');
      requireConfig(!seen.has(c.name), owner, `classes[${i}].name`, c.name, 'duplicates another class name');
      seen.add(c.name);
      requireConfig(c.share > 0 && c.share <= 1, owner, `classes.${c.name}.share`, c.share, 'must be in (0, 1]');
      const criticality = c.criticality ?? 'critical';
      requireConfig(criticality === 'critical' || criticality === 'optional', owner, `classes.${c.name}.criticality`, criticality, "must be 'critical' or 'optional'");
      const slo = c.slo ?? Infinity;
      requireConfig(slo > 0, owner, `classes.${c.name}.slo`, slo, 'must be a number of seconds > 0');
      return Object.freeze({ name: c.name, share: c.share, criticality, critical: criticality === 'critical', slo });
    });
    const total = this.classes.reduce((s, c) => s + c.share, 0);
    requireConfig(Math.abs(total - 1) <= 1e-9, owner, 'classes[*].share', total, 'shares must sum to 1');
    this.cumulative = new Float64Array(this.classes.length);
    let acc = 0;
    this.classes.forEach((c, i) => {
      acc += c.share / total;
      this.cumulative[i] = acc;
    });
    this.cumulative[this.classes.length - 1] = 1;
    requireConfig(this.classes.length === 1 || typeof rng === 'function', owner, 'classRng', rng, 'is required with more than one class');
    this.rng = rng;
  }

  /** Index of the class of the next request (no draw with a single class). */
  pick(): number {
    const cum = this.cumulative;
    const n = cum.length;
    if (n === 1) return 0;
    const u = this.rng!();
    for (let i = 0; i < n - 1; i++) if (u < cum[i]!) return i;
    return n - 1;
  }
}
