// Regions group zones (`regions: { us: [a, b], eu: [c] }`): a zone belongs to at most one region.
import { regionZones, type TopologyParams } from './schema.js';

/** The region holding `zone`, or '' when regions are not declared or none holds it. */
export function regionOfZone(p: Pick<TopologyParams, 'regions'>, zone: string): string {
  for (const [name, r] of Object.entries(p.regions)) if (regionZones(r).includes(zone)) return name;
  return '';
}
