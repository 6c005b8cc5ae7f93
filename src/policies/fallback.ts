import { z } from 'zod';
import { duration, parseConfig } from './config.js';
import { outcomeSchema, type Outcome } from './outcome.js';

/**
 * Fallback: when the wrapped call ends with one of `on`, answer with a degraded success (outcome 'fallback')
 * after `latency` more seconds (a cache lookup, a default value...).
 */
export const fallbackConfigSchema = z
  .object({
    latency: duration(z.number().min(0)).default(0).describe('seconds the fallback itself takes'),
    on: z.array(outcomeSchema).default(['error', 'timeout', 'rejected', 'shed', 'circuit-open']).describe('outcomes replaced by the fallback'),
  })
  .strict();

export type FallbackConfigInput = z.input<typeof fallbackConfigSchema>;
export type FallbackConfig = z.output<typeof fallbackConfigSchema>;

export class FallbackPolicy {
  readonly config: Readonly<FallbackConfig>;
  private used = 0;

  constructor(config: FallbackConfigInput = {}) {
    this.config = parseConfig('fallback', fallbackConfigSchema, config);
  }

  handles(outcome: Outcome): boolean {
    return outcome !== 'ok' && outcome !== 'fallback' && this.config.on.includes(outcome);
  }

  /** The replacement for `outcome`, or undefined to pass it through. */
  apply(outcome: Outcome): { readonly outcome: 'fallback'; readonly latencyS: number } | undefined {
    if (!this.handles(outcome)) return undefined;
    this.used++;
    return { outcome: 'fallback', latencyS: this.config.latency };
  }

  get fallbacksUsed(): number {
    return this.used;
  }
}
