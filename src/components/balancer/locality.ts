// Locality-aware routing (Envoy zone-aware routing and priority levels, simplified): the routable
// replicas are split into tiers by distance from the calling replica: its own zone, then the
// rest of its region (prefer 'zone'), or its region first (prefer 'region'), then everything
// else. A call goes to the nearest tier that has a routable replica and is not saturated; the
// service's balancer then picks within that tier. A tier is saturated when its outstanding
// requests reach `saturation` × its slots (capacity × routable replicas in the tier); when every
// tier is saturated the call goes to the nearest non-empty one. Replicas that are down but not
// yet detected stay routable (as for the balancer alone), so a tier spills over once its down
// replicas leave rotation. A call without a calling zone (the workload's, unless it has origins:
// workload/client-origins.ts) is not restricted.
import { requireConfig } from '../../base/config-error.js';
import type { Replica } from '../replica.js';

export type LocalityPreference = 'zone' | 'region';

export interface LocalityConfig {
  readonly prefer: LocalityPreference;
  /** Tier load, outstanding ÷ slots, at which calls spill to the next tier (> 0; Infinity: never). */
  readonly saturation: number;
  /** Slots per replica (the service's capacity). */
  readonly capacity: number;
  /** Zone index of each of the service's replicas (by replica index; -1: none). */
  readonly replicaZones: Int32Array;
  /** Region index of each zone (by zone index; -1: none). */
  readonly zoneRegions: Int32Array;
}

const TIERS = 3;

export class Locality {
  readonly prefer: LocalityPreference;
  private readonly saturation: number = 0;
  private readonly capacity: number = 0;
  private readonly replicaZones: Int32Array;
  private readonly zoneRegions: Int32Array;
  /** Scratch arrays, one per tier, refilled at each call (no allocation per call). */
  private readonly tiers: Replica[][] = [[], [], []];

  constructor(c: LocalityConfig) {
    requireConfig(c.prefer === 'zone' || c.prefer === 'region', 'locality', 'prefer', c.prefer, "must be 'zone' or 'region'");
    requireConfig(c.saturation > 0, 'locality', 'saturation', c.saturation, 'must be > 0 (Infinity: never spill for load)');
    this.prefer = c.prefer;
    this.saturation = c.saturation;
    this.capacity = c.capacity;
    this.replicaZones = c.replicaZones;
    this.zoneRegions = c.zoneRegions;
  }

  /** The tier of replica `index` seen from zone `from`: 0 nearest, 2 farthest. */
  private tierOf(from: number, index: number): number {
    const z = this.replicaZones[index] ?? -1;
    const sameZone = z === from;
    const sameRegion = z >= 0 && this.zoneRegions[z] === this.zoneRegions[from] && this.zoneRegions[from]! >= 0;
    if (this.prefer === 'zone') return sameZone ? 0 : sameRegion ? 1 : 2;
    return sameZone || sameRegion ? 0 : 2;
  }

  /**
   * The replicas a call from zone `from` (-1: no zone, no restriction) may go to, among the
   * non-empty `routable`.
   */
  select(routable: readonly Replica[], outstanding: ArrayLike<number>, from: number): readonly Replica[] {
    if (from < 0) return routable;
    const tiers = this.tiers;
    for (let t = 0; t < TIERS; t++) tiers[t]!.length = 0;
    for (const r of routable) tiers[this.tierOf(from, r.index)]!.push(r);
    let nearest: Replica[] | null = null;
    for (let t = 0; t < TIERS; t++) {
      const tier = tiers[t]!;
      if (tier.length === 0) continue;
      if (nearest === null) nearest = tier;
      let load = 0;
      for (const r of tier) load += outstanding[r.index]!;
      if (load < this.saturation * this.capacity * tier.length) return tier;
    }
    return nearest ?? routable;
  }
}
