// Where the workload's requests come from (`workload.origins`): shares by zone or region, resolved
// to shares by zone (a region's share split evenly over its zones; a key naming both a region and
// a zone is the region). A zone named twice (itself and through its region) gets both shares.
import { regionZones, type TopologyParams } from './schema.js';

export interface OriginZone {
  readonly zone: string;
  readonly share: number;
}

/** The origin zones and their shares, in the order the file names them; empty without origins. */
export function originZones(p: Pick<TopologyParams, 'regions' | 'workload'>): OriginZone[] {
  const shares = new Map<string, number>();
  const add = (zone: string, share: number): void => void shares.set(zone, (shares.get(zone) ?? 0) + share);
  for (const [key, share] of Object.entries(p.workload?.origins ?? {})) {
    const region = p.regions[key];
    if (region === undefined) add(key, share);
    else {
      const zones = regionZones(region);
      for (const z of zones) add(z, share / zones.length);
    }
  }
  return [...shares].map(([zone, share]) => ({ zone, share }));
}
