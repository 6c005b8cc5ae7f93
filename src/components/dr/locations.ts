// Where copies of the data live, relative to the primary copy, and which copies a physical
// disaster takes with it. Locations are relative: after a recovery the surviving copies keep
// their labels (an approximation: the model does not track absolute geography).

/** Where a backup or a replica is kept, relative to the primary. */
export type CopyLocation = 'same-zone' | 'other-zone' | 'other-region';

export const COPY_LOCATIONS: readonly CopyLocation[] = ['same-zone', 'other-zone', 'other-region'];

/** The blast radius of a physical disaster: the primary's disk (node), its zone, or its region. */
export type PhysicalScope = 'disk' | 'zone' | 'region';

/**
 * True when losing `scope` around the primary also loses a copy kept at `location`.
 * A disk loss takes only the primary's own disk (copies on other nodes survive); a zone loss
 * takes same-zone copies; a region loss takes every copy except those in another region.
 */
export function scopeDestroys(scope: PhysicalScope, location: CopyLocation): boolean {
  switch (scope) {
    case 'disk':
      return false;
    case 'zone':
      return location === 'same-zone';
    case 'region':
      return location !== 'other-region';
  }
}
