import { z } from 'zod';
import { duration, parseConfig, MAX_COUNT } from './config.js';

export interface RateLimitDecision {
  /** true = the call may proceed after waitS seconds (a permit is reserved); false = reject now */
  readonly permitted: boolean;
  /** seconds the caller must wait before proceeding (0 when immediate; the would-be wait when rejected) */
  readonly waitS: number;
}

export interface RateLimiter {
  acquire(now: number, permits?: number): RateLimitDecision;
  readonly rejectedCount: number;
}

/**
 * resilience4j AtomicRateLimiter. Time (from startTime) is cut into cycles of limitRefreshPeriod; at each new cycle
 * activePermissions = min(activePermissions + elapsedCycles·limitForPeriod, limitForPeriod) — i.e. SET to
 * limitForPeriod unless earlier reservations left it negative. A caller that must wait reserves a future permit
 * (permissions go negative) iff the wait is <= timeoutDuration. Arithmetic in integer nanoseconds, as r4j.
 * Builder defaults: limitForPeriod 50, limitRefreshPeriod 500 ns (!), timeoutDuration 5 s.
 */
export const resilience4jRateLimiterConfigSchema = z
  .object({
    profile: z.literal('resilience4j').default('resilience4j'),
    limitForPeriod: z.number().int().min(1).max(MAX_COUNT).default(50),
    limitRefreshPeriod: duration(z.number().min(1e-9)).default(500e-9).describe('seconds (resilience4j default 500 ns)'),
    timeoutDuration: duration(z.number().min(0)).default(5).describe('seconds a caller may wait for a permit'),
  })
  .strict();

export type Resilience4jRateLimiterConfigInput = z.input<typeof resilience4jRateLimiterConfigSchema>;
export type Resilience4jRateLimiterConfig = z.output<typeof resilience4jRateLimiterConfigSchema>;

const NS = 1e9;
const toNs = (s: number): number => Math.round(s * NS);

export class Resilience4jRateLimiter implements RateLimiter {
  readonly config: Readonly<Resilience4jRateLimiterConfig>;
  private readonly periodNs: number;
  private readonly timeoutNs: number;
  private activeCycle = 0;
  private activePermissions: number;
  private rejected = 0;

  constructor(config: Resilience4jRateLimiterConfigInput = {}, readonly startTime = 0) {
    this.config = parseConfig('rateLimiter(resilience4j)', resilience4jRateLimiterConfigSchema, config);
    this.periodNs = toNs(this.config.limitRefreshPeriod);
    this.timeoutNs = toNs(this.config.timeoutDuration);
    this.activePermissions = this.config.limitForPeriod;
  }

  private refresh(nowNs: number): void {
    const cycle = Math.floor(nowNs / this.periodNs);
    if (cycle > this.activeCycle) {
      const accumulated = (cycle - this.activeCycle) * this.config.limitForPeriod;
      this.activePermissions = Math.min(this.activePermissions + accumulated, this.config.limitForPeriod);
      this.activeCycle = cycle;
    }
  }

  /** Permissions available now (negative = reserved ahead). */
  availablePermissions(now: number): number {
    this.refresh(toNs(now - this.startTime));
    return this.activePermissions;
  }

  acquire(now: number, permits = 1): RateLimitDecision {
    const nowNs = toNs(now - this.startTime);
    this.refresh(nowNs);
    let waitNs = 0;
    if (this.activePermissions < permits) {
      const nextCycleNs = (this.activeCycle + 1) * this.periodNs;
      const toNextCycle = nextCycleNs - nowNs;
      const atNextCycle = this.activePermissions + this.config.limitForPeriod;
      const fullCycles = Math.max(0, Math.ceil((permits - atNextCycle) / this.config.limitForPeriod));
      waitNs = fullCycles * this.periodNs + toNextCycle;
    }
    if (waitNs <= this.timeoutNs) {
      this.activePermissions -= permits;
      return { permitted: true, waitS: waitNs / NS };
    }
    this.rejected++;
    return { permitted: false, waitS: waitNs / NS };
  }

  get rejectedCount(): number {
    return this.rejected;
  }
}

/**
 * Token bucket (rate tokens/s, capacity burst, starts full). A call needs one token; if none is available it may
 * reserve one (tokens go negative) when the wait is <= timeoutDuration (default 0 = reject at once).
 */
export const tokenBucketRateLimiterConfigSchema = z
  .object({
    profile: z.literal('token-bucket'),
    rate: z.number().positive().max(1e9).describe('tokens per second (at most 1e9, the bound of every rate)'),
    burst: z.number().min(1).max(MAX_COUNT).describe('bucket capacity'),
    timeoutDuration: duration(z.number().min(0)).default(0).describe('seconds a caller may wait for a token'),
  })
  .strict();

export type TokenBucketRateLimiterConfigInput = z.input<typeof tokenBucketRateLimiterConfigSchema>;
export type TokenBucketRateLimiterConfig = z.output<typeof tokenBucketRateLimiterConfigSchema>;

export class TokenBucketRateLimiter implements RateLimiter {
  readonly config: Readonly<TokenBucketRateLimiterConfig>;
  private tokens: number;
  private last: number;
  private rejected = 0;

  constructor(config: Omit<TokenBucketRateLimiterConfigInput, 'profile'> & { profile?: 'token-bucket' }, startTime = 0) {
    this.config = parseConfig('rateLimiter(token-bucket)', tokenBucketRateLimiterConfigSchema, { ...config, profile: 'token-bucket' });
    this.tokens = this.config.burst;
    this.last = startTime;
  }

  tokensAt(now: number): number {
    if (now > this.last) {
      this.tokens = Math.min(this.config.burst, this.tokens + (now - this.last) * this.config.rate);
      this.last = now;
    }
    return this.tokens;
  }

  acquire(now: number, permits = 1): RateLimitDecision {
    const t = this.tokensAt(now);
    const waitS = t >= permits ? 0 : (permits - t) / this.config.rate;
    if (waitS <= this.config.timeoutDuration) {
      this.tokens -= permits;
      return { permitted: true, waitS };
    }
    this.rejected++;
    return { permitted: false, waitS };
  }

  get rejectedCount(): number {
    return this.rejected;
  }
}

export const rateLimiterConfigSchema = z.union([resilience4jRateLimiterConfigSchema, tokenBucketRateLimiterConfigSchema]);
export type RateLimiterConfigInput = Resilience4jRateLimiterConfigInput | TokenBucketRateLimiterConfigInput;

export function createRateLimiter(config: RateLimiterConfigInput = {}, startTime = 0): RateLimiter {
  if (config.profile === 'token-bucket') return new TokenBucketRateLimiter(config, startTime);
  return new Resilience4jRateLimiter(config, startTime);
}
