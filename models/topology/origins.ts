// Where the workload's requests come from (`workload.origins`): shares by zone or region, resolved
// to shares by zone (a region's share split evenly over its zones; a key naming both a region and
// a zone is the region). Each origin zone belongs to one key (the schema refuses a zone named
// both itself and through its region), whose name its requests are reported under.
import { regionZones, type TopologyParams } from './schema.js';

export interface OriginZone {
  readonly zone: string;
  readonly share: number;
  /** Index of its key in `workload.origins`. */
  readonly group: number;
}

/** The origin zones and their shares, in the order the file names them; empty without origins. */
export function originZones(p: Pick<TopologyParams, 'regions' | 'workload'>): OriginZone[] {
  return Object.entries(p.workload?.origins ?? {}).flatMap(([key, share], group) => {
    const region = p.regions[key];
    if (region === undefined) return [{ zone: key, share, group }];
    const zones = regionZones(region);
    return zones.map((zone) => ({ zone, share: share / zones.length, group }));
  });
}

/** The names of the origin groups (the keys of `workload.origins`). */
export function originGroups(p: Pick<TopologyParams, 'workload'>): string[] {
  return Object.keys(p.workload?.origins ?? {});
}
