// One backup: a copy of the data consistent as of its START (a snapshot), usable once it has
// completed. An incremental backup holds only the writes since its parent and is restorable
// only together with its whole chain (parent, grandparent, ... back to a full backup).
import type { CopyLocation } from './locations.js';

export type BackupKind = 'full' | 'incremental';

/** Why a backup left the catalog. */
export type BackupRemoval = 'expired' | 'destroyed' | 'deleted' | 'poisoned' | 'orphaned';

export interface Backup {
  /** Sequence number within the run (1, 2, ...). */
  readonly id: number;
  /** Name of the schedule that took it. */
  readonly schedule: string;
  readonly kind: BackupKind;
  readonly destination: CopyLocation;
  /** Immutable (object lock): ransomware cannot delete it. */
  readonly immutable: boolean;
  /** Simulated time the backup started: its recovery point. */
  readonly start: number;
  /** Simulated time it completed. */
  readonly end: number;
  /** GB it occupies in backup storage. */
  readonly storedGB: number;
  /** Size of the data set it restores to, GB. */
  readonly dataSizeGB: number;
  /** The store's write counter at `start`. */
  readonly writesAtStart: number;
  /** The backup this incremental builds on (null for a full backup). */
  readonly parent: Backup | null;
  /** Ground truth: silently corrupt (nobody knows until a restore or a restore test reads it). */
  readonly corrupt: boolean;
  /** A restore or a restore test found it corrupt. */
  knownCorrupt: boolean;
  /** A restore test read it and found it good. */
  verified: boolean;
  /** Set when it leaves the catalog. */
  removed: BackupRemoval | null;
}

/** The backup and its ancestors, newest first (the backup itself, its parent, ..., the full). */
export function chainOf(b: Backup): Backup[] {
  const out: Backup[] = [];
  for (let x: Backup | null = b; x !== null; x = x.parent) out.push(x);
  return out;
}

/** The full backup at the root of the chain. */
export function rootOf(b: Backup): Backup {
  let x = b;
  while (x.parent !== null) x = x.parent;
  return x;
}

/** GB read to restore the backup: the sum over its chain. */
export function chainSizeGB(b: Backup): number {
  let s = 0;
  for (let x: Backup | null = b; x !== null; x = x.parent) s += x.storedGB;
  return s;
}

/** The chain is complete (no element has left the catalog) and none is known to be corrupt. */
export function chainUsable(b: Backup): boolean {
  for (let x: Backup | null = b; x !== null; x = x.parent) if (x.removed !== null || x.knownCorrupt) return false;
  return true;
}

/**
 * The first corrupt element met when restoring the chain (restores read the full backup first,
 * then each incremental in order), or null when the whole chain is good.
 */
export function firstCorruptInRestoreOrder(b: Backup): Backup | null {
  const chain = chainOf(b);
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i]!.corrupt) return chain[i]!;
  return null;
}
