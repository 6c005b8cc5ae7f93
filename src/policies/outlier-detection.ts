import { z } from 'zod';
import { check, duration, parseConfig } from './config.js';

/**
 * Envoy outlier detection, consecutive-5xx part (config.cluster.v3.OutlierDetection, DetectorImpl).
 *  - per host a consecutive-failure counter; a success resets it; when it reaches consecutive5xx EXACTLY
 *    (Envoy uses ==) the host is ejected if allowed, and the counter is reset either way;
 *  - ejection allowed iff 100·ejected/hosts < maxEjectionPercent, or no host is ejected at all
 *    ("at least one host can always be ejected");
 *  - on ejection: numEjections++, and the backoff multiplier m++ while m·base < max + base;
 *  - sweeps run every `interval` from startTime. At a sweep an ejected host is returned iff
 *    min(base·m, max) <= now − ejectedAt (so ejections end on sweep boundaries); a non-ejected host's m is
 *    decremented by 1 if > 0 (the multiplier decays by one per healthy interval);
 *  - an unejected host's consecutive counter is reset.
 * Success-rate and failure-percentage ejection (statistical, at sweeps) are not implemented.
 * Sweeps are applied lazily: every method first catches up on all sweeps due at or before `now`.
 */
export const outlierDetectionConfigSchema = z
  .object({
    consecutive5xx: z.number().int().min(1).default(5),
    interval: duration(z.number().positive()).default(10).describe('seconds between analysis sweeps'),
    baseEjectionTime: duration(z.number().positive()).default(30).describe('seconds'),
    maxEjectionTime: duration(z.number().positive()).default(300).describe('seconds'),
    maxEjectionPercent: z.number().min(0).max(100).default(10),
    enforcingConsecutive5xx: z.number().min(0).max(100).default(100).describe('percent chance a detected outlier is actually ejected (needs rng if < 100)'),
  })
  .strict();

export type OutlierDetectionConfigInput = z.input<typeof outlierDetectionConfigSchema>;
export type OutlierDetectionConfig = z.output<typeof outlierDetectionConfigSchema>;

export type HostId = string | number;

interface HostState {
  consecutive: number;
  ejected: boolean;
  ejectedAt: number;
  multiplier: number;
  numEjections: number;
}

export interface OutlierEjectionEvent {
  readonly host: HostId;
  readonly kind: 'eject' | 'uneject' | 'overflow';
  readonly at: number;
}

export class OutlierDetector {
  readonly config: Readonly<OutlierDetectionConfig>;
  private readonly hosts = new Map<HostId, HostState>();
  private nextSweep: number;
  private activeEjections = 0;
  private overflow = 0;
  private readonly listener: ((e: OutlierEjectionEvent) => void) | undefined;
  private readonly rng: (() => number) | undefined;

  constructor(
    config: OutlierDetectionConfigInput = {},
    hosts: readonly HostId[] = [],
    options: { readonly startTime?: number; readonly rng?: () => number; readonly onEvent?: (e: OutlierEjectionEvent) => void } = {},
  ) {
    this.config = parseConfig('outlierDetection', outlierDetectionConfigSchema, config);
    check(this.config.maxEjectionTime >= this.config.baseEjectionTime, 'outlierDetection', 'maxEjectionTime', this.config.maxEjectionTime, `cannot be smaller than baseEjectionTime (${this.config.baseEjectionTime})`);
    check(this.config.enforcingConsecutive5xx === 100 || options.rng !== undefined, 'outlierDetection', 'enforcingConsecutive5xx', this.config.enforcingConsecutive5xx, 'values below 100 need an rng option');
    this.nextSweep = (options.startTime ?? 0) + this.config.interval;
    this.listener = options.onEvent;
    this.rng = options.rng;
    for (const h of hosts) this.addHost(h);
  }

  addHost(host: HostId): void {
    if (!this.hosts.has(host)) this.hosts.set(host, { consecutive: 0, ejected: false, ejectedAt: 0, multiplier: 0, numEjections: 0 });
  }

  removeHost(host: HostId): void {
    const h = this.hosts.get(host);
    if (h?.ejected) this.activeEjections--;
    this.hosts.delete(host);
  }

  private host(host: HostId): HostState {
    let h = this.hosts.get(host);
    if (h === undefined) {
      this.addHost(host);
      h = this.hosts.get(host)!;
    }
    return h;
  }

  /** Time of the next analysis sweep (the engine may schedule a tick then to get exact unejection events). */
  nextSweepAt(): number {
    return this.nextSweep;
  }

  /** Runs every sweep due at or before now. */
  tick(now: number): void {
    while (this.nextSweep <= now) {
      const t = this.nextSweep;
      this.sweep(t);
      this.nextSweep = t + this.config.interval;
      if (this.activeEjections === 0 && [...this.hosts.values()].every((h) => h.multiplier === 0)) {
        // nothing can change until the next failure: jump to the last sweep <= now
        const skip = Math.floor((now - this.nextSweep) / this.config.interval);
        if (skip > 0) this.nextSweep += skip * this.config.interval;
      }
    }
  }

  private sweep(t: number): void {
    const base = this.config.baseEjectionTime;
    const max = this.config.maxEjectionTime;
    for (const [id, h] of this.hosts) {
      if (!h.ejected) {
        if (h.multiplier > 0) h.multiplier--;
        continue;
      }
      if (Math.min(base * h.multiplier, max) <= t - h.ejectedAt + 1e-9) {
        h.ejected = false;
        h.consecutive = 0;
        this.activeEjections--;
        this.listener?.({ host: id, kind: 'uneject', at: t });
      }
    }
  }

  /** Reports one response from `host`: ok = success, otherwise a 5xx / local-origin failure. */
  onResult(host: HostId, now: number, ok: boolean): void {
    this.tick(now);
    const h = this.host(host);
    if (ok) {
      h.consecutive = 0;
      return;
    }
    if (++h.consecutive === this.config.consecutive5xx) {
      if (!h.ejected) this.tryEject(host, h, now);
      h.consecutive = 0;
    }
  }

  private tryEject(id: HostId, h: HostState, now: number): void {
    const pct = (100 * this.activeEjections) / this.hosts.size;
    if (!(pct < this.config.maxEjectionPercent || this.activeEjections === 0)) {
      this.overflow++;
      this.listener?.({ host: id, kind: 'overflow', at: now });
      return;
    }
    if (this.config.enforcingConsecutive5xx < 100 && !(this.rng!() * 100 < this.config.enforcingConsecutive5xx)) return;
    h.ejected = true;
    h.ejectedAt = now;
    h.numEjections++;
    this.activeEjections++;
    if (h.multiplier * this.config.baseEjectionTime < this.config.maxEjectionTime + this.config.baseEjectionTime) h.multiplier++;
    this.listener?.({ host: id, kind: 'eject', at: now });
  }

  isEjected(host: HostId, now: number): boolean {
    this.tick(now);
    return this.hosts.get(host)?.ejected ?? false;
  }

  /** Hosts eligible for load balancing at `now`. */
  healthyHosts(now: number): HostId[] {
    this.tick(now);
    return [...this.hosts].filter(([, h]) => !h.ejected).map(([id]) => id);
  }

  ejectedHosts(now: number): HostId[] {
    this.tick(now);
    return [...this.hosts].filter(([, h]) => h.ejected).map(([id]) => id);
  }

  /** Times this host has been ejected so far. */
  ejectionCount(host: HostId): number {
    return this.hosts.get(host)?.numEjections ?? 0;
  }

  /** Current backoff multiplier m (ejection lasts min(base·m, max), rounded up to a sweep). */
  ejectionMultiplier(host: HostId, now: number): number {
    this.tick(now);
    return this.hosts.get(host)?.multiplier ?? 0;
  }

  get totalEjections(): number {
    let n = 0;
    for (const h of this.hosts.values()) n += h.numEjections;
    return n;
  }

  /** Ejections refused because of maxEjectionPercent (Envoy ejections_overflow). */
  get overflowCount(): number {
    return this.overflow;
  }
}
