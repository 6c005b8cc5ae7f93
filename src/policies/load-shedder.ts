import { z } from 'zod';
import { duration, parseConfig, MAX_COUNT } from './config.js';

/**
 * Admission control at a service. Each limit is optional; a request is shed if ANY enabled rule fires:
 *   queue length   queueLength >= maxQueueLength            (queueLength excludes the arriving request)
 *   queue time     queueDelay > maxQueueTime                (queueDelay = expectedWaitS if given, else oldestQueuedAgeS)
 *   concurrency    inFlight >= maxConcurrency               (inFlight = admitted and not yet completed, as the engine counts)
 *   priority       non-critical requests are shed when utilisation >= priority.utilisationThreshold
 *                  or queueDelay >= priority.queueDelayThreshold (critical ones only by the hard limits above)
 */
export const loadShedderConfigSchema = z
  .object({
    maxQueueLength: z.number().int().min(0).max(MAX_COUNT).optional(),
    maxQueueTime: duration(z.number().min(0)).optional().describe('seconds'),
    maxConcurrency: z.number().int().min(1).max(MAX_COUNT).optional(),
    priority: z
      .object({
        utilisationThreshold: z.number().min(0).max(1).optional().describe('0..1'),
        queueDelayThreshold: duration(z.number().min(0)).optional().describe('seconds'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type LoadShedderConfigInput = z.input<typeof loadShedderConfigSchema>;
export type LoadShedderConfig = z.output<typeof loadShedderConfigSchema>;

export interface AdmissionSignals {
  readonly queueLength: number;
  readonly inFlight: number;
  /** age of the head-of-line request (0 if the queue is empty), seconds */
  readonly oldestQueuedAgeS: number;
  /** optional estimate of the wait a new request would see, seconds; takes precedence over oldestQueuedAgeS */
  readonly expectedWaitS?: number;
  /** 0..1 */
  readonly utilisation: number;
  readonly critical: boolean;
}

export type ShedReason = 'queue-length' | 'queue-time' | 'concurrency' | 'priority';

export class LoadShedder {
  readonly config: Readonly<LoadShedderConfig>;
  private readonly counts: Record<ShedReason, number> = { 'queue-length': 0, 'queue-time': 0, concurrency: 0, priority: 0 };
  private admittedCount = 0;

  constructor(config: LoadShedderConfigInput = {}) {
    this.config = parseConfig('loadShedder', loadShedderConfigSchema, config);
  }

  /** Pure decision with the reason (no counters touched). */
  evaluate(s: AdmissionSignals): { decision: 'admit' } | { decision: 'shed'; reason: ShedReason } {
    const c = this.config;
    const delay = s.expectedWaitS ?? s.oldestQueuedAgeS;
    if (c.maxQueueLength !== undefined && s.queueLength >= c.maxQueueLength) return { decision: 'shed', reason: 'queue-length' };
    if (c.maxQueueTime !== undefined && delay > c.maxQueueTime) return { decision: 'shed', reason: 'queue-time' };
    if (c.maxConcurrency !== undefined && s.inFlight >= c.maxConcurrency) return { decision: 'shed', reason: 'concurrency' };
    const p = c.priority;
    if (!s.critical && p !== undefined) {
      if ((p.utilisationThreshold !== undefined && s.utilisation >= p.utilisationThreshold) || (p.queueDelayThreshold !== undefined && delay >= p.queueDelayThreshold)) {
        return { decision: 'shed', reason: 'priority' };
      }
    }
    return { decision: 'admit' };
  }

  admit(_now: number, s: AdmissionSignals): 'admit' | 'shed' {
    const r = this.evaluate(s);
    if (r.decision === 'shed') this.counts[r.reason]++;
    else this.admittedCount++;
    return r.decision;
  }

  get shedByReason(): Readonly<Record<ShedReason, number>> {
    return this.counts;
  }
  get admitted(): number {
    return this.admittedCount;
  }
}
