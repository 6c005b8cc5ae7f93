// The catalog of completed backups, per destination: applies retention as backups arrive,
// removes the copies a disaster destroys, ransomware deletes or a logical corruption poisons,
// finds the restore candidates, and integrates the GB stored over time (the storage cost proxy).
import { TimeAverage } from '../../engine/time-average.js';
import { chainUsable, rootOf, type Backup, type BackupRemoval } from './backup.js';
import { COPY_LOCATIONS, scopeDestroys, type CopyLocation, type PhysicalScope } from './locations.js';
import { markRetained, validateRetention, type RetentionConfig } from './retention.js';

export class BackupCatalog {
  readonly retention: RetentionConfig;
  /** Per destination, backups in the catalog sorted by start time. */
  private readonly byDest = new Map<CopyLocation, Backup[]>();
  private readonly stored: TimeAverage;
  private _expired = 0;
  private starts = new Float64Array(64);
  private mask = new Uint8Array(64);

  constructor(retention: RetentionConfig, t0 = 0) {
    validateRetention(retention);
    this.retention = retention;
    for (const d of COPY_LOCATIONS) this.byDest.set(d, []);
    this.stored = new TimeAverage(t0, 0);
  }

  /** GB currently held in backup storage. */
  get storedGB(): number {
    return this.stored.current;
  }

  /** Backups removed by retention since the last reset. */
  get expiredCount(): number {
    return this._expired;
  }

  /** Backup storage used from the last reset to `now`, in GB-days. */
  gbDays(now: number): number {
    return this.stored.integral(now) / 86_400;
  }

  resetStats(now: number): void {
    this.stored.reset(now);
    this._expired = 0;
  }

  /** Every backup in the catalog, all destinations. */
  all(): Backup[] {
    const out: Backup[] = [];
    for (const list of this.byDest.values()) out.push(...list);
    return out;
  }

  /**
   * The base for an incremental at `destination`: the newest usable backup whose chain starts at
   * the newest usable full backup there (so a new full starts a new chain even if incrementals
   * started while it ran), or null when there is no usable full backup.
   */
  baseFor(destination: CopyLocation): Backup | null {
    const list = this.byDest.get(destination)!;
    let full: Backup | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const b = list[i]!;
      if (b.kind === 'full' && chainUsable(b)) {
        full = b;
        break;
      }
    }
    if (full === null) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const b = list[i]!;
      if (b === full || b.start < full.start) break;
      if (rootOf(b) === full && chainUsable(b)) return b;
    }
    return full;
  }

  /** Adds a completed backup, then applies retention at its destination. */
  add(b: Backup, now: number): void {
    const list = this.byDest.get(b.destination)!;
    let i = list.length;
    while (i > 0 && list[i - 1]!.start > b.start) i--;
    list.splice(i, 0, b);
    this.stored.add(now, b.storedGB);
    this.applyRetention(b.destination, now);
  }

  private applyRetention(dest: CopyLocation, now: number): void {
    const list = this.byDest.get(dest)!;
    const n = list.length;
    if (this.starts.length < n) {
      this.starts = new Float64Array(2 * n);
      this.mask = new Uint8Array(2 * n);
    }
    const starts = this.starts;
    const mask = this.mask;
    for (let i = 0; i < n; i++) starts[i] = list[i]!.start;
    if (markRetained(starts, n, now, this.retention, mask) === n) return;
    // Keeping a restore point keeps its chain: mark the ancestors of every kept point (parents
    // start earlier at the same destination, so one backward pass suffices).
    const keep = new Set<Backup>();
    for (let i = n - 1; i >= 0; i--) {
      const b = list[i]!;
      if (mask[i] === 1 || keep.has(b)) {
        keep.add(b);
        if (b.parent !== null) keep.add(b.parent);
      }
    }
    if (keep.size === n) return;
    this.removeWhere(dest, now, (b) => !keep.has(b), 'expired');
  }

  /** Removes the backups a physical disaster of `scope` destroys. Returns how many. */
  destroy(scope: PhysicalScope, now: number): number {
    let n = 0;
    for (const d of COPY_LOCATIONS) if (scopeDestroys(scope, d)) n += this.removeWhere(d, now, () => true, 'destroyed');
    return n;
  }

  /** Ransomware: deletes the mutable backups at `destinations`. Returns how many. */
  deleteMutable(destinations: readonly CopyLocation[], now: number): number {
    let n = 0;
    for (const d of destinations) n += this.removeWhere(d, now, (b) => !b.immutable, 'deleted');
    return n;
  }

  /** Removes backups started at or after `t` (they hold logically corrupted data). */
  purgeFrom(t: number, now: number): number {
    let n = 0;
    for (const d of COPY_LOCATIONS) n += this.removeWhere(d, now, (b) => b.start >= t, 'poisoned');
    return n;
  }

  /**
   * Restore candidates, newest first, over all destinations: restore points started before
   * `cutoff` whose chain is complete and holds no backup known to be corrupt.
   */
  candidates(cutoff = Infinity): Backup[] {
    const out: Backup[] = [];
    for (const list of this.byDest.values()) for (const b of list) if (b.start < cutoff && chainUsable(b)) out.push(b);
    out.sort((a, b) => b.start - a.start || b.id - a.id);
    return out;
  }

  /** The newest backup no restore test has read and not known to be corrupt, or null. */
  newestUntested(): Backup | null {
    let best: Backup | null = null;
    for (const list of this.byDest.values()) {
      for (let i = list.length - 1; i >= 0; i--) {
        const b = list[i]!;
        if (!b.verified && chainUsable(b)) {
          if (best === null || b.start > best.start || (b.start === best.start && b.id > best.id)) best = b;
          break;
        }
      }
    }
    return best;
  }

  private removeWhere(dest: CopyLocation, now: number, drop: (b: Backup) => boolean, why: BackupRemoval): number {
    const list = this.byDest.get(dest)!;
    let n = 0;
    let freed = 0;
    let w = 0;
    for (let r = 0; r < list.length; r++) {
      const b = list[r]!;
      // A backup whose parent has gone is useless (its chain is broken): it goes too.
      const orphan = b.parent !== null && b.parent.removed !== null;
      if (drop(b) || orphan) {
        b.removed = orphan && !drop(b) ? 'orphaned' : why;
        freed += b.storedGB;
        n++;
        if (why === 'expired') this._expired++;
      } else list[w++] = b;
    }
    list.length = w;
    if (freed > 0 || n > 0) this.stored.add(now, -freed);
    // Orphans at other destinations (an incremental never crosses destinations, so none).
    return n;
  }
}
