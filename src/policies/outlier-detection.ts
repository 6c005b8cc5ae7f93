import { z } from 'zod';
import { requireConfig } from '../base/config-error.js';
import { duration, parseConfig, MAX_COUNT } from './config.js';

/**
 * Envoy outlier detection (config.cluster.v3.OutlierDetection, DetectorImpl): consecutive 5xx,
 * success rate and failure percentage.
 *  - per host a consecutive-failure counter; a success resets it; when it reaches consecutive5xx EXACTLY
 *    (Envoy uses ==) the host is ejected if allowed, and the counter is reset either way;
 *  - ejection allowed iff 100·ejected/hosts < maxEjectionPercent, or no host is ejected at all
 *    ("at least one host can always be ejected");
 *  - on ejection: numEjections++, and the backoff multiplier m++ while m·base < max + base;
 *  - sweeps run every `interval` from startTime. At a sweep an ejected host is returned iff
 *    min(base·m, max) <= now − ejectedAt (so ejections end on sweep boundaries); a non-ejected host's m is
 *    decremented by 1 if > 0 (the multiplier decays by one per healthy interval);
 *  - an unejected host's consecutive counter is reset.
 * Statistical ejection, at each sweep, after the unejections, from each host's requests since the
 * previous sweep (hosts already ejected are left out):
 *  - success rate: among hosts with at least successRateRequestVolume requests, if there are at
 *    least successRateMinimumHosts of them, with success rates r (in %) of mean μ and population
 *    standard deviation σ, a host with r < μ − (successRateStdevFactor / 1000)·σ is an outlier,
 *    ejected with probability enforcingSuccessRate %;
 *  - failure percentage: among hosts with at least failurePercentageRequestVolume requests, if there
 *    are at least failurePercentageMinimumHosts of them, a host with 100 − r ≥
 *    failurePercentageThreshold is an outlier, ejected with probability enforcingFailurePercentage %
 *    (Envoy's default 0: off);
 *  - either way under the same maxEjectionPercent rule. Envoy's defaults throughout.
 * Sweeps are applied lazily: every method first catches up on all sweeps due at or before `now`.
 */
export const outlierDetectionConfigSchema = z
  .object({
    consecutive5xx: z.number().int().min(1).max(MAX_COUNT).default(5),
    interval: duration(z.number().positive()).default(10).describe('seconds between analysis sweeps'),
    baseEjectionTime: duration(z.number().positive()).default(30).describe('seconds'),
    maxEjectionTime: duration(z.number().positive()).default(300).describe('seconds'),
    maxEjectionPercent: z.number().min(0).max(100).default(10),
    enforcingConsecutive5xx: z.number().min(0).max(100).default(100).describe('percent chance a detected outlier is actually ejected (needs rng if < 100)'),
    successRateMinimumHosts: z.number().int().min(1).max(MAX_COUNT).default(5).describe('hosts with enough requests needed for success-rate ejection'),
    successRateRequestVolume: z.number().int().min(1).max(MAX_COUNT).default(100).describe('requests in the interval for a host to count in success-rate ejection'),
    successRateStdevFactor: z.number().min(0).default(1900).describe('ejection below mean − (factor / 1000) × stdev of the success rates'),
    enforcingSuccessRate: z.number().min(0).max(100).default(100).describe('percent chance a success-rate outlier is ejected'),
    failurePercentageThreshold: z.number().min(0).max(100).default(85).describe('failure percentage at or above which a host is an outlier'),
    enforcingFailurePercentage: z.number().min(0).max(100).default(0).describe('percent chance a failure-percentage outlier is ejected (0: off)'),
    failurePercentageMinimumHosts: z.number().int().min(1).max(MAX_COUNT).default(5).describe('hosts with enough requests needed for failure-percentage ejection'),
    failurePercentageRequestVolume: z.number().int().min(1).max(MAX_COUNT).default(50).describe('requests in the interval for a host to count in failure-percentage ejection'),
  })
  .strict();

export type OutlierDetectionConfigInput = z.input<typeof outlierDetectionConfigSchema>;
export type OutlierDetectionConfig = z.output<typeof outlierDetectionConfigSchema>;

export type HostId = string | number;

interface HostState {
  consecutive: number;
  /** Successes and failures since the last sweep. */
  okCount: number;
  failCount: number;
  ejected: boolean;
  ejectedAt: number;
  multiplier: number;
  numEjections: number;
}

export type OutlierEjectionReason = 'consecutive-5xx' | 'success-rate' | 'failure-percentage';

export interface OutlierEjectionEvent {
  readonly host: HostId;
  readonly kind: 'eject' | 'uneject' | 'overflow';
  readonly at: number;
  /** Why the host was found an outlier (eject and overflow). */
  readonly reason?: OutlierEjectionReason;
}

export class OutlierDetector {
  readonly config: Readonly<OutlierDetectionConfig>;
  private readonly hosts = new Map<HostId, HostState>();
  private nextSweep: number;
  private activeEjections = 0;
  private overflow = 0;
  private readonly byReason: Record<OutlierEjectionReason, number> = { 'consecutive-5xx': 0, 'success-rate': 0, 'failure-percentage': 0 };
  private readonly listener: ((e: OutlierEjectionEvent) => void) | undefined;
  private readonly rng: (() => number) | undefined;

  constructor(
    config: OutlierDetectionConfigInput = {},
    hosts: readonly HostId[] = [],
    options: { readonly startTime?: number; readonly rng?: () => number; readonly onEvent?: (e: OutlierEjectionEvent) => void } = {},
  ) {
    this.config = parseConfig('outlierDetection', outlierDetectionConfigSchema, config);
    requireConfig(this.config.maxEjectionTime >= this.config.baseEjectionTime, 'outlierDetection', 'maxEjectionTime', this.config.maxEjectionTime, `cannot be smaller than baseEjectionTime (${this.config.baseEjectionTime})`);
    for (const k of ['enforcingConsecutive5xx', 'enforcingSuccessRate', 'enforcingFailurePercentage'] as const) {
      const v = this.config[k];
      requireConfig(v === 0 || v === 100 || options.rng !== undefined, 'outlierDetection', k, v, 'values strictly between 0 and 100 need an rng option');
    }
    this.nextSweep = (options.startTime ?? 0) + this.config.interval;
    this.listener = options.onEvent;
    this.rng = options.rng;
    for (const h of hosts) this.addHost(h);
  }

  addHost(host: HostId): void {
    if (!this.hosts.has(host)) this.hosts.set(host, { consecutive: 0, okCount: 0, failCount: 0, ejected: false, ejectedAt: 0, multiplier: 0, numEjections: 0 });
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
    let volume = 0;
    for (const [id, h] of this.hosts) {
      volume += h.okCount + h.failCount;
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
    if (volume === 0) return;
    this.statisticalEjections(t);
    for (const h of this.hosts.values()) h.okCount = h.failCount = 0;
  }

  /** Success-rate and failure-percentage ejections over the interval ending at `t`. */
  private statisticalEjections(t: number): void {
    const c = this.config;
    const sr: [HostId, HostState, number][] = [];
    const fp: [HostId, HostState, number][] = [];
    for (const [id, h] of this.hosts) {
      const n = h.okCount + h.failCount;
      if (h.ejected || n === 0) continue;
      const rate = (100 * h.okCount) / n;
      if (n >= c.successRateRequestVolume) sr.push([id, h, rate]);
      if (n >= c.failurePercentageRequestVolume) fp.push([id, h, rate]);
    }
    if (c.enforcingSuccessRate > 0 && sr.length >= c.successRateMinimumHosts) {
      const threshold = successRateThreshold(sr.map(([, , r]) => r), c.successRateStdevFactor / 1000);
      for (const [id, h, r] of sr) if (r < threshold) this.tryEject(id, h, t, c.enforcingSuccessRate, 'success-rate');
    }
    if (c.enforcingFailurePercentage > 0 && fp.length >= c.failurePercentageMinimumHosts) {
      for (const [id, h, r] of fp) {
        if (!h.ejected && 100 - r >= c.failurePercentageThreshold) this.tryEject(id, h, t, c.enforcingFailurePercentage, 'failure-percentage');
      }
    }
  }

  /** Reports one response from `host`: ok = success, otherwise a 5xx / local-origin failure. */
  onResult(host: HostId, now: number, ok: boolean): void {
    this.tick(now);
    const h = this.host(host);
    if (ok) {
      h.okCount++;
      h.consecutive = 0;
      return;
    }
    h.failCount++;
    if (++h.consecutive === this.config.consecutive5xx) {
      if (!h.ejected) this.tryEject(host, h, now, this.config.enforcingConsecutive5xx, 'consecutive-5xx');
      h.consecutive = 0;
    }
  }

  private tryEject(id: HostId, h: HostState, now: number, enforcing: number, reason: OutlierEjectionReason): void {
    const pct = (100 * this.activeEjections) / this.hosts.size;
    if (!(pct < this.config.maxEjectionPercent || this.activeEjections === 0)) {
      this.overflow++;
      this.listener?.({ host: id, kind: 'overflow', at: now, reason });
      return;
    }
    if (enforcing < 100 && (enforcing <= 0 || !(this.rng!() * 100 < enforcing))) return;
    h.ejected = true;
    h.ejectedAt = now;
    h.numEjections++;
    this.byReason[reason]++;
    this.activeEjections++;
    if (h.multiplier * this.config.baseEjectionTime < this.config.maxEjectionTime + this.config.baseEjectionTime) h.multiplier++;
    this.listener?.({ host: id, kind: 'eject', at: now, reason });
  }

  /** Ejections so far for `reason`, over all hosts. */
  ejectionsFor(reason: OutlierEjectionReason): number {
    return this.byReason[reason];
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

/**
 * Envoy's success-rate ejection threshold: mean − factor × population standard deviation of the
 * hosts' success rates (e.g. rates {50, 100, 100, 100, 100}, factor 1.9: 90 − 1.9 × 20 = 52).
 */
export function successRateThreshold(rates: readonly number[], factor: number): number {
  const n = rates.length;
  let sum = 0;
  for (const r of rates) sum += r;
  const mean = sum / n;
  let v = 0;
  for (const r of rates) v += (r - mean) * (r - mean);
  return mean - factor * Math.sqrt(v / n);
}
